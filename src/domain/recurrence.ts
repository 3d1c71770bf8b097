/**
 * Recurring tasks ("nhiệm vụ định kỳ"): each period is an obligation of its own, with its own deadline.
 *
 * - monthly, day N: the report for a month is due on day N of that month (N clamped to the month's
 *   length: 31 → 30 April, 28/29 February).
 * - quarterly / half-yearly, day N, monthOffset k (default 0): due on day N of the period's last month
 *   plus k months (k = 1, day 5 → 5 April for Q1; k = -2, day 15 → 15 January for Q1). Clamped likewise.
 * - yearly, month M, day N: due on M/N of that year (29 February → 28 February in common years).
 *
 * Dates are plain ISO dates 'YYYY-MM-DD'. Deadlines here are calendar dates: moving one that falls on a
 * non-working day is the caller's job (see `effectiveDueDate` in timeliness.ts).
 */
import { z } from 'zod';
import { MONTHS_EN } from './dates.js';

export type Recurrence =
  | { freq: 'monthly'; day: number }
  | { freq: 'quarterly'; day: number; monthOffset?: number }
  | { freq: 'half_yearly'; day: number; monthOffset?: number }
  | { freq: 'yearly'; month: number; day: number };

export interface Period {
  /** '2026-03' (monthly), '2026-Q1' (quarterly), '2026-H1' (half-yearly), '2026' (yearly). */
  key: string;
  /** First day of the period. */
  start: string;
  /** Last day of the period. */
  end: string;
  /** Calendar deadline of the period's obligation. */
  deadline: string;
}

// ---- local calendar helpers ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1..12) of year `y`. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');
const isoDate = (y: number, m: number, d: number): string => `${pad4(y)}-${pad2(m)}-${pad2(d)}`;

function checkIsoDate(date: string, what: string): void {
  const m = ISO_DATE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return;
  }
  throw new RangeError(`${what}: expected an ISO date 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
}

/** Day `day` (clamped to the month's length) of the month `monthIndex` = year * 12 + (month - 1). */
function clampedDate(monthIndex: number, day: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

// ---- validation ----

const MONTHS_PER_PERIOD = { quarterly: 3, half_yearly: 6 } as const;
const MAX_MONTH_OFFSET = 12;

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/** What is wrong with a rule, in Vietnamese, or null when it is valid. */
export function recurrenceError(rule: Recurrence): string | null {
  const dayOk = isInt(rule.day) && rule.day >= 1 && rule.day <= 31;
  switch (rule.freq) {
    case 'monthly':
      return dayOk ? null : 'Ngày đến hạn hằng tháng phải là số nguyên từ 1 đến 31.';
    case 'quarterly':
    case 'half_yearly': {
      if (!dayOk) return 'Ngày đến hạn phải là số nguyên từ 1 đến 31.';
      const len = MONTHS_PER_PERIOD[rule.freq];
      const offset = rule.monthOffset ?? 0;
      if (!isInt(offset) || offset < 1 - len || offset > MAX_MONTH_OFFSET) {
        const kind = rule.freq === 'quarterly' ? 'quý' : 'kỳ 6 tháng';
        return `Số tháng lệch so với tháng cuối ${kind} phải là số nguyên từ ${1 - len} đến ${MAX_MONTH_OFFSET}.`;
      }
      return null;
    }
    case 'yearly': {
      if (!isInt(rule.month) || rule.month < 1 || rule.month > 12)
        return 'Tháng đến hạn phải là số nguyên từ 1 đến 12.';
      // 29 February is allowed (clamped to the 28th in common years); 30 February is not.
      if (!isInt(rule.day) || rule.day < 1 || rule.day > daysInMonth(2000, rule.month)) {
        return `Ngày đến hạn không hợp lệ: tháng ${rule.month} có nhiều nhất ${daysInMonth(2000, rule.month)} ngày.`;
      }
      return null;
    }
    default:
      return 'Chu kỳ không hợp lệ: chỉ nhận hằng tháng, hằng quý, 6 tháng hoặc hằng năm.';
  }
}

function assertValid(rule: Recurrence): void {
  const err = recurrenceError(rule);
  if (err !== null) throw new RangeError(`Invalid recurrence ${JSON.stringify(rule)}: ${err}`);
}

// The bounds any rule keeps (what each frequency allows is checked by recurrenceError below).
const DAY = z.number().int().min(1).max(31);
const OFFSET = z.number().int().min(-5).max(MAX_MONTH_OFFSET);

/** Request/storage schema for a rule (zod), with the same checks and Vietnamese messages. */
export const recurrenceSchema = z
  .discriminatedUnion('freq', [
    z.object({ freq: z.literal('monthly'), day: DAY }).strict(),
    z.object({ freq: z.literal('quarterly'), day: DAY, monthOffset: OFFSET.optional() }).strict(),
    z.object({ freq: z.literal('half_yearly'), day: DAY, monthOffset: OFFSET.optional() }).strict(),
    z.object({ freq: z.literal('yearly'), month: z.number().int().min(1).max(12), day: DAY }).strict(),
  ])
  .superRefine((rule, ctx) => {
    const err = recurrenceError(rule);
    if (err !== null) ctx.addIssue({ code: 'custom', message: err });
  });

// ---- periods ----

function periodOf(rule: Recurrence, year: number, index: number): Period {
  switch (rule.freq) {
    case 'monthly': {
      const mi = year * 12 + index;
      return {
        key: `${pad4(year)}-${pad2(index + 1)}`,
        start: isoDate(year, index + 1, 1),
        end: isoDate(year, index + 1, daysInMonth(year, index + 1)),
        deadline: clampedDate(mi, rule.day),
      };
    }
    case 'quarterly':
    case 'half_yearly': {
      const len = MONTHS_PER_PERIOD[rule.freq];
      const firstMonth = index * len + 1;
      const lastMonth = firstMonth + len - 1;
      return {
        key: `${pad4(year)}-${rule.freq === 'quarterly' ? 'Q' : 'H'}${index + 1}`,
        start: isoDate(year, firstMonth, 1),
        end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
        deadline: clampedDate(year * 12 + lastMonth - 1 + (rule.monthOffset ?? 0), rule.day),
      };
    }
    case 'yearly':
      return {
        key: pad4(year),
        start: isoDate(year, 1, 1),
        end: isoDate(year, 12, 31),
        deadline: clampedDate(year * 12 + rule.month - 1, rule.day),
      };
  }
}

function periodsPerYear(rule: Recurrence): number {
  switch (rule.freq) {
    case 'monthly':
      return 12;
    case 'quarterly':
      return 4;
    case 'half_yearly':
      return 2;
    case 'yearly':
      return 1;
  }
}

/** The periods whose deadline falls in [from, to] (both inclusive), in deadline order. */
export function periodsBetween(rule: Recurrence, from: string, to: string): Period[] {
  assertValid(rule);
  checkIsoDate(from, 'from');
  checkIsoDate(to, 'to');
  if (from > to) return [];
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const perYear = periodsPerYear(rule);
  const out: Period[] = [];
  // A deadline is never before its period starts and at most ~13 months after it ends.
  for (let y = Math.max(1, fromYear - 2); y <= toYear; y++) {
    for (let i = 0; i < perYear; i++) {
      const p = periodOf(rule, y, i);
      if (p.deadline >= from && p.deadline <= to) out.push(p);
    }
  }
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

// ---- description ----

function ordinalEn(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}

/** Which month of (or after) the period: Vietnamese. */
function monthPhraseVi(len: number, offset: number, period: string): string {
  if (offset <= 0) {
    const position = len + offset; // 1-based month within the period
    if (position === len) return `tháng cuối ${period}`;
    if (position === 1) return `tháng đầu ${period}`;
    return `tháng thứ ${position} của ${period}`;
  }
  if (offset === 1) return `tháng đầu ${period} sau`;
  if (offset <= len) return `tháng thứ ${offset} của ${period} sau`;
  return `tháng thứ ${offset} kể từ khi hết ${period}`;
}

function monthPhraseEn(len: number, offset: number, period: string): string {
  if (offset <= 0) {
    const position = len + offset;
    if (position === len) return `the last month of the ${period}`;
    if (position === 1) return `the first month of the ${period}`;
    return `the ${ordinalEn(position)} month of the ${period}`;
  }
  if (offset === 1) return `the first month after the ${period}`;
  return `the ${ordinalEn(offset)} month after the ${period}`;
}

/** Human wording of a rule, e.g. 'Hằng tháng, ngày 20' / 'Monthly, on day 20'. */
export function describeRecurrence(rule: Recurrence, lang: 'vi' | 'en'): string {
  assertValid(rule);
  const vi = lang === 'vi';
  const clampNote =
    rule.freq !== 'yearly' && rule.day >= 29
      ? vi
        ? ' (tháng ít ngày hơn: ngày cuối tháng)'
        : ' (or the last day of shorter months)'
      : '';
  switch (rule.freq) {
    case 'monthly':
      return vi ? `Hằng tháng, ngày ${rule.day}${clampNote}` : `Monthly, on day ${rule.day}${clampNote}`;
    case 'quarterly':
    case 'half_yearly': {
      const len = MONTHS_PER_PERIOD[rule.freq];
      const offset = rule.monthOffset ?? 0;
      if (vi) {
        const head = rule.freq === 'quarterly' ? 'Hằng quý' : 'Định kỳ 6 tháng';
        const period = rule.freq === 'quarterly' ? 'quý' : 'kỳ';
        return `${head}, ngày ${rule.day} ${monthPhraseVi(len, offset, period)}${clampNote}`;
      }
      const head = rule.freq === 'quarterly' ? 'Quarterly' : 'Half-yearly';
      const period = rule.freq === 'quarterly' ? 'quarter' : 'half-year';
      return `${head}, on day ${rule.day} of ${monthPhraseEn(len, offset, period)}${clampNote}`;
    }
    case 'yearly': {
      const leapNote =
        rule.month === 2 && rule.day === 29
          ? vi
            ? ' (năm không nhuận: ngày 28 tháng 2)'
            : ' (28 February in common years)'
          : '';
      return vi
        ? `Hằng năm, ngày ${rule.day} tháng ${rule.month}${leapNote}`
        : `Yearly, on ${rule.day} ${MONTHS_EN[rule.month - 1] ?? ''}${leapNote}`;
    }
  }
}
