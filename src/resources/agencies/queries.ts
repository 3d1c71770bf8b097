/** The reads of agencies: the list (every signed-in user may read it), filtered by name, kind and activity on a day. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { agencies } from '../../db/schema.js';
import { foldVietnamese } from '../../domain/text.js';
import type { AgencyRow } from './merger.js';
import type { AgencyListQuery } from './schemas.js';
import { viSortKey } from '../../db/collation.js';

/** Agencies in their display order; `active` is judged on `day`. */
export async function listAgencies(ex: Executor, q: AgencyListQuery, day: string): Promise<AgencyRow[]> {
  const conds = [];
  if (q.q) conds.push(sql`${agencies.nameFolded} like ${`%${foldVietnamese(q.q)}%`}`);
  if (q.kind) conds.push(eq(agencies.kind, q.kind));
  const activeOn = sql`${agencies.validFrom} <= ${day} and (${agencies.validTo} is null or ${agencies.validTo} >= ${day})`;
  if (q.active === 'true') conds.push(activeOn);
  if (q.active === 'false') conds.push(sql`not (${activeOn})`);
  return ex
    .select()
    .from(agencies)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(agencies.sortOrder), viSortKey(agencies.name), asc(agencies.id));
}
