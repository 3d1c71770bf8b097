/**
 * Numbers that cannot be bent (ADR 0008): the original deadline changes only by the Office lead's explicit
 * correction; no extension is decided on a task that has ended or waits for review; a recurring period
 * counts only from its start; a year whose days off are not decided is marked provisional; a deadline
 * already past needs confirmation; the creation event holds every field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

const fixed = (content: string, deadline: string, extra: Record<string, unknown> = {}) => ({
  content,
  leadAgencyId: h.fx.agency.finance,
  deadlineKind: 'fixed',
  deadline,
  fieldId: h.fx.field,
  ...extra,
});

async function historyOf(id: number) {
  const spec = await h.as('spec1');
  return (await spec.get(`/api/tasks/${id}/history`)).body.items as {
    action: string;
    actor: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];
}

describe('the original deadline', () => {
  it('is not changed by an edit once the task is assigned: the figures stay as they were', async () => {
    h.clock.set('2026-03-02 09:00');
    const {
      taskIds: [id],
    } = await registerDocument(h, 'spec1', [fixed('Báo cáo rà soát đất công', '2026-03-20')]);
    h.clock.set('2026-04-10 09:00');
    const spec = await h.as('spec1');
    const t = (await spec.get(`/api/tasks/${id}`)).body;
    expect(t.timeliness).toBe('overdue');
    const res = await spec.patch(`/api/tasks/${id}`, { version: t.version, deadline: '2026-12-31' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toBe(
      'Nhiệm vụ đã giao: thời hạn chỉ thay đổi khi đề nghị gia hạn được quyết định, hoặc khi lãnh đạo Văn phòng đính chính sai sót lúc vào sổ (ghi rõ lý do).',
    );
    const after = (await spec.get(`/api/tasks/${id}`)).body;
    expect(after).toMatchObject({
      deadline: '2026-03-20',
      originalDeadline: '2026-03-20',
      originalDueDate: '2026-03-20',
      timeliness: 'overdue',
      overdueDays: 21,
      version: t.version,
    });
    expect((await historyOf(id!)).map((e) => e.action)).toEqual(['task.create']);
    // The same deadline sent again with another change is not a change of the deadline.
    const same = await spec.patch(`/api/tasks/${id}`, {
      version: t.version,
      deadline: '2026-03-20',
      content: 'Báo cáo rà soát đất công (bổ sung)',
    });
    expect(same.status).toBe(200);
    expect(same.body.deadline).toBe('2026-03-20');
    const overdue = await spec.get(`/api/tasks?timeliness=overdue&against=original&pageSize=200`);
    expect(overdue.body.items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('of a draft is still part of its registration: an edit sets it', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const created = await spec.post('/api/tasks', {
      tasks: [fixed('Dự thảo nhiệm vụ', '2026-04-30', { assign: false })],
    });
    expect(created.status).toBe(201);
    const id = created.body.items[0].id;
    const t = (await spec.get(`/api/tasks/${id}`)).body;
    const res = await spec.patch(`/api/tasks/${id}`, { version: t.version, deadline: '2026-05-15' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deadline: '2026-05-15', originalDeadline: '2026-05-15' });
    expect(res.body.originalDeadlineCorrections).toBe(0);
  });

  it('is corrected only by the Office lead, with a reason, in words in the history and counted apart', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const chief = await h.as('chief');
    const {
      taskIds: [id],
    } = await registerDocument(h, 'spec1', [fixed('Kiểm tra công tác phòng cháy', '2026-03-20')]);
    const t = (await spec.get(`/api/tasks/${id}`)).body;
    expect(t.actions).not.toContain('correct_original_deadline');
    const bySpecialist = await spec.post(`/api/tasks/${id}/original-deadline`, {
      version: t.version,
      deadline: '2026-03-31',
      reason: 'Vào sổ nhầm',
    });
    expect(bySpecialist.status).toBe(403);
    const seen = (await chief.get(`/api/tasks/${id}`)).body;
    expect(seen.actions).toContain('correct_original_deadline');
    const noReason = await chief.post(`/api/tasks/${id}/original-deadline`, {
      version: t.version,
      deadline: '2026-03-31',
    });
    expect(noReason.status).toBe(400);
    const reason = 'Vào sổ nhầm ngày: văn bản ghi thời hạn 31/3/2026';
    const ok = await chief.post(`/api/tasks/${id}/original-deadline`, {
      version: t.version,
      deadline: '2026-03-31',
      reason,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      originalDeadline: '2026-03-31',
      deadline: '2026-03-31', // no extension yet: the deadline in force is the original
      originalDeadlineCorrections: 1,
    });
    const last = (await historyOf(id!)).at(-1)!;
    expect(last.action).toBe('task.correct_original_deadline');
    expect(last.actor).toBe('Phạm Chánh Văn');
    expect(last.before).toMatchObject({ originalDeadline: '2026-03-20', originalDeadlineCorrections: 0 });
    expect(last.after).toMatchObject({ originalDeadline: '2026-03-31', originalDeadlineCorrections: 1, reason });
    // The agency is told.
    const fin = await h.as('fin_staff');
    const notes = (await fin.get('/api/notifications')).body.items as { kind: string; taskId: number }[];
    expect(notes.some((n) => n.kind === 'task.correct_original_deadline' && n.taskId === id)).toBe(true);
  });

  it('after an extension, a correction changes the original only', async () => {
    h.clock.set('2026-03-02 09:00');
    const fin = await h.as('fin_staff');
    const chairman = await h.as('chairman');
    const chief = await h.as('chief');
    const {
      taskIds: [id],
    } = await registerDocument(h, 'spec1', [fixed('Tổng hợp số liệu giải ngân', '2026-03-20')]);
    let t = (await fin.get(`/api/tasks/${id}`)).body;
    t = (
      await fin.post(`/api/tasks/${id}/extensions`, {
        version: t.version,
        requestedDeadline: '2026-04-30',
        reason: 'x',
      })
    ).body;
    t = (await chairman.post(`/api/tasks/${id}/extensions/decide`, { version: t.version, decision: 'approve' })).body;
    expect(t.deadline).toBe('2026-04-30');
    const later = await chief.post(`/api/tasks/${id}/original-deadline`, {
      version: t.version,
      deadline: '2026-05-15',
      reason: 'x',
    });
    expect(later.status).toBe(400);
    const res = await chief.post(`/api/tasks/${id}/original-deadline`, {
      version: t.version,
      deadline: '2026-03-25',
      reason: 'Vào sổ nhầm ngày',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deadline: '2026-04-30', originalDeadline: '2026-03-25', extensionCount: 1 });
  });
});

describe('extension decisions', () => {
  it('none on a task waiting for review or completed: a late completion stays late', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const fin = await h.as('fin_staff');
    const chairman = await h.as('chairman');
    const {
      taskIds: [id],
    } = await registerDocument(h, 'spec1', [fixed('Báo cáo kết quả thu ngân sách quý I', '2026-03-20')]);
    h.clock.set('2026-03-18 09:00');
    let t = (await fin.get(`/api/tasks/${id}`)).body;
    t = (
      await fin.post(`/api/tasks/${id}/extensions`, {
        version: t.version,
        requestedDeadline: '2026-04-10',
        reason: 'Chờ số liệu Kho bạc',
      })
    ).body;
    expect(t.hasPendingExtension).toBe(true);
    h.clock.set('2026-03-25 09:00');
    t = (await fin.post(`/api/tasks/${id}/reports`, { version: t.version, kind: 'completion', content: 'Đã xong' }))
      .body;
    expect(t.status).toBe('completion_reported');
    const waiting = await chairman.post(`/api/tasks/${id}/extensions/decide`, {
      version: t.version,
      decision: 'approve',
    });
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.code).toBe('conflict');
    expect(waiting.body.error.message).toBe(
      'Nhiệm vụ đang chờ xác nhận kết quả: hãy xác nhận hoặc trả lại báo cáo hoàn thành trước; chỉ khi báo cáo bị trả lại mới xét gia hạn.',
    );
    h.clock.set('2026-03-26 09:00');
    t = (await spec.post(`/api/tasks/${id}/review`, { version: t.version, decision: 'accept' })).body;
    expect(t).toMatchObject({ status: 'done', completedOn: '2026-03-25', timeliness: 'done_late', overdueDays: 5 });
    expect(t.hasPendingExtension).toBe(false);
    expect(t.extensionRequests[0].status).toBe('withdrawn'); // ended with the task, undecided

    const approve = await chairman.post(`/api/tasks/${id}/extensions/decide`, {
      version: t.version,
      decision: 'approve',
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toBe(
      'Nhiệm vụ đã hoàn thành: không thể đề nghị hay quyết định gia hạn trên nhiệm vụ đã kết thúc, để số liệu đã chốt không bị thay đổi.',
    );
    const again = await fin.post(`/api/tasks/${id}/extensions`, {
      version: t.version,
      requestedDeadline: '2026-04-30',
      reason: 'x',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(approve.body.error.message);
    const final = (await spec.get(`/api/tasks/${id}`)).body;
    expect(final).toMatchObject({ deadline: '2026-03-20', timeliness: 'done_late', extensionCount: 0 });
  });

  it('none on a cancelled or withdrawn task', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const fin = await h.as('fin_staff');
    const { taskIds } = await registerDocument(h, 'spec1', [
      fixed('Nhiệm vụ sẽ hủy', '2026-03-20'),
      fixed('Nhiệm vụ sẽ thu hồi', '2026-03-20'),
    ]);
    for (const [id, kind, word] of [
      [taskIds[0]!, 'cancel', 'đã hủy'],
      [taskIds[1]!, 'withdraw', 'đã thu hồi'],
    ] as const) {
      let t = (await fin.get(`/api/tasks/${id}`)).body;
      t = (
        await fin.post(`/api/tasks/${id}/extensions`, {
          version: t.version,
          requestedDeadline: '2026-04-10',
          reason: 'x',
        })
      ).body;
      t = (await spec.post(`/api/tasks/${id}/${kind}`, { version: t.version, reason: 'Không còn phù hợp' })).body;
      const res = await fin.post(`/api/tasks/${id}/extensions`, {
        version: t.version,
        requestedDeadline: '2026-04-20',
        reason: 'x',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        `Nhiệm vụ ${word}: không thể đề nghị hay quyết định gia hạn trên nhiệm vụ đã kết thúc, để số liệu đã chốt không bị thay đổi.`,
      );
      const decide = await (
        await h.as('chairman')
      ).post(`/api/tasks/${id}/extensions/decide`, {
        version: t.version,
        decision: 'approve',
      });
      expect(decide.status).toBe(409);
      expect(decide.body.error.message).toBe(res.body.error.message);
    }
  });
});

describe('a recurring period counts only from its start', () => {
  let parentId: number;
  let periods: { id: number; content: string }[];
  const ids = (res: { body: { items: { id: number }[] } }) => res.body.items.map((x) => x.id);
  const list = async (q: string) =>
    ids(await (await h.as('spec1')).get(`/api/tasks?parentId=${parentId}&sort=due&${q}`));
  const stats = async (q: string) =>
    (await (await h.as('spec1')).get(`/api/stats/overview?parentId=${parentId}&${q}`)).body;

  beforeAll(async () => {
    h.clock.set('2026-05-04 09:00');
    const spec = await h.as('spec1');
    const res = await spec.post('/api/tasks', {
      tasks: [
        {
          content: 'Báo cáo tiến độ giải phóng mặt bằng',
          leadAgencyId: h.fx.agency.construction,
          deadlineKind: 'recurring',
          recurrence: { freq: 'monthly', day: 20, until: '2026-08-31' },
        },
      ],
    });
    expect(res.status).toBe(201);
    [{ id: parentId }, ...periods] = res.body.items;
    expect(periods).toHaveLength(4); // May, June, July, August: created at once, ahead
  });

  it('the coming periods are neither due nor in time before their start', async () => {
    const [may, june] = periods;
    expect((await (await h.as('spec1')).get(`/api/tasks/${june!.id}`)).body).toMatchObject({
      startsOn: '2026-06-01',
      timeliness: null,
    });
    expect(await list('timeliness=in_progress_on_time')).toEqual([may!.id]);
    expect(await stats('')).toMatchObject({ in_progress_on_time: 1, overdue: 0, open: 1, notUpdated: 0 });
  });

  it('before and after a start: July counts nowhere on 10 June and is overdue and not updated on 5 August', async () => {
    const [may, june, july, august] = periods;
    h.clock.set('2026-06-10 09:00');
    expect(await list('timeliness=in_progress_on_time')).toEqual([june!.id]);
    expect(await list('timeliness=overdue')).toEqual([may!.id]);
    // Not updated: May, assigned on 4 May (37 days, threshold 30); June counts from 1 June; July and August not yet.
    expect(await list('notUpdated=true')).toEqual([may!.id]);
    expect(await stats('')).toMatchObject({
      in_progress_on_time: 1,
      overdue: 1,
      open: 2,
      notUpdated: 1,
      fallenDue: 1,
    });
    const rows = (await (await h.as('spec1')).get(`/api/tasks?parentId=${parentId}&sort=due`)).body.items;
    expect(rows.find((r: { id: number }) => r.id === july!.id).timeliness).toBeNull();

    h.clock.set('2026-08-05 09:00');
    expect(await list('timeliness=in_progress_on_time')).toEqual([august!.id]);
    expect(await list('timeliness=overdue')).toEqual([may!.id, june!.id, july!.id]);
    expect(await list('notUpdated=true')).toEqual([may!.id, june!.id, july!.id]);
    expect(await stats('')).toMatchObject({ in_progress_on_time: 1, overdue: 3, open: 4, notUpdated: 3 });

    // The same past date again, now read from the snapshots: the same answer.
    expect(await list('asOf=2026-06-10&timeliness=in_progress_on_time')).toEqual([june!.id]);
    expect(await list('asOf=2026-06-10&notUpdated=true')).toEqual([may!.id]);
    expect(await stats('asOf=2026-06-10')).toMatchObject({
      in_progress_on_time: 1,
      overdue: 1,
      open: 2,
      notUpdated: 1,
    });
  });
});

describe('the working calendar', () => {
  it('marks a year without a government decision on days off as provisional', async () => {
    const c = await h.as('admin');
    const y2027 = (await c.get('/api/calendar/2027')).body;
    expect(y2027).toMatchObject({ year: 2027, provisional: true, decisionSource: null });
    const y2026 = (await c.get('/api/calendar/2026')).body;
    expect(y2026.provisional).toBe(false);
    expect(y2026.decisionSource).toMatch(/12729\/VPCP-KGVX/);
    expect((await c.get('/api/calendar/2019')).body.provisional).toBe(false);
  });
});

describe('a deadline already past', () => {
  it('is refused at registration unless confirmed, and nothing is written', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const body = {
      numberText: '77/UBND-TH',
      issuedOn: '2026-02-20',
      abstract: 'V/v báo cáo kết quả thực hiện',
      signerId: h.fx.leader.chairman,
      tasks: [fixed('Báo cáo kết quả thực hiện', '2026-02-27', { coordinatingAgencyIds: [h.fx.agency.district] })],
    };
    const res = await spec.post('/api/documents', body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('past_deadline');
    expect(res.body.error.message).toBe(
      'Thời hạn 2026-02-27 đã qua (hôm nay 2026-03-02): nhiệm vụ sẽ bị tính quá hạn ngay. Hãy kiểm tra lại, hoặc xác nhận để vẫn ghi thời hạn này.',
    );
    expect(res.body.error.issues[0].field).toBe('tasks.0.deadline');
    expect((await spec.get('/api/documents?q=77/UBND-TH')).body.items).toHaveLength(0);

    const ok = await spec.post('/api/documents', { ...body, confirmPastDeadline: true });
    expect(ok.status).toBe(201);
    const [task] = (await spec.get(`/api/tasks?documentId=${ok.body.id}`)).body.items;
    expect(task.timeliness).toBe('overdue');
    // The creation event holds every field as registered.
    const created = (await historyOf(task.id))[0]!;
    expect(created.action).toBe('task.create');
    expect(created.after).toMatchObject({
      content: 'Báo cáo kết quả thực hiện',
      status: 'assigned',
      documentId: ok.body.id,
      leadAgencyId: h.fx.agency.finance,
      coordinatingAgencyIds: [h.fx.agency.district],
      leaderId: h.fx.leader.chairman,
      fieldId: h.fx.field,
      specialistId: h.fx.user.spec1,
      starred: false,
      deadlineKind: 'fixed',
      originalDeadline: '2026-02-27',
      originalDue: '2026-02-27',
      currentDeadline: '2026-02-27',
      currentDue: '2026-02-27',
      recurrence: null,
      periodKey: null,
      assignedOn: '2026-03-02',
      confirmedPastDeadline: true,
    });
  });

  it('is not asked for when the deadline moves to today (a Sunday deadline counts on Monday)', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const res = await spec.post('/api/tasks', { tasks: [fixed('Hạn Chủ nhật', '2026-03-01')] });
    expect(res.status).toBe(201);
  });

  it('is asked for on the periods of a recurring task that are already past', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const body = {
      numberText: '78/UBND-TH',
      issuedOn: '2026-01-15',
      abstract: 'V/v báo cáo định kỳ',
      signerId: h.fx.leader.chairman,
      tasks: [
        {
          content: 'Báo cáo hằng tháng',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'recurring',
          recurrence: { freq: 'monthly', day: 20, until: '2026-04-30' },
        },
      ],
    };
    const res = await spec.post('/api/documents', body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('past_deadline');
    expect(res.body.error.message).toMatch(/^Thời hạn 2026-01-20 \(kỳ 2026-01\) đã qua/);
    const ok = await spec.post('/api/documents', { ...body, confirmPastDeadline: true });
    expect(ok.status).toBe(201);
  });

  it('is asked for when a draft’s deadline is edited to a past date', async () => {
    h.clock.set('2026-03-02 09:00');
    const spec = await h.as('spec1');
    const created = await spec.post('/api/tasks', { tasks: [fixed('Dự thảo', '2026-04-30', { assign: false })] });
    const id = created.body.items[0].id;
    const t = (await spec.get(`/api/tasks/${id}`)).body;
    const res = await spec.patch(`/api/tasks/${id}`, { version: t.version, deadline: '2026-02-25' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('past_deadline');
    expect(res.body.error.issues[0].field).toBe('deadline');
    const ok = await spec.patch(`/api/tasks/${id}`, {
      version: t.version,
      deadline: '2026-02-25',
      confirmPastDeadline: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.deadline).toBe('2026-02-25');
  });
});
