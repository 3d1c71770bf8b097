/** Reporting periods (quarters, half-years, years), which of them are closed, and rates as reports print them. */
import { describe, expect, it } from 'vitest';
import { closedPeriods, isClosed, parsePeriod } from '../../src/domain/periods.js';
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
