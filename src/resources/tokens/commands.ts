/** API token commands: issue (the token acts as the one who issues it) and revoke. */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { sha256 } from '../../auth/crypto.js';
import { apiTokens } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { WriteCtx } from '../../services/write.js';
import type { newTokenBody } from './schemas.js';
import type { SQL } from 'drizzle-orm';

export async function issueToken(w: WriteCtx, body: z.output<typeof newTokenBody>, token: string) {
  const [t] = await w.tx
    .insert(apiTokens)
    .values({
      name: body.name,
      userId: w.actor.id,
      tokenHash: sha256(token),
      createdBy: w.actor.id,
      createdAt: w.now,
      expiresAt: body.expiresOn ? new Date(`${body.expiresOn}T17:00:00Z`) : null,
    })
    .returning();
  await w.event({
    entityType: 'api_token',
    entityId: t!.id,
    action: 'token.create',
    after: { name: t!.name, userId: t!.userId },
  });
  return t!;
}

export async function revokeToken(w: WriteCtx, id: number, mine: SQL | undefined) {
  const [t] = await w.tx
    .update(apiTokens)
    .set({ revokedAt: w.now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt), mine))
    .returning();
  if (!t) throw notFound({ vi: 'mã truy cập', en: 'Token' });
  await w.event({ entityType: 'api_token', entityId: t.id, action: 'token.revoke' });
}
