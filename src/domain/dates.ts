/**
 * Plain calendar dates as ISO strings 'YYYY-MM-DD'.
 *
 * All arithmetic is done on "epoch days" (days since 1970-01-01, proleptic
 * Gregorian calendar) with pure integer maths, so the result never depends on
 * the time zone of the machine. Instants (Date objects) are only used by the
 * Vietnam-specific helpers at the bottom, which work in UTC+7 (Vietnam has had
 * no daylight saving time since 1975).
 */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** Offset of Vietnam time (ICT, UTC+7) in milliseconds. */
export const VN_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `y` is a leap year in the proleptic Gregorian calendar. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when `s` is a string 'YYYY-MM-DD' naming an existing calendar day. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const match = ISO_DATE_RE.exec(s);
  if (!match) return false;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Splits an ISO date into numbers; throws RangeError on anything invalid. */
export function parseIsoDate(s: string): YMD {
  if (!isIsoDate(s)) {
    throw new RangeError(`Invalid ISO date (expected YYYY-MM-DD): ${JSON.stringify(s)}`);
  }
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
}

/** Formats a date as 'YYYY-MM-DD'; throws RangeError if the day does not exist. */
export function toIsoDate(y: number, m: number, d: number): string {
  if (
    !Number.isInteger(y) ||
    !Number.isInteger(m) ||
    !Number.isInteger(d) ||
    y < 1 ||
    y > 9999 ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysInMonth(y, m)
  ) {
    throw new RangeError(`Invalid date: ${y}-${m}-${d}`);
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(n: number): YMD {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** Number of days from 1970-01-01 to `date` (negative before 1970). */
export function toEpochDay(date: string): number {
  const { y, m, d } = parseIsoDate(date);
  return daysFromCivil(y, m, d);
}

/** Inverse of {@link toEpochDay}. */
export function fromEpochDay(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Epoch day must be an integer: ${n}`);
  const { y, m, d } = civilFromDays(n);
  return toIsoDate(y, m, d);
}

/** `date` shifted by `n` days (n may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Number of days must be an integer: ${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/** b − a in days (positive when b is after a). */
export function diffDays(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** Comparator for ISO dates (usable with Array.prototype.sort): −1, 0 or 1. */
export function compareDates(a: string, b: string): number {
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The calendar date in Vietnam (UTC+7) at the given instant. */
export function vnDateOf(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  return fromEpochDay(Math.floor((ms + VN_UTC_OFFSET_MS) / MS_PER_DAY));
}

/** The instant at which day `date` starts in Vietnam (00:00 at +07:00). */
export function startOfDayVn(date: string): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY - VN_UTC_OFFSET_MS);
}

/**
 * The instant at which day `date` ends in Vietnam, i.e. the start of the next
 * day (D+1 00:00 at +07:00). A deadline "by day D" is met strictly before it.
 */
export function endOfDayVn(date: string): Date {
  return new Date((toEpochDay(date) + 1) * MS_PER_DAY - VN_UTC_OFFSET_MS);
}

/** An instant as ISO 8601 text (UTC), or null: how the API writes `timestamptz` values. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** 'YYYY-MM-DD' → 'dd/MM/yyyy', as dates are written for people in Vietnam (in either language). */
export function dmy(date: string): string {
  const { y, m, d } = parseIsoDate(date);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${String(y).padStart(4, '0')}`;
}

/** The months' names in English (January first), for texts written in English. */
export const MONTHS_EN: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
