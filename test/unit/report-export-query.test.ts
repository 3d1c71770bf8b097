/**
 * The report page's export query (web/src/pages/reports/drill.ts `exportQuery`) read by the server's own
 * schemas: the job computes the report the page shows (the same parameters as `GET /api/reports/{by}` with the
 * page's query), and the Word report of a chosen quarter, half-year or year names that period.
 */
import { describe, expect, it } from 'vitest';
import { apiQuery, exportQuery, stateOf } from '../../web/src/pages/reports/drill.js';
import { docxParamsOf, reportDocxQuery } from '../../src/resources/exports/reports.js';
import { stripPeriod } from '../../src/resources/exports/jobs.js';
import { reportParamsOf, reportQuery } from '../../src/resources/reports/schemas.js';

const TODAY = '2026-04-02';
const state = (address: string) => stateOf(new URLSearchParams(address));
/** What the page's report is computed with (GET /api/reports/{by}?apiQuery). */
const shown = (address: string) => reportParamsOf('agency', reportQuery.parse(apiQuery(state(address))), TODAY);
/** What the job computes (POST /api/exports: the body's query through reportDocxQuery, as routes.ts reads it). */
const job = (address: string, ext: 'xlsx' | 'docx', shownAsOf?: string) => {
  const q = reportDocxQuery.parse(JSON.parse(JSON.stringify(exportQuery(state(address), ext, shownAsOf))));
  return ext === 'docx'
    ? docxParamsOf('agency', q, TODAY)
    : { params: reportParamsOf('agency', stripPeriod(q), TODAY), period: null };
};

describe('the report page’s export query', () => {
  const address =
    'from=2026-01-01&to=2026-03-31&periodBy=due&asOf=2026-03-31&against=original&role=any&agencyKind=department,district&agencyId=3&leaderId=2';

  it('Excel: the parameters of the report on the page, ids sent as numbers', () => {
    const q = exportQuery(state(address), 'xlsx');
    expect(q).toMatchObject({ agencyId: 3, leaderId: 2, agencyKind: 'department,district', periodBy: 'due' });
    expect(job(address, 'xlsx').params).toEqual(shown(address));
    expect(job('', 'xlsx').params).toEqual(shown(''));
  });

  it('Word of a chosen quarter: the period instead of its dates, at the cut-off date of the report shown', () => {
    const q = exportQuery(state('period=2026-Q1&role=any'), 'docx', '2026-04-02');
    expect(q).toEqual({ role: 'any', asOf: '2026-04-02', period: 'quarter', year: 2026, number: 1 });
    const { params, period } = job('period=2026-Q1&role=any', 'docx', '2026-04-02');
    expect(period).toMatchObject({ kind: 'quarter', year: 2026, n: 1 });
    expect(params).toEqual(shown('period=2026-Q1&role=any&asOf=2026-04-02'));
    // A half-year and a year likewise; a cut-off chosen on the page wins over the one shown.
    expect(job('period=2025-H2', 'docx', TODAY).period).toMatchObject({ kind: 'half', year: 2025, n: 2 });
    expect(job('period=2025&asOf=2025-12-31', 'docx', TODAY).params.asOf).toBe('2025-12-31');
    // The Excel export of a period keeps its dates.
    expect(exportQuery(state('period=2026-Q1'), 'xlsx')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('Word of dates chosen on the page: the dates, no period', () => {
    const { params, period } = job(address, 'docx', TODAY);
    expect(period).toBeNull();
    expect(params).toEqual(shown(address));
  });
});
