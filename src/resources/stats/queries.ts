/**
 * Counts behind the home pages: tasks per timeliness category as of a date, with rates, and the same per
 * lead agency. Counted by the report engine's one aggregate (`aggregate` in reports/engine.ts) over the
 * task list's filters and scope and the as-of engine's predicates, so every number drills down to
 * `GET /api/tasks` with the same query plus the matching filter, and the list's total equals the number.
 * Unlike a report, the home pages count every task the user may see as of the date (`total` includes
 * drafts and closed ones); the categories are the same predicates.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rates, TIMELINESS_CATEGORIES, type Timeliness } from '../../domain/timeliness.js';
import type { Actor } from '../../domain/actor.js';
import {
  agencyNamesAsOf,
  categoryPredicates,
  col,
  dueSoonSql,
  isOpenSql,
  notUpdatedSql,
  pendingExtensionJoin,
  pendingExtensionJoined,
  waitingReviewSql,
  type Moment,
} from '../../services/asof.js';
import type { WithCaches } from '../../services/caches.js';
import { aggregate, type Measures } from '../reports/engine.js';
import type { TaskFilter } from '../tasks/list.js';
import { compareVietnamese } from '../../domain/text.js';

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
const KEYS: readonly (keyof Counts)[] = [
  ...TIMELINESS_CATEGORIES,
  'notUpdated',
  'open',
  'dueSoon',
  'waitingReview',
  'pendingExtensions',
  'total',
];

const measures =
  (f: TaskFilter) =>
  (m: Moment): Measures => {
    const p = categoryPredicates(m);
    return {
      ...Object.fromEntries(TIMELINESS_CATEGORIES.map((c) => [c, p[c]])),
      notUpdated: notUpdatedSql(m, f.staleAfterDays),
      open: isOpenSql(m),
      dueSoon: dueSoonSql(m),
      waitingReview: waitingReviewSql(),
      // One aggregated pass over the extension requests, not a lookup per task.
      pendingExtensions: pendingExtensionJoined(),
      total: null,
    };
  };

const countsOf = (r: Record<string, unknown>): Counts =>
  Object.fromEntries(KEYS.map((k) => [k, Number(r[k] ?? 0)])) as unknown as Counts;
const withRates = <C extends Counts>(c: C) => ({ ...c, ...rates(c as unknown as Record<Timeliness, number>) });

export async function overview(ex: Executor, actor: Actor, f: TaskFilter) {
  const { rows } = await aggregate(ex, actor, f, measures(f), { joins: pendingExtensionJoin });
  return withRates(countsOf(rows[0] ?? {}));
}

/** Per lead agency (as of the date), with the agency's name as it was then. */
export async function byAgency(deps: WithCaches, ex: Executor, actor: Actor, f: TaskFilter) {
  const { rows, m } = await aggregate(ex, actor, f, measures(f), {
    joins: pendingExtensionJoin,
    group: () => sql`${col('lead_agency_id')}`,
  });
  const ids = rows.map((r) => Number(r.key));
  const names = await agencyNamesAsOf(deps, ex, m, ids);
  return rows
    .map((r) => ({ agencyId: Number(r.key), agencyName: names.get(Number(r.key)) ?? '', ...withRates(countsOf(r)) }))
    .sort((a, b) => compareVietnamese(a.agencyName, b.agencyName) || a.agencyId - b.agencyId);
}
