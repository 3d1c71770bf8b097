/**
 * What the authorisation matrix tests share: the states a task is tried in, the users by their relation to
 * the task, who sees it in each state, and a quick way to take many tasks to a state.
 *
 * The task: Finance leads, Construction coordinates, spec1 follows, the Chairman assigned it. spec2 is an
 * Office specialist who does not follow it, the Vice-Chairman a leader who did not assign it, the district
 * and the commune unrelated agencies; the admin sees no task content.
 */
import { randomBytes } from 'node:crypto';
import { PEOPLE, type Client, type Harness } from './harness.js';

export const STATES = [
  'draft',
  'assigned',
  'in_progress',
  'completion_reported',
  'done',
  'cancelled',
  'extension_pending',
] as const;
export type State = (typeof STATES)[number];

export const USERS = Object.keys(PEOPLE);
export const OFFICE = ['spec1', 'spec2', 'chief'];
export const LEADERS = ['chairman', 'vice'];
export const LEAD = ['fin_lead', 'fin_staff'];
export const COORD = ['con_lead', 'con_staff'];
export const FOLLOWERS = ['spec1', 'chief'];
/** Who sees a task in each state at all: a draft only the Office. */
export const viewers = (s: State) => (s === 'draft' ? OFFICE : [...OFFICE, ...LEADERS, ...LEAD, ...COORD]);

export const marker = () => `mk${randomBytes(5).toString('hex')}`;

export function upload(c: Client, targetType: string, targetId: number, text = 'Biên bản làm việc') {
  const boundary = '----nvmatrix' + randomBytes(6).toString('hex');
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="targetType"\r\n\r\n${targetType}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${targetId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

export async function ok<T extends { status: number; body: any }>(res: Promise<T>, what: string): Promise<T> {
  const r = await res;
  if (r.status !== 200 && r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

export interface Prepared {
  id: number;
  version: number;
}

/**
 * Registers `n` tasks in one document (as spec1) and takes each to `state`; `extra(id)` runs on each
 * before its last steps. Returns the tasks with their current versions.
 */
export async function prepare(
  h: Harness,
  state: State,
  n: number,
  opts: { content?: (i: number) => string; extra?: (id: number) => Promise<void> } = {},
): Promise<{ tasks: Prepared[]; documentId: number }> {
  const spec = await h.as('spec1');
  const fin = await h.as('fin_staff');
  const doc = await ok(
    spec.post('/api/documents', {
      numberText: `${Math.floor(Math.random() * 90000) + 1000}/UBND-KT`,
      issuedOn: '2026-03-02',
      abstract: 'V/v triển khai nhiệm vụ phát triển kinh tế – xã hội năm 2026',
      signerId: h.fx.leader.chairman,
      tasks: Array.from({ length: n }, (_, i) => ({
        content: opts.content?.(i) ?? 'Tham mưu phương án bố trí vốn đối ứng các dự án ODA',
        leadAgencyId: h.fx.agency.finance,
        coordinatingAgencyIds: [h.fx.agency.construction],
        deadlineKind: 'fixed',
        deadline: '2026-03-20',
        assign: state !== 'draft',
      })),
    }),
    'register',
  );
  const list = await spec.get(`/api/tasks?documentId=${doc.body.id}&sort=code&pageSize=200`);
  const tasks: Prepared[] = [];
  for (const item of list.body.items as Prepared[]) {
    const id = item.id;
    let version = item.version;
    if (opts.extra) {
      await opts.extra(id);
      version = (await spec.get(`/api/tasks/${id}`)).body.version;
    }
    const step = async (c: Client, path: string, body: Record<string, unknown>) => {
      const r = await ok(c.post(`/api/tasks/${id}/${path}`, { ...body, version }), `${state}: ${path}`);
      version = r.body.version;
    };
    if (state === 'in_progress') await step(fin, 'reports', { kind: 'progress', content: 'Đã bắt đầu' });
    if (state === 'completion_reported' || state === 'done')
      await step(fin, 'reports', { kind: 'completion', content: 'Xong' });
    if (state === 'done') await step(spec, 'review', { decision: 'accept' });
    if (state === 'cancelled') await step(spec, 'cancel', { reason: 'Hủy' });
    if (state === 'extension_pending')
      await step(fin, 'extensions', { requestedDeadline: '2026-04-15', reason: 'Chờ số liệu' });
    tasks.push({ id, version });
  }
  return { tasks, documentId: doc.body.id };
}
