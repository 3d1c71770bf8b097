import { describe, expect, it } from 'vitest';
import {
  classify,
  effectiveDueDate,
  hasStarted,
  isStale,
  overdueBucket,
  rates,
  type TimelinessInput,
} from '../../src/domain/timeliness.js';

const fixed = (dueDate: string, asOf: string, completedOn: string | null = null): TimelinessInput => ({
  deadlineKind: 'fixed',
  dueDate,
  completedOn,
  asOf,
});

describe('classify', () => {
  it('open, D before the deadline: in progress on time, not fallen due', () => {
    expect(classify(fixed('2026-03-20', '2026-03-10'))).toEqual({
      category: 'in_progress_on_time',
      fallenDue: false,
      overdueDays: 0,
      bucket: null,
    });
  });

  it('the deadline day is inclusive', () => {
    expect(classify(fixed('2026-03-20', '2026-03-20')).category).toBe('in_progress_on_time');
    expect(classify(fixed('2026-03-20', '2026-03-21'))).toEqual({
      category: 'overdue',
      fallenDue: true,
      overdueDays: 1,
      bucket: '1-7',
    });
    expect(classify(fixed('2026-03-20', '2026-03-25', '2026-03-20')).category).toBe('done_on_time');
    expect(classify(fixed('2026-03-20', '2026-03-25', '2026-03-21'))).toEqual({
      category: 'done_late',
      fallenDue: true,
      overdueDays: 1,
      bucket: '1-7',
    });
  });

  it('done early counts as fallen due even before the deadline', () => {
    expect(classify(fixed('2026-03-20', '2026-03-10', '2026-03-05'))).toEqual({
      category: 'done_on_time',
      fallenDue: true,
      overdueDays: 0,
      bucket: null,
    });
  });

  it('done late: overdue days run to the completion date, not to D', () => {
    const r = classify(fixed('2026-01-31', '2026-12-31', '2026-03-02'));
    expect(r).toEqual({ category: 'done_late', fallenDue: true, overdueDays: 30, bucket: '8-30' });
  });

  it('open overdue: overdue days run to D', () => {
    expect(classify(fixed('2025-12-31', '2026-01-31')).overdueDays).toBe(31);
    expect(classify(fixed('2025-12-31', '2026-01-31')).bucket).toBe('31-90');
    expect(classify(fixed('2024-02-28', '2024-03-01')).overdueDays).toBe(2); // leap year
    expect(classify(fixed('2025-02-28', '2025-03-01')).overdueDays).toBe(1);
  });

  it('a completion dated after D is ignored (cannot have been accepted by D)', () => {
    expect(classify(fixed('2026-03-20', '2026-03-10', '2026-03-12')).category).toBe('in_progress_on_time');
    expect(classify(fixed('2026-03-20', '2026-03-25', '2026-03-26')).category).toBe('overdue');
  });

  it.each(['none', 'routine', 'recurring'] as const)('%s is outside the statistics', (deadlineKind) => {
    expect(classify({ deadlineKind, dueDate: null, completedOn: null, asOf: '2026-03-10' })).toEqual({
      category: null,
      fallenDue: false,
      overdueDays: 0,
      bucket: null,
    });
    expect(
      classify({ deadlineKind, dueDate: '2026-01-01', completedOn: '2026-02-01', asOf: '2026-03-10' }).category,
    ).toBeNull();
  });

  it('excluded tasks are outside the statistics', () => {
    expect(classify({ ...fixed('2026-01-01', '2026-03-10'), excluded: true })).toEqual({
      category: null,
      fallenDue: false,
      overdueDays: 0,
      bucket: null,
    });
    expect(classify({ ...fixed('2026-01-01', '2026-03-10'), excluded: false }).category).toBe('overdue');
  });

  it('bucket edges', () => {
    const due = '2026-01-01';
    const at = (days: number) => new Date(Date.UTC(2026, 0, 1 + days)).toISOString().slice(0, 10);
    const cases: [number, string][] = [
      [1, '1-7'],
      [7, '1-7'],
      [8, '8-30'],
      [30, '8-30'],
      [31, '31-90'],
      [90, '31-90'],
      [91, '>90'],
      [400, '>90'],
    ];
    for (const [days, bucket] of cases) {
      expect(classify(fixed(due, at(days)))).toMatchObject({ category: 'overdue', overdueDays: days, bucket });
      expect(classify(fixed(due, '2030-01-01', at(days)))).toMatchObject({
        category: 'done_late',
        overdueDays: days,
        bucket,
      });
    }
  });

  it('rejects bad input', () => {
    expect(() => classify({ deadlineKind: 'fixed', dueDate: null, completedOn: null, asOf: '2026-01-01' })).toThrow(
      /dueDate/,
    );
    expect(() => classify(fixed('2026-02-30', '2026-03-01'))).toThrow(/dueDate/);
    expect(() => classify(fixed('2026-03-01', '1/3/2026'))).toThrow(/asOf/);
    expect(() => classify(fixed('2026-03-01', '2026-03-05', '2026-3-1'))).toThrow(/completedOn/);
  });
});

describe('overdueBucket', () => {
  it('no bucket for zero, negative or NaN', () => {
    expect(overdueBucket(0)).toBeNull();
    expect(overdueBucket(-3)).toBeNull();
    expect(overdueBucket(Number.NaN)).toBeNull();
  });
});

describe('effectiveDueDate', () => {
  // Weekends only; the real calendar comes from the working-calendar module.
  const nextWorkingDay = (d: string): string => {
    const t = new Date(`${d}T00:00:00Z`);
    while (t.getUTCDay() === 0 || t.getUTCDay() === 6) t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };

  it('a working day stays', () => {
    expect(effectiveDueDate('2026-03-20', nextWorkingDay)).toBe('2026-03-20'); // Friday
  });

  it('Saturday and Sunday move to Monday', () => {
    expect(effectiveDueDate('2026-03-21', nextWorkingDay)).toBe('2026-03-23');
    expect(effectiveDueDate('2026-03-22', nextWorkingDay)).toBe('2026-03-23');
  });

  it('moves across a month and year boundary', () => {
    expect(effectiveDueDate('2022-12-31', nextWorkingDay)).toBe('2023-01-02');
  });

  it('rejects a calendar that moves a deadline backwards', () => {
    expect(() => effectiveDueDate('2026-03-21', () => '2026-03-20')).toThrow(/earlier/);
    expect(() => effectiveDueDate('2026-03-21', () => 'Monday')).toThrow(RangeError);
  });
});

describe('rates', () => {
  it('null rates when nothing fell due', () => {
    expect(rates({ done_on_time: 0, done_late: 0, in_progress_on_time: 12, overdue: 0 })).toEqual({
      fallenDue: 0,
      completionRate: null,
      onTimeRate: null,
    });
  });

  it('fractions over fallen-due tasks, in-progress ones excluded', () => {
    expect(rates({ done_on_time: 6, done_late: 2, in_progress_on_time: 100, overdue: 2 })).toEqual({
      fallenDue: 10,
      completionRate: 0.8,
      onTimeRate: 0.6,
    });
  });

  it('not rounded', () => {
    const r = rates({ done_on_time: 1, done_late: 1, in_progress_on_time: 0, overdue: 1 });
    expect(r.completionRate).toBe(2 / 3);
    expect(r.onTimeRate).toBe(1 / 3);
  });

  it('all done on time → 1, all overdue → 0', () => {
    expect(rates({ done_on_time: 3, done_late: 0, in_progress_on_time: 0, overdue: 0 })).toMatchObject({
      completionRate: 1,
      onTimeRate: 1,
    });
    expect(rates({ done_on_time: 0, done_late: 0, in_progress_on_time: 0, overdue: 4 })).toMatchObject({
      completionRate: 0,
      onTimeRate: 0,
    });
  });

  it('rejects negative or fractional counts', () => {
    expect(() => rates({ done_on_time: -1, done_late: 0, in_progress_on_time: 0, overdue: 0 })).toThrow(RangeError);
    expect(() => rates({ done_on_time: 0.5, done_late: 0, in_progress_on_time: 0, overdue: 0 })).toThrow(RangeError);
  });

  it('agrees with classify over a mixed set', () => {
    const asOf = '2026-03-31';
    const tasks: TimelinessInput[] = [
      fixed('2026-03-10', asOf, '2026-03-09'),
      fixed('2026-03-10', asOf, '2026-03-15'),
      fixed('2026-03-10', asOf),
      fixed('2026-04-10', asOf),
      fixed('2026-04-10', asOf, '2026-03-30'),
      { deadlineKind: 'routine', dueDate: null, completedOn: null, asOf },
    ];
    const counts = { done_on_time: 0, done_late: 0, in_progress_on_time: 0, overdue: 0 };
    let fallen = 0;
    for (const t of tasks) {
      const r = classify(t);
      if (r.category) counts[r.category]++;
      if (r.fallenDue) fallen++;
    }
    expect(counts).toEqual({ done_on_time: 2, done_late: 1, in_progress_on_time: 1, overdue: 1 });
    expect(rates(counts)).toEqual({ fallenDue: fallen, completionRate: 3 / 4, onTimeRate: 2 / 4 });
  });
});

describe('isStale', () => {
  it('counts from assignment when there is no report yet', () => {
    expect(isStale(null, '2026-03-01', '2026-03-31', 30)).toBe(false); // exactly 30 days: not longer
    expect(isStale(null, '2026-03-01', '2026-04-01', 30)).toBe(true);
  });

  it('counts from the last report', () => {
    expect(isStale('2026-03-20', '2026-01-01', '2026-04-19', 30)).toBe(false);
    expect(isStale('2026-03-20', '2026-01-01', '2026-04-20', 30)).toBe(true);
  });

  it('a report before the assignment (e.g. re-assigned) does not make it older than the assignment', () => {
    expect(isStale('2026-01-01', '2026-03-01', '2026-03-15', 30)).toBe(false);
  });

  it('assigned or reported after D: not stale', () => {
    expect(isStale(null, '2026-05-01', '2026-04-01', 0)).toBe(false);
  });

  it('threshold 0: stale from the next day', () => {
    expect(isStale('2026-03-01', '2026-03-01', '2026-03-01', 0)).toBe(false);
    expect(isStale('2026-03-01', '2026-03-01', '2026-03-02', 0)).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => isStale(null, '2026-03-01', '2026-03-02', -1)).toThrow(RangeError);
    expect(() => isStale(null, '2026-03-01', '2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => isStale('2026-03-01T10:00:00Z', '2026-03-01', '2026-03-02', 1)).toThrow(/lastUpdateAt/);
  });
});

describe('a period counts only from its start (hasStarted)', () => {
  it('before its first day a period is outside every category, from it on it is classified', () => {
    const period = (asOf: string): TimelinessInput => ({ ...fixed('2026-07-20', asOf), startsOn: '2026-07-01' });
    expect(classify(period('2026-06-30'))).toEqual({ category: null, fallenDue: false, overdueDays: 0, bucket: null });
    expect(classify(period('2026-07-01')).category).toBe('in_progress_on_time');
    expect(classify(period('2026-08-05'))).toMatchObject({ category: 'overdue', overdueDays: 16 });
    expect(hasStarted(null, '2026-01-01')).toBe(true);
    expect(hasStarted('2026-07-01', '2026-07-01')).toBe(true);
    expect(hasStarted('2026-07-01', '2026-06-30')).toBe(false);
    expect(() => hasStarted('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });

  it('staleness counts from the later of assignment and start', () => {
    // Created (assigned) on 4 May, the July period starts on 1 July: not stale on 10 June nor on 31 July.
    expect(isStale(null, '2026-05-04', '2026-06-10', 30, '2026-07-01')).toBe(false);
    expect(isStale(null, '2026-05-04', '2026-07-31', 30, '2026-07-01')).toBe(false);
    expect(isStale(null, '2026-05-04', '2026-08-01', 30, '2026-07-01')).toBe(true);
    // Without a start, from the assignment as before.
    expect(isStale(null, '2026-05-04', '2026-06-10', 30)).toBe(true);
    // A start before the assignment changes nothing.
    expect(isStale(null, '2026-05-04', '2026-06-03', 30, '2026-05-01')).toBe(false);
    expect(isStale(null, '2026-05-04', '2026-06-04', 30, '2026-05-01')).toBe(true);
  });
});
