/** Reporting periods (months, quarters, half-years, years), their names, which of them are closed, and rates as reports print them. */
import { describe, expect, it } from 'vitest';
import {
  closedPeriods,
  isClosed,
  parsePeriod,
  periodInSentence,
  periodName,
  periodOf,
  PERIODS_PER_YEAR,
} from '../../src/domain/periods.js';
import { fmtRate } from '../../web/src/format.js';

describe('periods', () => {
  it('names quarters, half-years and years with their first and last days', () => {
    expect(parsePeriod('2026-Q1')).toMatchObject({ kind: 'quarter', from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2026-Q3')).toMatchObject({ kind: 'quarter', n: 3, from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2024-Q1')?.to).toBe('2024-03-31');
    expect(parsePeriod('2026-H1')).toMatchObject({ kind: 'half', from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod('2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
    expect(parsePeriod('2025')).toMatchObject({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
  });

  it('refuses what names no period', () => {
    for (const k of ['2026-Q5', '2026-Q0', '2026-H3', '26-Q1', '2026Q1', '2026-q1', '1989', '2049', '', '2026-'])
      expect(parsePeriod(k)).toBeNull();
  });

  it('a period is closed only once its last day is before today', () => {
    const q3 = parsePeriod('2026-Q3')!;
    expect(isClosed(q3, '2026-09-30')).toBe(false);
    expect(isClosed(q3, '2026-10-01')).toBe(true);
  });

  it('lists the closed periods of the last years, most recent first within each kind', () => {
    const keys = closedPeriods('2026-10-01').map((p) => p.key);
    expect(keys.slice(0, 3)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1']);
    expect(keys).not.toContain('2026-Q4');
    expect(keys).toContain('2026-H1');
    expect(keys).not.toContain('2026-H2');
    expect(keys).not.toContain('2026');
    expect(keys).toContain('2025');
    expect(keys).toContain('2024-Q1');
    expect(closedPeriods('2026-01-01').map((p) => p.key)[0]).toBe('2025-Q4');
  });
});

describe('periodOf: the one computation of a period', () => {
  it('months end on their last day, February on the 29th of a leap year', () => {
    expect(periodOf('month', 2026, 1)).toMatchObject({ key: '2026-01', from: '2026-01-01', to: '2026-01-31' });
    expect(periodOf('month', 2026, 2)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', 2028, 2)?.to).toBe('2028-02-29');
    expect(periodOf('month', 2040, 2)?.to).toBe('2040-02-29');
    expect(periodOf('month', 2027, 2)?.to).toBe('2027-02-28');
    expect(periodOf('month', 2026, 4)?.to).toBe('2026-04-30');
    expect(periodOf('month', 2026, 12)).toMatchObject({ key: '2026-12', from: '2026-12-01', to: '2026-12-31' });
  });

  it('quarters, halves and the year cover the year without gap or overlap', () => {
    for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
      const ps = Array.from({ length: PERIODS_PER_YEAR[kind] }, (_, i) => periodOf(kind, 2024, i + 1)!);
      expect(ps[0]!.from).toBe('2024-01-01');
      expect(ps[ps.length - 1]!.to).toBe('2024-12-31');
      for (let i = 1; i < ps.length; i++) {
        const dayAfter = new Date(`${ps[i - 1]!.to}T00:00:00Z`);
        dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
        expect(ps[i]!.from).toBe(dayAfter.toISOString().slice(0, 10));
      }
    }
    expect(periodOf('quarter', 2026, 4)).toMatchObject({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('quarter', 2026, 2)).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf('half', 2026, 1)).toMatchObject({ key: '2026-H1', from: '2026-01-01', to: '2026-06-30' });
    expect(periodOf('half', 2026, 2)).toMatchObject({ key: '2026-H2', from: '2026-07-01', to: '2026-12-31' });
    expect(periodOf('year', 2026, 1)).toMatchObject({ key: '2026', from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses a number that does not fit its kind, and years out of range', () => {
    expect(periodOf('month', 2026, 13)).toBeNull();
    expect(periodOf('month', 2026, 0)).toBeNull();
    expect(periodOf('quarter', 2026, 5)).toBeNull();
    expect(periodOf('half', 2026, 3)).toBeNull();
    expect(periodOf('year', 2026, 2)).toBeNull();
    expect(periodOf('quarter', 2026, 1.5)).toBeNull();
    expect(periodOf('year', 1989, 1)).toBeNull();
    expect(periodOf('year', 2049, 1)).toBeNull();
  });

  it('a published key and the same period asked by kind and number are one period', () => {
    expect(parsePeriod('2026-Q4')).toEqual(periodOf('quarter', 2026, 4));
    expect(parsePeriod('2026-H2')).toEqual(periodOf('half', 2026, 2));
    expect(parsePeriod('2026')).toEqual(periodOf('year', 2026, 1));
    // Months are not published periods.
    expect(parsePeriod('2026-03')).toBeNull();
  });
});

describe('period names', () => {
  it('in Vietnamese, as administrative reports write them', () => {
    expect(periodName(periodOf('quarter', 2026, 4)!)).toBe('Quý IV năm 2026');
    expect(periodName(periodOf('quarter', 2026, 1)!)).toBe('Quý I năm 2026');
    expect(periodName(periodOf('quarter', 2026, 3)!)).toBe('Quý III năm 2026');
    expect(periodName(periodOf('half', 2026, 1)!)).toBe('6 tháng đầu năm 2026');
    expect(periodName(periodOf('half', 2026, 2)!)).toBe('6 tháng cuối năm 2026');
    expect(periodName(periodOf('month', 2026, 3)!)).toBe('Tháng 3 năm 2026');
    expect(periodName(periodOf('year', 2026, 1)!)).toBe('Năm 2026');
    expect(periodInSentence(periodOf('quarter', 2026, 4)!)).toBe('quý IV năm 2026');
    expect(periodInSentence(periodOf('month', 2026, 3)!)).toBe('tháng 3 năm 2026');
    expect(periodInSentence(periodOf('half', 2026, 1)!)).toBe('6 tháng đầu năm 2026');
  });

  it('in English', () => {
    expect(periodName(periodOf('quarter', 2026, 4)!, 'en')).toBe('Q4 2026');
    expect(periodName(periodOf('half', 2026, 1)!, 'en')).toBe('First half of 2026');
    expect(periodName(periodOf('half', 2026, 2)!, 'en')).toBe('Second half of 2026');
    expect(periodName(periodOf('month', 2026, 3)!, 'en')).toBe('March 2026');
    expect(periodName(periodOf('year', 2026, 1)!, 'en')).toBe('2026');
    expect(periodInSentence(periodOf('quarter', 2026, 4)!, 'en')).toBe('Q4 2026');
  });
});

describe('rates as the national reports print them', () => {
  it('truncates to two decimals with a comma: 16 051 done of 16 274 fallen due is 98,62 %', () => {
    // 1270/BC-TCTTTg (2017): 16 051 completed, 223 overdue.
    expect(fmtRate(Math.floor((16051 * 10_000) / 16274) / 10_000)).toBe('98,62 %');
    expect(fmtRate(0.98629)).toBe('98,62 %');
    expect(fmtRate(2 / 3)).toBe('66,66 %');
    expect(fmtRate(1)).toBe('100,00 %');
    expect(fmtRate(0)).toBe('0,00 %');
    expect(fmtRate(0.9862, 'en')).toBe('98.62 %');
    expect(fmtRate(null)).toBe('—');
  });
});
