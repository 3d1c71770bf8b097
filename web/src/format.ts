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

export function fmtPercent(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : `${(r * 100).toFixed(1).replace('.', ',')}%`;
}
