/**
 * Timeliness of a task as of a data cut-off date D (DESIGN §3). Computed, never stored.
 *
 * All dates are plain ISO dates 'YYYY-MM-DD' (Vietnam calendar days); arithmetic is done in UTC days.
 */

export type DeadlineKind = 'fixed' | 'none' | 'recurring' | 'routine';
export type Timeliness = 'done_on_time' | 'done_late' | 'in_progress_on_time' | 'overdue';
export type OverdueBucket = '1-7' | '8-30' | '31-90' | '>90';

export const TIMELINESS_CATEGORIES: readonly Timeliness[] = [
  'done_on_time',
  'done_late',
  'in_progress_on_time',
  'overdue',
];
export const OVERDUE_BUCKETS: readonly OverdueBucket[] = ['1-7', '8-30', '31-90', '>90'];

export interface TimelinessInput {
  deadlineKind: DeadlineKind;
  /** Deadline in force as of asOf, already moved to a working day. Required for 'fixed'. */
  dueDate: string | null;
  /** Date of the accepted completion report, if it was accepted by asOf (Vietnam date). */
  completedOn: string | null;
  /** The data cut-off date D. */
  asOf: string;
  /** Cancelled / withdrawn / merged / draft, or not yet created as of D. */
  excluded?: boolean;
  /** The day the obligation begins (a recurring period's first day); before it the task counts nowhere. */
  startsOn?: string | null;
}

export interface TimelinessResult {
  /** null: outside the on-time statistics (no deadline, routine, recurring parent, excluded). */
  category: Timeliness | null;
  /** Completed by D, or D is past the deadline: the task counts in the rates' denominator. */
  fallenDue: boolean;
  /** Days past the deadline: to D for open overdue tasks, to the completion for late ones; 0 otherwise. */
  overdueDays: number;
  bucket: OverdueBucket | null;
}

// ---- local date helpers (UTC day arithmetic on 'YYYY-MM-DD') ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function toDayNumber(date: string, what: string): number {
  const m = ISO_DATE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`${what}: expected an ISO date 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
}

// ---- classification ----

export function overdueBucket(days: number): OverdueBucket | null {
  if (!(days > 0)) return null;
  if (days <= 7) return '1-7';
  if (days <= 30) return '8-30';
  if (days <= 90) return '31-90';
  return '>90';
}

const OUTSIDE: TimelinessResult = { category: null, fallenDue: false, overdueDays: 0, bucket: null };

/**
 * Category of one task (or one period of a recurring task, passed as 'fixed') as of `asOf`.
 * The deadline day is inclusive. A completion dated after `asOf` cannot have been accepted by `asOf`
 * and is ignored (the task is treated as open).
 */
export function classify(input: TimelinessInput): TimelinessResult {
  const asOf = toDayNumber(input.asOf, 'asOf');
  if (input.excluded) return { ...OUTSIDE };
  if (input.deadlineKind !== 'fixed') return { ...OUTSIDE };
  if (!hasStarted(input.startsOn ?? null, input.asOf)) return { ...OUTSIDE };
  if (input.dueDate === null) throw new RangeError("classify: a 'fixed' deadline needs a dueDate");
  const due = toDayNumber(input.dueDate, 'dueDate');
  const completed = input.completedOn === null ? null : toDayNumber(input.completedOn, 'completedOn');

  if (completed !== null && completed <= asOf) {
    if (completed <= due) return { category: 'done_on_time', fallenDue: true, overdueDays: 0, bucket: null };
    const late = completed - due;
    return { category: 'done_late', fallenDue: true, overdueDays: late, bucket: overdueBucket(late) };
  }
  if (asOf <= due) return { category: 'in_progress_on_time', fallenDue: false, overdueDays: 0, bucket: null };
  const overdue = asOf - due;
  return { category: 'overdue', fallenDue: true, overdueDays: overdue, bucket: overdueBucket(overdue) };
}

/**
 * Whether an obligation that begins on `startsOn` (a recurring period's first day; null: no later start)
 * exists as of `asOf`. A period created ahead is, before its start, neither due, nor "in time", nor "not
 * updated": it counts nowhere. SQL mirror: `startedSql` in services/task-list.ts.
 */
export function hasStarted(startsOn: string | null, asOf: string): boolean {
  const d = toDayNumber(asOf, 'asOf');
  return startsOn === null || toDayNumber(startsOn, 'startsOn') <= d;
}

// ---- deadlines ----

export interface DeadlineChange {
  /** The new deadline set by the approved extension. */
  deadline: string;
  /** The instant the extension was approved (recorded). */
  approvedAt: Date;
}

/**
 * The deadline in force as of `asOf`: the latest change approved before `endOfDay(asOf)`, else the
 * original. An extension counts only from the instant it was approved; ties on `approvedAt` go to the
 * later entry. `endOfDay(d)` is the first instant after day d (for Vietnam: d+1 00:00 +07:00, see
 * `endOfDayVietnam`) and is exclusive.
 */
export function deadlineInForce(
  original: string,
  changes: readonly DeadlineChange[],
  asOf: string,
  endOfDay: (d: string) => Date,
): string {
  toDayNumber(original, 'original');
  toDayNumber(asOf, 'asOf');
  const cutoff = endOfDay(asOf).getTime();
  if (Number.isNaN(cutoff)) throw new RangeError('deadlineInForce: endOfDay returned an invalid Date');
  let best: DeadlineChange | null = null;
  for (const change of changes) {
    const at = change.approvedAt.getTime();
    if (Number.isNaN(at)) throw new RangeError('deadlineInForce: approvedAt is an invalid Date');
    toDayNumber(change.deadline, 'deadline');
    if (at < cutoff && (best === null || at >= best.approvedAt.getTime())) best = change;
  }
  return best === null ? original : best.deadline;
}

/** End of day `d` in Vietnam (UTC+7, no daylight saving): the instant d+1 00:00 +07:00. */
export function endOfDayVietnam(d: string): Date {
  return new Date((toDayNumber(d, 'd') + 1) * MS_PER_DAY - 7 * 3_600_000);
}

/**
 * A deadline that falls on a non-working day moves to the next working day (Civil Code arts. 147–148).
 * `nextWorkingDay(d)` must return the first working day ON OR AFTER d (d itself when it is a working day).
 */
export function effectiveDueDate(deadline: string, nextWorkingDay: (d: string) => string): string {
  const day = toDayNumber(deadline, 'deadline');
  const moved = nextWorkingDay(deadline);
  if (toDayNumber(moved, 'nextWorkingDay result') < day) {
    throw new RangeError(`effectiveDueDate: nextWorkingDay(${deadline}) returned an earlier date ${moved}`);
  }
  return moved;
}

// ---- rates ----

export interface Rates {
  /** Tasks that have fallen due: done (on time or late) + overdue. */
  fallenDue: number;
  /** (done_on_time + done_late) / fallenDue, or null when nothing fell due. */
  completionRate: number | null;
  /** done_on_time / fallenDue, or null when nothing fell due. */
  onTimeRate: number | null;
}

export function rates(counts: Record<Timeliness, number>): Rates {
  for (const c of TIMELINESS_CATEGORIES) {
    const n = counts[c];
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`rates: count ${c} must be a non-negative integer`);
  }
  const done = counts.done_on_time + counts.done_late;
  const fallenDue = done + counts.overdue;
  if (fallenDue === 0) return { fallenDue: 0, completionRate: null, onTimeRate: null };
  return { fallenDue, completionRate: done / fallenDue, onTimeRate: counts.done_on_time / fallenDue };
}

// ---- staleness ----

/**
 * "Chưa cập nhật": an open task with no progress report for longer than `thresholdDays` days as of
 * `asOf`, counted from the last report date, or from the assignment date when there is none yet.
 * The caller passes only open tasks and only reports recorded by `asOf`. Dates are Vietnam dates.
 */
export function isStale(
  lastUpdateAt: string | null,
  assignedOn: string,
  asOf: string,
  thresholdDays: number,
  startsOn: string | null = null,
): boolean {
  if (!Number.isInteger(thresholdDays) || thresholdDays < 0) {
    throw new RangeError('isStale: thresholdDays must be a non-negative integer');
  }
  // A period that starts after its assignment is counted from its start (and is never stale before it).
  const assigned = Math.max(
    toDayNumber(assignedOn, 'assignedOn'),
    startsOn === null ? -Infinity : toDayNumber(startsOn, 'startsOn'),
  );
  const since = lastUpdateAt === null ? assigned : Math.max(assigned, toDayNumber(lastUpdateAt, 'lastUpdateAt'));
  return toDayNumber(asOf, 'asOf') - since > thresholdDays;
}
