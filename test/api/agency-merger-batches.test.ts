/**
 * A merger larger than a batch (ADR 0024; here MERGER_BATCH=2): the first batch moves in the merger's own
 * transaction and a job moves the rest, a batch per transaction. Between them the state is a consistent one —
 * the ended agency keeps its users and the tasks not yet moved, the summary equals a rebuild — and at the end it
 * is what a merger in one transaction leaves: every task moved once, the users, one notice, the totals.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { registerJobKinds } from '../../src/resources/index.js';
import { summaryDifferences } from '../../src/resources/reports/counts.js';
import { JobRunner } from '../../src/services/jobs.js';
import { createHarness, PASSWORD, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;
let admin: Client;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00', { env: { MERGER_BATCH: '2' } });
  admin = await h.as('admin');
});
afterAll(() => h?.close());

const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => rows<T>(h.database.db, query);

let seq = 0;
async function agencyWithUsers(name: string, users: number) {
  seq += 1;
  const a = await admin.post('/api/agencies', {
    code: `B${seq}`,
    name,
    shortName: name,
    kind: 'department',
    validFrom: '2020-01-01',
  });
  expect(a.status).toBe(201);
  const usernames: string[] = [];
  for (let i = 0; i < users; i++) {
    const username = `b${seq}_${i}`;
    const u = await admin.post('/api/users', {
      username,
      password: PASSWORD,
      fullName: `Cán bộ ${seq}.${i}`,
      role: 'agency_staff',
      agencyId: a.body.id,
    });
    expect(u.status).toBe(201);
    usernames.push(username);
  }
  return { id: a.body.id as number, version: a.body.version as number, usernames };
}

/** Waits, on a condition, until `read` gives what `ok` wants (at most 60 s). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  let v = await read();
  while (!ok(v)) {
    if (Date.now() > deadline) throw new Error(`still not there: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
    v = await read();
  }
  return v;
}

const figures = (r: { body: { rows: unknown; totals: unknown } }) => ({ rows: r.body.rows, totals: r.body.totals });

describe('a merger larger than a batch', () => {
  it('moves the first batch at once and the rest by a job; in between and at the end, a consistent state', async () => {
    h.clock.set('2026-03-03 09:00');
    const old = await agencyWithUsers('Sở Khoa học và Công nghệ', 2);
    const succ = await agencyWithUsers('Sở Thông tin và Khoa học', 1);
    const fin = h.fx.agency.finance;
    const t = (content: string, leadAgencyId: number, coordinatingAgencyIds: number[] = [], assign = true) => ({
      content,
      leadAgencyId,
      coordinatingAgencyIds,
      deadlineKind: 'fixed',
      deadline: '2026-03-06',
      assign,
    });
    const { taskIds } = await registerDocument(h, 'spec1', [
      t('Xong trước khi sáp nhập, mở lại giữa chừng', old.id),
      t('Chủ trì 1', old.id),
      t('Chủ trì 2', old.id, [fin]),
      t('Chủ trì 3, kế thừa phối hợp', old.id, [succ.id]),
      t('Phối hợp 1', fin, [old.id]),
      t('Phối hợp 2, kế thừa cũng phối hợp', fin, [old.id, succ.id]),
      t('Chủ trì 4', old.id),
      t('Bản nháp', old.id, [], false),
      t('Không liên quan', fin),
    ]);
    const reopened = taskIds[0]!;
    const rest = taskIds.slice(1);
    const open = rest.slice(0, 7);
    const unrelated = rest[7]!;
    const office = await h.as('spec1');
    const oldStaff = await h.as(old.usernames[0]!);
    let d = (await oldStaff.get(`/api/tasks/${reopened}`)).body;
    d = (
      await oldStaff.post(`/api/tasks/${reopened}/reports`, { version: d.version, kind: 'completion', content: 'Xong' })
    ).body;
    expect(
      (await office.post(`/api/tasks/${reopened}/review`, { version: d.version, decision: 'accept' })).status,
    ).toBe(200);
    h.clock.set('2026-03-10 15:00');
    const past = await office.get('/api/reports/agency?asOf=2026-03-09&role=any');
    expect(past.status).toBe(200);

    // The runner is held, so that the state the merger's own transaction leaves can be looked at.
    await h.app.deps.jobs.stop();
    const res = await admin.post(`/api/agencies/${old.id}/merge`, {
      version: old.version,
      successorId: succ.id,
      endDate: '2026-03-10',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ handedOver: 2, remaining: 5, agency: { validTo: '2026-03-10' } });
    expect(res.body.jobId).toEqual(expect.any(Number));

    // ---- between batches ----
    const lead = async (id: number) => (await office.get(`/api/tasks/${id}`)).body.leadAgency.id as number;
    const moved = async () =>
      (
        await q<{ task_id: number }>(sql`select task_id from events where action = 'task.handover' order by task_id`)
      ).map((r) => r.task_id);
    // The lowest ids first.
    expect(await moved()).toEqual(open.slice(0, 2));
    expect(await lead(open[0]!)).toBe(succ.id);
    expect(await lead(open[5]!)).toBe(old.id);
    const handover = () => admin.get(`/api/agencies/${old.id}/handover`);
    expect((await handover()).body).toEqual({
      status: 'queued',
      progress: 0,
      handedOver: 2,
      remaining: 5,
      error: null,
    });
    // Its users stay with it, and still see the tasks not yet moved; nobody has been told yet.
    expect((await oldStaff.get(`/api/tasks/${open[5]}`)).status).toBe(200);
    const [u] = await q<{ n: number }>(sql`select count(*)::int as n from users where agency_id = ${old.id}`);
    expect(u!.n).toBe(2);
    const notices = async () =>
      (await (await h.as(succ.usernames[0]!)).get('/api/notifications')).body.items.filter(
        (n: { kind: string }) => n.kind === 'task.handover',
      );
    expect(await notices()).toEqual([]);
    expect(await summaryDifferences(h.database.db)).toEqual([]);
    const [mergeEvent] = await q<{ after: unknown }>(
      sql`select after from events where action = 'agency.merge' and entity_id = ${String(old.id)}`,
    );
    expect(mergeEvent!.after).toEqual({
      validTo: '2026-03-10',
      successorId: succ.id,
      handedOver: 2,
      usersMoved: 0,
      remaining: 5,
    });
    // The agency has ended: it cannot be merged again while its tasks are still moving.
    const again = await admin.post(`/api/agencies/${old.id}/merge`, {
      version: res.body.agency.version,
      successorId: fin,
      endDate: '2026-03-10',
    });
    expect(again.status).toBe(409);
    // Still active until the end of its last day, it offers no second merger.
    const listed = (await admin.get('/api/agencies')).body.items.find((a: { id: number }) => a.id === old.id);
    expect(listed).toMatchObject({ active: true, successorId: succ.id, actions: ['update'] });
    // The admin's list shows the hand-over going on; nobody else's does.
    const listedAs = async (c: Client) =>
      (await c.get('/api/agencies')).body.items.find((a: { id: number }) => a.id === old.id).handover;
    expect(await listedAs(admin)).toEqual({ status: 'queued', progress: 0 });
    expect(await listedAs(office)).toBeNull();
    // The admin alone follows it.
    expect((await office.get(`/api/agencies/${old.id}/handover`)).status).toBe(403);
    expect((await admin.get(`/api/agencies/${succ.id}/handover`)).status).toBe(404);

    // A job that failed (its attempts spent) is started again by the admin, from where it stopped.
    await q(sql`update jobs set status = 'failed', last_error = 'lock timeout' where id = ${res.body.jobId}`);
    expect((await handover()).body).toMatchObject({ status: 'failed', handedOver: 2, error: 'lock timeout' });
    expect(await listedAs(admin)).toEqual({ status: 'failed', progress: 0 });
    expect((await office.post(`/api/agencies/${old.id}/handover/retry`, {})).status).toBe(403);
    const retried = await admin.post(`/api/agencies/${old.id}/handover/retry`, {});
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', error: null, remaining: 5 });
    expect((await admin.post(`/api/agencies/${old.id}/handover/retry`, {})).status).toBe(409);

    // A done task of the ended agency is reopened meanwhile: it goes to the successor itself, not back to the
    // ended agency for the job to take.
    const chief = await h.as('chief');
    const r = (await chief.get(`/api/tasks/${reopened}`)).body;
    const re = await chief.post(`/api/tasks/${reopened}/reopen`, { version: r.version, reason: 'Thiếu số liệu' });
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    expect(re.body.leadAgency.id).toBe(succ.id);
    expect((await handover()).body.remaining).toBe(5);

    // ---- the job: the other batches ----
    const runner = new JobRunner(h.app.deps);
    registerJobKinds(runner);
    runner.start();
    try {
      await until(
        async () => (await handover()).body,
        (b) => b.status === 'done',
      );
    } finally {
      await runner.stop();
    }
    expect((await handover()).body).toEqual({
      status: 'done',
      progress: 100,
      handedOver: 7,
      remaining: 0,
      error: null,
    });
    expect(await listedAs(admin)).toBeNull();
    // Every open task moved, once; the others not.
    expect(await moved()).toEqual([reopened, ...open]);
    const leads = await Promise.all([reopened, ...open].map(lead));
    expect(leads).toEqual([succ.id, succ.id, succ.id, succ.id, fin, fin, succ.id, succ.id]);
    const [coord] = await q<{ ids: number[] }>(sql`select agency_ids as ids from tasks where id = ${open[4]}`);
    expect(coord!.ids).toEqual([fin, succ.id]);
    expect((await q(sql`select 1 from task_agencies where agency_id = ${old.id}`)).length).toBe(0);
    expect((await q(sql`select 1 from events where task_id = ${unrelated} and action = 'task.handover'`)).length).toBe(
      0,
    );
    // Then the users, one event each, and one notice to the successor's user for the 7 tasks it may see.
    const [after] = await q<{ n: number }>(sql`select count(*)::int as n from users where agency_id = ${succ.id}`);
    expect(after!.n).toBe(3);
    const userEvents = await q(sql`select 1 from events where entity_type = 'user' and action = 'user.update'
      and after->>'reason' like 'Sở Khoa học và Công nghệ hợp nhất vào%'`);
    expect(userEvents).toHaveLength(2);
    const told = await notices();
    expect(told).toHaveLength(1);
    // (The reopened task is not among them: its reopening told the successor's users of it.)
    expect(told[0].title).toBe('Sở Thông tin và Khoa học nhận bàn giao 6 nhiệm vụ của Sở Khoa học và Công nghệ');
    const [done] = await q<{ after: unknown; source: string; on_behalf_of: number }>(
      sql`select after, source, on_behalf_of from events where action = 'agency.handover_done'`,
    );
    expect(done).toEqual({
      after: { successorId: succ.id, handedOver: 7, usersMoved: 2 },
      source: 'system:agency.handover',
      on_behalf_of: h.fx.user.admin,
    });
    // The summary equals a rebuild; the day before reads as it did.
    expect(await summaryDifferences(h.database.db)).toEqual([]);
    expect(figures(await office.get('/api/reports/agency?asOf=2026-03-09&role=any'))).toEqual(figures(past));
  });
});
