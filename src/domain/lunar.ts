/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
 *
 * Rules (the same as the Chinese calendar, but evaluated in Vietnamese time,
 * UTC+7, which is why the two sometimes differ, e.g. Tết 1985 and Tết 2007):
 *  - a lunar month starts on the local day containing a new moon;
 *  - month 11 is the month containing the winter solstice (sun at 270°);
 *  - when there are 13 months between two consecutive months 11, the first
 *    month after month 11 containing no principal solar term (trung khí,
 *    a multiple of 30° of solar longitude) is the leap month and takes the
 *    number of the month before it.
 *
 * New moons and solar longitudes use the truncated series of Jean Meeus,
 * "Astronomical Algorithms" (ch. 25 and 49), as in the public algorithm
 * published by Hồ Ngọc Đức for the Vietnamese calendar, implemented here from
 * the formulas. Cross-checked against the full Meeus new-moon series (2nd ed.,
 * ch. 49) with ΔT and the apparent solar longitude: for 1990–2051 every month
 * starts on the same day (closest new moon 1.4 min from local midnight) and no
 * principal term changes sides of a month boundary (closest: the September
 * 2033 equinox, ≈10 min before midnight). Accepted range: 1800–2199.
 *
 * Internally days are Julian Day Numbers (JDN, integer, the day starting at
 * local midnight in Vietnam).
 */

import { fromEpochDay, toEpochDay } from './dates.js';

export interface LunarDate {
  /** Day of the lunar month, 1–30. */
  day: number;
  /** Lunar month number, 1–12 (a leap month repeats the number of the month before it). */
  month: number;
  /** Lunar year, named after the solar year in which its month 1 starts. */
  year: number;
  /** True for the leap (intercalary) month, "tháng nhuận". */
  leap: boolean;
}

/** Vietnam time zone, hours east of UTC. */
const TIME_ZONE = 7;
/** Mean synodic month in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 13:52 UT (k = 0). */
const NEW_MOON_EPOCH = 2415021.076998695;
/** JDN of 1970-01-01. */
const JDN_UNIX_EPOCH = 2440588;
const DEG = Math.PI / 180;

/** Range of solar years accepted by this module. */
export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

/** Julian ephemeris day of the k-th new moon after the k = 0 new moon of January 1900 (UT). */
function newMoonJd(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  // Periodic corrections (Meeus, 1st ed., ch. 47: "mean phase" method).
  const c =
    (0.1734 - 0.000393 * T) * Math.sin(M * DEG) +
    0.0021 * Math.sin(2 * M * DEG) -
    0.4068 * Math.sin(Mpr * DEG) +
    0.0161 * Math.sin(2 * Mpr * DEG) -
    0.0004 * Math.sin(3 * Mpr * DEG) +
    0.0104 * Math.sin(2 * F * DEG) -
    0.0051 * Math.sin((M + Mpr) * DEG) -
    0.0074 * Math.sin((M - Mpr) * DEG) +
    0.0004 * Math.sin((2 * F + M) * DEG) -
    0.0004 * Math.sin((2 * F - M) * DEG) -
    0.0006 * Math.sin((2 * F + Mpr) * DEG) +
    0.001 * Math.sin((2 * F - Mpr) * DEG) +
    0.0005 * Math.sin((2 * Mpr + M) * DEG);
  // ΔT (TT − UT) in days.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

/** Sun's longitude in radians, [0, 2π), at Julian day `jd` (Meeus ch. 25, low accuracy). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let C = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M * DEG); // equation of centre
  C += (0.019993 - 0.000101 * T) * Math.sin(2 * M * DEG) + 0.00029 * Math.sin(3 * M * DEG);
  const L = (L0 + C) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

const newMoonDayCache = new Map<number, number>();

/** JDN of the local (UTC+7) day containing the k-th new moon. */
function newMoonDay(k: number): number {
  let jdn = newMoonDayCache.get(k);
  if (jdn === undefined) {
    jdn = Math.floor(newMoonJd(k) + 0.5 + TIME_ZONE / 24);
    newMoonDayCache.set(k, jdn);
  }
  return jdn;
}

/**
 * Index 0–11 of the 30° sector the sun is in at local midnight starting day
 * `jdn` (0 = spring equinox…, 9 = winter solstice…). A month contains a
 * principal term iff the sector changes between its first day and the first
 * day of the next month.
 */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** JDN of the first day of lunar month 11 (the month of the winter solstice) of solar year `year`. */
function month11Start(year: number): number {
  const off = dateToJdn(year, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // If the new moon starting this candidate month falls after the solstice, month 11 is the one before.
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

interface MonthInfo {
  /** JDN of day 1. */
  start: number;
  /** Number of days, 29 or 30. */
  length: number;
  month: number;
  year: number;
  leap: boolean;
}

const cycleCache = new Map<number, MonthInfo[]>();

/**
 * The lunar months from month 11 of lunar year `year − 1` (inclusive) up to
 * month 11 of lunar year `year` (exclusive): 12 months, or 13 with a leap month.
 */
function monthCycle(year: number): MonthInfo[] {
  const cached = cycleCache.get(year);
  if (cached) return cached;
  const a11 = month11Start(year - 1);
  const b11 = month11Start(year);
  const k0 = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  const count = Math.round((b11 - a11) / SYNODIC_MONTH);
  let leapIndex = -1;
  if (count === 13) {
    // The first month after month 11 without a principal term is the leap month.
    for (let i = 1; i <= 12; i++) {
      if (sunSector(newMoonDay(k0 + i)) === sunSector(newMoonDay(k0 + i + 1))) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: MonthInfo[] = [];
  let month = 11;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) month = (month % 12) + 1;
    const start = newMoonDay(k0 + i);
    const next = i === count - 1 ? b11 : newMoonDay(k0 + i + 1);
    months.push({ start, length: next - start, month, year: month >= 11 ? year - 1 : year, leap });
  }
  cycleCache.set(year, months);
  return months;
}

function dateToJdn(y: number, m: number, d: number): number {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return toEpochDay(iso) + JDN_UNIX_EPOCH;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`Lunar calendar supported for ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR} only: ${year}`);
  }
}

/** Converts a solar (Gregorian) date 'YYYY-MM-DD' to the Vietnamese lunar date. */
export function solarToLunar(date: string): LunarDate {
  const jdn = toEpochDay(date) + JDN_UNIX_EPOCH;
  const y = Number(date.slice(0, 4));
  checkYear(y);
  const cycleYear = jdn >= month11Start(y) ? y + 1 : y;
  const months = monthCycle(cycleYear);
  for (let i = months.length - 1; i >= 0; i--) {
    const m = months[i]!;
    if (m.start <= jdn) return { day: jdn - m.start + 1, month: m.month, year: m.year, leap: m.leap };
  }
  throw new Error(`Internal error: no lunar month found for ${date}`);
}

function findMonth(month: number, year: number, leap: boolean): MonthInfo | undefined {
  // Months 11 and 12 (and leap 11/12) of lunar year Y lie in the cycle of Y + 1.
  const months = monthCycle(month >= 11 ? year + 1 : year);
  return months.find((m) => m.month === month && m.leap === leap && m.year === year);
}

/** The leap month of lunar year `year` (1–12), or null when the year has none. */
export function leapMonthOf(year: number): number | null {
  checkYear(year);
  for (const cycleYear of [year, year + 1]) {
    const m = monthCycle(cycleYear).find((x) => x.leap && x.year === year);
    if (m) return m.month;
  }
  return null;
}

/** Number of days (29 or 30) of a lunar month; throws RangeError if the month does not exist. */
export function lunarMonthLength(month: number, year: number, leap = false): number {
  checkYear(year);
  const m = findMonth(month, year, leap);
  if (!m) throw new RangeError(`No ${leap ? 'leap ' : ''}lunar month ${month} in lunar year ${year}`);
  return m.length;
}

/**
 * Converts a Vietnamese lunar date to the solar date 'YYYY-MM-DD'.
 * Throws RangeError for a non-existent date (e.g. a leap month the year does
 * not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): string {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid lunar month: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Invalid lunar day: ${day}`);
  const m = findMonth(month, year, leap);
  if (!m) throw new RangeError(`No ${leap ? 'leap ' : ''}lunar month ${month} in lunar year ${year}`);
  if (day > m.length) throw new RangeError(`Lunar month ${month}/${year} has only ${m.length} days`);
  return fromEpochDay(m.start + day - 1 - JDN_UNIX_EPOCH);
}
