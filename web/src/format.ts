/** Dates as Vietnamese users write them (dd/MM/yyyy), in Vietnam time. */
import dayjs from 'dayjs';

/** 'YYYY-MM-DD' → 'dd/MM/yyyy'. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ISO instant → 'dd/MM/yyyy HH:mm' in Vietnam time (UTC+7), whatever the browser's zone. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(iso).getTime() + 7 * 3600_000;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Today in Vietnam as 'YYYY-MM-DD'. */
export function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const toIso = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
export const fromIso = (s: string | null | undefined) => (s ? dayjs(s) : undefined);

export const DATE_FORMAT = 'DD/MM/YYYY';

export function fmtSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A rate as the national reports print it: two decimals, truncated (never rounded up), comma decimal and a
 * space before the sign — 16 051 of 16 274 → "98,62 %". English: "98.62 %".
 */
export function fmtRate(r: number | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  // The small epsilon keeps 0.9862 (stored as 0.98619999…) at 98,62 rather than 98,61.
  const hundredths = Math.floor(r * 10_000 + 1e-6);
  const s = (hundredths / 100).toFixed(2);
  return `${lang === 'vi' ? s.replace('.', ',') : s} %`;
}

/** A count with the thousands grouped: 16.051 (vi), 16,051 (en). */
export function fmtCount(n: number | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

/** A mean number of days, one decimal: 12,5 (vi). */
export function fmtDays(n: number | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = (Math.round(n * 10) / 10).toFixed(1);
  return lang === 'vi' ? s.replace('.', ',') : s;
}
