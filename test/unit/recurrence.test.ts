import { describe, expect, it } from 'vitest';
import {
  describeRecurrence,
  periodsBetween,
  recurrenceError,
  recurrenceSchema,
  type Recurrence,
} from '../../src/domain/recurrence.js';

const deadlines = (rule: Recurrence, from: string, to: string) => periodsBetween(rule, from, to).map((p) => p.deadline);
const keys = (rule: Recurrence, from: string, to: string) => periodsBetween(rule, from, to).map((p) => p.key);

describe('periodsBetween: monthly', () => {
  it('one period per month, due on day N of that month', () => {
    expect(periodsBetween({ freq: 'monthly', day: 20 }, '2026-01-01', '2026-03-31')).toEqual([
      { key: '2026-01', start: '2026-01-01', end: '2026-01-31', deadline: '2026-01-20' },
      { key: '2026-02', start: '2026-02-01', end: '2026-02-28', deadline: '2026-02-20' },
      { key: '2026-03', start: '2026-03-01', end: '2026-03-31', deadline: '2026-03-20' },
    ]);
  });

  it('day 31 clamps to the month length, with leap years', () => {
    expect(deadlines({ freq: 'monthly', day: 31 }, '2024-01-01', '2024-06-30')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
    ]);
    expect(deadlines({ freq: 'monthly', day: 30 }, '2025-02-01', '2025-02-28')).toEqual(['2025-02-28']);
    expect(deadlines({ freq: 'monthly', day: 29 }, '2100-02-01', '2100-02-28')).toEqual(['2100-02-28']); // not leap
    expect(deadlines({ freq: 'monthly', day: 29 }, '2000-02-01', '2000-02-29')).toEqual(['2000-02-29']); // leap
  });

  it('range ends are inclusive, on the deadline itself', () => {
    const rule: Recurrence = { freq: 'monthly', day: 15 };
    expect(keys(rule, '2026-03-15', '2026-04-15')).toEqual(['2026-03', '2026-04']);
    expect(keys(rule, '2026-03-16', '2026-04-14')).toEqual([]);
    expect(keys(rule, '2026-03-15', '2026-03-15')).toEqual(['2026-03']);
  });

  it('crosses the year boundary', () => {
    expect(keys({ freq: 'monthly', day: 5 }, '2025-11-01', '2026-02-10')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('empty when from > to', () => {
    expect(periodsBetween({ freq: 'monthly', day: 5 }, '2026-03-01', '2026-02-01')).toEqual([]);
  });

  it('a long range has one period per month', () => {
    const ps = periodsBetween({ freq: 'monthly', day: 1 }, '2000-01-01', '2029-12-31');
    expect(ps).toHaveLength(360);
    expect(new Set(ps.map((p) => p.key)).size).toBe(360);
  });
});

describe('periodsBetween: quarterly', () => {
  it('due on day N of the last month of the quarter by default', () => {
    expect(periodsBetween({ freq: 'quarterly', day: 20 }, '2026-01-01', '2026-12-31')).toEqual([
      { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', deadline: '2026-03-20' },
      { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', deadline: '2026-06-20' },
      { key: '2026-Q3', start: '2026-07-01', end: '2026-09-30', deadline: '2026-09-20' },
      { key: '2026-Q4', start: '2026-10-01', end: '2026-12-31', deadline: '2026-12-20' },
    ]);
  });

  it('month offset 1: day 5 of the month after the quarter; Q4 falls in the next year', () => {
    const rule: Recurrence = { freq: 'quarterly', day: 5, monthOffset: 1 };
    expect(periodsBetween(rule, '2026-01-01', '2026-12-31').map((p) => [p.key, p.deadline])).toEqual([
      ['2025-Q4', '2026-01-05'],
      ['2026-Q1', '2026-04-05'],
      ['2026-Q2', '2026-07-05'],
      ['2026-Q3', '2026-10-05'],
    ]);
    expect(keys(rule, '2027-01-01', '2027-01-31')).toEqual(['2026-Q4']);
  });

  it('negative offset: within the quarter', () => {
    expect(deadlines({ freq: 'quarterly', day: 15, monthOffset: -2 }, '2026-01-01', '2026-06-30')).toEqual([
      '2026-01-15',
      '2026-04-15',
    ]);
  });

  it('large offsets reach more than a year ahead', () => {
    expect(periodsBetween({ freq: 'quarterly', day: 10, monthOffset: 12 }, '2027-03-01', '2027-03-31')).toEqual([
      { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', deadline: '2027-03-10' },
    ]);
  });

  it('clamps day 31 in 30-day last months', () => {
    expect(deadlines({ freq: 'quarterly', day: 31 }, '2026-01-01', '2026-12-31')).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ]);
    expect(deadlines({ freq: 'quarterly', day: 31, monthOffset: -1 }, '2024-01-01', '2024-03-31')).toEqual([
      '2024-02-29',
    ]);
  });
});

describe('periodsBetween: half-yearly', () => {
  it('due in June and December by default', () => {
    expect(periodsBetween({ freq: 'half_yearly', day: 15 }, '2026-01-01', '2026-12-31')).toEqual([
      { key: '2026-H1', start: '2026-01-01', end: '2026-06-30', deadline: '2026-06-15' },
      { key: '2026-H2', start: '2026-07-01', end: '2026-12-31', deadline: '2026-12-15' },
    ]);
  });

  it('offset 1: H2 falls in January of the next year', () => {
    const rule: Recurrence = { freq: 'half_yearly', day: 10, monthOffset: 1 };
    expect(periodsBetween(rule, '2026-01-01', '2026-12-31').map((p) => [p.key, p.deadline])).toEqual([
      ['2025-H2', '2026-01-10'],
      ['2026-H1', '2026-07-10'],
    ]);
  });

  it('offset -5: first month of the half', () => {
    expect(deadlines({ freq: 'half_yearly', day: 31, monthOffset: -4 }, '2023-01-01', '2023-12-31')).toEqual([
      '2023-02-28',
      '2023-08-31',
    ]);
  });
});

describe('periodsBetween: yearly', () => {
  it('one period a year', () => {
    expect(periodsBetween({ freq: 'yearly', month: 12, day: 15 }, '2025-01-01', '2026-12-31')).toEqual([
      { key: '2025', start: '2025-01-01', end: '2025-12-31', deadline: '2025-12-15' },
      { key: '2026', start: '2026-01-01', end: '2026-12-31', deadline: '2026-12-15' },
    ]);
  });

  it('29 February clamps in common years', () => {
    expect(deadlines({ freq: 'yearly', month: 2, day: 29 }, '2023-01-01', '2025-12-31')).toEqual([
      '2023-02-28',
      '2024-02-29',
      '2025-02-28',
    ]);
  });

  it('a range that misses the deadline is empty', () => {
    expect(periodsBetween({ freq: 'yearly', month: 12, day: 15 }, '2026-01-01', '2026-12-14')).toEqual([]);
  });
});

describe('periodsBetween: results are sorted by deadline and unique by key', () => {
  it.each<Recurrence>([
    { freq: 'monthly', day: 28 },
    { freq: 'quarterly', day: 5, monthOffset: 1 },
    { freq: 'half_yearly', day: 20, monthOffset: 2 },
    { freq: 'yearly', month: 1, day: 10 },
  ])('%j', (rule) => {
    const ps = periodsBetween(rule, '2020-01-01', '2030-12-31');
    const ds = ps.map((p) => p.deadline);
    expect([...ds].sort()).toEqual(ds);
    expect(new Set(ps.map((p) => p.key)).size).toBe(ps.length);
    for (const p of ps) expect(p.deadline >= p.start).toBe(true);
  });
});

describe('periodsBetween: invalid input', () => {
  it('rejects bad dates', () => {
    expect(() => periodsBetween({ freq: 'monthly', day: 1 }, '2026-02-30', '2026-03-01')).toThrow(/from/);
    expect(() => periodsBetween({ freq: 'monthly', day: 1 }, '2026-01-01', '2026/03/01')).toThrow(/to/);
  });

  it('rejects bad rules', () => {
    expect(() => periodsBetween({ freq: 'monthly', day: 0 }, '2026-01-01', '2026-03-01')).toThrow(RangeError);
    expect(() => periodsBetween({ freq: 'monthly', day: 32 }, '2026-01-01', '2026-03-01')).toThrow(RangeError);
  });
});

describe('recurrenceError', () => {
  it.each<[Recurrence, RegExp | null]>([
    [{ freq: 'monthly', day: 1 }, null],
    [{ freq: 'monthly', day: 31 }, null],
    [{ freq: 'monthly', day: 0 }, /từ 1 đến 31/],
    [{ freq: 'monthly', day: 2.5 }, /từ 1 đến 31/],
    [{ freq: 'quarterly', day: 5 }, null],
    [{ freq: 'quarterly', day: 5, monthOffset: -2 }, null],
    [{ freq: 'quarterly', day: 5, monthOffset: -3 }, /từ -2 đến 12/],
    [{ freq: 'quarterly', day: 5, monthOffset: 13 }, /từ -2 đến 12/],
    [{ freq: 'half_yearly', day: 5, monthOffset: -5 }, null],
    [{ freq: 'half_yearly', day: 5, monthOffset: -6 }, /kỳ 6 tháng.*từ -5 đến 12/],
    [{ freq: 'yearly', month: 2, day: 29 }, null],
    [{ freq: 'yearly', month: 2, day: 30 }, /tháng 2 có nhiều nhất 29 ngày/],
    [{ freq: 'yearly', month: 4, day: 31 }, /tháng 4 có nhiều nhất 30 ngày/],
    [{ freq: 'yearly', month: 13, day: 1 }, /Tháng đến hạn/],
    [{ freq: 'weekly', day: 1 } as unknown as Recurrence, /Chu kỳ không hợp lệ/],
  ])('%j', (rule, expected) => {
    const err = recurrenceError(rule);
    if (expected === null) expect(err).toBeNull();
    else expect(err).toMatch(expected);
  });
});

describe('recurrenceSchema', () => {
  it('accepts valid rules', () => {
    expect(recurrenceSchema.parse({ freq: 'quarterly', day: 5, monthOffset: 1 })).toEqual({
      freq: 'quarterly',
      day: 5,
      monthOffset: 1,
    });
    expect(recurrenceSchema.safeParse({ freq: 'yearly', month: 12, day: 15 }).success).toBe(true);
  });

  it('rejects invalid rules with the Vietnamese message', () => {
    const r = recurrenceSchema.safeParse({ freq: 'yearly', month: 2, day: 30 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/tháng 2 có nhiều nhất 29 ngày/);
    expect(recurrenceSchema.safeParse({ freq: 'monthly', day: 5, extra: 1 }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ freq: 'weekly', day: 5 }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ freq: 'monthly', day: '5' }).success).toBe(false);
  });
});

describe('describeRecurrence', () => {
  it.each<[Recurrence, string, string]>([
    [{ freq: 'monthly', day: 20 }, 'Hằng tháng, ngày 20', 'Monthly, on day 20'],
    [
      { freq: 'monthly', day: 31 },
      'Hằng tháng, ngày 31 (tháng ít ngày hơn: ngày cuối tháng)',
      'Monthly, on day 31 (or the last day of shorter months)',
    ],
    [
      { freq: 'quarterly', day: 20 },
      'Hằng quý, ngày 20 tháng cuối quý',
      'Quarterly, on day 20 of the last month of the quarter',
    ],
    [
      { freq: 'quarterly', day: 5, monthOffset: 1 },
      'Hằng quý, ngày 5 tháng đầu quý sau',
      'Quarterly, on day 5 of the first month after the quarter',
    ],
    [
      { freq: 'quarterly', day: 5, monthOffset: 2 },
      'Hằng quý, ngày 5 tháng thứ 2 của quý sau',
      'Quarterly, on day 5 of the 2nd month after the quarter',
    ],
    [
      { freq: 'quarterly', day: 15, monthOffset: -2 },
      'Hằng quý, ngày 15 tháng đầu quý',
      'Quarterly, on day 15 of the first month of the quarter',
    ],
    [
      { freq: 'quarterly', day: 15, monthOffset: -1 },
      'Hằng quý, ngày 15 tháng thứ 2 của quý',
      'Quarterly, on day 15 of the 2nd month of the quarter',
    ],
    [
      { freq: 'quarterly', day: 10, monthOffset: 12 },
      'Hằng quý, ngày 10 tháng thứ 12 kể từ khi hết quý',
      'Quarterly, on day 10 of the 12th month after the quarter',
    ],
    [
      { freq: 'half_yearly', day: 20 },
      'Định kỳ 6 tháng, ngày 20 tháng cuối kỳ',
      'Half-yearly, on day 20 of the last month of the half-year',
    ],
    [
      { freq: 'half_yearly', day: 10, monthOffset: 1 },
      'Định kỳ 6 tháng, ngày 10 tháng đầu kỳ sau',
      'Half-yearly, on day 10 of the first month after the half-year',
    ],
    [
      { freq: 'half_yearly', day: 30, monthOffset: -3 },
      'Định kỳ 6 tháng, ngày 30 tháng thứ 3 của kỳ (tháng ít ngày hơn: ngày cuối tháng)',
      'Half-yearly, on day 30 of the 3rd month of the half-year (or the last day of shorter months)',
    ],
    [{ freq: 'yearly', month: 12, day: 15 }, 'Hằng năm, ngày 15 tháng 12', 'Yearly, on 15 December'],
    [
      { freq: 'yearly', month: 2, day: 29 },
      'Hằng năm, ngày 29 tháng 2 (năm không nhuận: ngày 28 tháng 2)',
      'Yearly, on 29 February (28 February in common years)',
    ],
  ])('%j', (rule, vi, en) => {
    expect(describeRecurrence(rule, 'vi')).toBe(vi);
    expect(describeRecurrence(rule, 'en')).toBe(en);
  });

  it('rejects an invalid rule', () => {
    expect(() => describeRecurrence({ freq: 'yearly', month: 2, day: 30 }, 'vi')).toThrow(RangeError);
  });
});
