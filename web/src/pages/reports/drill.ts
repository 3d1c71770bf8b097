/**
 * A report's parameters as they sit in the page's address, the query they send to `GET /api/reports/{by}`,
 * and the periods the page offers. The drill-down is in drillHref.ts (small: the home pages use it too).
 */
import type { ReportDimension, ReportExportQuery } from '../../api.js';
import { parsePeriod, type Period } from '../../../../src/domain/periods.js';
import { REPORT_DIMENSIONS } from '../../../../src/resources/reports/types.js';

/** The address keys of the report page; `period` ('2026-Q3', '2026') is the page's shorthand for from/to. */
export const REPORT_KEYS = [
  'by',
  'period',
  'from',
  'to',
  'periodBy',
  'asOf',
  'against',
  'role',
  'agencyKind',
  'agencyId',
  'leaderId',
] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];
export type ReportState = Partial<Record<ReportKey, string>>;

export function stateOf(params: URLSearchParams): ReportState {
  const s: ReportState = {};
  for (const k of REPORT_KEYS) {
    const v = params.get(k);
    if (v) s[k] = v;
  }
  return s;
}

export function dimensionOf(s: ReportState): ReportDimension {
  return (REPORT_DIMENSIONS as readonly string[]).includes(s.by ?? '') ? (s.by as ReportDimension) : 'agency';
}

/** The query of `GET /api/reports/{by}` (and of its exports): the period shorthand turned into dates. */
export function apiQuery(s: ReportState): Record<string, string> {
  const q: Record<string, string> = {};
  const p = s.period ? parsePeriod(s.period) : null;
  const from = p ? p.from : s.from;
  const to = p ? p.to : s.to;
  if (from) q.from = from;
  if (to) q.to = to;
  if ((from || to) && s.periodBy) q.periodBy = s.periodBy;
  for (const k of ['asOf', 'against', 'role', 'agencyKind', 'agencyId', 'leaderId'] as const) {
    const v = s[k];
    if (v) q[k] = v;
  }
  return q;
}

/**
 * The query of the report's export job (`POST /api/exports`, kind `report-xlsx` / `report-docx`): the page's
 * query, ids as numbers. The Word report names a quarter, half-year or year chosen on the page as its period
 * (`period`, `year`, `number` instead of from/to), at the page's cut-off date (`asOf`: the one the report on
 * screen was computed for), so it says what the page shows. A value the address holds that the server refuses
 * is sent as it is: the server's 400 names it.
 */
export function exportQuery(s: ReportState, ext: 'xlsx' | 'docx', shownAsOf?: string): ReportExportQuery {
  const { agencyId, leaderId, ...q } = apiQuery(s);
  const ids = {
    ...(agencyId ? { agencyId: Number(agencyId) } : {}),
    ...(leaderId ? { leaderId: Number(leaderId) } : {}),
  };
  const p = ext === 'docx' && s.period ? parsePeriod(s.period) : null;
  if (!p) return { ...(q as ReportExportQuery), ...ids };
  const { from: _from, to: _to, ...rest } = q;
  const asOf = q.asOf ?? shownAsOf;
  return {
    ...(rest as ReportExportQuery),
    ...ids,
    ...(asOf ? { asOf } : {}),
    period: p.kind,
    year: p.year,
    number: p.n,
  };
}

/** 'Quý III/2026', '6 tháng đầu năm 2026', 'Năm 2026' — as Vietnamese reports name their periods. */
export function periodLabel(p: Period, lang: 'vi' | 'en'): string {
  const roman = ['I', 'II', 'III', 'IV'];
  if (lang === 'vi') {
    if (p.kind === 'quarter') return `Quý ${roman[p.n - 1]}/${p.year}`;
    if (p.kind === 'half') return `6 tháng ${p.n === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
    return `Năm ${p.year}`;
  }
  if (p.kind === 'quarter') return `Q${p.n} ${p.year}`;
  if (p.kind === 'half') return `${p.n === 1 ? 'First' : 'Second'} half of ${p.year}`;
  return `Year ${p.year}`;
}

/** The periods the page offers: this year and the last, whole years, halves and quarters. */
export function periodChoices(today: string): Period[] {
  const y = Number(today.slice(0, 4));
  const keys: string[] = [];
  for (const year of [y, y - 1]) {
    keys.push(String(year), `${year}-H1`, `${year}-H2`);
    for (let q = 1; q <= 4; q++) keys.push(`${year}-Q${q}`);
  }
  return keys.map((k) => parsePeriod(k)).filter((p): p is Period => p !== null && p.from <= today);
}
