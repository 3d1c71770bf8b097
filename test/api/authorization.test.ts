/**
 * The authorisation matrix: every task action tried by every kind of user, on a task of their own agency
 * and of another agency, against the rules of DESIGN §1. Allowed → 200 and the change happens; denied →
 * 403 (or 404 when the task is not theirs to see) and nothing changes. The `actions` list each user
 * receives with the task must say exactly the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, PEOPLE, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

type State = 'assigned' | 'draft' | 'completion_reported' | 'pending_extension';

interface ActionCase {
  action: string;
  state: State;
  call: (c: Client, id: number, version: number) => Promise<{ status: number }>;
}

const CASES: ActionCase[] = [
  { action: 'assign', state: 'draft', call: (c, id, v) => c.post(`/api/tasks/${id}/assign`, { version: v }) },
  { action: 'receive', state: 'assigned', call: (c, id, v) => c.post(`/api/tasks/${id}/receive`, { version: v }) },
  {
    action: 'report_progress',
    state: 'assigned',
    call: (c, id, v) =>
      c.post(`/api/tasks/${id}/reports`, { version: v, kind: 'progress', content: 'Đang triển khai' }),
  },
  {
    action: 'report_completion',
    state: 'assigned',
    call: (c, id, v) =>
      c.post(`/api/tasks/${id}/reports`, { version: v, kind: 'completion', content: 'Đã hoàn thành' }),
  },
  {
    action: 'report_explanation',
    state: 'assigned',
    call: (c, id, v) =>
      c.post(`/api/tasks/${id}/reports`, { version: v, kind: 'explanation', content: 'Giải trình chậm' }),
  },
  {
    action: 'review',
    state: 'completion_reported',
    call: (c, id, v) => c.post(`/api/tasks/${id}/review`, { version: v, decision: 'accept' }),
  },
  {
    action: 'request_extension',
    state: 'assigned',
    call: (c, id, v) =>
      c.post(`/api/tasks/${id}/extensions`, {
        version: v,
        requestedDeadline: '2026-04-30',
        reason: 'Cần thêm thời gian',
      }),
  },
  {
    action: 'decide_extension',
    state: 'pending_extension',
    call: (c, id, v) => c.post(`/api/tasks/${id}/extensions/decide`, { version: v, decision: 'approve' }),
  },
  {
    action: 'update',
    state: 'assigned',
    call: (c, id, v) => c.patch(`/api/tasks/${id}`, { version: v, content: 'Nội dung đã sửa' }),
  },
  {
    action: 'set_specialist',
    state: 'assigned',
    call: (c, id, v) => c.patch(`/api/tasks/${id}`, { version: v, specialistId: h.fx.user.spec2 }),
  },
  {
    action: 'set_handler',
    state: 'assigned',
    call: (c, id, v) => c.patch(`/api/tasks/${id}`, { version: v, handlerName: 'Phòng Ngân sách' }),
  },
  {
    action: 'cancel',
    state: 'assigned',
    call: (c, id, v) => c.post(`/api/tasks/${id}/cancel`, { version: v, reason: 'Không còn phù hợp' }),
  },
  {
    action: 'withdraw',
    state: 'assigned',
    call: (c, id, v) => c.post(`/api/tasks/${id}/withdraw`, { version: v, reason: 'Thu hồi để giao lại' }),
  },
  {
    action: 'star',
    state: 'assigned',
    call: (c, id, v) => c.post(`/api/tasks/${id}/star`, { version: v, starred: true }),
  },
  {
    action: 'direct',
    state: 'assigned',
    call: (c, id) => c.post(`/api/tasks/${id}/messages`, { kind: 'direction', content: 'Đề nghị khẩn trương' }),
  },
  {
    action: 'comment',
    state: 'assigned',
    call: (c, id) => c.post(`/api/tasks/${id}/messages`, { kind: 'comment', content: 'Trao đổi thêm' }),
  },
  {
    action: 'handover',
    state: 'assigned',
    call: (c, id, v) =>
      c.post(`/api/tasks/${id}/handover`, { version: v, toAgencyId: h.fx.agency.commune, reason: 'Chuyển đơn vị' }),
  },
  {
    action: 'urge',
    state: 'assigned',
    call: (c, id) => c.post(`/api/tasks/${id}/urge`, { message: 'Đề nghị báo cáo' }),
  },
  {
    action: 'split',
    state: 'assigned',
    call: (c, id) =>
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
  },
];

/**
 * Who may take each action on a task that Finance leads, Construction coordinates, spec1 follows and the
 * Chairman assigned. Nobody else may; admin and the district see nothing.
 */
const ALLOWED: Record<string, string[]> = {
  assign: ['spec1', 'chief'],
  receive: ['fin_lead', 'fin_staff'],
  report_progress: ['fin_lead', 'fin_staff', 'con_lead', 'con_staff', 'spec1', 'chief'],
  report_completion: ['fin_lead', 'fin_staff'],
  report_explanation: ['fin_lead', 'fin_staff'],
  review: ['spec1', 'chief'],
  request_extension: ['fin_lead', 'fin_staff'],
  decide_extension: ['chairman', 'chief'],
  update: ['spec1', 'chief'],
  set_specialist: ['spec1', 'chief'],
  set_handler: ['fin_lead', 'fin_staff'],
  cancel: ['spec1', 'chief'],
  withdraw: ['spec1', 'chief'],
  star: ['chairman', 'vice'],
  direct: ['chairman', 'vice'],
  comment: ['spec1', 'spec2', 'chief', 'chairman', 'vice', 'fin_lead', 'fin_staff', 'con_lead', 'con_staff'],
  handover: ['spec1', 'chief'],
  urge: ['spec1', 'chief'],
  split: ['spec1', 'chief'],
};
/** Who sees a task in each state at all (others get 404). */
const VIEWERS_OPEN = ['spec1', 'spec2', 'chief', 'chairman', 'vice', 'fin_lead', 'fin_staff', 'con_lead', 'con_staff'];
const VIEWERS_DRAFT = ['spec1', 'spec2', 'chief', 'chairman', 'vice'];

async function prepared(state: State): Promise<number> {
  const { taskIds } = await registerDocument(h, 'spec1', [
    {
      content: 'Tham mưu phương án bố trí vốn đối ứng các dự án ODA',
      leadAgencyId: h.fx.agency.finance,
      coordinatingAgencyIds: [h.fx.agency.construction],
      deadlineKind: 'fixed',
      deadline: '2026-03-20',
      assign: state !== 'draft',
    },
  ]);
  const id = taskIds[0]!;
  const fin = await h.as('fin_staff');
  const version = async () => (await (await h.as('spec1')).get(`/api/tasks/${id}`)).body.version as number;
  if (state === 'completion_reported')
    await fin.post(`/api/tasks/${id}/reports`, { version: await version(), kind: 'completion', content: 'Xong' });
  if (state === 'pending_extension')
    await fin.post(`/api/tasks/${id}/extensions`, {
      version: await version(),
      requestedDeadline: '2026-04-15',
      reason: 'Chờ số liệu',
    });
  return id;
}

describe('authorisation matrix', () => {
  const users = Object.keys(PEOPLE);
  for (const c of CASES) {
    it(`${c.action}: allowed exactly for ${ALLOWED[c.action]!.join(', ')}`, async () => {
      const viewers = c.state === 'draft' ? VIEWERS_DRAFT : VIEWERS_OPEN;
      const spec = await h.as('spec1');
      // Denials first, all on one task that must come out unchanged.
      const denied = await prepared(c.state);
      const before = (await spec.get(`/api/tasks/${denied}`)).body;
      for (const u of users) {
        const client = await h.as(u);
        const shown = await client.get(`/api/tasks/${denied}`);
        if (!viewers.includes(u)) {
          expect(shown.status, `${u} must not see the task`).toBe(404);
        } else {
          expect(shown.status).toBe(200);
          expect(shown.body.actions.includes(c.action), `${u}: actions list for ${c.action}`).toBe(
            ALLOWED[c.action]!.includes(u),
          );
        }
        if (ALLOWED[c.action]!.includes(u)) continue;
        const res = await c.call(client, denied, before.version);
        expect(res.status, `${u} → ${c.action}`).toBe(viewers.includes(u) ? 403 : 404);
      }
      const after = (await spec.get(`/api/tasks/${denied}`)).body;
      expect(after.version).toBe(before.version);
      expect(after.status).toBe(before.status);
      // Each allowed user succeeds on a task of their own.
      for (const u of ALLOWED[c.action]!) {
        const id = await prepared(c.state);
        const v = (await spec.get(`/api/tasks/${id}`)).body.version;
        const res = await c.call(await h.as(u), id, v);
        expect(res.status, `${u} → ${c.action}: ${JSON.stringify((res as { body?: unknown }).body)}`).toBe(200);
      }
    });
  }

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
    const district = await h.as('dis_staff');
    expect((await district.get('/api/tasks')).body.items).toEqual([]);
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
