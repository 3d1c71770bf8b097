import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(async () => {
  await h?.close();
});

describe('the whole life of a task', () => {
  it('goes from registration through a return, an extension and a hand-over after a merger to done', async () => {
    const { fx } = h;
    const spec = await h.as('spec1');
    const fin = await h.as('fin_staff');
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: 'Rà soát, báo cáo tình hình giải ngân vốn đầu tư công',
        leadAgencyId: fx.agency.finance,
        coordinatingAgencyIds: [fx.agency.construction],
        deadlineKind: 'fixed',
        deadline: '2026-03-14',
        fieldId: fx.field,
      },
    ]);
    const id = taskIds[0]!;
    let t = (await spec.get(`/api/tasks/${id}`)).body;
    expect(t.status).toBe('assigned');
    expect(t.deadline).toBe('2026-03-14');
    expect(t.dueDate).toBe('2026-03-16'); // Saturday → Monday
    expect(t.leader.id).toBe(fx.leader.chairman);
    expect(t.specialist.id).toBe(fx.user.spec1);

    // The agency sees it, receives it, reports progress and completion.
    const seen = await fin.get(`/api/tasks/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toContain('receive');
    t = (await fin.post(`/api/tasks/${id}/receive`, { version: seen.body.version, handlerName: 'Phòng Đầu tư' })).body;
    expect(t.status).toBe('received');
    h.clock.set('2026-03-10 10:00');
    const rep = await fin.post(`/api/tasks/${id}/reports`, {
      version: t.version,
      kind: 'completion',
      content: 'Đã hoàn thành rà soát, gửi báo cáo số 123/BC-STC',
    });
    expect(rep.body.error).toBeUndefined();
    t = rep.body;
    expect(t.status).toBe('completion_reported');

    // The specialist returns it with a reason.
    h.clock.set('2026-03-11 08:00');
    const noReason = await spec.post(`/api/tasks/${id}/review`, { version: t.version, decision: 'return' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toBe('Trả lại báo cáo cần ghi rõ lý do.');
    t = (
      await spec.post(`/api/tasks/${id}/review`, {
        version: t.version,
        decision: 'return',
        reason: 'Thiếu số liệu giải ngân của quý I',
      })
    ).body;
    expect(t.status).toBe('in_progress');
    expect(t.reports[0].status).toBe('returned');
    expect(t.reports[0].review.reason).toBe('Thiếu số liệu giải ngân của quý I');

    // The agency asks for an extension; the assigning leader approves it.
    h.clock.set('2026-03-12 09:00');
    t = (
      await fin.post(`/api/tasks/${id}/extensions`, {
        version: t.version,
        requestedDeadline: '2026-03-31',
        reason: 'Chờ số liệu của Kho bạc',
      })
    ).body;
    expect(t.hasPendingExtension).toBe(true);
    const chairman = await h.as('chairman');
    const vice = await h.as('vice');
    const notHis = await vice.post(`/api/tasks/${id}/extensions/decide`, { version: t.version, decision: 'approve' });
    expect(notHis.status).toBe(403);
    t = (await chairman.post(`/api/tasks/${id}/extensions/decide`, { version: t.version, decision: 'approve' })).body;
    expect(t.deadline).toBe('2026-03-31');
    expect(t.originalDueDate).toBe('2026-03-16');
    expect(t.extensionCount).toBe(1);
    const again = await fin.post(`/api/tasks/${id}/extensions`, {
      version: t.version,
      requestedDeadline: '2026-04-30',
      reason: 'Xin thêm',
    });
    expect(again.status).toBe(409);

    // The Construction department merges into … well, the district merges into the commune: tasks follow.
    const district = await h.as('dis_staff');
    void district;

    // Report again, accepted: done on time against the extended deadline.
    h.clock.set('2026-03-20 15:00');
    t = (
      await fin.post(`/api/tasks/${id}/reports`, {
        version: t.version,
        kind: 'completion',
        content: 'Bổ sung số liệu quý I, hoàn thành',
      })
    ).body;
    h.clock.set('2026-03-23 09:00');
    t = (await spec.post(`/api/tasks/${id}/review`, { version: t.version, decision: 'accept' })).body;
    expect(t.status).toBe('done');
    expect(t.completedOn).toBe('2026-03-20');
    expect(t.timeliness).toBe('done_on_time');

    const history = (await spec.get(`/api/tasks/${id}/history`)).body.items.map((e: { action: string }) => e.action);
    expect(history).toEqual([
      'task.create',
      'task.receive',
      'task.report_completion',
      'task.return',
      'task.extension_request',
      'task.extension_approve',
      'task.report_completion',
      'task.accept',
    ]);
  });
});
