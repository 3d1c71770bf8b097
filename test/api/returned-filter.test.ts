/**
 * The "returned" filter of the task list: open tasks whose latest completion report was returned and not
 * yet resubmitted — for today and, read from the reports and their reviews, exactly as of a past date;
 * within the user's scope (an agency sees only its own tasks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let documentId: number;
/** Finance: returned on 4/3, resubmitted on 6/3. */
let a: number;
/** Finance: returned on 4/3, then only a progress report. */
let b: number;
/** Construction: returned on 4/3. */
let c: number;
/** Finance: accepted on 4/3, reopened by the Office lead on 5/3 (in progress, its report accepted). */
let d: number;
/** Finance: returned on 4/3, cancelled on 5/3. */
let e: number;
/** Finance: only a progress report (in progress, no completion report). */
let f: number;

const ids = async (as: string, query: string) => {
  const res = await (await h.as(as)).get(`/api/tasks?documentId=${documentId}&pageSize=50&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const items = (res.body.items as { id: number }[]).map((t) => t.id).sort((x, y) => x - y);
  expect(res.body.total).toBe(items.length);
  return items;
};

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  const task = (content: string, leadAgencyId: number) => ({
    content,
    leadAgencyId,
    deadlineKind: 'fixed' as const,
    deadline: '2026-03-31',
  });
  ({
    documentId,
    taskIds: [a, b, c, d, e, f],
  } = (await registerDocument(h, 'spec1', [
    task('Lập phương án giá nước sạch', h.fx.agency.finance),
    task('Thẩm định dự toán ngân sách', h.fx.agency.finance),
    task('Rà soát quy hoạch xây dựng', h.fx.agency.construction),
    task('Báo cáo quyết toán vốn', h.fx.agency.finance),
    task('Kiểm tra giá dịch vụ', h.fx.agency.finance),
    task('Tổng hợp số liệu thu chi', h.fx.agency.finance),
  ])) as unknown as { documentId: number; taskIds: [number, number, number, number, number, number] });
  const spec = await h.as('spec1');
  const report = async (as: string, id: number, kind: 'completion' | 'progress', at: string) => {
    h.clock.set(at);
    const c = await h.as(as);
    const t = (await c.get(`/api/tasks/${id}`)).body;
    const res = await c.post(`/api/tasks/${id}/reports`, { version: t.version, kind, content: 'Đã thực hiện' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const review = async (id: number, decision: 'accept' | 'return', at: string) => {
    h.clock.set(at);
    const t = (await spec.get(`/api/tasks/${id}`)).body;
    const res = await spec.post(`/api/tasks/${id}/review`, {
      version: t.version,
      decision,
      ...(decision === 'return' ? { reason: 'Thiếu số liệu' } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  for (const id of [a, b, d, e]) await report('fin_staff', id, 'completion', '2026-03-03 10:00');
  await report('con_staff', c, 'completion', '2026-03-03 10:00');
  for (const id of [a, b, c, e]) await review(id, 'return', '2026-03-04 10:00');
  await review(d, 'accept', '2026-03-04 10:00');
  h.clock.set('2026-03-05 10:00');
  const t = (await spec.get(`/api/tasks/${e}`)).body;
  const cancelled = await spec.post(`/api/tasks/${e}/cancel`, { version: t.version, reason: 'Không còn cần thiết' });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  await report('fin_staff', b, 'progress', '2026-03-05 11:00');
  await report('fin_staff', f, 'progress', '2026-03-05 11:00');
  const chief = await h.as('chief');
  const accepted = (await chief.get(`/api/tasks/${d}`)).body;
  const reopened = await chief.post(`/api/tasks/${d}/reopen`, { version: accepted.version, reason: 'Thiếu số liệu' });
  expect(reopened.body.status, JSON.stringify(reopened.body)).toBe('in_progress');
  await report('fin_staff', a, 'completion', '2026-03-06 10:00');
  h.clock.set('2026-03-07 09:00');
});
afterAll(() => h?.close());

describe('returned=true', () => {
  it('lists the open tasks whose latest completion report was returned and not resubmitted', async () => {
    expect(await ids('spec1', 'returned=true')).toEqual([b, c]);
    // The rest of the list is its complement.
    expect(await ids('spec1', 'returned=false')).toEqual([a, d, e, f]);
    // In progress too, but not because of a returned report: reopened after acceptance, or never reported done.
    expect(await ids('spec1', 'status=in_progress')).toEqual([b, c, d, f]);
    expect(await ids('spec1', 'returned=true&status=in_progress')).toEqual([b, c]);
  });

  it('reads what was true at the end of a past date', async () => {
    // 3/3: reported, not yet reviewed.
    expect(await ids('spec1', 'returned=true&asOf=2026-03-03')).toEqual([]);
    // 4/3: four returned, the fifth accepted.
    expect(await ids('spec1', 'returned=true&asOf=2026-03-04')).toEqual([a, b, c, e]);
    // 5/3: one cancelled; 6/3: one resubmitted.
    expect(await ids('spec1', 'returned=true&asOf=2026-03-05')).toEqual([a, b, c]);
    expect(await ids('spec1', 'returned=true&asOf=2026-03-06')).toEqual([b, c]);
    expect(await ids('spec1', 'returned=false&asOf=2026-03-04')).toEqual([d, f]);
  });

  it('stays within the user’s scope: an agency sees only its own tasks', async () => {
    expect(await ids('fin_staff', 'returned=true')).toEqual([b]);
    expect(await ids('fin_staff', 'returned=true&asOf=2026-03-05')).toEqual([a, b]);
    expect(await ids('con_staff', 'returned=true')).toEqual([c]);
    expect(await ids('com_staff', 'returned=true')).toEqual([]);
    expect(await ids('chairman', 'returned=true')).toEqual([b, c]);
  });

  it('refuses a value that is not true or false, saying which parameter', async () => {
    const res = await (await h.as('spec1')).get('/api/tasks?returned=yes');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('returned');
  });

  it('is a documented parameter of the list in the API schema', async () => {
    const spec = await h.as('spec1');
    const doc = (await spec.get('/api/openapi.json')).body;
    const params = doc.paths['/api/tasks'].get.parameters as { name: string }[];
    expect(params.map((p) => p.name)).toContain('returned');
  });
});
