/** The task list's filters, sorting and paging; recurring, routine and split tasks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let ids: number[];
let documentId: number;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  ({ taskIds: ids, documentId } = await registerDocument(
    h,
    'spec1',
    [
      {
        content: 'Sở Tài chính chủ trì thẩm định phương án giá nước sạch',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-10',
        fieldId: h.fx.field,
      },
      {
        content: 'Rà soát quy hoạch xây dựng vùng huyện',
        leadAgencyId: h.fx.agency.construction,
        coordinatingAgencyIds: [h.fx.agency.finance],
        deadlineKind: 'fixed',
        deadline: '2026-04-15',
        leaderId: h.fx.leader.vice,
      },
      {
        content: 'Theo dõi thường xuyên tình hình giá cả thị trường',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'routine',
      },
      {
        content: 'Nghiên cứu đề xuất cơ chế đặc thù',
        leadAgencyId: h.fx.agency.construction,
        deadlineKind: 'none',
        specialistId: h.fx.user.spec2,
      },
    ],
    {
      numberText: '245/TB-UBND',
      abstract: 'Thông báo kết luận của Chủ tịch UBND tỉnh tại phiên họp thường kỳ tháng 2',
    },
  ));
});
afterAll(() => h?.close());

const idsOf = (res: { body: { items: { id: number }[] } }) => res.body.items.map((t) => t.id).sort((a, b) => a - b);

describe('filters', () => {
  it('finds Vietnamese text with or without diacritics, in the content and the document abstract', async () => {
    const spec = await h.as('spec1');
    expect(idsOf(await spec.get('/api/tasks?q=so%20tai%20chinh'))).toEqual([ids[0]]);
    expect(idsOf(await spec.get(`/api/tasks?q=${encodeURIComponent('Sở Tài Chính')}`))).toEqual([ids[0]]);
    expect(idsOf(await spec.get('/api/tasks?q=gia%20nuoc'))).toEqual([ids[0]]);
    expect(idsOf(await spec.get('/api/tasks?q=phien%20hop%20thuong%20ky'))).toEqual(ids);
    expect(idsOf(await spec.get('/api/tasks?q=245%2FTB'))).toEqual(ids);
    expect(idsOf(await spec.get('/api/tasks?q=khong%20co%20dau%20nao%20nhu%20vay'))).toEqual([]);
    expect((await spec.get('/api/tasks?q=100%25')).status).toBe(200);
  });

  it('by agency and role, leader, field, specialist, document, kind', async () => {
    const spec = await h.as('spec1');
    const f = h.fx.agency.finance;
    expect(idsOf(await spec.get(`/api/tasks?agencyId=${f}&agencyRole=lead`))).toEqual([ids[0], ids[2]]);
    expect(idsOf(await spec.get(`/api/tasks?agencyId=${f}&agencyRole=coordinating`))).toEqual([ids[1]]);
    expect(idsOf(await spec.get(`/api/tasks?agencyId=${f}`))).toEqual([ids[0], ids[1], ids[2]]);
    // Coordinated by an agency of a kind: today from the task's agencies, for a past date from its snapshot.
    const byKind = await spec.get('/api/tasks?agencyRole=coordinating&agencyKind=department');
    expect(byKind.status, JSON.stringify(byKind.body)).toBe(200);
    expect(idsOf(byKind)).toContain(ids[1]);
    expect(idsOf(byKind)).not.toContain(ids[0]);
    expect(idsOf(await spec.get(`/api/tasks?leaderId=${h.fx.leader.vice}`))).toEqual([ids[1]]);
    expect(idsOf(await spec.get(`/api/tasks?fieldId=${h.fx.field}`))).toEqual([ids[0]]);
    expect(idsOf(await spec.get(`/api/tasks?specialistId=${h.fx.user.spec2}`))).toEqual([ids[3]]);
    expect(idsOf(await spec.get(`/api/tasks?documentId=${documentId}&deadlineKind=routine,none`))).toEqual([
      ids[2],
      ids[3],
    ]);
  });

  it('by deadline range and timeliness; routine and no-deadline tasks are outside the categories', async () => {
    const spec = await h.as('spec1');
    expect(idsOf(await spec.get('/api/tasks?dueFrom=2026-03-01&dueTo=2026-03-31'))).toEqual([ids[0]]);
    const bad = await spec.get('/api/tasks?dueFrom=2026-04-01&dueTo=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('"Hạn từ ngày" (2026-04-01) phải trước hoặc bằng "hạn đến ngày" (2026-03-01).');
    for (const [q, field] of [
      ['assignedFrom=2026-04-01&assignedTo=2026-03-01', 'assignedFrom'],
      ['overdueMin=100&overdueMax=1', 'overdueMin'],
      ['asOf=2026-03-13', 'asOf'],
    ]) {
      const r = await spec.get(`/api/tasks?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.issues[0].field, q).toBe(field);
    }
    h.clock.set('2026-03-12 09:00');
    expect(idsOf(await spec.get('/api/tasks?timeliness=overdue'))).toEqual([ids[0]]);
    expect(idsOf(await spec.get('/api/tasks?timeliness=in_progress_on_time'))).toEqual([ids[1]]);
    const all = (await spec.get(`/api/tasks?documentId=${documentId}`)).body.items as {
      id: number;
      timeliness: string | null;
      overdueDays: number;
    }[];
    expect(all.find((t) => t.id === ids[0])).toMatchObject({ timeliness: 'overdue', overdueDays: 2 });
    expect(all.find((t) => t.id === ids[2])!.timeliness).toBeNull();
    expect(all.find((t) => t.id === ids[3])!.timeliness).toBeNull();
    const stats = (await spec.get('/api/stats/overview')).body;
    expect(stats).toMatchObject({ overdue: 1, in_progress_on_time: 1, fallenDue: 1, completionRate: 0, onTimeRate: 0 });
  });

  it('starred and not updated', async () => {
    const chairman = await h.as('chairman');
    const t = (await chairman.get(`/api/tasks/${ids[1]}`)).body;
    await chairman.post(`/api/tasks/${ids[1]}/star`, { version: t.version, starred: true });
    expect(idsOf(await chairman.get('/api/tasks?starred=true'))).toEqual([ids[1]]);
    h.clock.set('2026-04-20 09:00'); // 49 days after assignment, no report: not updated (threshold 30)
    const spec = await h.as('spec1');
    const fin = await h.as('fin_staff');
    const t0 = (await fin.get(`/api/tasks/${ids[0]}`)).body;
    await fin.post(`/api/tasks/${ids[0]}/reports`, {
      version: t0.version,
      kind: 'progress',
      content: 'Đang hoàn thiện hồ sơ',
    });
    const stale = idsOf(await spec.get('/api/tasks?notUpdated=true'));
    expect(stale).toContain(ids[1]);
    expect(stale).not.toContain(ids[0]);
  });

  it('sorts and pages', async () => {
    const spec = await h.as('spec1');
    const page1 = (await spec.get('/api/tasks?sort=code&pageSize=2')).body;
    const page2 = (await spec.get('/api/tasks?sort=code&pageSize=2&page=2')).body;
    expect(page1.total).toBe(4);
    expect(page1.items.map((t: { id: number }) => t.id)).toEqual([ids[0], ids[1]]);
    expect(page2.items.map((t: { id: number }) => t.id)).toEqual([ids[2], ids[3]]);
    const byDue = (await spec.get('/api/tasks?sort=due')).body.items.map((t: { id: number }) => t.id);
    expect(byDue).toEqual([ids[0], ids[1], ids[2], ids[3]]); // no deadline last
  });
});

describe('recurring and split tasks', () => {
  it('a recurring task becomes one obligation per period, each measured on its own', async () => {
    h.clock.set('2026-05-04 09:00');
    const spec = await h.as('spec1');
    const res = await spec.post('/api/tasks', {
      tasks: [
        {
          content: 'Báo cáo tình hình giải ngân',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'recurring',
          recurrence: { freq: 'monthly', day: 20, until: '2026-08-31' },
        },
      ],
    });
    expect(res.status).toBe(201);
    const [parent, ...periods] = res.body.items as { id: number; content: string; parentId: number | null }[];
    expect(periods.map((p) => p.content)).toEqual([
      'Báo cáo tình hình giải ngân (kỳ 2026-05)',
      'Báo cáo tình hình giải ngân (kỳ 2026-06)',
      'Báo cáo tình hình giải ngân (kỳ 2026-07)',
      'Báo cáo tình hình giải ngân (kỳ 2026-08)',
    ]);
    expect(periods.every((p) => p.parentId === parent!.id)).toBe(true);
    const june = (await spec.get(`/api/tasks/${periods[1]!.id}`)).body;
    expect(june).toMatchObject({
      deadline: '2026-06-20',
      dueDate: '2026-06-22',
      periodKey: '2026-06',
      deadlineKind: 'fixed',
    });
    const p = (await spec.get(`/api/tasks/${parent!.id}`)).body;
    expect(p.timeliness).toBeNull();
    expect(p.subtasks).toHaveLength(4);
    const fin = await h.as('fin_staff');
    const done = await fin.post(`/api/tasks/${parent!.id}/reports`, {
      version: p.version,
      kind: 'completion',
      content: 'x',
    });
    expect(done.status).toBe(409);
    expect(done.body.error.message).toBe(
      'Nhiệm vụ định kỳ được báo cáo theo từng kỳ; hãy báo cáo trên nhiệm vụ của kỳ.',
    );
  });

  it('splits a direction to several agencies into subtasks under one parent', async () => {
    const spec = await h.as('spec1');
    const { taskIds } = await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'UBND các huyện, xã rà soát đất công',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
        },
      ],
      { issuedOn: '2026-05-04' },
    );
    const res = await spec.post(`/api/tasks/${taskIds[0]}/subtasks`, {
      subtasks: [
        {
          content: 'UBND huyện Đông Hải rà soát đất công',
          leadAgencyId: h.fx.agency.district,
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
        },
        {
          content: 'UBND xã An Bình rà soát đất công',
          leadAgencyId: h.fx.agency.commune,
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.subtasks.map((s: { leadAgency: string }) => s.leadAgency)).toEqual([
      'UBND huyện Đông Hải',
      'UBND xã An Bình',
    ]);
    const commune = await h.as('com_staff');
    const mine = (await commune.get('/api/tasks')).body.items;
    expect(mine.map((t: { content: string }) => t.content)).toEqual(['UBND xã An Bình rà soát đất công']);
    // The parent is led by Finance: the commune does not see it, so its rows do not name it either.
    expect(mine[0].parentId).toBeNull();
    expect((await commune.get(`/api/tasks/${mine[0].id}`)).body.parentId).toBeNull();
    const office = (await spec.get(`/api/tasks?parentId=${taskIds[0]}`)).body.items;
    expect(office.map((t: { parentId: number }) => t.parentId)).toEqual([taskIds[0], taskIds[0]]);
  });
});
