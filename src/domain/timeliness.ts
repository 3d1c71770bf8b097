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
  /**
   * The deadline counted against, already moved to a working day: the one in force as of asOf (the
   * snapshot valid then) or the original. Required for 'fixed'.
   */
  dueDate: string | null;
  /** Date of the accepted completion report, if it was accepted by asOf (Vietnam date). */
  completedOn: string | null;
  /** The data cut-off date D. */
  asOf: string;
  /** Outside the statistics as of D (workflow: not in IN_STATISTICS_STATUSES), or not yet created. */
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
 * updated": it counts nowhere. SQL mirror: `startedSql` in services/asof.ts.
 */
export function hasStarted(startsOn: string | null, asOf: string): boolean {
  const d = toDayNumber(asOf, 'asOf');
  return startsOn === null || toDayNumber(startsOn, 'startsOn') <= d;
}

// ---- deadlines ----

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
