/** Field commands: creation and edits, each with its event. */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { fields } from '../../db/schema.js';
import { notFound, staleVersion } from '../../errors.js';
import { diff } from '../../services/write.js';
import type { WriteCtx } from '../../services/write.js';
import type { newFieldBody, fieldPatchBody } from './schemas.js';

export async function createField(w: WriteCtx, body: z.output<typeof newFieldBody>) {
  const [row] = await w.tx
    .insert(fields)
    .values({ ...body, nameEn: body.nameEn ?? null, createdAt: w.now, updatedAt: w.now })
    .returning();
  await w.event({ entityType: 'field', entityId: row!.id, action: 'field.create', after: body });
  return row!;
}

export async function updateField(
  w: WriteCtx,
  id: number,
  v: number,
  b: Omit<z.output<typeof fieldPatchBody>, 'version'>,
) {
  const [cur] = await w.tx.select().from(fields).where(eq(fields.id, id)).for('update');
  if (!cur) throw notFound({ vi: 'lĩnh vực', en: 'Field' });
  if (cur.version !== v) throw staleVersion();
  const [row] = await w.tx
    .update(fields)
    .set({ ...b, version: v + 1, updatedAt: w.now })
    .where(eq(fields.id, cur.id))
    .returning();
  await w.event({
    entityType: 'field',
    entityId: cur.id,
    action: 'field.update',
    ...diff(cur, b),
  });
  return row!;
}
