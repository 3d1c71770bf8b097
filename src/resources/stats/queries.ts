/**
 * Counts behind the home pages: tasks per timeliness category as of a date, with rates, and the same per
 * lead agency. Built on the task list's filters and the as-of engine's predicates (same scope, same state,
 * same category expression), so every number drills down to `GET /api/tasks` with the same query plus the
 * matching filter, and the list's total equals the number.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client.js';
import { rates, TIMELINESS_CATEGORIES, type Timeliness } from '../../domain/timeliness.js';
import type { Actor } from '../../domain/actor.js';
import {
  agencyNameSql,
  categoryPredicates,
  col,
  dueSoonSql,
  isOpenSql,
  notUpdatedSql,
  pendingExtensionSql,
  waitingReviewSql,
  type Moment,
} from '../../services/asof.js';
import { buildWhere, type TaskFilter } from '../tasks/list.js';

export interface Counts {
  done_on_time: number;
  done_late: number;
  in_progress_on_time: number;
  overdue: number;
  notUpdated: number;
  open: number;
  dueSoon: number;
  waitingReview: number;
  pendingExtensions: number;
  total: number;
}

function countColumns(m: Moment, f: TaskFilter) {
  const p = categoryPredicates(m);
  return sql.join(
    [
      ...TIMELINESS_CATEGORIES.map((c) => sql`count(*) filter (where ${p[c]})::int as ${sql.raw(c)}`),
      sql`count(*) filter (where ${notUpdatedSql(m, f.staleAfterDays)})::int as "notUpdated"`,
      sql`count(*) filter (where ${isOpenSql(m)})::int as open`,
      sql`count(*) filter (where ${dueSoonSql(m)})::int as "dueSoon"`,
      sql`count(*) filter (where ${waitingReviewSql()})::int as "waitingReview"`,
      sql`count(*) filter (where ${pendingExtensionSql(m)})::int as "pendingExtensions"`,
      sql`count(*)::int as total`,
    ],
    sql`, `,
  );
}

const withRates = <C extends Counts>(c: C) => ({ ...c, ...rates(c as unknown as Record<Timeliness, number>) });

export async function overview(ex: Executor, actor: Actor, f: TaskFilter) {
  const { from, where, m } = buildWhere(actor, f);
  const [counts] = await rows<Counts>(ex, sql`select ${countColumns(m, f)} from ${from} where ${where}`);
  return withRates(counts!);
}

/** Per lead agency (as of the date), with the agency's name as it was then. */
export async function byAgency(ex: Executor, actor: Actor, f: TaskFilter) {
  const { from, where, m } = buildWhere(actor, f);
  const list = await rows<Counts & { agencyId: number; agencyName: string }>(
    ex,
    sql`select c.*, ${agencyNameSql(m, sql`c."agencyId"`)} as "agencyName" from (
          select ${col('lead_agency_id')} as "agencyId", ${countColumns(m, f)}
          from ${from} where ${where} group by 1) c
        order by "agencyName", "agencyId"`,
  );
  return list.map(withRates);
}
