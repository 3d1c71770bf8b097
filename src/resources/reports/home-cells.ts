/**
 * The home pages' counts in the summary (ADR 0021): for each dimension (`lead` agency, `any` agency — lead or
 * coordinating —, `leader`, `specialist`, and `all`) and key (0 for none), the number of tasks in each of the
 * home pages' counts (stats/queries.ts) as they stand on the summary's day. Unlike a report's cells they hold
 * every task, drafts and closed ones too (`total`, `drafts`): the home pages count what the reader may see.
 * Kept by the same maintenance as the report's cells (counts.ts), in the same transaction as each write; these
 * are only the statements that compute them.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  categoryPredicates,
  col,
  dueSoonSql,
  isOpenSql,
  momentOf,
  notUpdatedSql,
  pendingExtensionJoined,
  pendingExtensionLateral,
  waitingReviewSql,
  type Moment,
} from '../../services/asof.js';

export interface HomeDay {
  day: string;
  staleAfterDays: number;
}

/** The count columns of a home cell. */
export const HOME_COLUMNS = [
  'total',
  'drafts',
  'done_on_time',
  'done_late',
  'in_time',
  'overdue',
  'not_updated',
  'open',
  'due_soon',
  'waiting_review',
  'pending_extensions',
] as const;
export type HomeColumn = (typeof HOME_COLUMNS)[number];
const HOME_KEY = ['dim', 'key'] as const;

/** What each column counts (null: every task). */
function homeMeasures(m: Moment, staleAfterDays: number): Record<HomeColumn, SQL | null> {
  const p = categoryPredicates(m);
  return {
    total: null,
    drafts: sql`${col('status')} = 'draft'`,
    done_on_time: p.done_on_time,
    done_late: p.done_late,
    in_time: p.in_progress_on_time,
    overdue: p.overdue,
    not_updated: notUpdatedSql(m, staleAfterDays),
    open: isOpenSql(m),
    due_soon: dueSoonSql(m),
    waiting_review: waitingReviewSql(),
    pending_extensions: pendingExtensionJoined(),
  };
}

const ident = (c: string) => sql.raw(`"${c}"`);
const list = (f: (c: string) => SQL) => sql.join(HOME_COLUMNS.map(f), sql`, `);

/** The home cells' column list, in the order the statements below give them. */
export const homeColumnList = () => sql.raw([...HOME_KEY, ...HOME_COLUMNS].map((c) => `"${c}"`).join(', '));

/** `on conflict … do update set`: each count of the cell in `home_counts` plus the one being added. */
export const addToHomeCells = () =>
  sql.raw(HOME_COLUMNS.map((c) => `"${c}" = home_counts."${c}" + excluded."${c}"`).join(', '));

/** `sum(x.c)::int as c` for each count (x: the rows being added up), and whether any of them is not zero. */
export const homeSums = () => list((c) => sql`sum(x.${ident(c)})::int as ${ident(c)}`);
export const homeNonZero = () => sql.raw(HOME_COLUMNS.map((c) => `sum(x."${c}") <> 0`).join(' or '));

/** The column types of a home cell row, for a temporary table or a record set. */
export const homeRecordType = () =>
  sql.raw(['dim text', 'key int', ...HOME_COLUMNS.map((c) => `"${c}" int`)].join(', '));

function values(d: HomeDay): SQL {
  const measures = homeMeasures(momentOf(d.day, d.day, 'current'), d.staleAfterDays);
  return list((c) => {
    const where = measures[c as HomeColumn];
    return sql`${where === null ? sql`1` : sql`(case when ${where} then 1 else 0 end)`} as ${ident(c)}`;
  });
}

const groupSums = () => list((c) => sql`sum(v.${ident(c)}) as ${ident(c)}`);

/**
 * The home cells of the tasks of `source` (a relation aliased `tasks` with the state columns, as counts.ts's
 * `stateOf` gives it), classified on the summary's day: rows (dim, key, …counts).
 */
export function homeCellsSql(d: HomeDay, source: SQL): SQL {
  const m = momentOf(d.day, d.day, 'current');
  return sql`with v as (
      select coalesce(tasks.lead_agency_id, 0) as lead, tasks.agency_ids, coalesce(tasks.leader_id, 0) as leader,
        coalesce(tasks.specialist_id, 0) as specialist, ${values(d)}
      from ${source} ${pendingExtensionLateral(m)}),
    g as (select lead, agency_ids, leader, specialist, ${groupSums()} from v group by 1, 2, 3, 4)
    select d.dim, d.key, ${list((c) => sql`sum(v.${ident(c)})::int as ${ident(c)}`)}
    from g v
    cross join lateral (
      select 'lead'::text, v.lead union all select 'leader', v.leader union all select 'specialist', v.specialist
      union all select 'all', 0 union all select 'any', u from unnest(v.agency_ids) u where u is not null) d(dim, key)
    group by 1, 2`;
}

/**
 * The net change of the home cells when the tasks of `moved` (task_id, new_lead, new_coord), read from
 * `source`, go to new lead and coordinating agencies, everything else alike (the agency merger): only the
 * `lead` and `any` cells change. Only the tasks `where` selects (on `m.task_id`).
 */
export function homeMoveCellsSql(d: HomeDay, moved: SQL, source: SQL, where: SQL): SQL {
  const m = momentOf(d.day, d.day, 'current');
  return sql`with v as (
      select coalesce(tasks.lead_agency_id, 0) as old_lead, tasks.agency_ids as old_ids, m.new_lead,
        array[m.new_lead] || m.new_coord as new_ids, ${values(d)}
      from ${moved} m join ${source} on tasks.id = m.task_id ${pendingExtensionLateral(m)}
      where ${where}),
    g as (select old_lead, old_ids, new_lead, new_ids, ${groupSums()} from v group by 1, 2, 3, 4)
    select d.dim, d.key, ${list((c) => sql`sum(v.${ident(c)} * d.sign)::int as ${ident(c)}`)}
    from g v
    cross join lateral (
      select 'lead'::text, v.old_lead, -1 union all select 'lead', v.new_lead, 1
      union all select 'any', u, -1 from unnest(v.old_ids) u where u is not null
      union all select 'any', u, 1 from unnest(v.new_ids) u where u is not null
    ) d(dim, key, sign)
    group by 1, 2`;
}
