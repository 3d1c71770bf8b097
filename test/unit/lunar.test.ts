import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from '../../src/domain/lunar.js';

/**
 * Tết Nguyên đán (1/1 lunar) in Vietnam. The Vietnamese calendar (UTC+7)
 * differs from the Chinese one (UTC+8) in 2007 (China: 18/2) and 2030
 * (China: 3/2), the new moon falling between 23:00 and 24:00 Vietnam time.
 */
const TET: Record<number, string> = {
  1990: '1990-01-27',
  1991: '1991-02-15',
  1992: '1992-02-04',
  1993: '1993-01-23',
  1994: '1994-02-10',
  1995: '1995-01-31',
  1996: '1996-02-19',
  1997: '1997-02-07',
  1998: '1998-01-28',
  1999: '1999-02-16',
  2000: '2000-02-05',
  2001: '2001-01-24',
  2002: '2002-02-12',
  2003: '2003-02-01',
  2004: '2004-01-22',
  2005: '2005-02-09',
  2006: '2006-01-29',
  2007: '2007-02-17',
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
  2041: '2041-02-01',
  2042: '2042-01-22',
  2043: '2043-02-10',
  2044: '2044-01-30',
  2045: '2045-02-17',
  2046: '2046-02-06',
  2047: '2047-01-26',
  2048: '2048-02-14',
  2049: '2049-02-02',
  2050: '2050-01-23',
};

/** Leap months (tháng nhuận) 1990–2050; all other years have none. */
const LEAP: Record<number, number> = {
  1990: 5,
  1993: 3,
  1995: 8,
  1998: 5,
  2001: 4,
  2004: 2,
  2006: 7,
  2009: 5,
  2012: 4,
  2014: 9,
  2017: 6,
  2020: 4,
  2023: 2,
  2025: 6,
  2028: 5,
  2031: 3,
  2033: 11,
  2036: 6,
  2039: 5,
  2042: 2,
  2044: 7,
  2047: 5,
  2050: 3,
};

describe('Tết Nguyên đán', () => {
  it('falls on the known Vietnamese date every year 1990–2050', () => {
    for (let year = 1990; year <= 2050; year++) {
      expect(lunarToSolar(1, 1, year), `Tết ${year}`).toBe(TET[year]);
      expect(solarToLunar(TET[year]!)).toEqual({ day: 1, month: 1, year, leap: false });
    }
  });

  it('differs from the Chinese calendar where the Vietnamese one does', () => {
    expect(lunarToSolar(1, 1, 1985)).toBe('1985-01-21'); // China: 1985-02-20
    expect(lunarToSolar(1, 1, 2007)).toBe('2007-02-17'); // China: 2007-02-18
    expect(lunarToSolar(1, 1, 2030)).toBe('2030-02-02'); // China: 2030-02-03
    expect(solarToLunar('2007-02-18')).toEqual({ day: 2, month: 1, year: 2007, leap: false });
  });

  it('knows the last days of the lunar year around recent Tết', () => {
    // As named in the government notices on the Tết holidays.
    expect(solarToLunar('2020-01-23')).toEqual({ day: 29, month: 12, year: 2019, leap: false });
    expect(solarToLunar('2021-02-10')).toEqual({ day: 29, month: 12, year: 2020, leap: false });
    expect(solarToLunar('2024-02-08')).toEqual({ day: 29, month: 12, year: 2023, leap: false });
    expect(solarToLunar('2025-01-27')).toEqual({ day: 28, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2026-02-14')).toEqual({ day: 27, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2026-02-22')).toEqual({ day: 6, month: 1, year: 2026, leap: false });
    // Years without a "30 Tết".
    expect(lunarMonthLength(12, 2021)).toBe(29);
    expect(lunarMonthLength(12, 2024)).toBe(29);
    expect(lunarMonthLength(12, 2023)).toBe(30);
  });
});

describe('Giỗ Tổ Hùng Vương and other lunar dates', () => {
  it('puts 10/3 on the known solar dates', () => {
    const gioTo: Record<number, string> = {
      2007: '2007-04-26',
      2019: '2019-04-14',
      2020: '2020-04-02',
      2021: '2021-04-21',
      2022: '2022-04-10',
      2023: '2023-04-29',
      2024: '2024-04-18',
      2025: '2025-04-07',
      2026: '2026-04-26',
    };
    for (const [year, date] of Object.entries(gioTo)) {
      expect(lunarToSolar(10, 3, Number(year))).toBe(date);
      expect(solarToLunar(date)).toEqual({ day: 10, month: 3, year: Number(year), leap: false });
    }
  });

  it('puts Tết Trung thu (15/8) on the known dates', () => {
    expect(lunarToSolar(15, 8, 2023)).toBe('2023-09-29');
    expect(lunarToSolar(15, 8, 2024)).toBe('2024-09-17');
    expect(lunarToSolar(15, 8, 2025)).toBe('2025-10-06');
  });
});

describe('leap months', () => {
  it('finds the leap month of every year 1990–2050', () => {
    for (let year = 1990; year <= 2050; year++) {
      expect(leapMonthOf(year), `leap month of ${year}`).toBe(LEAP[year] ?? null);
    }
  });

  it('labels leap months in conversions', () => {
    expect(solarToLunar('2020-05-23')).toEqual({ day: 1, month: 4, year: 2020, leap: true });
    expect(solarToLunar('2020-05-22')).toEqual({ day: 30, month: 4, year: 2020, leap: false });
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(solarToLunar('2023-02-20')).toEqual({ day: 1, month: 2, year: 2023, leap: false });
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar('2023-04-20')).toEqual({ day: 1, month: 3, year: 2023, leap: false });
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    // Leap 11th month of 2033 lies in solar December 2033.
    expect(lunarToSolar(1, 11, 2033, true)).toBe('2033-12-22');
    expect(solarToLunar('2034-01-20')).toEqual({ day: 1, month: 12, year: 2033, leap: false });
  });

  it('rejects non-existent lunar dates', () => {
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow(RangeError); // 2023 leap month is 2
    expect(() => lunarToSolar(1, 1, 2024, true)).toThrow(RangeError); // no leap month in 2024
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError); // 29-day month
    expect(() => lunarToSolar(31, 1, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(0, 1, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 0, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1.5, 1, 2024)).toThrow(RangeError);
    expect(() => lunarMonthLength(5, 2024, true)).toThrow(RangeError);
  });

  it('rejects years out of range', () => {
    expect(() => lunarToSolar(1, 1, 1799)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2200)).toThrow(RangeError);
    expect(() => solarToLunar('1799-12-31')).toThrow(RangeError);
    expect(() => solarToLunar('2024-02-30')).toThrow(RangeError);
    expect(() => leapMonthOf(2200)).toThrow(RangeError);
  });
});

describe('round trips', () => {
  it('converts every day of several years solar → lunar → solar', () => {
    for (const year of [1990, 2007, 2020, 2023, 2025, 2030, 2033, 2050]) {
      let date = `${year}-01-01`;
      let previous = solarToLunar(addDays(date, -1));
      while (date.startsWith(String(year))) {
        const l = solarToLunar(date);
        const back = lunarToSolar(l.day, l.month, l.year, l.leap);
        if (back !== date) throw new Error(`${date} → ${JSON.stringify(l)} → ${back}`);
        // Consecutive days: either the next day of the same month, or day 1 of a new month.
        if (l.day !== 1) {
          expect(l.day).toBe(previous.day + 1);
        } else {
          expect([29, 30]).toContain(previous.day);
          expect(previous.day).toBe(lunarMonthLength(previous.month, previous.year, previous.leap));
        }
        previous = l;
        date = addDays(date, 1);
      }
    }
  });
});
