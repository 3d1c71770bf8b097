/**
 * Numbers that must not move: for a past date every field of a list row, every count and an agency user's
 * own figures come from the state valid at the end of that day, whatever happened since; overdue days
 * count against the deadline chosen; a count that opens a list equals that list's total.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let documentId: number;
/** A: extended while pending on 12/3, handed over, renamed lead agency, coordinating agency added later. */
let a: number;
/** B: overdue since 5/3, handed over from Finance to Construction on 25/3. */
let b: number;
/** C: deadline 5/3 extended to 27/3 (approved 6/3). */
let c: number;

const get = async (as: string, url: string) => {
  const res = await (await h.as(as)).get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const rowOf = async (as: string, asOf: string, id: number, extra = '') =>
  ((await get(as, `/api/tasks?asOf=${asOf}&documentId=${documentId}&pageSize=50${extra}`)).items as any[]).find(
    (t) => t.id === id,
  );

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  ({
    documentId,
    taskIds: [a, b, c],
  } = (await registerDocument(
    h,
    'spec1',
    [
      {
        content: 'Xây dựng kế hoạch đầu tư công trung hạn',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-20',
      },
      {
        content: 'Báo cáo tình hình giải ngân vốn đầu tư',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-05',
      },
      {
        content: 'Rà soát các dự án chậm tiến độ',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-05',
      },
    ],
    { numberText: '100/UBND-KT', issuedOn: '2026-03-02' },
  )) as unknown as { documentId: number; taskIds: [number, number, number] });
  const fin = await h.as('fin_staff');
  const chairman = await h.as('chairman');
  const extend = async (id: number, at: string, to: string) => {
    h.clock.set(at);
    const t = (await fin.get(`/api/tasks/${id}`)).body;
    const res = await fin.post(`/api/tasks/${id}/extensions`, {
      version: t.version,
      requestedDeadline: to,
      reason: 'Chờ số liệu',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const approve = async (id: number, at: string) => {
    h.clock.set(at);
    const t = (await chairman.get(`/api/tasks/${id}`)).body;
    const res = await chairman.post(`/api/tasks/${id}/extensions/decide`, { version: t.version, decision: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  await extend(c, '2026-03-04 10:00', '2026-03-27');
  await approve(c, '2026-03-06 10:00');
  await extend(a, '2026-03-10 10:00', '2026-04-10');
});
afterAll(() => h?.close());

describe('as of a past date', () => {
  it('counts the extension requests that were waiting then, not those waiting today', async () => {
    h.clock.set('2026-03-12 15:00');
    const before = await get('spec1', `/api/stats/overview?asOf=2026-03-12&documentId=${documentId}`);
    expect(before.pendingExtensions).toBe(1);
    const chairman = await h.as('chairman');
    h.clock.set('2026-03-15 10:00');
    const t = (await chairman.get(`/api/tasks/${a}`)).body;
    expect(
      (await chairman.post(`/api/tasks/${a}/extensions/decide`, { version: t.version, decision: 'approve' })).status,
    ).toBe(200);
    h.clock.set('2026-03-16 09:00');
    const after = await get('spec1', `/api/stats/overview?asOf=2026-03-12&documentId=${documentId}`);
    expect(after.pendingExtensions).toBe(1);
    expect(after).toEqual(before);
    // The drill-down agrees with the count, and the row says so.
    const list = await get('spec1', `/api/tasks?asOf=2026-03-12&documentId=${documentId}&pendingExtension=true`);
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(a);
    expect(list.items[0].hasPendingExtension).toBe(true);
    // Decided on 15/3: nothing waits as of that day.
    expect((await get('spec1', `/api/stats/overview?asOf=2026-03-15&documentId=${documentId}`)).pendingExtensions).toBe(
      0,
    );
  });

  it('counts no request as waiting on a task that is no longer open (nobody can decide it)', async () => {
    // Data from before the rule (or imported): a request left pending on a cancelled task.
    const { documentId: doc, taskIds } = await registerDocument(h, 'spec1', [
      {
        content: 'Nhiệm vụ đã hủy còn đề nghị gia hạn treo',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-04-30',
      },
    ]);
    const id = taskIds[0]!;
    const [u] = await rows<{ id: number }>(h.database.db, sql`select id from users where username = 'fin_staff'`);
    await h.database.db
      .execute(sql`insert into extension_requests (task_id, agency_id, requested_deadline, reason, status, created_by, created_at)
      values (${id}, ${h.fx.agency.finance}, '2026-05-30', 'Chờ số liệu', 'pending', ${u!.id}, ${h.clock.now()})`);
    const open = await get('spec1', `/api/stats/overview?documentId=${doc}`);
    expect(open.pendingExtensions).toBe(1);
    await h.database.db.execute(sql`update tasks set status = 'cancelled' where id = ${id}`);
    // Changed behind the commands' back (no event, the data version stays): asked afresh, not kept (ADR 0019).
    const fresh = async (url: string) => {
      const res = await (await h.as('spec1')).request('GET', url, undefined, { 'cache-control': 'no-cache' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const closed = await fresh(`/api/stats/overview?documentId=${doc}`);
    expect(closed.pendingExtensions).toBe(0);
    expect((await fresh(`/api/tasks?documentId=${doc}&pendingExtension=true`)).total).toBe(0);
  });

  it('shows past rows with the deadlines, agencies, names and document number of that day, and no actions', async () => {
    let spec = await h.as('spec1');
    let admin = await h.as('admin');
    // After 12/3: hand-over, coordinating agency added, lead agency renamed, document number corrected.
    h.clock.set('2026-03-25 10:00');
    let t = (await spec.get(`/api/tasks/${a}`)).body;
    expect(
      (
        await spec.post(`/api/tasks/${a}/handover`, {
          version: t.version,
          toAgencyId: h.fx.agency.construction,
          reason: 'Điều chỉnh chức năng',
        })
      ).status,
    ).toBe(200);
    t = (await spec.get(`/api/tasks/${a}`)).body;
    expect(
      (await spec.patch(`/api/tasks/${a}`, { version: t.version, coordinatingAgencyIds: [h.fx.agency.district] }))
        .status,
    ).toBe(200);
    h.clock.set('2026-04-01 09:00');
    spec = await h.as('spec1');
    admin = await h.as('admin');
    const agencies = (await admin.get('/api/agencies')).body.items as { id: number; version: number }[];
    const fin = agencies.find((x) => x.id === h.fx.agency.finance)!;
    expect(
      (await admin.patch(`/api/agencies/${fin.id}`, { version: fin.version, name: 'Sở Tài chính và Kế hoạch' })).status,
    ).toBe(200);
    const doc = (await spec.get(`/api/documents/${documentId}`)).body;
    const corrected = await spec.patch(`/api/documents/${documentId}`, {
      version: doc.version,
      numberText: '101/UBND-KT',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);

    h.clock.set('2026-04-02 09:00');
    const then = await rowOf('spec1', '2026-03-12', a);
    expect(then).toMatchObject({
      status: 'assigned',
      deadline: '2026-03-20',
      dueDate: '2026-03-20',
      originalDueDate: '2026-03-20',
      leadAgency: { id: h.fx.agency.finance, name: 'Sở Tài chính' },
      coordinatingAgencyIds: [],
      document: { id: documentId, number: '100/UBND-KT' },
      hasPendingExtension: true,
      timeliness: 'in_progress_on_time',
      actions: [],
    });
    const now = await rowOf('spec1', '2026-04-02', a);
    expect(now).toMatchObject({
      deadline: '2026-04-10',
      leadAgency: { id: h.fx.agency.construction, name: 'Sở Xây dựng' },
      coordinatingAgencyIds: [h.fx.agency.district],
      document: { id: documentId, number: '101/UBND-KT' },
      hasPendingExtension: false,
    });
    expect(now.actions).toContain('update');
    // Per-agency statistics carry the names of that day too.
    const byAgency = await get('spec1', `/api/stats/agencies?asOf=2026-03-12&documentId=${documentId}`);
    expect(byAgency.items.map((x: any) => [x.agencyId, x.agencyName, x.total])).toEqual([
      [h.fx.agency.finance, 'Sở Tài chính', 3],
    ]);
  });

  it("keeps an agency user's own past figures after a hand-over", async () => {
    h.clock.set('2026-04-02 10:00');
    const q = `/api/stats/overview?asOf=2026-03-21&documentId=${documentId}`;
    const before = await get('fin_staff', q);
    expect(before).toMatchObject({ total: 3, overdue: 1 });
    const beforeList = await get('fin_staff', `/api/tasks?asOf=2026-03-21&documentId=${documentId}`);
    expect(beforeList.total).toBe(3);
    h.clock.set('2026-04-02 11:00');
    const spec = await h.as('spec1');
    const t = (await spec.get(`/api/tasks/${b}`)).body;
    expect(
      (
        await spec.post(`/api/tasks/${b}/handover`, {
          version: t.version,
          toAgencyId: h.fx.agency.construction,
          reason: 'Điều chỉnh chức năng',
        })
      ).status,
    ).toBe(200);
    h.clock.set('2026-04-03 09:00');
    expect(await get('fin_staff', q)).toEqual(before);
    expect((await get('fin_staff', `/api/tasks?asOf=2026-03-21&documentId=${documentId}`)).total).toBe(3);
    // Today they are Construction's (C stays with Finance).
    expect((await get('fin_staff', `/api/stats/overview?documentId=${documentId}`)).total).toBe(1);
    expect((await get('con_staff', `/api/stats/overview?asOf=2026-03-21&documentId=${documentId}`)).total).toBe(0);
  });

  it('counts overdue days against the deadline chosen (original or in force)', async () => {
    h.clock.set('2026-04-03 09:00');
    const current = await rowOf('spec1', '2026-03-31', c);
    expect(current).toMatchObject({ timeliness: 'overdue', dueDate: '2026-03-27', overdueDays: 4 });
    const original = await rowOf('spec1', '2026-03-31', c, '&against=original');
    expect(original).toMatchObject({ timeliness: 'overdue', originalDueDate: '2026-03-05', overdueDays: 26 });
  });
});

describe('a count that opens a list', () => {
  it("equals the list's total, exactly, however many pages it has", async () => {
    h.clock.set('2026-04-03 10:00');
    await registerDocument(
      h,
      'spec1',
      Array.from({ length: 12 }, (_, i) => ({
        content: `Nhiệm vụ quá hạn số ${i + 1}`,
        leadAgencyId: h.fx.agency.construction,
        deadlineKind: 'fixed',
        deadline: '2026-04-06',
      })),
      { issuedOn: '2026-04-03' },
    );
    h.clock.set('2026-04-20 09:00');
    const o = await get('spec1', '/api/stats/overview');
    expect(o.overdue).toBeGreaterThanOrEqual(13);
    for (const pageSize of [1, 5, 200]) {
      const list = await get('spec1', `/api/tasks?timeliness=overdue&pageSize=${pageSize}`);
      expect(list.total).toBe(o.overdue);
      expect(list.totalCapped).toBeUndefined();
    }
    const last = await get('spec1', `/api/tasks?timeliness=overdue&pageSize=1&page=${o.overdue}`);
    expect(last.items).toHaveLength(1);
    expect(last.total).toBe(o.overdue);
    for (const [stat, query] of [
      ['open', 'status=assigned,received,in_progress,completion_reported'],
      ['notUpdated', 'notUpdated=true'],
      ['pendingExtensions', 'pendingExtension=true'],
    ] as const)
      expect((await get('spec1', `/api/tasks?${query}&pageSize=1`)).total).toBe(o[stat]);
  });
});
