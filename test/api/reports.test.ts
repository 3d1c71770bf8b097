/**
 * The report engine through the API: every count of every row opens the task list with the same total
 * (drill-down); a report for a past cut-off is the same after any later edit, completion, extension,
 * return, hand-over or agency merger, whether kept or computed again; today's report is kept until the
 * next write and becomes a kept past report after midnight; scope: an agency user counts only its own.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { REPORT_DIMENSIONS } from '../../src/resources/reports/types.js';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let ids: number[];
const D = '2026-03-15';

const get = async (as: string, url: string) => {
  const res = await (await h.as(as)).get(url);
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
};
async function act(as: string, at: string, id: number, action: string, body: Record<string, unknown> = {}) {
  h.clock.set(at);
  const c = await h.as(as);
  const t = (await c.get(`/api/tasks/${id}`)).body;
  const res = await c.post(`/api/tasks/${id}/${action}`, { version: t.version, ...body });
  expect(res.status, `${action} ${id}: ${JSON.stringify(res.body)}`).toBe(200);
}
const complete = (as: string, at: string, id: number) =>
  act(as, at, id, 'reports', { kind: 'completion', content: 'Đã hoàn thành' });

/** Every count of every row (and of the totals row) equals the list's total for its drill-down. */
async function checkDrill(as: string, by: string, query: string) {
  const r = await get(as, `/api/reports/${by}?${query}`);
  const targets: { row: Record<string, unknown>; param?: string }[] = [
    { row: r.totals },
    ...r.rows.map((row: { key: unknown }) => ({
      row,
      param: row.key === null ? 'none' : String(row.key),
    })),
  ];
  let checked = 0;
  for (const { row, param } of targets)
    for (const [column, extra] of Object.entries(r.drill.columns as Record<string, Record<string, string>>)) {
      const q = new URLSearchParams({ ...r.drill.base, ...extra, pageSize: '1' });
      if (param !== undefined) q.set(r.drill.rowParam, param);
      const list = await get(as, `/api/tasks?${q}`);
      expect(list.total, `${by} ${query} ${column} row ${param ?? 'totals'}: ${q}`).toBe(row[column]);
      checked++;
    }
  return { r, checked };
}

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  const { agency, leader, field } = h.fx;
  ({ taskIds: ids } = await registerDocument(
    h,
    'spec1',
    [
      { content: 'Báo cáo giải ngân', leadAgencyId: agency.finance, deadlineKind: 'fixed', deadline: '2026-03-05' },
      {
        content: 'Kế hoạch đầu tư công',
        leadAgencyId: agency.finance,
        coordinatingAgencyIds: [agency.construction],
        deadlineKind: 'fixed',
        deadline: '2026-03-20',
      },
      { content: 'Rà soát dự án', leadAgencyId: agency.construction, deadlineKind: 'fixed', deadline: '2026-03-10' },
      { content: 'Theo dõi đất đai', leadAgencyId: agency.district, deadlineKind: 'none' },
      { content: 'Trực ban', leadAgencyId: agency.commune, deadlineKind: 'routine' },
      {
        content: 'Đề án ngân sách',
        leadAgencyId: agency.finance,
        coordinatingAgencyIds: [agency.district],
        deadlineKind: 'fixed',
        deadline: '2026-04-30',
        leaderId: leader.vice,
        fieldId: field,
      },
      {
        content: 'Quy hoạch xây dựng huyện',
        leadAgencyId: agency.district,
        deadlineKind: 'fixed',
        deadline: '2026-03-03',
      },
    ],
    { numberText: '200/UBND-KT', issuedOn: '2026-01-02' },
  ));
  await complete('con_staff', '2026-03-08 10:00', ids[2]!);
  await act('spec1', '2026-03-09 10:00', ids[2]!, 'review', { decision: 'accept' });
  await act('fin_staff', '2026-03-12 10:00', ids[1]!, 'extensions', {
    requestedDeadline: '2026-04-10',
    reason: 'Chờ số liệu',
  });
  await act('chairman', '2026-03-13 10:00', ids[1]!, 'extensions/decide', { decision: 'approve' });
  await complete('fin_staff', '2026-03-14 10:00', ids[0]!);
  await act('fin_staff', '2026-03-14 11:00', ids[5]!, 'reports', { kind: 'progress', content: 'Đang làm' });
  h.clock.set('2026-03-16 09:00');
}, 120_000);
afterAll(() => h?.close());

describe('report engine', () => {
  it('counts by agency as of D: the categories, the rate over tasks fallen due, the grade', async () => {
    const r = await get('spec1', `/api/reports/agency?asOf=${D}`);
    const fin = r.rows.find((x: { key: number }) => x.key === h.fx.agency.finance);
    // finance: ids[0] overdue (completion reported, not accepted by D), ids[1] in time (extended), ids[5] in time
    expect(fin).toMatchObject({ assigned: 3, overdue: 1, inTime: 2, fallenDue: 1, completionRate: 0, grade: 'poor' });
    expect(fin.label).toBe('Sở Tài chính');
    const con = r.rows.find((x: { key: number }) => x.key === h.fx.agency.construction);
    expect(con).toMatchObject({ assigned: 1, doneOnTime: 1, completionRate: 1, onTimeRate: 1, grade: 'excellent' });
    expect(r.totals.assigned).toBe(r.rows.reduce((s: number, x: { assigned: number }) => s + x.assigned, 0));
    expect(r.totals.noDeadline).toBe(1);
    expect(r.totals.routine).toBe(1);
    expect(r.totals.extensionsRequested).toBe(1);
    expect(r.totals.extensionsGranted).toBe(1);
    expect(r.definitions.completionRate).toMatch(/Tỷ lệ hoàn thành/);
  });

  it('every count of every row opens the task list with the same total, for every dimension', async () => {
    let checked = 0;
    for (const by of REPORT_DIMENSIONS)
      for (const q of [
        `asOf=${D}`,
        by === 'agency' || by === 'month' ? 'from=2026-01-01&to=2026-03-31&role=any' : `asOf=${D}&against=original`,
      ])
        checked += (await checkDrill('spec1', by, q)).checked;
    checked += (await checkDrill('spec1', 'agency', `asOf=${D}&periodBy=due&from=2026-03-01&to=2026-03-31`)).checked;
    checked += (await checkDrill('spec1', 'agency', `asOf=${D}&agencyKind=district,department&role=any`)).checked;
    checked += (await checkDrill('fin_staff', 'agency', `asOf=${D}&role=any`)).checked;
    expect(checked).toBeGreaterThan(300);
  }, 120_000);

  it('an agency user counts only the tasks it may see', async () => {
    const mine = await get('fin_staff', `/api/reports/agency?asOf=${D}&role=any`);
    const keys = mine.rows.map((x: { key: number }) => x.key).sort();
    expect(keys).toEqual([h.fx.agency.finance, h.fx.agency.construction, h.fx.agency.district].sort((a, b) => a - b));
    expect(mine.totals.assigned).toBe(3);
  });

  it('a past cut-off gives the same report after later edits, completions, extensions, returns, hand-over and merger', async () => {
    const queries = REPORT_DIMENSIONS.flatMap((by) => [`${by}?asOf=${D}`, `${by}?asOf=${D}&role=any&against=original`]);
    const before = new Map<string, unknown>();
    for (const q of queries) before.set(q, await get('spec1', `/api/reports/${q}`));
    const { agency } = h.fx;
    await act('spec1', '2026-03-16 10:00', ids[0]!, 'review', { decision: 'return', reason: 'Thiếu số liệu' });
    await complete('fin_staff', '2026-03-17 10:00', ids[0]!);
    await act('spec1', '2026-03-17 11:00', ids[0]!, 'review', { decision: 'accept' });
    await act('fin_staff', '2026-03-17 12:00', ids[5]!, 'extensions', {
      requestedDeadline: '2026-05-30',
      reason: 'Chờ ý kiến',
    });
    await act('vice', '2026-03-18 10:00', ids[5]!, 'extensions/decide', { decision: 'approve' });
    await act('spec1', '2026-03-18 11:00', ids[5]!, 'handover', {
      toAgencyId: agency.construction,
      reason: 'Bàn giao',
    });
    // The district is merged into the construction department, and the finance department renamed.
    h.clock.set('2026-03-19 10:00');
    const admin = await h.as('admin');
    const versionOf = async (id: number) =>
      (await rows<{ version: number }>(h.database.db, sql`select version from agencies where id = ${id}`))[0]!.version;
    const merged = await admin.post(`/api/agencies/${agency.district}/merge`, {
      version: await versionOf(agency.district),
      successorId: agency.construction,
      endDate: '2026-03-19',
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const renamed = await admin.patch(`/api/agencies/${agency.finance}`, {
      version: await versionOf(agency.finance),
      name: 'Sở Tài chính và Kế hoạch',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    h.clock.set('2026-03-20 09:00');
    for (const q of queries) expect(await get('spec1', `/api/reports/${q}`), q).toEqual(before.get(q));
    // Computed again from the history, not only read back: the same figures and names.
    await h.database.db.execute(sql`delete from report_results`);
    for (const q of queries) {
      const again = await get('spec1', `/api/reports/${q}`);
      const was = before.get(q) as { computedAt: string };
      expect({ ...again, computedAt: was.computedAt }, q).toEqual(was);
    }
    const today = await get('spec1', '/api/reports/agency');
    expect(today.rows.find((x: { key: number }) => x.key === agency.finance).label).toBe('Sở Tài chính và Kế hoạch');
    expect(today.rows.find((x: { key: number }) => x.key === agency.district)).toBeUndefined();
  }, 120_000);

  it("today's report is kept until the next write, and after midnight it is a kept past report", async () => {
    h.clock.set('2026-03-21 09:00');
    const first = await get('spec1', '/api/reports/leader');
    h.clock.set('2026-03-21 10:00');
    const second = await get('spec1', '/api/reports/leader');
    expect(second.computedAt).toBe(first.computedAt); // kept: nothing was written
    await act('con_staff', '2026-03-21 11:00', ids[5]!, 'reports', { kind: 'progress', content: 'Đang làm tiếp' });
    const third = await get('spec1', '/api/reports/leader');
    expect(third.computedAt).not.toBe(first.computedAt); // a write: computed again
    const keptOn = async (d: string) =>
      (
        await rows<{ n: number }>(
          h.database.db,
          sql`select count(*)::int as n from report_results where as_of = ${d}::date`,
        )
      )[0]!.n;
    expect(await keptOn('2026-03-21')).toBe(1); // the result from before the write is dropped
    h.clock.set('2026-03-22 00:30');
    const past = await get('spec1', '/api/reports/leader?asOf=2026-03-21');
    expect({ ...past, computedAt: third.computedAt }).toEqual({
      ...third,
      computedAt: third.computedAt,
      params: { ...third.params, asOf: '2026-03-21' },
      drill: { ...third.drill, base: { ...third.drill.base, asOf: '2026-03-21' } },
    });
    const [kept] = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from report_results where as_of = '2026-03-21'`,
    );
    expect(kept!.n).toBeGreaterThan(0);
    // A write after the kept past report does not change it.
    await act('con_staff', '2026-03-22 08:00', ids[5]!, 'reports', { kind: 'progress', content: 'Tiếp tục' });
    expect(await get('spec1', '/api/reports/leader?asOf=2026-03-21')).toEqual(past);
    // Keeping today's report drops the one kept on 21/03 as "today" (never asked for again), not the past one.
    await get('spec1', '/api/reports/leader');
    expect(await keptOn('2026-03-21')).toBe(1);
    expect(await get('spec1', '/api/reports/leader?asOf=2026-03-21')).toEqual(past);
  }, 60_000);

  it('refuses a period that ends before it starts', async () => {
    const res = await (await h.as('spec1')).get('/api/reports/agency?from=2026-03-10&to=2026-03-01');
    expect(res.status).toBe(400);
    const bad = await (await h.as('spec1')).get('/api/reports/nothing');
    expect(bad.status).toBe(400);
  });
});
