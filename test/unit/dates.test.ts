import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dayOfWeek,
  daysInMonth,
  diffDays,
  endOfDayVn,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isWeekend,
  parseIsoDate,
  startOfDayVn,
  toEpochDay,
  toIsoDate,
  vnDateOf,
} from '../../src/domain/dates.js';

describe('isIsoDate / parseIsoDate / toIsoDate', () => {
  it('accepts existing days only', () => {
    expect(isIsoDate('2024-01-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-00-10')).toBe(false);
    expect(isIsoDate('2024-01-00')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('2024-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(' 2024-01-01')).toBe(false);
    expect(isIsoDate('')).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('parses and formats', () => {
    expect(parseIsoDate('2025-09-02')).toEqual({ y: 2025, m: 9, d: 2 });
    expect(toIsoDate(2025, 9, 2)).toBe('2025-09-02');
    expect(toIsoDate(999, 1, 5)).toBe('0999-01-05');
    expect(() => parseIsoDate('2025-02-30')).toThrow(RangeError);
    expect(() => parseIsoDate('02/09/2025')).toThrow(RangeError);
    expect(() => toIsoDate(2025, 2, 29)).toThrow(RangeError);
    expect(() => toIsoDate(2025, 13, 1)).toThrow(RangeError);
    expect(() => toIsoDate(2025, 1, 1.5)).toThrow(RangeError);
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});

describe('day arithmetic', () => {
  it('converts to and from epoch days', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(19723)).toBe('2024-01-01');
    expect(() => fromEpochDay(1.5)).toThrow(RangeError);
  });

  it('agrees with Date.UTC on every day 1950–2060', () => {
    let ms = Date.UTC(1950, 0, 1);
    const end = Date.UTC(2060, 11, 31);
    for (; ms <= end; ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const n = ms / 86_400_000;
      if (toEpochDay(iso) !== n || fromEpochDay(n) !== iso) throw new Error(`mismatch at ${iso}`);
      if (dayOfWeek(iso) !== new Date(ms).getUTCDay()) throw new Error(`weekday mismatch at ${iso}`);
    }
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-03-15', 0)).toBe('2025-03-15');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2025-01-32', 1)).toThrow(RangeError);
  });

  it('computes b − a', () => {
    expect(diffDays('2025-01-01', '2025-01-31')).toBe(30);
    expect(diffDays('2025-01-31', '2025-01-01')).toBe(-30);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(diffDays('2025-06-01', '2025-06-01')).toBe(0);
  });

  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
    expect(dayOfWeek('2000-01-01')).toBe(6);
    expect(dayOfWeek('2024-01-01')).toBe(1);
    expect(dayOfWeek('2025-09-02')).toBe(2);
    expect(dayOfWeek('2025-01-26')).toBe(0);
    expect(isWeekend('2025-01-25')).toBe(true);
    expect(isWeekend('2025-01-26')).toBe(true);
    expect(isWeekend('2025-01-27')).toBe(false);
  });

  it('compares dates', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(['2025-03-01', '2024-12-31', '2025-01-15'].sort(compareDates)).toEqual([
      '2024-12-31',
      '2025-01-15',
      '2025-03-01',
    ]);
  });
});

describe('Vietnam time (UTC+7)', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('gives the calendar date in Vietnam of an instant', () => {
    expect(vnDateOf(new Date('2024-01-01T16:59:59.999Z'))).toBe('2024-01-01');
    expect(vnDateOf(new Date('2024-01-01T17:00:00.000Z'))).toBe('2024-01-02');
    expect(vnDateOf(new Date('2024-12-31T17:00:00.000Z'))).toBe('2025-01-01');
    expect(vnDateOf(new Date('2025-01-01T00:00:00+07:00'))).toBe('2025-01-01');
    expect(vnDateOf(new Date('1969-12-31T17:00:00Z'))).toBe('1970-01-01');
    expect(() => vnDateOf(new Date('nonsense'))).toThrow(RangeError);
  });

  it('gives the start and end instants of a day in Vietnam', () => {
    expect(startOfDayVn('2024-01-01').toISOString()).toBe('2023-12-31T17:00:00.000Z');
    expect(endOfDayVn('2024-01-01').toISOString()).toBe('2024-01-01T17:00:00.000Z');
    expect(endOfDayVn('2024-02-29').toISOString()).toBe('2024-02-29T17:00:00.000Z');
    expect(endOfDayVn('2024-12-31').getTime()).toBe(startOfDayVn('2025-01-01').getTime());
    for (const d of ['2024-01-01', '2024-02-29', '2025-06-30', '1990-01-01']) {
      expect(vnDateOf(startOfDayVn(d))).toBe(d);
      expect(vnDateOf(new Date(endOfDayVn(d).getTime() - 1))).toBe(d);
      expect(vnDateOf(endOfDayVn(d))).toBe(addDays(d, 1));
    }
  });

  it('does not depend on the time zone of the machine', () => {
    for (const tz of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
      process.env.TZ = tz;
      expect(vnDateOf(new Date('2024-01-01T17:00:00.000Z'))).toBe('2024-01-02');
      expect(endOfDayVn('2024-03-10').toISOString()).toBe('2024-03-10T17:00:00.000Z');
      expect(dayOfWeek('2024-03-10')).toBe(0);
      expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
    }
  });
});
