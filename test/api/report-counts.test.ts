/**
 * Today's summary (reports/counts.ts, ADR 0016): every kind of write keeps it equal to a rebuild from the
 * tasks, in the write's own transaction; a report read from it equals the same report counted directly, for
 * every dimension, role, deadline, period basis and period (whole months, parts of months, open-ended) and
 * filter it serves; when the day or the "not updated" threshold changes, reports are counted directly until
 * the job has built the summary for the new day. On PostgreSQL, concurrent writes neither fail nor lose a count.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { loadActor } from '../../src/auth/plugin.js';
import type { Actor } from '../../src/domain/actor.js';
import { vnDateOf } from '../../src/domain/dates.js';
import {
  buildPastCounts,
  countsFromSummary,
  pastDaysWanted,
  planPastDays,
  rebuildReportCounts,
  requestPastDay,
  splitPeriod,
  summaryDifferences,
} from '../../src/resources/reports/counts.js';
import { computeFresh, countGroups, filterOf } from '../../src/resources/reports/engine.js';
import { byAgency, homeShape, overview } from '../../src/resources/stats/queries.js';
import type { TaskFilter } from '../../src/resources/tasks/list.js';
import type { ReportParams } from '../../src/resources/reports/types.js';
import { mergeAgency } from '../../src/resources/agencies/merger.js';
import { handOver } from '../../src/resources/tasks/commands.js';
import { runCommand, type UserWho } from '../../src/services/command.js';
import { loadSettings } from '../../src/services/settings.js';
import { createHarness, DB_KIND, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
const db = () => h.database.db;

async function act(as: string, at: string | null, id: number, action: string, body: Record<string, unknown> = {}) {
  if (at) {
    h.clock.set(at);
    // Each write meets the summary of its own day, so that the checks below compare today's classification.
    if ((await metaDay()) !== vnDateOf(h.clock.now())) await summaryForToday();
  }
  const c = await h.as(as);
  const t = (await c.get(`/api/tasks/${id}`)).body;
  const versioned = action === 'subtasks' || action === 'messages' || action === 'urge' ? {} : { version: t.version };
  const res = await c.post(`/api/tasks/${id}/${action}`, { ...versioned, ...body });
  expect(res.status, `${action} ${id}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}
const complete = (as: string, at: string | null, id: number) =>
  act(as, at, id, 'reports', { kind: 'completion', content: 'Đã hoàn thành' });

async function metaDay(): Promise<string | null> {
  const [m] = await rows<{ day: string }>(
    db(),
    sql`select to_char(day, 'YYYY-MM-DD') as day from report_counts_meta where built_to is null`,
  );
  return m?.day ?? null;
}

/** Waits (on conditions, not time) until the job has built the summary for the clock's today. */
async function summaryForToday(): Promise<void> {
  const today = vnDateOf(h.clock.now());
  const deadline = Date.now() + 60_000;
  // A report asks for the rebuild when it finds the summary old.
  await (await h.as('spec1')).get('/api/reports/agency');
  while ((await metaDay()) !== today) {
    if (Date.now() > deadline) throw new Error(`the summary was not built for ${today}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function expectKeptRight(what: string) {
  expect(await metaDay(), what).toBe(vnDateOf(h.clock.now()));
  expect(await summaryDifferences(db()), what).toEqual([]);
}

/** Drops the queued rebuilds of the summary and waits for a running one to end. */
async function settleRebuildJobs() {
  await db().execute(sql`delete from jobs where kind = 'report-counts.rebuild' and status = 'queued'`);
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    const [r] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from jobs where kind = 'report-counts.rebuild' and status = 'running'`,
    );
    if (r!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('a rebuild of the summary is still running');
}

async function actorOf(username: string): Promise<Actor> {
  const [u] = await rows<{ id: number }>(db(), sql`select id from users where username = ${username}`);
  return (await loadActor(db(), u!.id))!;
}

/** Counts per group in key order, with the totals: how two countings of one report are compared. */
const sortKey = (g: { key: unknown }) => String(g.key);
const norm = (x: { groups: { key: unknown }[]; totals: unknown }) => ({
  groups: [...x.groups].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  totals: x.totals,
});

/**
 * For every shape × period × period basis × deadline and each actor, as of `asOf`: the report read from the
 * summary's cells (today's or that ended day's) equals the same report counted directly; a report by month over
 * a period by deadline is never read from them. How many were read from the cells, and compared.
 */
async function expectCellsEqualDirect(
  asOf: string,
  shapes: Partial<ReportParams>[],
  periods: { from?: string; to?: string }[],
  actors: Actor[],
): Promise<{ fromSummary: number; compared: number }> {
  const deps = h.app.deps;
  const s = await loadSettings(deps, db());
  const today = vnDateOf(h.clock.now());
  let fromSummary = 0;
  let compared = 0;
  for (const shape of shapes)
    for (const period of periods)
      for (const periodBy of ['assigned', 'due'] as const)
        for (const against of ['current', 'original'] as const)
          for (const actor of actors) {
            const params = { asOf, periodBy, against, ...shape, ...period } as ReportParams;
            const f = filterOf(params, today, s.staleAfterDays);
            const cells = await countsFromSummary(deps, db(), actor, params, f, s, (edge) =>
              countGroups(db(), actor, params, edge),
            );
            const direct = await countGroups(db(), actor, params, f);
            const what = JSON.stringify(params);
            if (params.by === 'month' && periodBy === 'due' && (period.from || period.to)) {
              expect(cells, what).toBeNull();
              continue;
            }
            expect(cells, what).not.toBeNull();
            fromSummary++;
            expect(norm(cells!), what).toEqual(norm(direct));
            compared++;
          }
  return { fromSummary, compared };
}

let ids: number[] = [];

beforeAll(async () => {
  h = await createHarness('2026-01-05 09:00');
  await summaryForToday();
  const { agency, leader, field } = h.fx;
  const fixed = (content: string, lead: number, deadline: string, extra: Record<string, unknown> = {}) => ({
    content,
    leadAgencyId: lead,
    deadlineKind: 'fixed',
    deadline,
    ...extra,
  });
  ({ taskIds: ids } = await registerDocument(
    h,
    'spec1',
    [
      fixed('Báo cáo giải ngân', agency.finance, '2026-01-20'),
      fixed('Kế hoạch đầu tư công', agency.finance, '2026-02-10', { coordinatingAgencyIds: [agency.construction] }),
      fixed('Rà soát dự án', agency.construction, '2026-01-15', { leaderId: leader.vice, fieldId: field }),
      { content: 'Theo dõi đất đai', leadAgencyId: agency.district, deadlineKind: 'none' },
      { content: 'Trực ban', leadAgencyId: agency.commune, deadlineKind: 'routine' },
      fixed('Đề án ngân sách', agency.finance, '2026-03-31', {
        coordinatingAgencyIds: [agency.district, agency.commune],
        leaderId: leader.vice,
        fieldId: field,
      }),
      fixed('Quy hoạch xây dựng huyện', agency.district, '2026-01-08'),
      fixed('Chuyển đổi số', agency.commune, '2026-02-27', { leaderId: leader.chairman }),
    ],
    { numberText: '15/UBND-KT', issuedOn: '2026-01-05' },
  ));
});
afterAll(() => h?.close());

describe(`today's report summary (${DB_KIND})`, () => {
  it('splits a period into whole months and the days around them', () => {
    expect(splitPeriod('2026-01-01', '2026-03-31')).toEqual({
      months: { from: '2026-01-01', to: '2026-03-01' },
      edges: [],
    });
    expect(splitPeriod('2026-01-15', '2026-04-10')).toEqual({
      months: { from: '2026-02-01', to: '2026-03-01' },
      edges: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
    expect(splitPeriod('2026-02-03', '2026-02-20')).toEqual({
      months: null,
      edges: [{ from: '2026-02-03', to: '2026-02-20' }],
    });
    expect(splitPeriod('2026-02-03', '2026-03-02')).toEqual({
      months: null,
      edges: [{ from: '2026-02-03', to: '2026-03-02' }],
    });
    expect(splitPeriod(undefined, '2024-02-28')).toEqual({
      months: { from: undefined, to: '2024-01-01' },
      edges: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    expect(splitPeriod('2024-02-29', undefined)).toEqual({
      months: { from: '2024-03-01', to: undefined },
      edges: [{ from: '2024-02-29', to: '2024-02-29' }],
    });
    expect(splitPeriod('2026-12-01', '2026-12-31').edges).toEqual([]);
  });

  it('every kind of write keeps the summary equal to a rebuild, in its own transaction', async () => {
    const { agency, leader, field } = h.fx;
    await expectKeptRight('after registration');
    await act('fin_staff', '2026-01-06 09:00', ids[0]!, 'receive');
    await complete('con_staff', '2026-01-10 10:00', ids[2]!);
    await act('spec1', '2026-01-12 10:00', ids[2]!, 'review', { decision: 'accept' });
    await expectKeptRight('after a completion accepted');
    await act('fin_staff', '2026-01-13 10:00', ids[1]!, 'extensions', {
      requestedDeadline: '2026-03-10',
      reason: 'Chờ số liệu',
    });
    await expectKeptRight('after an extension requested');
    await act('chairman', '2026-01-14 10:00', ids[1]!, 'extensions/decide', { decision: 'approve' });
    await expectKeptRight('after an extension granted');
    await act('dis_staff', '2026-01-14 11:00', ids[6]!, 'extensions', {
      requestedDeadline: '2026-02-10',
      reason: 'Thiếu người',
    });
    await act('chairman', '2026-01-14 12:00', ids[6]!, 'extensions/decide', {
      decision: 'reject',
      note: 'Không đủ căn cứ',
    });
    await complete('fin_staff', '2026-01-22 10:00', ids[0]!);
    await act('spec1', '2026-01-23 10:00', ids[0]!, 'review', { decision: 'return', reason: 'Thiếu số liệu' });
    await complete('fin_staff', '2026-01-26 10:00', ids[0]!);
    await act('spec1', '2026-01-26 11:00', ids[0]!, 'review', { decision: 'accept' });
    await expectKeptRight('after a return and a late completion');
    await act('fin_staff', '2026-01-27 10:00', ids[5]!, 'reports', { kind: 'progress', content: 'Đang làm' });
    await act('vice', '2026-01-27 11:00', ids[5]!, 'star', { starred: true });
    await act('vice', '2026-01-27 12:00', ids[2]!, 'star', { starred: true }); // a done task
    await expectKeptRight('after progress and stars');
    const edit = await (
      await h.as('spec1')
    ).patch(`/api/tasks/${ids[7]}`, {
      version: (await (await h.as('spec1')).get(`/api/tasks/${ids[7]}`)).body.version,
      leaderId: leader.vice,
      fieldId: field,
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    await act('chief', '2026-01-28 10:00', ids[6]!, 'original-deadline', {
      deadline: '2026-02-05',
      reason: 'Vào sổ nhầm',
    });
    await expectKeptRight('after edits of leader, field and deadlines');
    await act('spec1', '2026-01-28 11:00', ids[1]!, 'handover', { toAgencyId: agency.district, reason: 'Bàn giao' });
    await act('spec1', '2026-01-28 12:00', ids[3]!, 'subtasks', {
      subtasks: [
        { content: 'Phần của xã', leadAgencyId: agency.commune, deadlineKind: 'fixed', deadline: '2026-02-20' },
        { content: 'Phần của sở', leadAgencyId: agency.construction, deadlineKind: 'none' },
      ],
    });
    await expectKeptRight('after a hand-over and a split');
    await act('chief', '2026-01-29 10:00', ids[2]!, 'reopen', { reason: 'Chưa đạt yêu cầu' });
    await act('spec1', '2026-01-29 11:00', ids[4]!, 'cancel', { reason: 'Không còn cần' });
    await act('spec1', '2026-01-29 12:00', ids[7]!, 'withdraw', { reason: 'Chuyển sang văn bản khác' });
    await expectKeptRight('after a reopening, a cancellation and a withdrawal');
    h.clock.set('2026-01-30 10:00');
    await summaryForToday();
    const admin = await h.as('admin');
    const [d] = await rows<{ version: number }>(db(), sql`select version from agencies where id = ${agency.district}`);
    const merged = await admin.post(`/api/agencies/${agency.district}/merge`, {
      version: d!.version,
      successorId: agency.construction,
      endDate: '2026-01-30',
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await expectKeptRight('after an agency merger');
  }, 180_000);

  it('a report read from the summary equals the same report counted directly, for every shape it serves', async () => {
    h.clock.set('2026-02-16 09:00');
    await summaryForToday();
    await expectKeptRight('after the day changed');
    const deps = h.app.deps;
    const today = vnDateOf(h.clock.now());
    const office = await actorOf('spec1');
    const leaderActor = await actorOf('vice');
    const periods: { from?: string; to?: string }[] = [
      {},
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-01-06', to: '2026-02-20' },
      { from: '2026-02-03', to: '2026-02-20' },
      { from: '2026-01-20' },
      { to: '2026-02-27' },
      { from: '2026-02-01', to: '2026-04-30' },
    ];
    const { agency, leader } = h.fx;
    const shapes: Partial<ReportParams>[] = [
      { by: 'agency', role: 'lead' },
      { by: 'agency', role: 'any' },
      { by: 'agency', role: 'lead', agencyKind: ['department'] },
      { by: 'agency', role: 'any', agencyId: agency.construction },
      { by: 'agency', role: 'lead', agencyId: agency.finance },
      { by: 'leader', role: 'lead' },
      { by: 'leader', role: 'any', leaderId: leader.vice },
      { by: 'field', role: 'lead' },
      { by: 'specialist', role: 'any' },
      { by: 'month', role: 'lead' },
      // Within one agency's tasks (ADR 0022).
      { by: 'field', role: 'lead', agencyId: agency.finance },
      { by: 'leader', role: 'any', agencyId: agency.district },
      { by: 'specialist', role: 'lead', agencyId: agency.finance },
      { by: 'month', role: 'any', agencyId: agency.commune },
      { by: 'leader', role: 'lead', agencyId: agency.finance, leaderId: leader.vice },
    ];
    const { fromSummary, compared } = await expectCellsEqualDirect(today, shapes, periods, [office, leaderActor]);
    expect(fromSummary).toBeGreaterThan(700);
    expect(compared).toBe(fromSummary);
    // An agency user sees the tasks its agency leads or coordinates: read from the cells within that agency.
    const agencyUsers = await Promise.all(['fin_staff', 'dis_staff', 'com_staff', 'con_staff'].map(actorOf));
    const own: Partial<ReportParams>[] = [
      { by: 'agency', role: 'lead' },
      { by: 'leader', role: 'lead' },
      { by: 'leader', role: 'any', leaderId: leader.vice },
      { by: 'field', role: 'any' },
      { by: 'specialist', role: 'lead' },
      { by: 'month', role: 'lead' },
    ];
    const mine = await expectCellsEqualDirect(today, own, periods, agencyUsers);
    // The same with the agency's own id as the filter, in each role.
    for (const u of agencyUsers) {
      const withOwnId = [
        { by: 'agency', role: 'any', agencyId: u.agencyId! },
        { by: 'agency', role: 'lead', agencyId: u.agencyId! },
        { by: 'field', role: 'lead', agencyId: u.agencyId! },
        { by: 'month', role: 'any', agencyId: u.agencyId! },
      ] as Partial<ReportParams>[];
      mine.compared += (await expectCellsEqualDirect(today, withOwnId, periods.slice(0, 3), [u])).compared;
    }
    expect(mine.compared).toBeGreaterThan(600);
    // The whole report (labels, rates, grades) through the API equals the one counted directly.
    const api = (await (await h.as('spec1')).get('/api/reports/agency?role=any&from=2026-01-10&to=2026-03-31')).body;
    await db().execute(sql`update report_counts_meta set day = '1970-01-01'`);
    const params = {
      by: 'agency',
      asOf: today,
      periodBy: 'assigned',
      against: 'current',
      role: 'any',
      from: '2026-01-10',
      to: '2026-03-31',
    } as ReportParams;
    const fresh = await computeFresh(deps, db(), office, params);
    expect({ ...api, computedAt: fresh.computedAt }).toEqual(fresh);
  }, 300_000);

  it("the home pages' counts read from the summary equal the same counted directly, for every reader and shape", async () => {
    h.clock.set('2026-02-16 10:00');
    await summaryForToday();
    const { agency, leader, user } = h.fx;
    const deps = h.app.deps;
    // Drafts, a recurring task with its periods, a completion waiting for review, an extension waiting.
    const created = await (
      await h.as('spec1')
    ).post('/api/tasks', {
      tasks: [
        {
          content: 'Dự thảo, sắp đến hạn',
          leadAgencyId: agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-02-20',
          assign: false,
        },
        { content: 'Dự thảo không hạn', leadAgencyId: agency.construction, deadlineKind: 'none', assign: false },
        {
          content: 'Báo cáo định kỳ hằng tháng',
          leadAgencyId: agency.construction,
          coordinatingAgencyIds: [agency.commune],
          leaderId: leader.chairman,
          deadlineKind: 'recurring',
          recurrence: { freq: 'monthly', day: 20, until: '2026-05-31' },
        },
        { content: 'Báo cáo quý', leadAgencyId: agency.finance, deadlineKind: 'fixed', deadline: '2026-02-25' },
        {
          content: 'Khảo sát hiện trạng',
          leadAgencyId: agency.commune,
          coordinatingAgencyIds: [agency.finance],
          deadlineKind: 'fixed',
          deadline: '2026-03-10',
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const idOf = (content: string) =>
      (created.body.items as { id: number; content: string }[]).find((t) => t.content === content)!.id;
    await complete('fin_staff', null, idOf('Báo cáo quý'));
    await act('com_staff', null, idOf('Khảo sát hiện trạng'), 'extensions', {
      requestedDeadline: '2026-03-20',
      reason: 'Chờ ý kiến',
    });
    await expectKeptRight('after drafts, a recurring task, a completion and an extension request');

    const s = await loadSettings(deps, db());
    const today = vnDateOf(h.clock.now());
    const base = { asOf: today, today, staleAfterDays: s.staleAfterDays, sort: 'due' as const, page: 1, pageSize: 1 };
    const filters: Partial<TaskFilter>[] = [
      {},
      { specialistId: [user.spec1!] },
      { leaderId: [leader.chairman] },
      { agencyId: [agency.finance] },
      { agencyId: [agency.construction], agencyRole: 'lead' },
      { agencyId: [agency.commune], agencyRole: 'any' },
      { against: 'current' },
      // Counted directly: the summary holds none of these.
      { agencyId: [agency.commune], agencyRole: 'coordinating' },
      { leaderId: [leader.chairman, leader.vice] },
      { against: 'original' },
      { q: 'báo cáo' },
    ];
    const readers = ['spec1', 'chief', 'vice', 'fin_staff', 'con_lead', 'com_staff'];
    let fromSummary = 0;
    for (const who of readers) {
      const actor = await actorOf(who);
      for (const extra of filters) {
        const f = { ...base, ...extra } as TaskFilter;
        if (homeShape(actor, f)) fromSummary++;
        const what = `${who} ${JSON.stringify(extra)}`;
        expect(await overview(deps, db(), actor, f), what).toEqual(
          await overview(deps, db(), actor, f, { direct: true }),
        );
        expect(await byAgency(deps, db(), actor, f), what).toEqual(
          await byAgency(deps, db(), actor, f, { direct: true }),
        );
      }
    }
    // Each Office and leader shape, and each agency user's own tasks.
    expect(fromSummary).toBe(3 * 7 + 3 * 2);
    // The drafts are the Office's only: a leader's total leaves them out.
    const office = await overview(deps, db(), await actorOf('spec1'), base as TaskFilter);
    const leaderView = await overview(deps, db(), await actorOf('vice'), base as TaskFilter);
    expect(office.total - leaderView.total).toBe(2);
    expect(office.waitingReview).toBeGreaterThan(0);
    expect(office.pendingExtensions).toBeGreaterThan(0);
    expect(office.dueSoon).toBeGreaterThan(0);
    // Through the API: the same answer.
    const api = (await (await h.as('fin_lead')).get('/api/stats/overview')).body;
    expect(api).toEqual({
      ...(await overview(deps, db(), await actorOf('fin_lead'), base as TaskFilter, { direct: true })),
      asOf: today,
    });
    // Some days later: an open task's category moves with the date. Until the summary is built for the new
    // day the counts are counted directly, then read from the new day's cells: equal all along.
    h.clock.set('2026-02-26 08:00');
    const office2 = await actorOf('spec1');
    const next = { ...base, asOf: '2026-02-26', today: '2026-02-26' } as TaskFilter;
    const direct = await overview(deps, db(), office2, next, { direct: true });
    await db().execute(sql`delete from jobs where kind = 'report-counts.rebuild' and status = 'queued'`);
    expect(await overview(deps, db(), office2, next)).toEqual(direct);
    await summaryForToday();
    expect(await metaDay()).toBe('2026-02-26');
    expect(await overview(deps, db(), office2, next)).toEqual(direct);
    expect(direct.overdue).toBeGreaterThan(office.overdue);
  }, 120_000);

  it("another agency's tasks or the pairs of agencies, a past day not built or a document report is counted directly", async () => {
    const deps = h.app.deps;
    h.clock.set('2026-02-17 09:00');
    await summaryForToday();
    const s = await loadSettings(deps, db());
    const today = vnDateOf(h.clock.now());
    const base = { asOf: today, periodBy: 'assigned', against: 'current', role: 'lead' } as const;
    const direct = () => Promise.reject(new Error('not expected'));
    const fin = await actorOf('fin_staff');
    for (const [actor, params] of [
      // Tasks of another agency it also takes part in, agencies in both roles, kinds: pairs of agencies.
      [fin, { ...base, by: 'field', agencyId: h.fx.agency.construction }],
      [fin, { ...base, by: 'agency', role: 'any' }],
      [fin, { ...base, by: 'agency', agencyKind: ['department'] }],
      [fin, { ...base, by: 'document' }],
      // A past day not built (yet: its build is asked for; the last weeks' days are built ahead).
      [await actorOf('spec1'), { ...base, by: 'agency', asOf: '2025-06-15' }],
      [await actorOf('spec1'), { ...base, by: 'document' }],
      [await actorOf('spec1'), { ...base, by: 'field', agencyKind: ['district'] }],
      [await actorOf('spec1'), { ...base, by: 'agency', role: 'any', agencyKind: ['district'] }],
    ] as [Actor, ReportParams][])
      expect(
        await countsFromSummary(deps, db(), actor, params, filterOf(params, today, s.staleAfterDays), s, direct),
        JSON.stringify(params),
      ).toBeNull();
  });

  it('after midnight, and after the "not updated" threshold changes, reports are right before and after the rebuild', async () => {
    const spec = await h.as('spec1');
    h.clock.set('2026-02-18 09:00');
    await summaryForToday();
    const before = (await spec.get('/api/reports/agency?role=any')).body;
    // Midnight: open tasks move from in time to overdue; the old summary is not read.
    h.clock.set('2026-03-11 00:05');
    const stale = (await spec.get('/api/reports/agency?role=any')).body;
    await db().execute(sql`delete from report_results`);
    await summaryForToday();
    const after = (await spec.get('/api/reports/agency?role=any')).body;
    expect({ ...after, computedAt: stale.computedAt }).toEqual(stale);
    expect(after.totals.overdue).toBeGreaterThan(before.totals.overdue);
    await expectKeptRight('after the rebuild for a new day');
    // The threshold of "not updated" changes: counted directly until rebuilt with it.
    const admin = await h.as('admin');
    const res = await admin.put('/api/settings', { staleAfterDays: 3 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const direct = (await spec.get('/api/reports/agency?role=any')).body;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [x] = await rows<{ n: number }>(
        db(),
        sql`select stale_after_days as n from report_counts_meta where built_to is null`,
      );
      if (x && Number(x.n) === 3) break;
      if (Date.now() > deadline) throw new Error('not rebuilt with the new threshold');
      await new Promise((r) => setTimeout(r, 50));
    }
    await db().execute(sql`delete from report_results`);
    const rebuilt = (await spec.get('/api/reports/agency?role=any')).body;
    expect({ ...rebuilt, computedAt: direct.computedAt }).toEqual(direct);
    await expectKeptRight('after the rebuild for a new threshold');
  }, 180_000);

  it('writes between the steps of a rebuild are counted once, whether the rebuild has reached their task or not', async () => {
    h.clock.set('2026-03-11 15:00');
    await summaryForToday();
    const deps = h.app.deps;
    const s = await loadSettings(deps, db());
    const open = (await (await h.as('spec1')).get('/api/tasks?status=assigned,received,in_progress&pageSize=50')).body
      .items as { id: number; leadAgency: { id: number } }[];
    const staffOf = new Map([
      [h.fx.agency.finance, 'fin_staff'],
      [h.fx.agency.construction, 'con_staff'],
      [h.fx.agency.commune, 'com_staff'],
    ]);
    const writable = open.filter((t) => staffOf.has(t.leadAgency.id));
    expect(writable.length).toBeGreaterThan(2);
    let steps = 0;
    let directly = 0;
    const built = await rebuildReportCounts(db(), vnDateOf(h.clock.now()), s.staleAfterDays, {
      force: true,
      step: 2,
      progress: async () => {
        const t = writable[steps++ % writable.length]!;
        await act(staffOf.get(t.leadAgency.id)!, null, t.id, 'reports', { kind: 'progress', content: `Bước ${steps}` });
        // Meanwhile today's report is counted directly, and right.
        const [m] = await rows<{ built_to: number | null }>(db(), sql`select built_to from report_counts_meta`);
        if (m!.built_to !== null) {
          const r = await (await h.as('spec1')).get('/api/reports/agency');
          expect(r.status).toBe(200);
          directly++;
        }
      },
    });
    expect(built).toBe(true);
    await expectKeptRight('after writes during a rebuild');
    // Writes met an unfinished build (the app's job may take steps of the same build too: they share it).
    expect(steps).toBeGreaterThan(0);
    expect(directly).toBeGreaterThan(0);
  }, 120_000);

  it('a merger counts each moved task once: after another change of it, twice in one transaction, during a rebuild', async () => {
    h.clock.set('2026-03-11 16:00');
    await summaryForToday();
    const admin = await h.as('admin');
    let seq = 0;
    const newAgency = async (name: string) => {
      seq += 1;
      const a = await admin.post('/api/agencies', {
        code: `RC${seq}`,
        name,
        shortName: name,
        kind: 'department',
        validFrom: '2020-01-01',
      });
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      return a.body.id as number;
    };
    const [a, b, c, d, e] = [
      await newAgency('Sở Một'),
      await newAgency('Sở Hai'),
      await newAgency('Sở Ba'),
      await newAgency('Sở Bốn'),
      await newAgency('Sở Năm'),
    ];
    const fin = h.fx.agency.finance;
    const task = (content: string, lead: number, coord: number[], deadline: string | null) => ({
      content,
      leadAgencyId: lead,
      coordinatingAgencyIds: coord,
      ...(deadline ? { deadlineKind: 'fixed', deadline } : { deadlineKind: 'none' }),
    });
    // Overdue, in time and without a deadline; led, coordinated, beside the successor.
    const spec = await h.as('spec1');
    const doc = await spec.post('/api/documents', {
      numberText: '31/UBND-TH',
      issuedOn: '2026-02-10',
      abstract: 'V/v sắp xếp các cơ quan',
      signerId: h.fx.leader.chairman,
      confirmPastDeadline: true,
      tasks: [
        task('Một chủ trì, quá hạn', a, [], '2026-03-02'),
        task('Một chủ trì, còn hạn', a, [c], '2026-04-15'),
        task('Một phối hợp cùng Hai, sẽ chuyển cho Năm trước', fin, [a, b], '2026-02-20'),
        task('Hai chủ trì, Một phối hợp', b, [a], null),
        task('Một chủ trì, Tài chính phối hợp', a, [fin], '2026-03-05'),
        task('Bốn chủ trì, quá hạn', d, [], '2026-03-01'),
        task('Bốn phối hợp', fin, [d], '2026-05-01'),
        task('Bốn chủ trì, không hạn', d, [e], null),
      ],
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    const taskIds = (await spec.get(`/api/tasks?documentId=${doc.body.id}&sort=code&pageSize=50`)).body.items.map(
      (t: { id: number }) => t.id,
    ) as number[];
    expect(taskIds).toHaveLength(8);
    const who: UserWho = {
      kind: 'user',
      actor: await actorOf('admin'),
      tokenId: null,
      source: 'web',
      ip: null,
      userAgent: null,
    };
    const chief = await actorOf('chief');
    const version = async (id: number) =>
      (await rows<{ version: number }>(db(), sql`select version from agencies where id = ${id}`))[0]!.version;
    // One transaction: a task of Một changes first (its cells taken then), then Một merges into Hai and Hai
    // into Ba, so the tasks of Một move twice.
    const [va, vb] = [await version(a), await version(b)];
    await runCommand(h.app.deps, who, async (w) => {
      await handOver({ ...w, actor: chief }, taskIds[2]!, { toAgencyId: e, reason: 'Bàn giao', version: null });
      await mergeAgency(w, { agencyId: a, version: va, successorId: b, endDate: '2026-03-11' });
      await mergeAgency(w, { agencyId: b, version: vb, successorId: c, endDate: '2026-03-11' });
    });
    await expectKeptRight('after a change and two mergers in one transaction');
    const [moved] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from tasks where id in ${taskIds.slice(0, 5)} and agency_ids @> array[${c}]::int[]`,
    );
    expect(moved!.n).toBe(5);

    // During a rebuild: a merger between its steps, when it has reached only part of the tasks of Bốn.
    const s = await loadSettings(h.app.deps, db());
    // No rebuild of the app's own (asked for by an earlier read) takes this one up and finishes it meanwhile.
    await settleRebuildJobs();
    let merged = false;
    const seen: (number | null)[] = [];
    await rebuildReportCounts(db(), vnDateOf(h.clock.now()), s.staleAfterDays, {
      force: true,
      step: 2,
      progress: async () => {
        const [m] = await rows<{ built_to: number | null }>(db(), sql`select built_to from report_counts_meta`);
        seen.push(m!.built_to);
        if (merged || m!.built_to === null || m!.built_to <= taskIds[5]! || m!.built_to > taskIds[7]!) return;
        const res = await admin.post(`/api/agencies/${d}/merge`, {
          version: await version(d),
          successorId: e,
          endDate: '2026-03-11',
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.handedOver).toBe(3);
        merged = true;
      },
    });
    expect(merged, JSON.stringify({ seen, taskIds })).toBe(true);
    await expectKeptRight('after a merger during a rebuild');
  }, 120_000);

  it.runIf(DB_KIND === 'postgres')(
    'concurrent writes on many tasks neither fail nor lose a count',
    async () => {
      h.clock.set('2026-03-12 09:00');
      await summaryForToday();
      const { agency } = h.fx;
      const leads = [agency.finance, agency.construction, agency.commune];
      const { taskIds } = await registerDocument(
        h,
        'spec1',
        Array.from({ length: 24 }, (_, i) => ({
          content: `Nhiệm vụ đồng thời ${i + 1}`,
          leadAgencyId: leads[i % 3]!,
          deadlineKind: 'fixed',
          deadline: i % 2 ? '2026-03-20' : '2026-04-20',
        })),
        { numberText: '99/UBND-TH', issuedOn: '2026-03-12' },
      );
      const clients = new Map<string, Awaited<ReturnType<Harness['as']>>>();
      for (const u of ['fin_staff', 'con_staff', 'com_staff', 'spec1', 'chief']) clients.set(u, await h.as(u));
      const post = async (as: string, id: number, action: string, body: Record<string, unknown>) => {
        const c = clients.get(as)!;
        const t = (await c.get(`/api/tasks/${id}`)).body;
        const res = await c.post(`/api/tasks/${id}/${action}`, { version: t.version, ...body });
        expect(res.status, `${action} ${id}: ${JSON.stringify(res.body)}`).toBe(200);
      };
      const staffOf = (i: number) => ['fin_staff', 'con_staff', 'com_staff'][i % 3]!;
      const completion = { kind: 'completion', content: 'Đã hoàn thành' };
      await Promise.all(taskIds.map((id, i) => post(staffOf(i), id, 'reports', completion)));
      await Promise.all(taskIds.map((id) => post('spec1', id, 'review', { decision: 'accept' })));
      await Promise.all(taskIds.slice(0, 12).map((id) => post('chief', id, 'reopen', { reason: 'Xem lại' })));
      await expectKeptRight('after concurrent completions, acceptances and reopenings');
    },
    180_000,
  );
});

describe(`an ended day's summary (${DB_KIND})`, () => {
  const pastDay = async (day: string) => {
    const [d] = await rows<{ built_to: number | null; stale_after_days: number; built_at: string }>(
      db(),
      sql`select built_to, stale_after_days, built_at::text as built_at from report_counts_days where day = ${day}::date`,
    );
    return d ?? null;
  };
  /** Waits (on conditions) until the job has built the day, asked for by a report for that cut-off. */
  async function builtByTheJob(day: string): Promise<void> {
    const spec = await h.as('spec1');
    const res = await spec.get(`/api/reports/agency?asOf=${day}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = await loadSettings(h.app.deps, db());
    const deadline = Date.now() + 90_000;
    for (;;) {
      const d = await pastDay(day);
      if (d && d.built_to === null && Number(d.stale_after_days) === s.staleAfterDays) return;
      if (Date.now() > deadline) throw new Error(`the day ${day} was not built`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const cellsOf = (day: string) =>
    rows(
      db(),
      sql`select dim, agency, key, basis, to_char(month, 'YYYY-MM') as month, assigned, overdue_cur, overdue_orig,
            done_late_cur, in_time_orig, not_updated, extensions_granted, overdue_days_cur
          from report_counts_past where day = ${day}::date order by dim, agency, key, basis, month`,
    );

  it('a report for yesterday asked for just after midnight is not kept for ever: a command of yesterday may still commit', async () => {
    const spec = await h.as('spec1');
    const url = '/api/reports/agency?asOf=2026-03-12';
    h.clock.set('2026-03-13 00:05');
    const early = (await spec.get(url)).body;
    // A registration dated 23:59 the day before, committed after the report was computed.
    h.clock.set('2026-03-12 23:59');
    await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Việc giao lúc nửa đêm',
          leadAgencyId: h.fx.agency.finance,
          deadlineKind: 'fixed',
          deadline: '2026-03-20',
        },
      ],
      { numberText: '77/UBND-TH', issuedOn: '2026-03-12' },
    );
    h.clock.set('2026-03-13 00:06');
    const later = (await spec.get(url)).body;
    expect(later.totals.assigned).toBe(early.totals.assigned + 1);
    // Settled: the same figures, kept from then on.
    h.clock.set('2026-03-13 00:40');
    expect((await spec.get(url)).body.totals).toEqual(later.totals);
  });

  it('is built only once the day has settled, from the snapshots, the same in any steps', async () => {
    h.clock.set('2026-03-13 00:10');
    const s = await loadSettings(h.app.deps, db());
    expect(pastDaysWanted('2026-03-13', h.clock.now())).not.toContain('2026-03-12');
    expect(pastDaysWanted('2026-03-13', h.clock.now())).toContain('2026-03-11');
    expect(pastDaysWanted('2026-03-13', h.clock.now())).toContain('2026-01-31');
    await expect(buildPastCounts(db(), '2026-03-12', h.clock.now(), s.staleAfterDays)).rejects.toThrow(/settled/);
    h.clock.set('2026-03-13 09:00');
    // The days built ahead are queued one a minute: a day asked for by a reader while it waits its turn is
    // built at once (a day before the first task: nothing else asks for it).
    expect(await planPastDays(h.app.deps)).toMatchObject({ requested: expect.any(Number) });
    await requestPastDay(h.app.deps, '2025-11-19', s.staleAfterDays, new Date(h.clock.now().getTime() + 3_600_000));
    const [waiting] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from jobs where kind = 'report-counts.past' and status = 'queued'
          and run_at > ${h.clock.now()} and payload ->> 'day' = '2025-11-19'`,
    );
    expect(Number(waiting!.n)).toBe(1);
    await builtByTheJob('2025-11-19');
    await builtByTheJob('2026-01-23');
    const byJob = await cellsOf('2026-01-23');
    expect(byJob.length).toBeGreaterThan(20);
    // Built again in steps of 3 tasks, one step per call: the same cells.
    await db().execute(sql`delete from report_counts_days where day = '2026-01-23'`);
    await db().execute(sql`delete from report_counts_past where day = '2026-01-23'`);
    let calls = 0;
    while (
      (await buildPastCounts(db(), '2026-01-23', h.clock.now(), s.staleAfterDays, { step: 3, sliceMs: 0 })) === 'more'
    )
      calls++;
    expect(calls).toBeGreaterThan(3);
    expect(await cellsOf('2026-01-23')).toEqual(byJob);
    // In one call, with a pause before each step after the first (the job: the requests waiting go first).
    await db().execute(sql`delete from report_counts_days where day = '2026-01-23'`);
    await db().execute(sql`delete from report_counts_past where day = '2026-01-23'`);
    let pauses = 0;
    const pause = async () => void pauses++;
    expect(
      await buildPastCounts(db(), '2026-01-23', h.clock.now(), s.staleAfterDays, { step: 3, sliceMs: 600_000, pause }),
    ).toBe('done');
    expect(pauses).toBeGreaterThan(3);
    expect(await cellsOf('2026-01-23')).toEqual(byJob);
  }, 180_000);

  it('a report for an ended day read from its cells equals the same report counted directly, for every shape', async () => {
    h.clock.set('2026-03-13 09:30');
    const office = await actorOf('spec1');
    const leaderActor = await actorOf('vice');
    const { agency, leader } = h.fx;
    // A pending extension, a returned report, after the decisions and the merger, a month's end, yesterday.
    const days = ['2026-01-13', '2026-01-23', '2026-01-29', '2026-01-31', '2026-02-28', '2026-03-12'];
    for (const day of days) await builtByTheJob(day);
    const shapes: Partial<ReportParams>[] = [
      { by: 'agency', role: 'lead' },
      { by: 'agency', role: 'any' },
      { by: 'agency', role: 'lead', agencyKind: ['department'] },
      { by: 'agency', role: 'any', agencyId: agency.construction },
      { by: 'leader', role: 'any', leaderId: leader.vice },
      { by: 'field', role: 'lead' },
      { by: 'specialist', role: 'any' },
      { by: 'month', role: 'lead' },
      // Within one agency's tasks as they stood then: the construction department took part in the merger.
      { by: 'field', role: 'any', agencyId: agency.construction },
      { by: 'leader', role: 'lead', agencyId: agency.finance },
    ];
    const periods: { from?: string; to?: string }[] = [
      {},
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-01-06', to: '2026-02-20' },
      { from: '2026-01-01', to: '2026-01-25' },
      { to: '2026-02-27' },
    ];
    let compared = 0;
    const compareAll = async (day: string, actors: Actor[]) =>
      (compared += (await expectCellsEqualDirect(day, shapes, periods, actors)).compared);
    for (const day of days) await compareAll(day, day === '2026-01-23' ? [office, leaderActor] : [office]);
    expect(compared).toBeGreaterThan(days.length * 140);

    // Later writes — a completion, a hand-over, a merger — change neither the cells nor the reports read from them.
    const before = await cellsOf('2026-01-29');
    const reportBefore = (await (await h.as('spec1')).get('/api/reports/agency?asOf=2026-01-29&role=any')).body;
    await complete('con_staff', null, ids[2]!);
    await act('spec1', null, ids[5]!, 'handover', { toAgencyId: agency.commune, reason: 'Bàn giao' });
    expect(await cellsOf('2026-01-29')).toEqual(before);
    await db().execute(sql`delete from report_results`);
    const reportAfter = (await (await h.as('spec1')).get('/api/reports/agency?asOf=2026-01-29&role=any')).body;
    expect({ ...reportAfter, computedAt: reportBefore.computedAt }).toEqual(reportBefore);
    await compareAll('2026-01-29', [office]);
  }, 300_000);

  it('a day built with another "not updated" threshold is not read, and is built again with the new one', async () => {
    h.clock.set('2026-03-13 10:00');
    const deps = h.app.deps;
    const day = '2026-02-28';
    const d = await pastDay(day);
    expect(d?.built_to).toBeNull();
    const admin = await h.as('admin');
    const old = (await loadSettings(deps, db())).staleAfterDays;
    const res = await admin.put('/api/settings', { staleAfterDays: old + 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = await loadSettings(deps, db());
    expect(s.staleAfterDays).toBe(old + 2);
    const params = { by: 'agency', asOf: day, periodBy: 'assigned', against: 'current', role: 'lead' } as ReportParams;
    const f = filterOf(params, vnDateOf(h.clock.now()), s.staleAfterDays);
    const office = await actorOf('spec1');
    // Not read with the old threshold (its build with the new one is asked for)…
    const first = await countsFromSummary(deps, db(), office, params, f, s, () => Promise.reject(new Error('no')));
    expect(first).toBeNull();
    const deadline = Date.now() + 90_000;
    for (;;) {
      const x = await pastDay(day);
      if (x && x.built_to === null && Number(x.stale_after_days) === old + 2) break;
      if (Date.now() > deadline) throw new Error('not built again with the new threshold');
      await new Promise((r) => setTimeout(r, 50));
    }
    // …then read, and equal to the direct count with it.
    const cells = await countsFromSummary(deps, db(), office, params, f, s, (edge) =>
      countGroups(db(), office, params, edge),
    );
    expect(cells).not.toBeNull();
    expect(cells!.totals).toEqual((await countGroups(db(), office, params, f)).totals);
    await admin.put('/api/settings', { staleAfterDays: old });
  }, 180_000);
  it('a day neither built ahead nor a month end, unread for a month, is removed; a month end stays', async () => {
    // 2025-11-19 (built above, before the first task) and 2026-01-31 (a month end), then no reader for 40 days.
    for (const day of ['2025-11-19', '2026-01-31']) expect((await pastDay(day))?.built_to, day).toBeNull();
    h.clock.set('2026-04-25 09:00');
    await planPastDays(h.app.deps);
    expect(await pastDay('2025-11-19')).toBeNull();
    expect(await rows(db(), sql`select 1 from report_counts_past where day = '2025-11-19'`)).toEqual([]);
    expect((await pastDay('2026-01-31'))?.built_to).toBeNull();
  }, 60_000);

  it("an agency user's report for an ended day is read from that day's cells, the same after a hand-over", async () => {
    const deps = h.app.deps;
    const { agency, leader } = h.fx;
    h.clock.set('2026-04-27 09:00');
    const {
      taskIds: [moved],
    } = await registerDocument(
      h,
      'spec1',
      [
        {
          content: 'Giải phóng mặt bằng dự án đường tỉnh',
          leadAgencyId: agency.commune,
          coordinatingAgencyIds: [agency.construction],
          deadlineKind: 'fixed',
          deadline: '2026-05-20',
        },
      ],
      { numberText: '90/UBND-TH', issuedOn: '2026-04-27' },
    );
    h.clock.set('2026-04-28 09:00');
    const day = '2026-04-27';
    await builtByTheJob(day);
    const users = await Promise.all(['dis_staff', 'com_staff', 'fin_staff', 'con_staff'].map(actorOf));
    const shapes: Partial<ReportParams>[] = [
      { by: 'agency', role: 'lead' },
      { by: 'leader', role: 'any', leaderId: leader.vice },
      { by: 'field', role: 'any' },
      { by: 'specialist', role: 'lead' },
      { by: 'month', role: 'lead' },
    ];
    const periods = [{}, { from: '2026-01-01', to: '2026-12-31' }, { from: '2026-02-03', to: '2026-04-20' }];
    // The scope of an agency user as of an ended day is the tasks its agency had that day: the day's cells.
    expect((await expectCellsEqualDirect(day, shapes, periods, users)).compared).toBeGreaterThan(200);
    const report = async (user: string) => {
      const body = (await (await h.as(user)).get(`/api/reports/agency?asOf=${day}`)).body;
      return { ...body, computedAt: undefined };
    };
    const before = { com: await report('com_staff'), fin: await report('fin_staff') };
    expect(before.com.totals.assigned).toBeGreaterThan(0);

    // The commune hands the task to the finance department the next day: that day's figures stay as they were,
    // for the agency that gave the task and for the one that took it, counted afresh or read from the cells.
    await act('spec1', '2026-04-28 10:00', moved!, 'handover', { toAgencyId: agency.finance, reason: 'Điều chỉnh' });
    await db().execute(sql`delete from report_results`);
    expect(await report('com_staff')).toEqual(before.com);
    expect(await report('fin_staff')).toEqual(before.fin);
    expect((await expectCellsEqualDirect(day, shapes, periods, users)).compared).toBeGreaterThan(200);
    // As of the day of the hand-over, the task is the finance department's.
    h.clock.set('2026-04-29 09:00');
    await builtByTheJob('2026-04-28');
    expect((await expectCellsEqualDirect('2026-04-28', shapes, periods, users)).compared).toBeGreaterThan(200);
    const [com, fin] = [users[1]!, users[2]!];
    const s = await loadSettings(deps, db());
    const params = { by: 'field', role: 'any', periodBy: 'assigned', against: 'current' } as const;
    const totalOf = async (u: Actor, asOf: string) => {
      const p = { ...params, asOf } as ReportParams;
      const f = filterOf(p, vnDateOf(h.clock.now()), s.staleAfterDays);
      return (await countGroups(db(), u, p, f)).totals.assigned;
    };
    expect(await totalOf(com, '2026-04-28')).toBe((await totalOf(com, day)) - 1);
    expect(await totalOf(fin, '2026-04-28')).toBe((await totalOf(fin, day)) + 1);
  }, 300_000);
});
