/** Agency commands: creation and edits (a new name or short name opens a new agency_names period for past reports). */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { agencies, agencyNames } from '../../db/schema.js';
import { vnDateOf } from '../../domain/dates.js';
import { foldVietnamese } from '../../domain/text.js';
import { badRequest, notFound, staleVersion } from '../../errors.js';
import { diff } from '../../services/write.js';
import type { WriteCtx } from '../../services/write.js';
import type { agencyBody, agencyPatchBody } from './schemas.js';

export const AGENCY = { vi: 'cơ quan', en: 'Agency' };

export async function createAgency(w: WriteCtx, b: z.output<typeof agencyBody>) {
  const [a] = await w.tx
    .insert(agencies)
    .values({
      ...b,
      parentId: b.parentId ?? null,
      nameFolded: foldVietnamese(b.name),
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  await w.tx
    .insert(agencyNames)
    .values({ agencyId: a!.id, name: b.name, shortName: b.shortName, validFrom: b.validFrom });
  await w.event({ entityType: 'agency', entityId: a!.id, action: 'agency.create', after: b });
  return a!;
}

export async function updateAgency(
  w: WriteCtx,
  id: number,
  v: number,
  b: Omit<z.output<typeof agencyPatchBody>, 'version'>,
) {
  const [cur] = await w.tx.select().from(agencies).where(eq(agencies.id, id)).for('update');
  if (!cur) throw notFound(AGENCY);
  if (cur.version !== v) throw staleVersion();
  if (b.parentId === cur.id)
    throw badRequest('Cơ quan không thể là cấp trên của chính nó.', 'An agency cannot be its own parent.', 'parentId');
  const patch = { ...b, ...(b.name ? { nameFolded: foldVietnamese(b.name) } : {}) };
  const [upd] = await w.tx
    .update(agencies)
    .set({ ...patch, version: v + 1, updatedAt: w.now })
    .where(and(eq(agencies.id, cur.id), eq(agencies.version, v)))
    .returning();
  if (!upd) throw staleVersion();
  if ((b.name && b.name !== cur.name) || (b.shortName && b.shortName !== cur.shortName)) {
    const d = vnDateOf(w.now);
    await w.tx
      .update(agencyNames)
      .set({ validTo: d })
      .where(and(eq(agencyNames.agencyId, cur.id), isNull(agencyNames.validTo)));
    await w.tx.insert(agencyNames).values({ agencyId: cur.id, name: upd.name, shortName: upd.shortName, validFrom: d });
  }
  await w.event({
    entityType: 'agency',
    entityId: cur.id,
    action: 'agency.update',
    ...diff(cur, b),
  });
  return upd;
}
