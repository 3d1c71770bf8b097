/**
 * Counts behind the home pages: tasks per timeliness category as of a date, with rates, and the same per
 * lead agency. Today's counts of what the home pages ask for are read from the summary kept by every write
 * (ADR 0021); the others are counted by the report engine's one aggregate (`aggregate` in reports/engine.ts)
 * over the task list's filters and scope and the as-of engine's predicates. Either way every number drills
 * down to `GET /api/tasks` with the same query plus the matching filter, and the list's total equals it.
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
import type { AppDeps } from '../../services/deps.js';
import { scopeAsHomeCell } from '../../policies/index.js';
import { homeCellsToday, type HomeCell } from '../reports/counts.js';
import { aggregate, type Measures } from '../reports/engine.js';
import { momentOfFilter, type TaskFilter } from '../tasks/list.js';
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

// ---- from the summary ------------------------------------------------------------------------------------

/** What the filter holds that is not a condition on the tasks. */
const NOT_A_CONDITION = new Set(['asOf', 'today', 'staleAfterDays', 'sort', 'page', 'pageSize']);

type HomeDim = 'lead' | 'any' | 'leader' | 'specialist' | 'all';

/**
 * The home cell that holds exactly the tasks of `f` in the actor's scope (ADR 0021), or null when none does
 * and they are counted directly: today's counts of everything the actor sees, or — for the Office and the
 * leaders — of one specialist's, one leader's or one agency's tasks (lead, or lead and coordinating).
 * `drafts`: whether the drafts are in it (they are in no count but the total).
 */
export function homeShape(actor: Actor, f: TaskFilter): { dim: HomeDim; key?: number; drafts: boolean } | null {
  if (f.asOf !== f.today) return null;
  const scope = scopeAsHomeCell(actor);
  if (!scope) return null;
  const set = new Map(
    Object.entries(f).filter(
      ([k, v]) => v !== undefined && !NOT_A_CONDITION.has(k) && !(k === 'against' && v === 'current'),
    ),
  );
  if (set.size === 0) return scope;
  if (scope.dim !== 'all') return null;
  const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? Number(v[0]) : null);
  const [k, v] = [...set][0]!;
  const id = one(v);
  if (set.size === 1 && id !== null) {
    if (k === 'specialistId') return { dim: 'specialist', key: id, drafts: scope.drafts };
    if (k === 'leaderId') return { dim: 'leader', key: id, drafts: scope.drafts };
    if (k === 'agencyId') return { dim: 'any', key: id, drafts: scope.drafts };
  }
  const agency = one(set.get('agencyId'));
  const role = set.get('agencyRole');
  if (set.size === 2 && agency !== null && (role === 'lead' || role === 'any'))
    return { dim: role, key: agency, drafts: scope.drafts };
  return null;
}

const countsOfCell = (c: HomeCell, drafts: boolean): Counts => ({
  done_on_time: c.done_on_time,
  done_late: c.done_late,
  in_progress_on_time: c.in_time,
  overdue: c.overdue,
  notUpdated: c.not_updated,
  open: c.open,
  dueSoon: c.due_soon,
  waitingReview: c.waiting_review,
  pendingExtensions: c.pending_extensions,
  total: c.total - (drafts ? 0 : c.drafts),
});
const none = (): Counts => Object.fromEntries(KEYS.map((k) => [k, 0])) as unknown as Counts;

// ---- the counts --------------------------------------------------------------------------------------------

/**
 * The home page's counts: from today's summary when one of its cells holds exactly these tasks, else counted
 * directly (another date or filter, a summary old or being rebuilt; `direct`: always).
 */
export async function overview(
  deps: AppDeps,
  ex: Executor,
  actor: Actor,
  f: TaskFilter,
  opts: { direct?: boolean } = {},
) {
  const shape = opts.direct ? null : homeShape(actor, f);
  if (shape) {
    const cells = await homeCellsToday(deps, ex, f.today, f, shape.dim, shape.key ?? 0);
    if (cells) return withRates(cells[0] ? countsOfCell(cells[0], shape.drafts) : none());
  }
  const { rows } = await aggregate(ex, actor, f, measures(f), { joins: pendingExtensionJoin });
  return withRates(countsOf(rows[0] ?? {}));
}

/** Per lead agency (as of the date), with the agency's name as it was then. */
export async function byAgency(
  deps: AppDeps,
  ex: Executor,
  actor: Actor,
  f: TaskFilter,
  opts: { direct?: boolean } = {},
) {
  const m = momentOfFilter(f);
  let list: { key: number; counts: Counts }[] | null = null;
  const shape = opts.direct ? null : homeShape(actor, f);
  if (shape && shape.dim === 'all') {
    const cells = await homeCellsToday(deps, ex, f.today, f, 'lead');
    if (cells)
      list = cells
        .map((c) => ({ key: c.key, counts: countsOfCell(c, shape.drafts) }))
        .filter((r) => r.counts.total > 0);
  }
  if (!list) {
    const { rows } = await aggregate(ex, actor, f, measures(f), {
      joins: pendingExtensionJoin,
      group: () => sql`${col('lead_agency_id')}`,
    });
    list = rows.map((r) => ({ key: Number(r.key), counts: countsOf(r) }));
  }
  const names = await agencyNamesAsOf(
    deps,
    ex,
    m,
    list.map((r) => r.key),
  );
  return list
    .map((r) => ({ agencyId: r.key, agencyName: names.get(r.key) ?? '', ...withRates(r.counts) }))
    .sort((a, b) => compareVietnamese(a.agencyName, b.agencyName) || a.agencyId - b.agencyId);
}
