/**
 * The agency merger command: one event per moved task and per moved user, coordination moved without
 * duplicates, snapshots on either side of the merger's instant, all or nothing, and a number of statements
 * that does not grow with the number of tasks.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { summaryDifferences } from '../../src/resources/reports/counts.js';
import { createHarness, PASSWORD, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;
let admin: Client;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  admin = await h.as('admin');
});
afterAll(() => h?.close());

const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => rows<T>(h.database.db, query);

let seq = 0;
/** A new agency (through the API) with one agency user, signed in with the harness's password. */
async function agencyWithUser(name: string, opts: { validFrom?: string; users?: number } = {}) {
  seq += 1;
  const a = await admin.post('/api/agencies', {
    code: `T${seq}`,
    name,
    shortName: name,
    kind: 'department',
    validFrom: opts.validFrom ?? '2020-01-01',
  });
  expect(a.status).toBe(201);
  const usernames: string[] = [];
  for (let i = 0; i < (opts.users ?? 1); i++) {
    const username = `u${seq}_${i}`;
    const u = await admin.post('/api/users', {
      username,
      password: PASSWORD,
      fullName: `Người dùng ${seq}.${i}`,
      role: 'agency_staff',
      agencyId: a.body.id,
    });
    expect(u.status).toBe(201);
    usernames.push(username);
  }
  return { id: a.body.id as number, version: a.body.version as number, usernames };
}

async function agency(id: number) {
  return (await admin.get('/api/agencies')).body.items.find((a: { id: number }) => a.id === id);
}

/** Everything a merger writes, to compare before and after a refused or failed one. */
async function everything() {
  return {
    agencies: await q(sql`select id, valid_to, successor_id, version from agencies order by id`),
    names: await q(sql`select id, valid_to from agency_names order by id`),
    tasks: await q(sql`select id, lead_agency_id, agency_ids, version, updated_at from tasks order by id`),
    coordination: await q(sql`select task_id, agency_id from task_agencies order by 1, 2`),
    snapshots: await q(
      sql`select id, valid_to, lead_agency_id, coordinating_agency_ids from task_snapshots order by id`,
    ),
    events: await q(sql`select id from events where action <> 'user.login' order by id`),
    users: await q(sql`select id, agency_id, version from users order by id`),
    notifications: await q(sql`select id from notifications order by id`),
  };
}

describe('the agency merger', () => {
  it('writes one event per moved task and per moved user, and moves coordination without duplicates', async () => {
    h.clock.set('2026-03-03 09:00');
    const old = await agencyWithUser('Sở Giao thông vận tải', { users: 2 });
    const succ = await agencyWithUser('Sở Xây dựng và Giao thông');
    const other = await agencyWithUser('Sở Nội vụ');
    const fin = h.fx.agency.finance;
    const t = (content: string, leadAgencyId: number, coordinatingAgencyIds: number[] = [], assign = true) => ({
      content,
      leadAgencyId,
      coordinatingAgencyIds,
      deadlineKind: 'fixed',
      deadline: '2026-06-30',
      assign,
    });
    const { taskIds } = await registerDocument(h, 'spec1', [
      t('Chủ trì, không có phối hợp', old.id),
      t('Chủ trì, cơ quan kế thừa đang phối hợp', old.id, [succ.id, other.id]),
      t('Phối hợp cùng cơ quan kế thừa', fin, [old.id, succ.id]),
      t('Phối hợp, cơ quan kế thừa chủ trì', succ.id, [old.id]),
      t('Phối hợp cùng cơ quan khác', fin, [other.id, old.id]),
      t('Bản nháp do cơ quan chủ trì', old.id, [], false),
      t('Sẽ hủy trước khi sáp nhập', old.id),
      t('Không liên quan', fin, [other.id]),
    ]);
    const [led, ledSuccCo, coWithSucc, coSuccLeads, coWithOther, draft, cancelled, unrelated] = taskIds as number[];
    const spec = await h.as('spec1');
    const c = (await spec.get(`/api/tasks/${cancelled}`)).body;
    expect(
      (await spec.post(`/api/tasks/${cancelled}/cancel`, { version: c.version, reason: 'Trùng nhiệm vụ' })).status,
    ).toBe(200);
    const versions = new Map(
      (await q<{ id: number; version: number }>(sql`select id, version from tasks`)).map((r) => [r.id, r.version]),
    );
    const oldUsers = await q<{ id: number }>(sql`select id from users where agency_id = ${old.id} order by id`);
    expect(oldUsers).toHaveLength(2);

    h.clock.set('2026-03-10 16:00');
    const res = await admin.post(`/api/agencies/${old.id}/merge`, {
      version: old.version,
      successorId: succ.id,
      endDate: '2026-03-10',
    });
    expect(res.status).toBe(200);
    expect(res.body.handedOver).toBe(6);
    expect(res.body.agency).toMatchObject({ id: old.id, validTo: '2026-03-10', successorId: succ.id });

    const reason = `Sở Giao thông vận tải hợp nhất vào Sở Xây dựng và Giao thông (từ 2026-03-10)`;
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    const expected: Record<number, { lead: number; coord: number[]; before: object; after: object }> = {
      [led!]: {
        lead: succ.id,
        coord: [],
        before: { leadAgencyId: old.id },
        after: { leadAgencyId: succ.id, reason },
      },
      [ledSuccCo!]: {
        lead: succ.id,
        coord: [other.id],
        before: { leadAgencyId: old.id, coordinatingAgencyIds: sorted([succ.id, other.id]) },
        after: { leadAgencyId: succ.id, coordinatingAgencyIds: [other.id], reason },
      },
      [coWithSucc!]: {
        lead: fin,
        coord: [succ.id],
        before: { coordinatingAgencyIds: sorted([old.id, succ.id]) },
        after: { coordinatingAgencyIds: [succ.id], reason },
      },
      [coSuccLeads!]: {
        lead: succ.id,
        coord: [],
        before: { coordinatingAgencyIds: [old.id] },
        after: { coordinatingAgencyIds: [], reason },
      },
      [coWithOther!]: {
        lead: fin,
        coord: sorted([other.id, succ.id]),
        before: { coordinatingAgencyIds: sorted([other.id, old.id]) },
        after: { coordinatingAgencyIds: sorted([other.id, succ.id]), reason },
      },
      [draft!]: {
        lead: succ.id,
        coord: [],
        before: { leadAgencyId: old.id },
        after: { leadAgencyId: succ.id, reason },
      },
    };

    // Each moved task: the new lead and coordination, one event, the version up by one, agency_ids kept.
    for (const [id, e] of Object.entries(expected).map(([k, v]) => [Number(k), v] as const)) {
      const task = (await spec.get(`/api/tasks/${id}`)).body;
      expect(task.leadAgency.id, `task ${id}`).toBe(e.lead);
      expect(task.coordinatingAgencyIds, `task ${id}`).toEqual(e.coord);
      expect(task.version, `task ${id}`).toBe(versions.get(id)! + 1);
      const history = (await spec.get(`/api/tasks/${id}/history`)).body.items;
      const handovers = history.filter((x: { action: string }) => x.action === 'task.handover');
      expect(handovers, `task ${id}`).toHaveLength(1);
      expect(handovers[0], `task ${id}`).toMatchObject({ before: e.before, after: e.after });
      expect(handovers[0].before).toEqual(e.before);
      expect(handovers[0].after).toEqual(e.after);
      const [row] = await q<{ agency_ids: number[] }>(sql`select agency_ids from tasks where id = ${id}`);
      expect(row!.agency_ids, `task ${id}`).toEqual([e.lead, ...e.coord]);
    }
    // Closed and unrelated tasks stay as they were.
    for (const id of [cancelled!, unrelated!]) {
      const [row] = await q<{ version: number }>(sql`select version from tasks where id = ${id}`);
      expect(row!.version).toBe(versions.get(id));
    }
    expect((await spec.get(`/api/tasks/${cancelled}`)).body.leadAgency.id).toBe(old.id);
    const coord = await q<{ n: number }>(
      sql`select count(*)::int as n from task_agencies where agency_id = ${old.id}
          and task_id in (select id from tasks where status <> 'cancelled')`,
    );
    expect(coord[0]!.n).toBe(0);

    // All handover events of this merger: exactly one per moved task, none for the others.
    const taskEvents = await q<{ task_id: number }>(
      sql`select task_id from events where action = 'task.handover' and at = ${h.clock.now()} order by task_id`,
    );
    expect(taskEvents.map((r) => r.task_id)).toEqual(sorted(Object.keys(expected).map(Number)));

    // One event per moved user, saying where from, where to and why.
    const userEvents = await q<{ entity_id: string; action: string; before: unknown; after: unknown }>(
      sql`select entity_id, action, before, after from events where entity_type = 'user' and at = ${h.clock.now()}
          order by entity_id::int`,
    );
    expect(userEvents).toEqual(
      oldUsers.map((u) => ({
        entity_id: String(u.id),
        action: 'user.update',
        before: { agencyId: old.id },
        after: { agencyId: succ.id, reason },
      })),
    );
    const moved = await q<{ agency_id: number }>(
      sql`select agency_id from users where id in (${sql.join(
        oldUsers.map((u) => sql`${u.id}`),
        sql`, `,
      )})`,
    );
    expect(moved.every((u) => u.agency_id === succ.id)).toBe(true);
    const [mergeEvent] = await q<{ after: unknown }>(
      sql`select after from events where action = 'agency.merge' and entity_id = ${String(old.id)}`,
    );
    expect(mergeEvent!.after).toEqual({ validTo: '2026-03-10', successorId: succ.id, handedOver: 6, usersMoved: 2 });

    // The successor's user gets one summary notice, counting the tasks it may see (the draft is the Office's).
    const succStaff = await h.as(succ.usernames[0]!);
    const notices = (await succStaff.get('/api/notifications')).body.items.filter(
      (n: { kind: string }) => n.kind === 'task.handover',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      title: 'Sở Xây dựng và Giao thông nhận bàn giao 5 nhiệm vụ của Sở Giao thông vận tải',
      body: 'Sở Giao thông vận tải hợp nhất vào Sở Xây dựng và Giao thông từ ngày 10/03/2026.',
    });
    succStaff.lang = 'en';
    expect((await succStaff.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({
        title: 'Sở Xây dựng và Giao thông takes over 5 tasks from Sở Giao thông vận tải',
        body: 'Sở Giao thông vận tải merges into Sở Xây dựng và Giao thông from 10/03/2026.',
      }),
    );
    succStaff.lang = 'vi';
    // A moved user now sees the successor's tasks.
    const movedStaff = await h.as(old.usernames[0]!);
    expect((await movedStaff.get(`/api/tasks/${coWithOther}`)).status).toBe(200);
    expect((await movedStaff.get(`/api/tasks/${unrelated}`)).status).toBe(404);
  });

  it('keeps the old lead and coordination before the merger’s instant and the new ones from it', async () => {
    h.clock.set('2026-03-11 09:00');
    const old = await agencyWithUser('UBND huyện Cái Nước');
    const succ = await agencyWithUser('UBND xã Cái Nước');
    const fin = h.fx.agency.finance;
    const { taskIds } = await registerDocument(h, 'spec1', [
      { content: 'Chủ trì', leadAgencyId: old.id, deadlineKind: 'fixed', deadline: '2026-06-30' },
      {
        content: 'Phối hợp',
        leadAgencyId: fin,
        coordinatingAgencyIds: [old.id],
        deadlineKind: 'fixed',
        deadline: '2026-06-30',
      },
    ]);
    const [led, co] = taskIds as [number, number];
    h.clock.set('2026-03-12 15:30');
    const at = h.clock.now();
    const res = await admin.post(`/api/agencies/${old.id}/merge`, {
      version: old.version,
      successorId: succ.id,
      endDate: '2026-03-12',
    });
    expect(res.status).toBe(200);

    const valid = async (id: number, instant: Date) =>
      q<{ lead_agency_id: number; coordinating_agency_ids: number[]; status: string; current_due: string }>(
        sql`select lead_agency_id, coordinating_agency_ids, status, current_due::text from task_snapshots
            where task_id = ${id} and valid_from <= ${instant} and (valid_to is null or valid_to > ${instant})`,
      );
    const justBefore = new Date(at.getTime() - 1);
    expect(await valid(led, justBefore)).toMatchObject([{ lead_agency_id: old.id, coordinating_agency_ids: [] }]);
    expect(await valid(led, at)).toMatchObject([{ lead_agency_id: succ.id, coordinating_agency_ids: [] }]);
    expect(await valid(co, justBefore)).toMatchObject([{ lead_agency_id: fin, coordinating_agency_ids: [old.id] }]);
    expect(await valid(co, at)).toMatchObject([{ lead_agency_id: fin, coordinating_agency_ids: [succ.id] }]);
    // The new snapshot copies the rest of the task; one snapshot is open per task.
    for (const id of [led, co]) {
      const [snap] = await valid(id, at);
      const [task] = await q<{ status: string; current_due: string }>(
        sql`select status, current_due::text from tasks where id = ${id}`,
      );
      expect(snap).toMatchObject(task!);
      const open = await q(sql`select id from task_snapshots where task_id = ${id} and valid_to is null`);
      expect(open).toHaveLength(1);
    }

    // Past lists through the API: as of the day before, the old agency; as of the merger day, the successor.
    h.clock.set('2026-03-14 09:00');
    const spec = await h.as('spec1');
    const ids = async (asOf: string, agencyId: number, role: string) =>
      (await spec.get(`/api/tasks?asOf=${asOf}&agencyId=${agencyId}&agencyRole=${role}`)).body.items
        .map((x: { id: number }) => x.id)
        .sort();
    expect(await ids('2026-03-11', old.id, 'lead')).toEqual([led]);
    expect(await ids('2026-03-11', old.id, 'coordinating')).toEqual([co]);
    expect(await ids('2026-03-11', succ.id, 'any')).toEqual([]);
    expect(await ids('2026-03-12', old.id, 'any')).toEqual([]);
    expect(await ids('2026-03-12', succ.id, 'lead')).toEqual([led]);
    expect(await ids('2026-03-12', succ.id, 'coordinating')).toEqual([co]);
  });

  it('gives a done task of a merged agency, reopened, to its successor; a merged agency takes no new task', async () => {
    h.clock.set('2026-04-01 09:00');
    admin = await h.as('admin');
    const old = await agencyWithUser('Sở Du lịch');
    const mid = await agencyWithUser('Sở Văn hóa và Du lịch');
    const last = await agencyWithUser('Sở Văn hóa, Thể thao và Du lịch');
    const fin = h.fx.agency.finance;
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: 'Chủ trì, xong',
        leadAgencyId: old.id,
        coordinatingAgencyIds: [fin],
        deadlineKind: 'fixed',
        deadline: '2026-04-30',
      },
      {
        content: 'Phối hợp, xong',
        leadAgencyId: fin,
        coordinatingAgencyIds: [old.id, last.id],
        deadlineKind: 'fixed',
        deadline: '2026-04-30',
      },
    ]);
    const [led, co] = taskIds as [number, number];
    const office = await h.as('spec1');
    const finish = async (id: number, who: Client) => {
      const d = (await who.get(`/api/tasks/${id}`)).body;
      const r = await who.post(`/api/tasks/${id}/reports`, { version: d.version, kind: 'completion', content: 'Xong' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const a = await office.post(`/api/tasks/${id}/review`, { version: r.body.version, decision: 'accept' });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
    };
    await finish(led, await h.as(old.usernames[0]!));
    await finish(co, await h.as('fin_staff'));

    // The old agency merges into the middle one, which merges later into the last one; done tasks stay.
    h.clock.set('2026-04-10 09:00');
    expect(
      (
        await admin.post(`/api/agencies/${old.id}/merge`, {
          version: old.version,
          successorId: mid.id,
          endDate: '2026-04-09',
        })
      ).status,
    ).toBe(200);
    h.clock.set('2026-04-20 09:00');
    admin = await h.as('admin');
    const midNow = await agency(mid.id);
    const m = await admin.post(`/api/agencies/${mid.id}/merge`, {
      version: midNow.version,
      successorId: last.id,
      endDate: '2026-04-30',
    });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    const leadOf = async (id: number) => (await office.get(`/api/tasks/${id}`)).body;
    expect((await leadOf(led)).leadAgency.id).toBe(old.id);
    const asOfBefore = await office.get('/api/reports/agency?asOf=2026-04-19&role=any');
    expect(asOfBefore.status).toBe(200);

    // Reopened, each goes to the end of the chain — the middle agency, still active until the 30th, has merged
    // too — with a hand-over event that gives the reason; the successor's users are told.
    h.clock.set('2026-04-21 09:00');
    const chief = await h.as('chief');
    for (const id of [led, co]) {
      const r = await chief.post(`/api/tasks/${id}/reopen`, {
        version: (await leadOf(id)).version,
        reason: 'Thiếu số liệu',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const a = await leadOf(led);
    expect(a.status).toBe('in_progress');
    expect(a.leadAgency.id).toBe(last.id);
    expect(a.coordinatingAgencies.map((c: { id: number }) => c.id)).toEqual([fin]);
    const b = await leadOf(co);
    expect(b.leadAgency.id).toBe(fin);
    expect(b.coordinatingAgencies.map((c: { id: number }) => c.id)).toEqual([last.id]);
    const [ids] = await q<{ ids: number[] }>(sql`select agency_ids as ids from tasks where id = ${co}`);
    expect(ids!.ids).toEqual([fin, last.id]);
    const moves = await q<{ task_id: number; before: unknown; after: { reason: string } }>(
      sql`select task_id, before, after from events where action = 'task.handover' and task_id in (${led}, ${co}) order by id`,
    );
    expect(moves).toEqual([
      {
        task_id: led,
        before: { leadAgencyId: old.id },
        after: {
          leadAgencyId: last.id,
          reason: 'Sở Du lịch hợp nhất vào Sở Văn hóa, Thể thao và Du lịch (từ 2026-04-09)',
        },
      },
      {
        task_id: co,
        before: { coordinatingAgencyIds: [old.id, last.id] },
        after: {
          coordinatingAgencyIds: [last.id],
          reason: 'Sở Du lịch hợp nhất vào Sở Văn hóa, Thể thao và Du lịch (từ 2026-04-09)',
        },
      },
    ]);
    const lastUser = await h.as(last.usernames[0]!);
    expect((await lastUser.get(`/api/tasks/${led}`)).status).toBe(200);
    // The past does not change; today's summary agrees with the tasks.
    expect((await office.get('/api/reports/agency?asOf=2026-04-19&role=any')).body.rows).toEqual(asOfBefore.body.rows);
    expect(await summaryDifferences(h.database.db)).toEqual([]);

    // A merged agency, even before its end date, is given no new task and no hand-over.
    const refused = await office.post('/api/documents', {
      numberText: '99/UBND-KT',
      issuedOn: '2026-04-21',
      abstract: 'V/v giao việc',
      signerId: h.fx.leader.chairman,
      tasks: [{ content: 'Mới', leadAgencyId: mid.id, deadlineKind: 'fixed', deadline: '2026-05-30' }],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('đã sáp nhập');
    const other = (
      await registerDocument(h, 'spec1', [
        { content: 'Khác', leadAgencyId: fin, deadlineKind: 'fixed', deadline: '2026-05-30' },
      ])
    ).taskIds[0]!;
    const ho = await chief.post(`/api/tasks/${other}/handover`, {
      version: (await leadOf(other)).version,
      toAgencyId: mid.id,
      reason: 'Nhầm',
    });
    expect(ho.status).toBe(400);
  });

  it('changes nothing when it is refused: stale version, invalid successor, a loop, a second merger', async () => {
    h.clock.set('2026-03-16 09:00');
    const old = await agencyWithUser('Sở Thông tin và Truyền thông');
    const succ = await agencyWithUser('Sở Khoa học và Công nghệ');
    const later = await agencyWithUser('Sở mới thành lập', { validFrom: '2026-07-01' });
    await registerDocument(h, 'spec1', [
      { content: 'Chủ trì', leadAgencyId: old.id, deadlineKind: 'fixed', deadline: '2026-06-30' },
      {
        content: 'Phối hợp',
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: [old.id, succ.id],
        deadlineKind: 'fixed',
        deadline: '2026-06-30',
      },
    ]);
    const merge = (id: number, body: object) => admin.post(`/api/agencies/${id}/merge`, body);
    const gone = await agencyWithUser('Sở đã giải thể', { users: 0 });
    expect(
      (await merge(gone.id, { version: gone.version, successorId: h.fx.agency.finance, endDate: '2026-03-16' })).status,
    ).toBe(200);
    const chief = await h.as('chief');
    h.clock.set('2026-03-17 10:00');
    const before = await everything();

    const stale = await merge(old.id, { version: old.version + 1, successorId: succ.id, endDate: '2026-03-17' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(
      'Bản ghi đã được người khác thay đổi. Hãy tải lại để xem bản mới nhất rồi thực hiện lại.',
    );
    const self = await merge(old.id, { version: old.version, successorId: old.id, endDate: '2026-03-17' });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toBe('Cơ quan kế thừa phải là cơ quan khác.');
    const none = await merge(old.id, { version: old.version, successorId: 999999, endDate: '2026-03-17' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('Không có cơ quan mã số 999999.');
    const notYet = await merge(old.id, { version: old.version, successorId: later.id, endDate: '2026-03-17' });
    expect(notYet.status).toBe(400);
    expect(notYet.body.error.message).toBe(
      'Cơ quan kế thừa "Sở mới thành lập" bắt đầu hoạt động từ 2026-07-01, sau ngày kế tiếp ngày kết thúc 2026-03-17.',
    );
    const ended = await merge(old.id, {
      version: old.version,
      successorId: gone.id,
      endDate: '2026-03-17',
    });
    expect(ended.status).toBe(400);
    expect(ended.body.error.message).toBe('Cơ quan kế thừa "Sở đã giải thể" cũng đã thôi hoạt động.');
    const early = await merge(old.id, { version: old.version, successorId: succ.id, endDate: '2019-12-31' });
    expect(early.status).toBe(400);
    expect(early.body.error.issues[0].field).toBe('endDate');
    expect(await everything()).toEqual(before);

    // The successor is itself due to merge into the agency later: merging back would make a loop.
    const planned = await merge(succ.id, { version: succ.version, successorId: old.id, endDate: '2026-12-31' });
    expect(planned.status).toBe(200);
    const afterPlanned = await everything();
    const oldNow = await agency(old.id);
    const loop = await merge(old.id, { version: oldNow.version, successorId: succ.id, endDate: '2026-03-17' });
    expect(loop.status).toBe(400);
    expect(loop.body.error.message).toBe(
      'Cơ quan kế thừa "Sở Khoa học và Công nghệ" đã được sáp nhập (trực tiếp hoặc gián tiếp) vào "Sở Thông tin và Truyền thông": sáp nhập ngược lại sẽ tạo vòng.',
    );
    // An agency that has already merged does not merge again.
    const succNow = await agency(succ.id);
    const again = await merge(succ.id, { version: succNow.version, successorId: later.id, endDate: '2026-12-31' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'Cơ quan "Sở Khoa học và Công nghệ" đã thôi hoạt động từ 2026-12-31; không sáp nhập lại được.',
    );
    expect(await everything()).toEqual(afterPlanned);
    // Only the admin merges agencies.
    const forbidden = await chief.post(`/api/agencies/${old.id}/merge`, {
      version: oldNow.version,
      successorId: h.fx.agency.finance,
      endDate: '2026-03-17',
    });
    expect(forbidden.status).toBe(403);
    expect(await everything()).toEqual(afterPlanned);
  });

  it('leaves nothing half-written when it fails after the tasks were moved', async () => {
    h.clock.set('2026-03-18 09:00');
    const old = await agencyWithUser('Ban Dân tộc');
    const succ = await agencyWithUser('Sở Dân tộc và Tôn giáo');
    await registerDocument(h, 'spec1', [
      { content: 'Chủ trì', leadAgencyId: old.id, deadlineKind: 'fixed', deadline: '2026-06-30' },
      {
        content: 'Phối hợp',
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: [old.id],
        deadlineKind: 'fixed',
        deadline: '2026-06-30',
      },
    ]);
    h.clock.set('2026-03-19 10:00');
    // The users' events are the merger's last statement: make the database refuse them.
    await h.database.db.execute(sql`
      create function merger_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await h.database.db.execute(sql`
      create trigger merger_test_fail before insert on events for each row
      when (new.entity_type = 'user' and new.action = 'user.update') execute function merger_test_fail()`);
    const before = await everything();
    try {
      const res = await admin.post(`/api/agencies/${old.id}/merge`, {
        version: old.version,
        successorId: succ.id,
        endDate: '2026-03-19',
      });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(await everything()).toEqual(before);
    } finally {
      await h.database.db.execute(sql`drop trigger merger_test_fail on events`);
      await h.database.db.execute(sql`drop function merger_test_fail()`);
    }
    // Once the database accepts it again, the same merger goes through (nothing was left behind).
    const res = await admin.post(`/api/agencies/${old.id}/merge`, {
      version: old.version,
      successorId: succ.id,
      endDate: '2026-03-19',
    });
    expect(res.status).toBe(200);
    expect(res.body.handedOver).toBe(2);
  });

  it('leaves every moved task with exactly one open snapshot equal to its state, and one event', async () => {
    h.clock.set('2026-03-22 09:00');
    const old = await agencyWithUser('Sở Lao động – Thương binh và Xã hội', { users: 1 });
    const succ = await agencyWithUser('Sở Nội vụ và Lao động');
    const other = await agencyWithUser('Sở Y tế');
    const fin = h.fx.agency.finance;
    const tasks = Array.from({ length: 24 }, (_, i) => ({
      content: `Nhiệm vụ ${i} của cơ quan sáp nhập`,
      leadAgencyId: i % 3 === 0 ? fin : old.id,
      coordinatingAgencyIds: i % 3 === 0 ? [old.id, other.id] : i % 3 === 1 ? [succ.id] : [],
      deadlineKind: 'fixed',
      deadline: `2026-0${4 + (i % 5)}-15`,
      assign: i !== 5,
    }));
    const { taskIds } = await registerDocument(h, 'spec1', tasks);
    // Some of them further along: received, reported on — the snapshot must copy all of it.
    const staff = await h.as(old.usernames[0]!);
    for (const id of taskIds.slice(1, 8)) {
      if (id === taskIds[5]) continue;
      let t = (await staff.get(`/api/tasks/${id}`)).body;
      if (t.leadAgency.id !== old.id) continue;
      expect((await staff.post(`/api/tasks/${id}/receive`, { version: t.version })).status).toBe(200);
      t = (await staff.get(`/api/tasks/${id}`)).body;
      const r = await staff.post(`/api/tasks/${id}/reports`, {
        version: t.version,
        kind: 'progress',
        content: 'Đang triển khai',
      });
      expect(r.status).toBe(200);
    }

    h.clock.set('2026-03-23 10:00');
    const res = await admin.post(`/api/agencies/${old.id}/merge`, {
      version: old.version,
      successorId: succ.id,
      endDate: '2026-03-23',
    });
    expect(res.status).toBe(200);
    expect(res.body.handedOver).toBe(24);
    const at = h.clock.now();
    const ids = sql.join(
      taskIds.map((id) => sql`${id}`),
      sql`, `,
    );
    // Exactly one open snapshot per moved task, opened at the merger's instant…
    const open = await q<{ task_id: number; n: number; from_merger: number }>(
      sql`select t.id as task_id, count(s.id)::int as n, count(s.id) filter (where s.valid_from = ${at})::int as from_merger
          from tasks t left join task_snapshots s on s.task_id = t.id and s.valid_to is null
          where t.id in (${ids}) group by t.id order by t.id`,
    );
    expect(open).toEqual(taskIds.map((id) => ({ task_id: id, n: 1, from_merger: 1 })));
    // …equal to the task's state, column by column (the snapshot's columns carry the task's names).
    const stateColumns = await q<{ name: string }>(
      sql`select column_name as name from information_schema.columns
          where table_name = 'task_snapshots' and column_name not in ('id', 'task_id', 'valid_from', 'valid_to')
            and column_name <> 'coordinating_agency_ids'`,
    );
    expect(stateColumns.length).toBeGreaterThan(10);
    const differs = sql.join(
      stateColumns.map((c) => sql`s.${sql.identifier(c.name)} is distinct from t.${sql.identifier(c.name)}`),
      sql` or `,
    );
    const different = await q<{ id: number }>(
      sql`select t.id from tasks t join task_snapshots s on s.task_id = t.id and s.valid_to is null
          where t.id in (${ids}) and (${differs}
            or s.coordinating_agency_ids is distinct from coalesce(
              (select array_agg(ta.agency_id order by ta.agency_id) from task_agencies ta where ta.task_id = t.id), '{}'::int[])
            or array[s.lead_agency_id] || s.coordinating_agency_ids is distinct from t.agency_ids)`,
    );
    expect(different).toEqual([]);
    // The snapshot just before the merger's instant was closed at it, and kept the old agency.
    const closed = await q<{ n: number }>(
      sql`select count(*)::int as n from task_snapshots s where s.task_id in (${ids}) and s.valid_to = ${at}
            and (s.lead_agency_id = ${old.id} or ${old.id} = any (s.coordinating_agency_ids))`,
    );
    expect(closed[0]!.n).toBe(24);
    // One hand-over event per moved task.
    const events = await q<{ task_id: number; n: number }>(
      sql`select task_id, count(*)::int as n from events where action = 'task.handover' and at = ${at}
          and task_id in (${ids}) group by task_id order by task_id`,
    );
    expect(events).toEqual(taskIds.map((id) => ({ task_id: id, n: 1 })));
    // The database itself refuses a second open snapshot for a task.
    await expect(
      h.database.db.execute(
        sql`insert into task_snapshots (task_id, valid_from, status, lead_agency_id, coordinating_agency_ids,
              starred, deadline_kind, extension_count)
            values (${taskIds[0]!}, now(), 'assigned', ${fin}, '{}', false, 'fixed', 0)`,
      ),
    ).rejects.toThrow();
  });

  it('runs the same number of statements for 2 tasks and for 30', async () => {
    // Counts what the database is sent during one request (Drizzle's logger on the app's database handle).
    let statements = 0;
    const session = (h.database.db as unknown as { session: { options: { logger?: unknown } } }).session;
    const counting = async (fn: () => Promise<void>) => {
      session.options.logger = { logQuery: () => void (statements += 1) };
      statements = 0;
      try {
        await fn();
      } finally {
        delete session.options.logger;
      }
      return statements;
    };
    const measure = async (n: number) => {
      h.clock.set('2026-03-20 09:00');
      const old = await agencyWithUser(`Cơ quan có ${n} nhiệm vụ`);
      const succ = await agencyWithUser(`Cơ quan nhận ${n} nhiệm vụ`);
      const tasks = Array.from({ length: n }, (_, i) =>
        i % 2 === 0
          ? { content: `Chủ trì ${i}`, leadAgencyId: old.id, deadlineKind: 'fixed', deadline: '2026-06-30' }
          : {
              content: `Phối hợp ${i}`,
              leadAgencyId: h.fx.agency.finance,
              coordinatingAgencyIds: [old.id, succ.id],
              deadlineKind: 'fixed',
              deadline: '2026-06-30',
            },
      );
      await registerDocument(h, 'spec1', tasks);
      h.clock.set('2026-03-21 09:00');
      let handedOver = 0;
      const count = await counting(async () => {
        const res = await admin.post(`/api/agencies/${old.id}/merge`, {
          version: old.version,
          successorId: succ.id,
          endDate: '2026-03-21',
        });
        expect(res.status).toBe(200);
        handedOver = res.body.handedOver;
      });
      expect(handedOver).toBe(n);
      return count;
    };
    const few = await measure(2);
    const many = await measure(30);
    expect(few).toBeGreaterThan(10); // the counter sees the statements at all
    expect(many).toBe(few);
  });
});
