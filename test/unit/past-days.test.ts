/**
 * Which ended days have settled (nothing more can be recorded as of them: ADR 0020) and which are built ahead.
 */
import { describe, expect, it } from 'vitest';
import { hasSettled, SETTLE_MS } from '../../src/services/asof.js';
import { pastDaysWanted } from '../../src/resources/reports/counts.js';

const vn = (local: string) => new Date(`${local}+07:00`);

describe('a day settles half an hour after its end in Vietnam', () => {
  it('not during the day, nor in the first half hour after midnight', () => {
    expect(SETTLE_MS).toBe(30 * 60_000);
    expect(hasSettled('2026-03-12', vn('2026-03-12T23:59:59'))).toBe(false);
    expect(hasSettled('2026-03-12', vn('2026-03-13T00:00:00'))).toBe(false);
    expect(hasSettled('2026-03-12', vn('2026-03-13T00:29:59'))).toBe(false);
    expect(hasSettled('2026-03-12', vn('2026-03-13T00:30:00'))).toBe(true);
    expect(hasSettled('2026-03-12', vn('2026-04-01T08:00:00'))).toBe(true);
  });
  it('by Vietnam time, whatever the server zone: 17:30 UTC is 00:30 the next day in Vietnam', () => {
    expect(hasSettled('2026-03-12', new Date('2026-03-12T17:29:00Z'))).toBe(false);
    expect(hasSettled('2026-03-12', new Date('2026-03-12T17:30:00Z'))).toBe(true);
  });
  it('a day not yet come or today has not settled', () => {
    expect(hasSettled('2026-03-13', vn('2026-03-13T12:00:00'))).toBe(false);
    expect(hasSettled('2027-01-01', vn('2026-03-13T12:00:00'))).toBe(false);
  });
});

describe('the ended days built ahead', () => {
  it('the last days and the month ends, newest first, each once', () => {
    const days = pastDaysWanted('2026-03-13', vn('2026-03-13T09:00:00'), { days: 3, months: 4 });
    expect(days).toEqual([
      '2026-03-12',
      '2026-03-11',
      '2026-03-10',
      '2026-02-28',
      '2026-01-31',
      '2025-12-31',
      '2025-11-30',
    ]);
  });
  it('a month end among the last days is not repeated; leap years and year ends', () => {
    const days = pastDaysWanted('2024-03-02', vn('2024-03-02T09:00:00'), { days: 3, months: 3 });
    expect(days).toEqual(['2024-03-01', '2024-02-29', '2024-02-28', '2024-01-31', '2023-12-31']);
    expect(new Set(days).size).toBe(days.length);
  });
  it('yesterday only once it has settled', () => {
    expect(pastDaysWanted('2026-03-13', vn('2026-03-13T00:10:00'), { days: 2, months: 0 })).toEqual(['2026-03-11']);
    expect(pastDaysWanted('2026-03-13', vn('2026-03-13T00:45:00'), { days: 2, months: 0 })).toEqual([
      '2026-03-12',
      '2026-03-11',
    ]);
  });
  it('none when nothing is to be built ahead', () => {
    expect(pastDaysWanted('2026-03-13', vn('2026-03-13T09:00:00'), { days: 0, months: 0 })).toEqual([]);
  });
});
