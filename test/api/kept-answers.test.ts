/**
 * Whole answers of the busiest reads (the task list, the deadline calendar, the home page figures) kept
 * against the data version (http/kept.ts, ADR 0019): the same request under the same data is sent again as
 * it was; any write, the next day, another asker or another query gives a fresh answer; `Cache-Control:
 * no-cache` computes afresh. The proof that an answer is kept: a change made behind the commands' back (no
 * event, so the version stays) is not seen until a real write moves the version.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
let documentId: number;
let finTask: number;
let conTask: number;

const contentOf = async (as: string, id: number, headers: Record<string, string> = {}) => {
  const c = await h.as(as);
  const res = await c.request('GET', `/api/tasks?documentId=${documentId}&pageSize=50`, undefined, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { id: number; content: string }[]).find((t) => t.id === id)?.content ?? null;
};
/** Changes a task's text directly in the database: no command, no event, the data version stays. */
const behindTheBack = async (id: number, content: string) =>
  h.database.db.execute(sql`update tasks set content = ${content} where id = ${id}`);

/** A real write (a command with its event): the data version moves. */
const star = async (as: string, id: number, starred: boolean) => {
  const c = await h.as(as);
  const { version } = (await c.request('GET', `/api/tasks/${id}`, undefined, { 'cache-control': 'no-cache' })).body;
  const res = await c.post(`/api/tasks/${id}/star`, { version, starred });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  ({
    documentId,
    taskIds: [finTask, conTask],
  } = (await registerDocument(h, 'spec1', [
    {
      content: 'Lập phương án giá nước sạch',
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'fixed',
      deadline: '2026-03-03',
    },
    {
      content: 'Rà soát quy hoạch xây dựng',
      leadAgencyId: h.fx.agency.construction,
      deadlineKind: 'fixed',
      deadline: '2026-03-31',
    },
  ])) as unknown as { documentId: number; taskIds: [number, number] });
});
afterAll(async () => h.close());

describe('a kept answer', () => {
  it('is sent again under the same data, and a write in between gives the fresh one', async () => {
    expect(await contentOf('spec1', finTask)).toBe('Lập phương án giá nước sạch');
    await behindTheBack(finTask, 'Nội dung đổi ngoài lệnh');
    // The version did not move: the kept answer, not the database.
    expect(await contentOf('spec1', finTask)).toBe('Lập phương án giá nước sạch');
    // Cache-Control: no-cache reads afresh.
    expect(await contentOf('spec1', finTask, { 'cache-control': 'no-cache' })).toBe('Nội dung đổi ngoài lệnh');
    // Any command leaves an event: the version moves and everybody reads the new data.
    await star('chairman', conTask, true);
    expect(await contentOf('spec1', finTask)).toBe('Nội dung đổi ngoài lệnh');
  });

  it('is computed again after five minutes, so that a change behind the commands’ back is seen at the latest then', async () => {
    expect(await contentOf('spec1', conTask)).toBe('Rà soát quy hoạch xây dựng');
    await behindTheBack(conTask, 'Sửa bằng lệnh SQL của người vận hành');
    h.clock.advance(4 * 60_000);
    expect(await contentOf('spec1', conTask)).toBe('Rà soát quy hoạch xây dựng');
    h.clock.advance(2 * 60_000);
    expect(await contentOf('spec1', conTask)).toBe('Sửa bằng lệnh SQL của người vận hành');
    await behindTheBack(conTask, 'Rà soát quy hoạch xây dựng');
    await star('chairman', conTask, false);
  });

  it('is the asker’s own: another user with the same query gets an answer in their own scope', async () => {
    await behindTheBack(conTask, 'Rà soát quy hoạch (đổi ngoài lệnh)');
    // The Office specialist's answer is kept…
    const spec = await contentOf('spec1', conTask);
    // …the construction department's first read is computed for it, and finance does not see the task.
    expect(await contentOf('con_staff', conTask)).toBe('Rà soát quy hoạch (đổi ngoài lệnh)');
    expect(await contentOf('fin_staff', conTask)).toBeNull();
    expect(spec).not.toBeNull();
  });

  it('is another one for another query, language or page', async () => {
    const c = await h.as('spec1');
    const a = await c.get(`/api/tasks?documentId=${documentId}&pageSize=1`);
    const b = await c.get(`/api/tasks?documentId=${documentId}&pageSize=1&page=2`);
    expect(a.body.items).toHaveLength(1);
    expect(b.body.items).toHaveLength(1);
    expect(a.body.items[0].id).not.toBe(b.body.items[0].id);
    expect(a.body.total).toBe(2);
    c.lang = 'en';
    await behindTheBack(finTask, 'Đổi lần nữa');
    const en = await c.get(`/api/tasks?documentId=${documentId}&pageSize=50`);
    expect(en.body.items.find((t: { id: number }) => t.id === finTask).content).toBe('Đổi lần nữa');
  });

  it('of the list and of the figures moves with the day: a task due today is overdue tomorrow', async () => {
    const c = await h.as('spec1');
    await star('chairman', conTask, false);
    h.clock.set('2026-03-03 16:00');
    const today = await c.get(`/api/tasks?documentId=${documentId}&timeliness=overdue`);
    const figures = await c.get(`/api/stats/overview?documentId=${documentId}`);
    expect(today.body.total).toBe(0);
    expect(figures.body.overdue).toBe(0);
    // No write at all: only the day changes.
    h.clock.set('2026-03-04 08:00');
    const tomorrow = await c.get(`/api/tasks?documentId=${documentId}&timeliness=overdue`);
    expect(tomorrow.body.items.map((t: { id: number }) => t.id)).toEqual([finTask]);
    expect((await c.get(`/api/stats/overview?documentId=${documentId}`)).body.overdue).toBe(1);
    const byAgency = await c.get(`/api/stats/agencies?documentId=${documentId}`);
    expect(byAgency.body.items.find((r: { agencyId: number }) => r.agencyId === h.fx.agency.finance).overdue).toBe(1);
  });

  it('is never an error: a refused query is answered with its message each time', async () => {
    const c = await h.as('spec1');
    for (let i = 0; i < 2; i++) {
      const res = await c.get('/api/tasks?dueFrom=2026-13-01');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBeTruthy();
    }
    // A signed-out request is refused before anything is kept or read.
    expect((await h.anon().get(`/api/tasks?documentId=${documentId}`)).status).toBe(401);
  });

  it('answers sixteen identical requests at once with the same bytes, kept once', async () => {
    const c = await h.as('fin_lead');
    await star('chairman', finTask, true);
    const before = h.app.deps.caches.answers.size;
    const all = await Promise.all(
      Array.from({ length: 16 }, () => c.get(`/api/tasks?documentId=${documentId}&sort=-updated`)),
    );
    expect(new Set(all.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(all[0]!.status).toBe(200);
    expect(h.app.deps.caches.answers.size).toBe(before + 1);
  });
});
