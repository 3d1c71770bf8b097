/**
 * The background job runner (services/jobs.ts) on the app's database and clock: claim, result, retry with
 * a growing delay on the app clock, permanent failure, a lease that ran out, one job per dedupe key, and a
 * clean stop on app close (the running job back in the queue, nothing left hanging). And the keyset batches
 * the exports read (tasks/list.ts): every row once, in the list's order, for every sort.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client.js';
import { vnDateOf } from '../../src/domain/dates.js';
import { listTaskBatches, listTasks, SORTS } from '../../src/resources/tasks/list.js';
import { enqueueJob, loadJob, PermanentJobError } from '../../src/services/jobs.js';
import type { Actor } from '../../src/domain/actor.js';
import { createHarness, registerDocument, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
});
afterAll(() => h?.close());

/** Waits for a condition (the runner works on its own), failing after a few seconds. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 500 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 10));
    v = await read();
  }
  expect(ok(v)).toBe(true);
  return v;
}

const job = (id: number) => loadJob(h.database.db, id).then((j) => j!);

describe('job runner', () => {
  it('runs a job once, records its progress and result', async () => {
    const seen: number[] = [];
    h.app.deps.jobs.register({
      kind: 'test.ok',
      run: async ({ job: j, progress }) => {
        seen.push(j.id);
        await progress(50);
        return { doubled: (j.payload as { n: number }).n * 2 };
      },
    });
    const j = await enqueueJob(h.database.db, h.clock.now(), { kind: 'test.ok', payload: { n: 21 } });
    h.app.deps.jobs.wake();
    const done = await until(
      () => job(j.id),
      (x) => x.status === 'done',
    );
    expect(done).toMatchObject({ progress: 100, attempts: 1, result: { doubled: 42 }, lockedUntil: null });
    expect(seen).toEqual([j.id]);
  });

  it('retries a failed job after a delay on the app clock, then fails it after its last attempt', async () => {
    let calls = 0;
    h.app.deps.jobs.register({
      kind: 'test.flaky',
      maxAttempts: 3,
      run: async () => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls} failed`);
        return 'third time';
      },
    });
    const j = await enqueueJob(h.database.db, h.clock.now(), { kind: 'test.flaky', payload: {} });
    h.app.deps.jobs.wake();
    const first = await until(
      () => job(j.id),
      (x) => x.attempts === 1 && x.status === 'queued',
    );
    expect(first.lastError).toBe('attempt 1 failed');
    expect(first.runAt.getTime() - h.clock.now().getTime()).toBe(30_000);
    // Not before its time: waking the runner does nothing.
    h.app.deps.jobs.wake();
    await new Promise((r) => setImmediate(r));
    expect((await job(j.id)).attempts).toBe(1);
    h.clock.advance(30_001);
    h.app.deps.jobs.wake();
    const second = await until(
      () => job(j.id),
      (x) => x.attempts === 2 && x.status === 'queued',
    );
    // The delay doubles.
    expect(second.runAt.getTime() - h.clock.now().getTime()).toBe(60_000);
    h.clock.advance(60_001);
    h.app.deps.jobs.wake();
    expect(
      await until(
        () => job(j.id),
        (x) => x.status === 'done',
      ),
    ).toMatchObject({ attempts: 3, result: 'third time' });

    h.app.deps.jobs.register({
      kind: 'test.broken',
      maxAttempts: 1,
      run: async () => {
        throw new Error('always');
      },
    });
    const b = await enqueueJob(h.database.db, h.clock.now(), { kind: 'test.broken', payload: {} });
    h.app.deps.jobs.wake();
    expect(
      await until(
        () => job(b.id),
        (x) => x.status === 'failed',
      ),
    ).toMatchObject({ attempts: 1, lastError: 'always' });
  });

  it('fails at once on a PermanentJobError', async () => {
    h.app.deps.jobs.register({
      kind: 'test.permanent',
      run: async () => {
        throw new PermanentJobError('the record is gone');
      },
    });
    const j = await enqueueJob(h.database.db, h.clock.now(), { kind: 'test.permanent', payload: {} });
    h.app.deps.jobs.wake();
    expect(
      await until(
        () => job(j.id),
        (x) => x.status === 'failed',
      ),
    ).toMatchObject({
      attempts: 1,
      lastError: 'the record is gone',
    });
  });

  it('takes over a job whose lease ran out (its process died), not one still held', async () => {
    const now = h.clock.now();
    const [held] = await rows<{ id: number }>(
      h.database.db,
      sql`insert into jobs (kind, payload, status, locked_until, attempts) values ('test.ok', '{"n": 1}', 'running', ${new Date(now.getTime() + 60_000)}, 1) returning id`,
    );
    const [dead] = await rows<{ id: number }>(
      h.database.db,
      sql`insert into jobs (kind, payload, status, locked_until, attempts) values ('test.ok', '{"n": 2}', 'running', ${new Date(now.getTime() - 1)}, 1) returning id`,
    );
    h.app.deps.jobs.wake();
    expect(
      await until(
        () => job(Number(dead!.id)),
        (x) => x.status === 'done',
      ),
    ).toMatchObject({
      attempts: 2,
      result: { doubled: 4 },
    });
    expect((await job(Number(held!.id))).status).toBe('running');
  });

  it('keeps one job per dedupe key', async () => {
    const a = await enqueueJob(h.database.db, h.clock.now(), {
      kind: 'test.none',
      payload: {},
      dedupeKey: 'day:2026-03-02',
    });
    const b = await enqueueJob(h.database.db, h.clock.now(), {
      kind: 'test.none',
      payload: {},
      dedupeKey: 'day:2026-03-02',
    });
    expect(b.id).toBe(a.id);
  });

  it('runs a recurring kind once in each span of the app clock, however often the runner looks', async () => {
    const runs: string[] = [];
    h.app.deps.jobs.registerRecurring({
      kind: 'test.daily',
      everyMs: 86_400_000,
      run: async () => {
        runs.push(h.clock.now().toISOString());
        return null;
      },
    });
    const done = () =>
      rows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from jobs where kind = 'test.daily' and status = 'done'`,
      );
    h.app.deps.jobs.wake();
    await until(done, (r) => Number(r[0]!.n) === 1);
    // Looked at again the same day: nothing more.
    for (let i = 0; i < 3; i++) h.app.deps.jobs.wake();
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toHaveLength(1);
    // The next day (UTC), once more.
    h.clock.set('2026-03-03 09:00');
    h.app.deps.jobs.wake();
    await until(done, (r) => Number(r[0]!.n) === 2);
    expect(runs).toHaveLength(2);
    h.clock.set('2026-03-02 09:00');
    expect(() =>
      h.app.deps.jobs.registerRecurring({ kind: 'test.often', everyMs: 1000, run: async () => null }),
    ).toThrow(/at most once a minute/);
  });

  it('on app close, stops the running job and puts it back in the queue without hanging', async () => {
    const other = await createHarness('2026-03-02 09:00');
    let started = false;
    other.app.deps.jobs.register({
      kind: 'test.long',
      run: ({ signal }) =>
        new Promise((_, reject) => {
          started = true;
          signal.addEventListener('abort', () => reject(new Error('stopped')));
        }),
    });
    const j = await enqueueJob(other.database.db, other.clock.now(), { kind: 'test.long', payload: {} });
    other.app.deps.jobs.wake();
    await until(
      async () => started,
      (s) => s,
    );
    await other.app.close();
    const after = await loadJob(other.database.db, j.id);
    expect(after).toMatchObject({ status: 'queued', attempts: 0, lockedUntil: null, lastError: null });
    await other.close();
  });
});

describe('keyset batches of the task list (what the exports read)', () => {
  it('yields every row once, in the order of each sort, today and as of a past date', async () => {
    const deadlines = ['2026-03-10', '2026-03-10', '2026-03-10', '2026-03-20', null, null, '2026-04-01'];
    await registerDocument(
      h,
      'spec1',
      deadlines.map((d, i) => ({
        content: `Nhiệm vụ thứ ${i + 1}`,
        leadAgencyId: h.fx.agency.finance,
        ...(d ? { deadlineKind: 'fixed', deadline: d } : { deadlineKind: 'routine' }),
      })),
    );
    h.clock.advance(86_400_000);
    const actor: Actor = {
      id: h.fx.user.spec1!,
      username: 'spec1',
      fullName: 'x',
      role: 'office_specialist',
      agencyId: h.fx.agency.office,
      leaderId: null,
    };
    const today = vnDateOf(h.clock.now());
    for (const asOf of [today, '2026-03-02'])
      for (const sort of SORTS) {
        const f = { asOf, today, sort, staleAfterDays: 30 };
        const page = await listTasks(h.app.deps, h.database.db, actor, { ...f, page: 1, pageSize: 200 });
        const batched: number[] = [];
        for await (const b of listTaskBatches(h.app.deps, h.database.db, actor, f, 2))
          batched.push(...b.rows.map((r) => r.id));
        expect(page.total).toBeGreaterThanOrEqual(7);
        expect({ asOf, sort, ids: batched }).toEqual({ asOf, sort, ids: page.items.map((r) => r.id) });
      }
  });
});
