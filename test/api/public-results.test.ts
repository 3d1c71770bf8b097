/**
 * The published results (ADR 0013): 404 while the setting is off; closed periods only; each lead agency's
 * aggregate figures as of the period's last day, equal to the report engine's for the same parameters;
 * nothing of a task's content; no session needed; limited per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
const SECRET = 'Nội dung nhiệm vụ không được công khai 7Q';
let taskIds: number[] = [];

beforeAll(async () => {
  h = await createHarness('2026-01-05 09:00', { env: { PUBLIC_RATE_PER_MINUTE: '40' } });
  const task = (leadAgencyId: number, deadline: string) => ({
    content: SECRET,
    leadAgencyId,
    deadlineKind: 'fixed',
    deadline,
    fieldId: h.fx.field,
  });
  ({ taskIds } = await registerDocument(
    h,
    'spec1',
    [
      task(h.fx.agency.finance, '2026-02-10'),
      task(h.fx.agency.finance, '2026-03-20'),
      task(h.fx.agency.construction, '2026-03-16'),
      task(h.fx.agency.district, '2026-05-25'),
    ],
    { numberText: '77/TB-UBND', issuedOn: '2026-01-05', abstract: 'Trích yếu không được công khai' },
  ));
  const complete = async (username: string, id: number) => {
    const c = await h.as(username);
    const t = (await c.get(`/api/tasks/${id}`)).body;
    const r = await c.post(`/api/tasks/${id}/reports`, { version: t.version, kind: 'completion', content: 'Đã xong' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const a = await (
      await h.as('spec1')
    ).post(`/api/tasks/${id}/review`, { version: r.body.version, decision: 'accept' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
  };
  h.clock.set('2026-02-05 09:00');
  await complete('fin_staff', taskIds[0]!);
  h.clock.set('2026-03-23 09:00');
  await complete('con_staff', taskIds[2]!);
  h.clock.set('2026-04-02 09:00');
});
afterAll(() => h?.close());

const setPublic = async (on: boolean) => {
  const admin = await h.as('admin');
  expect((await admin.put('/api/settings', { publicResults: on })).status).toBe(200);
};

describe('published results', () => {
  it('answer 404 while the admin has not turned them on, with or without a session', async () => {
    const anon = h.anon();
    for (const url of ['/api/public/periods', '/api/public/results', '/api/public/results?period=2026-Q1']) {
      const res = await anon.get(url);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await (await h.as('chief')).get('/api/public/results')).status).toBe(404);
  });

  it('once on, give each lead agency’s figures for a closed quarter as of its last day, no task content', async () => {
    await setPublic(true);
    const anon = h.anon();
    const periods = await anon.get('/api/public/periods');
    expect(periods.status).toBe(200);
    expect(periods.body.periods[0]).toBe('2026-Q1');
    expect(periods.body.periods).not.toContain('2026-Q2');

    const res = await anon.get('/api/public/results');
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' });
    expect(res.body.asOf).toBe('2026-03-31');
    const byId = new Map(res.body.rows.map((r: { key: number }) => [r.key, r]));
    // Tasks due in the quarter, as of 31/03: finance one on time and one overdue; construction one done late;
    // the district's task is due in May and is not in the quarter.
    expect(byId.get(h.fx.agency.finance)).toMatchObject({
      label: 'Sở Tài chính',
      assigned: 2,
      fallenDue: 2,
      doneOnTime: 1,
      overdue: 1,
      onTimeRate: 0.5,
      completionRate: 0.5,
    });
    expect(byId.get(h.fx.agency.construction)).toMatchObject({ assigned: 1, doneLate: 1, onTimeRate: 0 });
    expect(byId.has(h.fx.agency.district)).toBe(false);
    expect(res.body.totals).toMatchObject({ assigned: 3, fallenDue: 3, doneOnTime: 1, doneLate: 1, overdue: 1 });
    // Ranked by on-time rate.
    expect(res.body.rows[0].key).toBe(h.fx.agency.finance);
    // Aggregates only: no task, document, person or drill-down.
    const text = JSON.stringify(res.body);
    for (const hidden of [SECRET, '77/TB-UBND', 'Trích yếu', 'Bùi Văn Thư', 'drill', 'taskId', 'documentId'])
      expect(text).not.toContain(hidden);
    expect(Object.keys(res.body.rows[0]).sort()).toEqual(
      [
        'key',
        'label',
        'assigned',
        'fallenDue',
        'doneOnTime',
        'doneLate',
        'inTime',
        'overdue',
        'completionRate',
        'onTimeRate',
        'grade',
      ].sort(),
    );

    // The same figures as the Office's report for those parameters.
    const chief = await h.as('chief');
    const report = await chief.get(
      '/api/reports/agency?asOf=2026-03-31&from=2026-01-01&to=2026-03-31&periodBy=due&role=lead',
    );
    expect(report.status).toBe(200);
    const fin = report.body.rows.find((r: { key: number }) => r.key === h.fx.agency.finance);
    expect(byId.get(h.fx.agency.finance)).toMatchObject({
      assigned: fin.assigned,
      doneOnTime: fin.doneOnTime,
      onTimeRate: fin.onTimeRate,
      grade: fin.grade,
    });

    const half = await anon.get('/api/public/results?period=2025-H2');
    expect(half.status).toBe(200);
    expect(half.body.rows).toEqual([]);
  });

  it('refuse a period that has not ended or names none, saying what to write', async () => {
    const anon = h.anon();
    for (const period of ['2026-Q2', '2026-H1', '2026']) {
      const res = await anon.get(`/api/public/results?period=${period}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Kỳ này chưa kết thúc: chỉ công khai kết quả của các kỳ đã kết thúc.');
    }
    for (const period of ['2026-Q5', 'quy1', '1989']) {
      const res = await anon.get(`/api/public/results?period=${period}`);
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain('period');
    }
    const other = await anon.get('/api/public/results?period=2026-Q1&agencyId=1');
    expect(other.status).toBe(400);
  });

  it('are limited per client address', async () => {
    const anon = h.anon();
    anon.ip = '203.0.113.9';
    let status = 200;
    for (let i = 0; i < 45 && status !== 429; i++) status = (await anon.get('/api/public/periods')).status;
    expect(status).toBe(429);
    const res = await anon.get('/api/public/periods');
    expect(res.body.error.message).toMatch(/^Có quá nhiều yêu cầu từ địa chỉ này\. Hãy thử lại sau \d+ giây\.$/);
    const other = h.anon();
    other.ip = '203.0.113.10';
    expect((await other.get('/api/public/periods')).status).toBe(200);
  });

  it('turned off again, answer 404 again', async () => {
    await setPublic(false);
    const anon = h.anon();
    anon.ip = '203.0.113.11';
    expect((await anon.get('/api/public/results?period=2026-Q1')).status).toBe(404);
  });
});
