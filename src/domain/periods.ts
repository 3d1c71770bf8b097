/**
 * Reporting periods as people name them — a month, a quarter, a half-year or a year — computed in one place
 * for the published results (keys '2026-Q3', '2026-H1', '2026') and the periodic Word report (kind, year,
 * number). A period is closed once its last day is before today (Vietnam): only closed periods are published.
 */
import type { Lang } from '../errors.js';
import { daysInMonth, MONTHS_EN, toIsoDate } from './dates.js';

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** How many periods of each kind a year has, and how many months each spans. */
export const PERIODS_PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };
const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export interface Period {
  /** '2026-03', '2026-Q4', '2026-H1', '2026'. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1–2 for a half-year, 1 for a year. */
  n: number;
  /** First and last days, ISO. */
  from: string;
  to: string;
}

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2048;

const keyOf = (kind: PeriodKind, year: number, n: number) =>
  kind === 'year'
    ? String(year)
    : kind === 'month'
      ? `${year}-${String(n).padStart(2, '0')}`
      : `${year}-${kind === 'quarter' ? 'Q' : 'H'}${n}`;

/** The n-th period of its kind in the year (a year's n is 1); null when n or the year does not fit. */
export function periodOf(kind: PeriodKind, year: number, n: number): Period | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!Number.isInteger(n) || n < 1 || n > PERIODS_PER_YEAR[kind]) return null;
  const first = (n - 1) * MONTHS[kind] + 1;
  const last = first + MONTHS[kind] - 1;
  return {
    key: keyOf(kind, year, n),
    kind,
    year,
    n,
    from: toIsoDate(year, first, 1),
    to: toIsoDate(year, last, daysInMonth(year, last)),
  };
}

/** The keys of the periods that are published: quarters, half-years, years. */
export const PERIOD_KEY_RE = /^(\d{4})(?:-(Q[1-4]|H[1-2]))?$/;

/** '2026-Q3' → the period; null when the text names no published period (a quarter, half-year or year). */
export function parsePeriod(key: string): Period | null {
  const m = PERIOD_KEY_RE.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return periodOf('year', year, 1);
  return periodOf(part[0] === 'Q' ? 'quarter' : 'half', year, Number(part.slice(1)));
}

export const isClosed = (p: Period, today: string) => p.to < today;

/**
 * The closed periods of the last `years` years up to `today`, most recent first within each kind:
 * quarters, then half-years, then years.
 */
export function closedPeriods(today: string, years = 3): Period[] {
  const y0 = Number(today.slice(0, 4));
  const out: (Period | null)[] = [];
  for (let y = y0; y > y0 - years; y--) for (let q = 4; q >= 1; q--) out.push(periodOf('quarter', y, q));
  for (let y = y0; y > y0 - years; y--) for (let h = 2; h >= 1; h--) out.push(periodOf('half', y, h));
  for (let y = y0; y > y0 - years; y--) out.push(periodOf('year', y, 1));
  return out.filter((p): p is Period => p !== null && isClosed(p, today));
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * The period's name as reports write it: "Tháng 3 năm 2026", "Quý IV năm 2026", "6 tháng đầu năm 2026",
 * "6 tháng cuối năm 2026", "Năm 2026"; in English "March 2026", "Q4 2026", "First half of 2026", "2026".
 */
export function periodName(p: Period, lang: Lang = 'vi'): string {
  if (lang === 'en')
    switch (p.kind) {
      case 'month':
        return `${MONTHS_EN[p.n - 1]} ${p.year}`;
      case 'quarter':
        return `Q${p.n} ${p.year}`;
      case 'half':
        return `${p.n === 1 ? 'First' : 'Second'} half of ${p.year}`;
      case 'year':
        return String(p.year);
    }
  switch (p.kind) {
    case 'month':
      return `Tháng ${p.n} năm ${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.n - 1]} năm ${p.year}`;
    case 'half':
      return `6 tháng ${p.n === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
    case 'year':
      return `Năm ${p.year}`;
  }
}

/** The name inside a sentence ("trong quý IV năm 2026"): Vietnamese names start in lower case there. */
export function periodInSentence(p: Period, lang: Lang = 'vi'): string {
  const name = periodName(p, lang);
  return lang === 'vi' ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
