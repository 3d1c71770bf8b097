/**
 * Reporting periods as people name them: a quarter ('2026-Q3'), a half-year ('2026-H1') or a year ('2026').
 * A period is closed once its last day is before today (Vietnam): only closed periods are published.
 */
import { daysInMonth, toIsoDate } from './dates.js';

export type PeriodKind = 'quarter' | 'half' | 'year';

export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1–4 for a quarter, 1–2 for a half-year, 1 for a year. */
  n: number;
  from: string;
  to: string;
}

export const PERIOD_KEY_RE = /^(\d{4})(?:-(Q[1-4]|H[1-2]))?$/;

function span(year: number, firstMonth: number, months: number): { from: string; to: string } {
  const last = firstMonth + months - 1;
  return { from: toIsoDate(year, firstMonth, 1), to: toIsoDate(year, last, daysInMonth(year, last)) };
}

/** '2026-Q3' → the period; null when the text names no period. */
export function parsePeriod(key: string): Period | null {
  const m = PERIOD_KEY_RE.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1990 || year > 2048) return null;
  const part = m[2];
  if (!part) return { key, kind: 'year', year, n: 1, ...span(year, 1, 12) };
  const n = Number(part.slice(1));
  if (part[0] === 'Q') return { key, kind: 'quarter', year, n, ...span(year, 3 * n - 2, 3) };
  return { key, kind: 'half', year, n, ...span(year, 6 * n - 5, 6) };
}

export const isClosed = (p: Period, today: string) => p.to < today;

/**
 * The closed periods of the last `years` years up to `today`, most recent first within each kind:
 * quarters, then half-years, then years.
 */
export function closedPeriods(today: string, years = 3): Period[] {
  const y0 = Number(today.slice(0, 4));
  const out: Period[] = [];
  const keys: string[] = [];
  for (let y = y0; y > y0 - years; y--) for (let q = 4; q >= 1; q--) keys.push(`${y}-Q${q}`);
  for (let y = y0; y > y0 - years; y--) for (let h = 2; h >= 1; h--) keys.push(`${y}-H${h}`);
  for (let y = y0; y > y0 - years; y--) keys.push(String(y));
  for (const k of keys) {
    const p = parsePeriod(k);
    if (p && isClosed(p, today)) out.push(p);
  }
  return out;
}
