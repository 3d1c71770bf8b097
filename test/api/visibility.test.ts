/**
 * Regressions of issue 6, defect 3 and the report-id oracle: subtasks and parents shown only to those who
 * may see them, drafts told to nobody outside the Office, notifications that follow the task, and "not
 * yours" answering exactly as "not there". The matrix of every role × state × read path is in
 * authorization.test.ts; these are the reproducers, each failing without its fix.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { createHarness, PEOPLE, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

const marker = () => `mk${randomBytes(5).toString('hex')}`;
const USERS = Object.keys(PEOPLE);
const versionOf = async (id: number) => (await (await h.as('spec1')).get(`/api/tasks/${id}`)).body.version as number;

function upload(c: Client, targetType: string, targetId: number) {
  const boundary = '----nvvis' + randomBytes(6).toString('hex');
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="targetType"\r\n\r\n${targetType}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${targetId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nnội dung\r\n--${boundary}--\r\n`,
  );
  return c.request('POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

/** Notifications about a task, straight from the database (what was written, not only what is shown). */
async function toldAbout(taskId: number, usernames: string[]) {
  return h.database.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.taskId, taskId),
        inArray(
          notifications.userId,
          usernames.map((u) => h.fx.user[u]!),
        ),
      ),
    );
}

describe('subtasks and parents', () => {
  it('a task page lists only the subtasks the user may see, and names a parent only they may see', async () => {
    const [P, D1, D2, D3] = [marker(), marker(), marker(), marker()];
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: `Các địa phương rà soát đất công ${P}`,
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: [h.fx.agency.construction],
        deadlineKind: 'fixed',
        deadline: '2026-06-30',
      },
    ]);
    const parent = taskIds[0]!;
    const spec = await h.as('spec1');
    const split = await spec.post(`/api/tasks/${parent}/subtasks`, {
      subtasks: [
        {
          content: `Huyện Đông Hải ${D1}`,
          leadAgencyId: h.fx.agency.district,
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
        },
        {
          content: `Sở Tài chính, dự thảo ${D2}`,
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
          assign: false,
        },
        {
          content: `Xã An Bình ${D3}`,
          leadAgencyId: h.fx.agency.commune,
          coordinatingAgencyIds: [h.fx.agency.construction],
          deadlineKind: 'fixed',
          deadline: '2026-06-30',
        },
      ],
    });
    expect(split.status).toBe(200);
    const [s1, s2, s3] = split.body.subtasks.map((s: { id: number }) => s.id) as number[];
    const sees: Record<string, number[] | null> = {
      spec1: [s1!, s2!, s3!],
      spec2: [s1!, s2!, s3!],
      chief: [s1!, s2!, s3!],
      chairman: [s1!, s3!],
      vice: [s1!, s3!],
      fin_lead: [],
      fin_staff: [],
      con_lead: [s3!],
      con_staff: [s3!],
      admin: null,
      dis_staff: null,
      com_staff: null,
    };
    const markerOf = new Map([
      [s1!, D1],
      [s2!, D2],
      [s3!, D3],
    ]);
    for (const u of USERS) {
      const c = await h.as(u);
      const page = await c.get(`/api/tasks/${parent}`);
      const history = await c.get(`/api/tasks/${parent}/history`);
      const want = sees[u];
      if (!want) {
        expect(page.status, u).toBe(404);
        expect(history.status, u).toBe(404);
        continue;
      }
      expect(
        page.body.subtasks.map((s: { id: number }) => s.id),
        `${u}: subtasks`,
      ).toEqual(want);
      const splitEvent = history.body.items.find((e: { action: string }) => e.action === 'task.split');
      expect(splitEvent.after.subtaskIds, `${u}: subtasks named in the history`).toEqual(want);
      for (const [id, m] of markerOf)
        if (!want.includes(id)) {
          expect(JSON.stringify(page.body), `${u} reads subtask ${id}`).not.toContain(m);
          expect(JSON.stringify(history.body)).not.toContain(m);
        }
    }
    // The district sees its subtask, not the parent: neither its page nor its list names the parent.
    const district = await h.as('dis_staff');
    const own = await district.get(`/api/tasks/${s1}`);
    expect(own.status).toBe(200);
    expect(own.body.parentId).toBeNull();
    expect(JSON.stringify(own.body)).not.toContain(P);
    const created = (await district.get(`/api/tasks/${s1}/history`)).body.items[0];
    expect(created).toMatchObject({ action: 'task.create', after: { parentId: null } });
    expect((await spec.get(`/api/tasks/${s1}/history`)).body.items[0].after.parentId).toBe(parent);
    const row = (await district.get('/api/tasks')).body.items.find((t: { id: number }) => t.id === s1);
    expect(row.parentId).toBeNull();
    expect((await spec.get(`/api/tasks/${s1}`)).body.parentId).toBe(parent);
  });
});

describe('drafts are the Office’s until assigned', () => {
  it('no leader sees a draft and no agency is told of it — not by a direction, not by a hand-over', async () => {
    const M = marker();
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: `Dự thảo nhiệm vụ ${M}`,
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: [h.fx.agency.construction],
        deadlineKind: 'fixed',
        deadline: '2026-05-29',
        assign: false,
      },
    ]);
    const id = taskIds[0]!;
    const spec = await h.as('spec1');
    const chairman = await h.as('chairman');
    expect((await chairman.get(`/api/tasks/${id}`)).status).toBe(404);
    expect(
      (await chairman.post(`/api/tasks/${id}/messages`, { kind: 'direction', content: `Chỉ đạo ${M}` })).status,
    ).toBe(404);
    expect((await chairman.post(`/api/tasks/${id}/star`, { version: await versionOf(id), starred: true })).status).toBe(
      404,
    );
    expect(JSON.stringify((await chairman.get(`/api/tasks?q=${M}`)).body)).not.toContain(M);

    // The Office hands the draft to the district and comments on it: nobody outside the Office is told.
    const handed = await spec.post(`/api/tasks/${id}/handover`, {
      version: await versionOf(id),
      toAgencyId: h.fx.agency.district,
      reason: `Chuyển đơn vị ${M}`,
    });
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('draft');
    expect((await spec.post(`/api/tasks/${id}/messages`, { kind: 'comment', content: `Trao đổi ${M}` })).status).toBe(
      200,
    );
    const outside = USERS.filter((u) => !['spec1', 'spec2', 'chief'].includes(u));
    expect(await toldAbout(id, outside)).toEqual([]);
    for (const u of outside)
      expect(JSON.stringify((await (await h.as(u)).get('/api/notifications?limit=100')).body), u).not.toContain(M);

    // Assigned: now the lead and the coordinating agency are told.
    expect((await spec.post(`/api/tasks/${id}/assign`, { version: await versionOf(id) })).status).toBe(200);
    const told = await toldAbout(id, outside);
    expect(told.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [h.fx.user.dis_staff, 'task.assigned'],
        [h.fx.user.con_lead, 'task.coordinating'],
        [h.fx.user.con_staff, 'task.coordinating'],
      ].sort(),
    );
    // And a leader's direction on the assigned task reaches them.
    expect(
      (await chairman.post(`/api/tasks/${id}/messages`, { kind: 'direction', content: 'Khẩn trương' })).status,
    ).toBe(200);
    expect((await toldAbout(id, ['dis_staff'])).map((n) => n.kind).sort()).toEqual(['task.assigned', 'task.direction']);
  });
});

describe('notifications follow the task', () => {
  it('a task handed to another agency takes its notifications with it: list, unread count, marking read', async () => {
    const fin = await h.as('fin_staff');
    const before = (await fin.get('/api/notifications/unread-count')).body.unread;
    const M = marker();
    const { taskIds } = await registerDocument(h, 'spec1', [
      { content: `Nhiệm vụ ${M}`, leadAgencyId: h.fx.agency.finance, deadlineKind: 'fixed', deadline: '2026-05-29' },
    ]);
    const id = taskIds[0]!;
    const mine = (await fin.get('/api/notifications?unread=true')).body.items.filter(
      (n: { taskId: number }) => n.taskId === id,
    );
    expect(mine).toHaveLength(1);
    expect((await fin.get('/api/notifications/unread-count')).body.unread).toBe(before + 1);

    const spec = await h.as('spec1');
    expect(
      (
        await spec.post(`/api/tasks/${id}/handover`, {
          version: await versionOf(id),
          toAgencyId: h.fx.agency.construction,
          reason: 'Đúng chức năng của Sở Xây dựng',
        })
      ).status,
    ).toBe(200);
    const list = (await fin.get('/api/notifications?limit=100')).body;
    expect(JSON.stringify(list)).not.toContain(M);
    expect(list.unread).toBe(before);
    expect((await fin.get('/api/notifications/unread-count')).body.unread).toBe(before);
    expect((await fin.post('/api/notifications/read', { ids: [mine[0].id] })).body.updated).toBe(0);
  });
});

describe('not yours answers as not there', () => {
  it('a report, a file, a task, a saved view of someone else: the same 404 as a missing one', async () => {
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: 'Báo cáo tình hình giải ngân',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-05-29',
      },
    ]);
    const id = taskIds[0]!;
    const fin = await h.as('fin_staff');
    const r = await fin.post(`/api/tasks/${id}/reports`, {
      version: await versionOf(id),
      kind: 'progress',
      content: 'Đã giải ngân 40%',
    });
    const reportId = r.body.reports[0].id as number;
    const fileId = (await upload(fin, 'report', reportId)).body.id as string;
    const con = await h.as('con_staff');

    const theirs = await upload(con, 'report', reportId);
    const none = await upload(con, 'report', 2147483000);
    expect([theirs.status, theirs.body]).toEqual([404, none.body]);
    expect(none.body.error.message).toBe('Không tìm thấy báo cáo.');
    const file = await con.get(`/api/files/${fileId}`);
    const noFile = await con.get('/api/files/00000000-0000-4000-8000-000000000000');
    expect([file.status, file.body]).toEqual([404, noFile.body]);
    expect(noFile.body.error.message).toBe('Không tìm thấy tệp.');
    expect(await con.get(`/api/tasks/${id}`)).toMatchObject({
      status: 404,
      body: (await con.get('/api/tasks/2147483000')).body,
    });

    const spec = await h.as('spec1');
    const view = await spec.post('/api/views', { name: 'Của tôi', query: { q: 'giải ngân' } });
    expect(view.status).toBe(200);
    expect((await fin.get('/api/views')).body.items.map((v: { id: number }) => v.id)).not.toContain(view.body.id);
    const del = await fin.del(`/api/views/${view.body.id}`);
    expect([del.status, del.body]).toEqual([404, (await fin.del('/api/views/2147483000')).body]);
    expect((await spec.get('/api/views')).body.items.map((v: { id: number }) => v.id)).toContain(view.body.id);
  });
});

describe('an agency merger', () => {
  it('tells the successor of the tasks it may see, drafts not counted', async () => {
    await registerDocument(h, 'spec1', [
      {
        content: 'Nhiệm vụ đã giao của huyện',
        leadAgencyId: h.fx.agency.district,
        deadlineKind: 'fixed',
        deadline: '2026-05-29',
      },
      {
        content: 'Dự thảo của huyện',
        leadAgencyId: h.fx.agency.district,
        deadlineKind: 'fixed',
        deadline: '2026-05-29',
        assign: false,
      },
    ]);
    const admin = await h.as('admin');
    const district = (await admin.get('/api/agencies?kind=district')).body.items[0];
    const open = (
      await (
        await h.as('spec1')
      ).get(
        `/api/tasks?agencyId=${district.id}&status=assigned,received,in_progress,completion_reported,draft&pageSize=200`,
      )
    ).body.total;
    const merged = await admin.post(`/api/agencies/${district.id}/merge`, {
      version: district.version,
      successorId: h.fx.agency.commune,
      endDate: '2026-03-02',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.handedOver).toBe(open);
    const com = await h.as('com_staff');
    const told = (await com.get('/api/notifications?limit=100')).body.items.filter(
      (n: { kind: string; taskId: number | null }) => n.kind === 'task.handover' && n.taskId === null,
    );
    const drafts = 1;
    const communeName = (await admin.get('/api/agencies')).body.items.find(
      (a: { id: number }) => a.id === h.fx.agency.commune,
    ).name;
    expect(told.map((n: { title: string }) => n.title)).toEqual([
      `${communeName} nhận bàn giao ${open - drafts} nhiệm vụ của ${district.name}`,
    ]);
  });
});
