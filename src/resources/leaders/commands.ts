/** Leader commands. */
import type { z } from 'zod';
import { leaders } from '../../db/schema.js';
import type { WriteCtx } from '../../services/write.js';
import type { newLeaderBody } from './schemas.js';

export async function createLeader(w: WriteCtx, body: z.output<typeof newLeaderBody>) {
  const [row] = await w.tx
    .insert(leaders)
    .values({ ...body, userId: body.userId ?? null, createdAt: w.now, updatedAt: w.now })
    .returning();
  await w.event({ entityType: 'leader', entityId: row!.id, action: 'leader.create', after: body });
  return row!;
}
