/**
 * The authorisation matrix (ADR 0002). Every action of `TASK_ACTIONS` is tried by every kind of user on a
 * task in each state: the allowed set is written down below, per action, and must be exact — allowed → the
 * call succeeds, denied → 404 when the user may not see the task, 403 when they see it but their role or
 * relation does not allow the action, 409 when only the state forbids it, and the task comes out unchanged.
 * The `actions` each user receives with the task must say exactly the same.
 *
 * Then every read path that carries task content, for every user and state: the task's content string
 * reaches exactly those who may see the task, and the others get what a missing record gets.
 *
 * The task: Finance leads, Construction coordinates, spec1 follows, the Chairman assigned it. spec2 is an
 * Office specialist who does not follow it, the Vice-Chairman a leader who did not assign it, the district
 * and the commune unrelated agencies; the admin sees no task content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_ACTIONS, type TaskAction } from '../../src/policies/index.js';
import { createHarness, PEOPLE, registerDocument, type Client, type Harness } from '../helpers/harness.js';
import {
  COORD,
  FOLLOWERS,
  LEAD,
  LEADERS,
  prepare,
  STATES,
  upload,
  USERS,
  viewers,
  type State,
} from '../helpers/matrix.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

const OPEN: State[] = ['assigned', 'in_progress', 'completion_reported', 'extension_pending'];
const WORKING: State[] = ['assigned', 'in_progress', 'extension_pending'];
const EDITABLE: State[] = ['draft', ...OPEN];
const ALL: State[] = [...STATES];

/**
 * The rules, written down: who (by role and relation to the task, among those who see it) and in which
 * states. The allowed set of an action in a state is `who ∩ viewers(state)` when the state is listed.
 */
const RULES: Record<TaskAction, { who: string[]; states: State[] }> = {
  view: { who: USERS, states: ALL },
  comment: { who: USERS, states: ALL },
  update: { who: FOLLOWERS, states: EDITABLE },
  assign: { who: FOLLOWERS, states: ['draft'] },
  receive: { who: LEAD, states: ['assigned', 'extension_pending'] },
  report_progress: { who: [...LEAD, ...COORD, ...FOLLOWERS], states: OPEN },
  report_completion: { who: LEAD, states: WORKING },
  report_explanation: { who: LEAD, states: OPEN },
  review: { who: FOLLOWERS, states: ['completion_reported'] },
  reopen: { who: ['chief'], states: ['done'] },
  request_extension: { who: LEAD, states: ['assigned', 'in_progress'] },
  decide_extension: { who: ['chairman', 'chief'], states: ['extension_pending'] },
  correct_original_deadline: { who: ['chief'], states: [...OPEN, 'done'] },
  cancel: { who: FOLLOWERS, states: EDITABLE },
  withdraw: { who: FOLLOWERS, states: OPEN },
  star: { who: LEADERS, states: ALL },
  direct: { who: LEADERS, states: ALL },
  handover: { who: FOLLOWERS, states: EDITABLE },
  split: { who: FOLLOWERS, states: EDITABLE },
  set_specialist: { who: FOLLOWERS, states: EDITABLE },
  set_handler: { who: LEAD, states: OPEN },
  attach_file: { who: [...LEAD, ...COORD, ...FOLLOWERS], states: ALL },
  urge: { who: FOLLOWERS, states: OPEN },
};

function expected(action: TaskAction, s: State, u: string): 200 | 403 | 404 | 409 {
  if (!viewers(s).includes(u)) return 404;
  if (!RULES[action].who.includes(u)) return 403;
  if (!RULES[action].states.includes(s)) return 409;
  return 200;
}

type Call = (c: Client, id: number, version: number) => Promise<{ status: number; body: any }>;

/** How each action is asked for through the API. */
const CALLS: Record<TaskAction, Call> = {
  view: (c, id) => c.get(`/api/tasks/${id}`),
  comment: (c, id) => c.post(`/api/tasks/${id}/messages`, { kind: 'comment', content: 'Trao đổi thêm' }),
  update: (c, id, v) => c.patch(`/api/tasks/${id}`, { version: v, content: 'Nội dung đã sửa' }),
  assign: (c, id, v) => c.post(`/api/tasks/${id}/assign`, { version: v }),
  receive: (c, id, v) => c.post(`/api/tasks/${id}/receive`, { version: v }),
  report_progress: (c, id, v) =>
    c.post(`/api/tasks/${id}/reports`, { version: v, kind: 'progress', content: 'Đang triển khai' }),
  report_completion: (c, id, v) =>
    c.post(`/api/tasks/${id}/reports`, { version: v, kind: 'completion', content: 'Đã hoàn thành' }),
  report_explanation: (c, id, v) =>
    c.post(`/api/tasks/${id}/reports`, { version: v, kind: 'explanation', content: 'Giải trình chậm' }),
  review: (c, id, v) => c.post(`/api/tasks/${id}/review`, { version: v, decision: 'accept' }),
  reopen: (c, id, v) => c.post(`/api/tasks/${id}/reopen`, { version: v, reason: 'Kết quả chưa đầy đủ' }),
  request_extension: (c, id, v) =>
    c.post(`/api/tasks/${id}/extensions`, {
      version: v,
      requestedDeadline: '2026-04-30',
      reason: 'Cần thêm thời gian',
    }),
  decide_extension: (c, id, v) => c.post(`/api/tasks/${id}/extensions/decide`, { version: v, decision: 'approve' }),
  correct_original_deadline: (c, id, v) =>
    c.post(`/api/tasks/${id}/original-deadline`, {
      version: v,
      deadline: '2026-04-15',
      reason: 'Sai sót khi vào sổ',
      confirmPastDeadline: true,
    }),
  cancel: (c, id, v) => c.post(`/api/tasks/${id}/cancel`, { version: v, reason: 'Không còn phù hợp' }),
  withdraw: (c, id, v) => c.post(`/api/tasks/${id}/withdraw`, { version: v, reason: 'Thu hồi để giao lại' }),
  star: (c, id, v) => c.post(`/api/tasks/${id}/star`, { version: v, starred: true }),
  direct: (c, id) => c.post(`/api/tasks/${id}/messages`, { kind: 'direction', content: 'Đề nghị khẩn trương' }),
  handover: (c, id, v) =>
    c.post(`/api/tasks/${id}/handover`, { version: v, toAgencyId: h.fx.agency.commune, reason: 'Chuyển đơn vị' }),
  split: (c, id) =>
    c.post(`/api/tasks/${id}/subtasks`, {
      subtasks: [
        {
          content: 'Phần việc của xã',
          leadAgencyId: h.fx.agency.commune,
          deadlineKind: 'fixed',
          deadline: '2026-03-31',
        },
      ],
    }),
  set_specialist: (c, id, v) => c.patch(`/api/tasks/${id}`, { version: v, specialistId: h.fx.user.spec2 }),
  set_handler: (c, id, v) => c.patch(`/api/tasks/${id}`, { version: v, handlerName: 'Phòng Ngân sách' }),
  attach_file: (c, id) => upload(c, 'task', id),
  urge: (c, id) => c.post(`/api/tasks/${id}/urge`, { message: 'Đề nghị báo cáo' }),
};

/**
 * Actions that leave the task in its state, its follower and its agencies: allowed calls of these share one
 * task per state. The others each get a fresh task.
 */
const KEEPS_STATE = new Set<TaskAction>([
  'view',
  'comment',
  'direct',
  'attach_file',
  'urge',
  'star',
  'set_handler',
  'report_explanation',
  'update',
]);

describe('the authorisation matrix', () => {
  it('covers every action of TASK_ACTIONS, and nothing else', () => {
    for (const a of TASK_ACTIONS) {
      expect(RULES[a], `rules for ${a}`).toBeDefined();
      expect(CALLS[a], `call for ${a}`).toBeDefined();
    }
    expect(Object.keys(RULES).sort()).toEqual([...TASK_ACTIONS].sort());
    expect(Object.keys(CALLS).sort()).toEqual([...TASK_ACTIONS].sort());
    // And every role of the product is in the matrix.
    expect(new Set(Object.values(PEOPLE).map((p) => p.role))).toEqual(
      new Set(['admin', 'office_specialist', 'office_lead', 'leader', 'agency_lead', 'agency_staff']),
    );
  });

  for (const state of STATES) {
    it(
      `${state}: each user is offered and allowed exactly the actions of the rules`,
      { timeout: 300_000 },
      async () => {
        const spec = await h.as('spec1');
        const id = (await prepare(h, state, 1)).tasks[0]!.id;
        const before = (await spec.get(`/api/tasks/${id}`)).body;
        expect(before.status).toBe(state === 'extension_pending' ? 'assigned' : state);

        // The buttons each user is shown.
        for (const u of USERS) {
          const shown = await (await h.as(u)).get(`/api/tasks/${id}`);
          if (!viewers(state).includes(u)) {
            expect(shown.status, `${u} must not see a ${state} task`).toBe(404);
            continue;
          }
          expect(shown.status).toBe(200);
          const want = TASK_ACTIONS.filter((a) => expected(a, state, u) === 200);
          expect([...shown.body.actions].sort(), `${u}: actions on a ${state} task`).toEqual([...want].sort());
        }

        // Every denied call, all on the one task, which must come out unchanged.
        for (const a of TASK_ACTIONS)
          for (const u of USERS) {
            const want = expected(a, state, u);
            if (want === 200) continue;
            const res = await CALLS[a](await h.as(u), id, before.version);
            expect(res.status, `${u} → ${a} on a ${state} task: ${JSON.stringify(res.body)}`).toBe(want);
          }
        expect((await spec.get(`/api/tasks/${id}`)).body).toEqual(before);

        // Every allowed call succeeds: on a task of its own, or on one shared task for actions that keep the state.
        const allowed = TASK_ACTIONS.flatMap((a) =>
          USERS.filter((u) => expected(a, state, u) === 200).map((u) => ({ a, u })),
        );
        const fresh = allowed.filter((x) => !KEEPS_STATE.has(x.a));
        const pool = fresh.length ? (await prepare(h, state, fresh.length)).tasks : [];
        const scratch = (await prepare(h, state, 1)).tasks[0]!;
        for (const { a, u } of allowed) {
          const target = KEEPS_STATE.has(a) ? scratch : pool.shift()!;
          const res = await CALLS[a](await h.as(u), target.id, target.version);
          expect([200, 201], `${u} → ${a} on a ${state} task: ${JSON.stringify(res.body)}`).toContain(res.status);
          if (typeof res.body?.version === 'number') target.version = res.body.version;
        }
      },
    );
  }
});

describe('lists and administration', () => {
  it('lists only the tasks an agency leads or coordinates', async () => {
    const { taskIds } = await registerDocument(h, 'spec1', [
      {
        content: 'Nhiệm vụ riêng của Sở Xây dựng',
        leadAgencyId: h.fx.agency.construction,
        deadlineKind: 'fixed',
        deadline: '2026-03-30',
      },
      {
        content: 'Nhiệm vụ riêng của Sở Tài chính',
        leadAgencyId: h.fx.agency.finance,
        deadlineKind: 'fixed',
        deadline: '2026-03-30',
      },
    ]);
    const fin = await h.as('fin_staff');
    const list = (await fin.get('/api/tasks?pageSize=200')).body.items as {
      id: number;
      leadAgency: { id: number };
      coordinatingAgencyIds: number[];
    }[];
    expect(list.length).toBeGreaterThan(0);
    for (const t of list)
      expect(t.leadAgency.id === h.fx.agency.finance || t.coordinatingAgencyIds.includes(h.fx.agency.finance)).toBe(
        true,
      );
    expect(list.some((t) => t.id === taskIds[0])).toBe(false);
    expect((await fin.get(`/api/tasks/${taskIds[0]}`)).status).toBe(404);
    const admin = await h.as('admin');
    expect((await admin.get('/api/tasks')).body.items).toEqual([]);
    expect((await admin.get('/api/stats/overview')).body.total).toBe(0);
    const district = await h.as('dis_staff');
    expect((await district.get('/api/tasks')).body.items).toEqual([]);
    // Leaders see every task but drafts.
    const chairman = await h.as('chairman');
    const all = (await chairman.get('/api/tasks?status=draft')).body;
    expect(all.items).toEqual([]);
    expect((await chairman.get('/api/stats/overview?status=draft')).body.total).toBe(0);
    expect((await (await h.as('spec2')).get('/api/stats/overview?status=draft')).body.total).toBeGreaterThan(0);
  });

  it('keeps administration to the admin', async () => {
    const spec = await h.as('spec1');
    const admin = await h.as('admin');
    expect((await spec.post('/api/fields', { code: 'XD', name: 'Xây dựng' })).status).toBe(403);
    expect((await admin.post('/api/fields', { code: 'XD', name: 'Xây dựng' })).status).toBe(201);
    expect((await spec.put('/api/settings', { extensionCap: 2 })).status).toBe(403);
    expect((await spec.put('/api/calendar/days/2026-09-03', { kind: 'day_off', nameVi: 'Nghỉ' })).status).toBe(403);
    expect(
      (await admin.post('/api/documents', { numberText: '1/UBND-VP', issuedOn: '2026-03-02', abstract: 'x' })).status,
    ).toBe(403);
    const agencyFor = async (c: typeof spec) => (await c.get('/api/agencies?kind=department')).body.items[0].actions;
    expect(await agencyFor(admin)).toEqual(['update', 'merge']);
    expect(await agencyFor(spec)).toEqual([]);
    expect((await admin.get('/api/fields')).body.items[0].actions).toEqual(['update']);
    const fin = await h.as('fin_staff');
    const users = (await fin.get('/api/users')).body.items as { agencyId: number; actions: string[] }[];
    expect(users.every((u) => u.actions.length === 0)).toBe(true);
    expect(users.every((u) => u.agencyId === h.fx.agency.finance)).toBe(true);
  });
});
