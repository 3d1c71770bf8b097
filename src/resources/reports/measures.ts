/**
 * What the report engine counts (ADR 0011): the raw counts of a group and the SQL of each, against the state
 * `tasks` of a moment and the extension facts `ext` (`extensionsJoin`). The engine's aggregate sums them per
 * group; the summary (counts.ts) sums them per cell. Rates, averages and grades are derived in engine.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ReportFigures } from './types.js';
import {
  categoryPredicates,
  col,
  dueOf,
  extensionsJoined,
  isOpenSql,
  notUpdatedSql,
  type Moment,
} from '../../services/asof.js';

/** The counts one group adds up (rates and averages are derived from them). */
export type RawCounts = Pick<
  ReportFigures,
  | 'assigned'
  | 'doneOnTime'
  | 'doneLate'
  | 'inTime'
  | 'overdue'
  | 'overdueUpTo30'
  | 'overdue31To90'
  | 'overdueOver90'
  | 'noDeadline'
  | 'routine'
  | 'open'
  | 'notUpdated'
  | 'extensionsRequested'
  | 'extensionsGranted'
> & {
  /** The sum of the days overdue of the open overdue tasks (for the average). */
  overdueDays: number;
};
export const RAW_KEYS: readonly (keyof RawCounts)[] = [
  'assigned',
  'doneOnTime',
  'doneLate',
  'inTime',
  'overdue',
  'overdueUpTo30',
  'overdue31To90',
  'overdueOver90',
  'noDeadline',
  'routine',
  'open',
  'notUpdated',
  'extensionsRequested',
  'extensionsGranted',
  'overdueDays',
];

/** What an aggregate counts: name → the condition of `count(*) filter (…)` (null: every row), or a sum. */
export type Measures = Record<string, SQL | null | { sum: SQL; where: SQL }>;

/** The report's raw counts, against the state `tasks` and the extension facts `ext` (`extensionsJoin`). */
export function reportMeasures(m: Moment, staleAfterDays: number): Measures {
  const p = categoryPredicates(m);
  const days = sql`(${m.asOf}::date - ${dueOf(m)})`;
  const ext = extensionsJoined(m);
  return {
    assigned: null,
    doneOnTime: p.done_on_time,
    doneLate: p.done_late,
    inTime: p.in_progress_on_time,
    overdue: p.overdue,
    overdueUpTo30: sql`${p.overdue} and ${days} <= 30`,
    overdue31To90: sql`${p.overdue} and ${days} between 31 and 90`,
    overdueOver90: sql`${p.overdue} and ${days} > 90`,
    noDeadline: sql`${col('deadline_kind')} = 'none'`,
    routine: sql`${col('deadline_kind')} = 'routine'`,
    open: isOpenSql(m),
    notUpdated: notUpdatedSql(m, staleAfterDays),
    extensionsRequested: ext.requested,
    extensionsGranted: ext.granted,
    overdueDays: { sum: days, where: p.overdue },
  };
}
