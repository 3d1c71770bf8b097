/** Saved view commands: save (or overwrite by name) and delete, each the user's own. */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { savedViews } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { WriteCtx } from '../../services/write.js';
import type { saveViewBody } from './schemas.js';
import type { Actor } from '../../domain/actor.js';

export async function saveView(w: WriteCtx, actor: Actor, body: z.output<typeof saveViewBody>) {
  const [row] = await w.tx
    .insert(savedViews)
    .values({
      userId: actor.id,
      name: body.name,
      kind: body.kind,
      query: body.query,
      columns: body.columns,
      createdAt: w.now,
    })
    .onConflictDoUpdate({
      target: [savedViews.userId, savedViews.kind, savedViews.name],
      set: { query: body.query, columns: body.columns },
    })
    .returning();
  await w.event({ entityType: 'saved_view', entityId: row!.id, action: 'view.save', after: body });
  return row!;
}

export async function deleteView(w: WriteCtx, actor: Actor, id: number) {
  const [row] = await w.tx
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.id)))
    .returning();
  if (!row) throw notFound({ vi: 'bộ lọc đã lưu', en: 'Saved view' });
  await w.event({
    entityType: 'saved_view',
    entityId: row.id,
    action: 'view.delete',
    before: { name: row.name },
  });
}
