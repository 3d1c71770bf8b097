/**
 * What the everyday interface relies on: a duplicate number warns before it registers, a document is
 * corrected or deleted (only while none of its tasks is assigned), a task is found by its code and by its
 * document's number, the deadline calendar counts every task of a month with the list's filter and scope,
 * an accepted task is reopened by the Office lead, and whoever must decide an extension is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

const task = (over: Record<string, unknown> = {}) => ({
  content: 'Rà soát, báo cáo tình hình giải ngân vốn đầu tư công',
  leadAgencyId: h.fx.agency.finance,
  deadlineKind: 'fixed',
  deadline: '2026-03-20',
  ...over,
});

const notified = async (c: Client, taskId: number, kind: string) =>
  (await c.get('/api/notifications?limit=100')).body.items.filter(
    (n: { taskId: number; kind: string }) => n.taskId === taskId && n.kind === kind,
  ).length;

describe('registering a document', () => {
  it('warns of the same number and symbol in the same year and registers it only when confirmed', async () => {
    const spec = await h.as('spec1');
    const body = {
      numberText: '123/UBND-KT',
      issuedOn: '2026-03-02',
      abstract: 'V/v triển khai kế hoạch',
      tasks: [task()],
    };
    expect((await spec.post('/api/documents', body)).status).toBe(201);
    const again = await spec.post('/api/documents', { ...body, numberText: '123/ubnd-kt', issuedOn: '2026-03-05' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_document');
    expect(again.body.error.issues[0].field).toBe('numberText');
    // Nothing was written: the document's task is not there twice.
    expect((await spec.get('/api/documents?q=123/UBND-KT')).body.total).toBe(1);
    // Another year is another document.
    expect((await spec.post('/api/documents', { ...body, issuedOn: '2025-12-30' })).status).toBe(201);
    const confirmed = await spec.post('/api/documents', { ...body, confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
    expect((await spec.get('/api/documents?q=123/UBND-KT')).body.total).toBe(3);
  });

  it('warns when an edit gives a document the number of another one', async () => {
    const spec = await h.as('spec1');
    await registerDocument(h, 'spec1', [], { numberText: '200/UBND-VP' });
    const { documentId } = await registerDocument(h, 'spec1', [], { numberText: '201/UBND-VP' });
    const doc = (await spec.get(`/api/documents/${documentId}`)).body;
    const dup = await spec.patch(`/api/documents/${documentId}`, { version: doc.version, numberText: '200/UBND-VP' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_document');
    const ok = await spec.patch(`/api/documents/${documentId}`, { version: doc.version, abstract: 'Trích yếu đã sửa' });
    expect(ok.status).toBe(200);
    expect(ok.body.abstract).toBe('Trích yếu đã sửa');
    const stale = await spec.patch(`/api/documents/${documentId}`, { version: doc.version, abstract: 'Lần nữa' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
  });
});

describe('deleting a document', () => {
  it('is offered and done while its tasks are drafts, which are cancelled with it', async () => {
    const spec = await h.as('spec1');
    const { documentId, taskIds } = await registerDocument(h, 'spec1', [task({ assign: false })], {
      numberText: '300/UBND-KT',
    });
    const doc = (await spec.get(`/api/documents/${documentId}`)).body;
    expect(doc.actions).toContain('delete');
    expect((await spec.del(`/api/documents/${documentId}?version=${doc.version + 1}`)).body.error.code).toBe(
      'stale_version',
    );
    const res = await spec.del(`/api/documents/${documentId}?version=${doc.version}`);
    expect(res.status).toBe(204);
    expect((await spec.get(`/api/documents/${documentId}`)).status).toBe(404);
    expect((await spec.get(`/api/tasks/${taskIds[0]}`)).body.status).toBe('cancelled');
    // The number is free again.
    expect(
      (await spec.post('/api/documents', { numberText: '300/UBND-KT', issuedOn: '2026-03-02', abstract: 'Lại' }))
        .status,
    ).toBe(201);
  });

  it('is refused once a task is assigned, and to anyone outside the Office', async () => {
    const spec = await h.as('spec1');
    const { documentId } = await registerDocument(h, 'spec1', [task()], { numberText: '301/UBND-KT' });
    const doc = (await spec.get(`/api/documents/${documentId}`)).body;
    expect(doc.actions).not.toContain('delete');
    const res = await spec.del(`/api/documents/${documentId}?version=${doc.version}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    const vice = await h.as('vice');
    expect((await vice.del(`/api/documents/${documentId}?version=${doc.version}`)).status).toBe(403);
    expect((await spec.get(`/api/documents/${documentId}`)).status).toBe(200);
  });
});

describe('searching', () => {
  it("finds a task by its code and by its document's number and symbol", async () => {
    const spec = await h.as('spec1');
    const { taskIds } = await registerDocument(h, 'spec1', [task({ content: 'Một việc rất riêng' })], {
      numberText: '4567/UBND-TH',
    });
    const t = (await spec.get(`/api/tasks/${taskIds[0]}`)).body;
    const byCode = (await spec.get(`/api/tasks?q=${encodeURIComponent(t.code.toLowerCase())}`)).body;
    expect(byCode.items.map((i: { id: number }) => i.id)).toEqual([t.id]);
    const byNumber = (await spec.get(`/api/tasks?q=${encodeURIComponent('4567/UBND-TH')}`)).body;
    expect(byNumber.items.map((i: { id: number }) => i.id)).toEqual([t.id]);
    const docs = (await spec.get(`/api/documents?q=${encodeURIComponent('4567/ubnd-th')}`)).body;
    expect(docs.total).toBe(1);
    const docByCode = (await spec.get(`/api/documents?q=${t.code}`)).body;
    expect(docByCode.items.map((d: { numberText: string }) => d.numberText)).toEqual(['4567/UBND-TH']);
    // An agency that does not see the task does not find it by its code either.
    const con = await h.as('con_staff');
    expect((await con.get(`/api/tasks?q=${t.code}`)).body.total).toBe(0);
  });
});

describe('the deadline calendar', () => {
  it('counts every task of the month per day, with the filters and scope of the list', async () => {
    const spec = await h.as('spec1');
    const many = Array.from({ length: 30 }, (_, i) =>
      task({ content: `Việc lịch ${i}`, deadline: i < 25 ? '2026-06-17' : '2026-06-30' }),
    );
    many.push(
      task({ content: 'Việc của Sở Xây dựng', leadAgencyId: h.fx.agency.construction, deadline: '2026-06-17' }),
    );
    await registerDocument(h, 'spec1', many, { numberText: '500/UBND-KT' });
    const cal = (await spec.get('/api/tasks/calendar?month=2026-06')).body;
    expect(cal.days).toEqual([
      { date: '2026-06-17', count: 26, overdue: 0, done: 0 },
      { date: '2026-06-30', count: 5, overdue: 0, done: 0 },
    ]);
    const list = (await spec.get('/api/tasks?dueFrom=2026-06-17&dueTo=2026-06-17&pageSize=1')).body;
    expect(list.total).toBe(26);
    const filtered = (await spec.get(`/api/tasks/calendar?month=2026-06&agencyId=${h.fx.agency.construction}`)).body;
    expect(filtered.days).toEqual([{ date: '2026-06-17', count: 1, overdue: 0, done: 0 }]);
    const con = await h.as('con_staff');
    expect((await con.get('/api/tasks/calendar?month=2026-06')).body.days).toEqual([
      { date: '2026-06-17', count: 1, overdue: 0, done: 0 },
    ]);
    expect((await spec.get('/api/tasks/calendar?month=2026-13')).status).toBe(400);
  });
});

describe('reopening an accepted task', () => {
  it('is the Office lead’s, with a reason; the agency is told and the task is worked on again', async () => {
    const spec = await h.as('spec1');
    const chief = await h.as('chief');
    const fin = await h.as('fin_staff');
    const { taskIds } = await registerDocument(h, 'spec1', [task()], { numberText: '600/UBND-KT' });
    const id = taskIds[0]!;
    let t = (await fin.get(`/api/tasks/${id}`)).body;
    t = (await fin.post(`/api/tasks/${id}/reports`, { version: t.version, kind: 'completion', content: 'Xong' })).body;
    t = (await spec.post(`/api/tasks/${id}/review`, { version: t.version, decision: 'accept' })).body;
    expect(t.status).toBe('done');
    expect(t.actions).not.toContain('reopen');
    expect((await spec.post(`/api/tasks/${id}/reopen`, { version: t.version, reason: 'Thiếu' })).status).toBe(403);
    const seen = (await chief.get(`/api/tasks/${id}`)).body;
    expect(seen.actions).toContain('reopen');
    const noReason = await chief.post(`/api/tasks/${id}/reopen`, { version: seen.version });
    expect(noReason.status).toBe(400);
    const stale = await chief.post(`/api/tasks/${id}/reopen`, { version: seen.version - 1, reason: 'Thiếu số liệu' });
    expect(stale.body.error.code).toBe('stale_version');
    const re = await chief.post(`/api/tasks/${id}/reopen`, { version: seen.version, reason: 'Thiếu số liệu' });
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('in_progress');
    expect(re.body.completedOn).toBeNull();
    expect(await notified(fin, id, 'task.reopen')).toBe(1);
    const again = await chief.post(`/api/tasks/${id}/reopen`, { version: re.body.version, reason: 'Lần nữa' });
    expect(again.body.error.code).toBe('conflict');
    const history = (await spec.get(`/api/tasks/${id}/history`)).body.items;
    expect(history.some((e: { action: string }) => e.action === 'task.reopen')).toBe(true);
  });
});

describe('who is told of an extension request', () => {
  it('tells the assigning leader, and the Office lead when the leaders delegated the decision', async () => {
    const fin = await h.as('fin_staff');
    const chief = await h.as('chief');
    const vice = await h.as('vice');
    const admin = await h.as('admin');
    const ask = async (n: string) => {
      const { taskIds } = await registerDocument(h, 'spec1', [task({ leaderId: h.fx.leader.vice })], {
        numberText: n,
      });
      const id = taskIds[0]!;
      const t = (await fin.get(`/api/tasks/${id}`)).body;
      const r = await fin.post(`/api/tasks/${id}/extensions`, {
        version: t.version,
        requestedDeadline: '2026-04-30',
        reason: 'Chờ số liệu',
      });
      expect(r.status).toBe(200);
      return id;
    };
    expect((await admin.put('/api/settings', { officeLeadDecidesExtensions: true })).status).toBe(200);
    const delegated = await ask('700/UBND-KT');
    expect(await notified(vice, delegated, 'extension.requested')).toBe(1);
    expect(await notified(chief, delegated, 'extension.requested')).toBe(1);
    expect((await chief.get(`/api/tasks/${delegated}`)).body.actions).toContain('decide_extension');

    expect((await admin.put('/api/settings', { officeLeadDecidesExtensions: false })).status).toBe(200);
    const own = await ask('701/UBND-KT');
    expect(await notified(vice, own, 'extension.requested')).toBe(1);
    expect(await notified(chief, own, 'extension.requested')).toBe(0);
    expect((await chief.get(`/api/tasks/${own}`)).body.actions).not.toContain('decide_extension');
  });
});
