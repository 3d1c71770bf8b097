/**
 * What is removed by itself, on the app's clock, by the recurring jobs of the runner: export files (their
 * row, their job and their bytes) past the retention period — not one just made, not one being sent — and
 * kept report results of past days that nobody has read for a while.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { sendingFile, SWEEP_EXPORTS, SWEEP_REPORT_RESULTS } from '../../src/resources/exports/retention.js';
import { createHarness, registerDocument, type Client, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-03-02 09:00');
  await registerDocument(h, 'spec1', [
    {
      content: 'Rà soát dự toán ngân sách các huyện',
      leadAgencyId: h.fx.agency.finance,
      deadlineKind: 'fixed',
      deadline: '2026-03-20',
    },
    { content: 'Theo dõi giá cả thị trường', leadAgencyId: h.fx.agency.finance, deadlineKind: 'routine' },
  ]);
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

/** Asks for a task export and waits until it is done; returns the job's id and its file's storage key. */
async function exported(c: Client): Promise<{ id: number; key: string }> {
  const created = await c.post('/api/exports', { kind: 'tasks', query: { sort: 'code' } });
  expect(created.status).toBe(202);
  const id = created.body.id as number;
  await until(
    async () => (await c.get(`/api/exports/${id}`)).body.status,
    (s) => s === 'done' || s === 'failed',
  );
  const [f] = await rows<{ storage_key: string }>(
    h.database.db,
    sql`select storage_key from files where job_id = ${id}`,
  );
  return { id, key: f!.storage_key };
}

const fileRow = async (key: string) =>
  (await rows<{ id: string }>(h.database.db, sql`select id from files where storage_key = ${key}`)).length;
const stored = (key: string) => fs.existsSync(path.join(h.filesDir, key)) || hasFile(h.filesDir, key);
/** The store may shard its files into folders: looks for the key anywhere under its root. */
function hasFile(dir: string, key: string): boolean {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() ? hasFile(path.join(dir, e.name), key) : e.name === key) return true;
  }
  return false;
}

/** Wakes the runner and waits for the sweep of the current span to be done. */
async function sweep(kind: string) {
  h.app.deps.jobs.wake();
  const now = h.clock.now();
  await until(
    () =>
      rows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from jobs where kind = ${kind} and status = 'done' and run_at <= ${now}
              and run_at > ${new Date(now.getTime() - (kind === SWEEP_EXPORTS ? 3_600_000 : 86_400_000))}`,
      ),
    (r) => Number(r[0]?.n) === 1,
  );
}

describe('export files past the retention period (7 days)', () => {
  it('are removed with their row and job; one just made and one being sent stay', async () => {
    const spec = await h.as('spec1');
    const old = await exported(spec);
    const sent = await exported(spec);
    h.clock.set('2026-03-08 09:00');
    const dayOld = await exported(spec);
    h.clock.set('2026-03-09 08:30');
    const justMade = await exported(spec);
    for (const e of [old, sent, dayOld, justMade]) expect(stored(e.key)).toBe(true);

    // Someone is downloading `sent` when the sweep comes.
    const reading: Readable = sendingFile(sent.key, h.app.deps.files.get(sent.key));
    reading.pause();

    h.clock.set('2026-03-09 10:00');
    await sweep(SWEEP_EXPORTS);
    expect(await fileRow(old.key)).toBe(0);
    expect(stored(old.key)).toBe(false);
    expect((await spec.get(`/api/exports/${old.id}`)).status).toBe(404);
    expect((await spec.get('/api/exports')).body.items.map((e: { id: number }) => e.id)).not.toContain(old.id);
    const [ev] = await rows<{ before: { fileId: string }; source: string }>(
      h.database.db,
      sql`select before, source from events where entity_type = 'job' and entity_id = ${String(old.id)} and action = 'export.removed'`,
    );
    expect(ev?.before.fileId).toBeTruthy();

    // Being sent: left for a later sweep. Younger than 7 days: kept, still downloadable.
    expect(await fileRow(sent.key)).toBe(1);
    expect(stored(sent.key)).toBe(true);
    for (const e of [dayOld, justMade]) {
      expect(await fileRow(e.key)).toBe(1);
      expect(stored(e.key)).toBe(true);
      const file = await h.app.inject({
        method: 'GET',
        url: `/api/exports/${e.id}/file`,
        headers: { cookie: spec.cookie! },
      });
      expect(file.statusCode).toBe(200);
    }

    // Once the download is over, the next sweep removes it.
    reading.destroy();
    await until(
      async () => reading.destroyed,
      (x) => x,
    );
    h.clock.set('2026-03-09 11:00');
    await sweep(SWEEP_EXPORTS);
    expect(await fileRow(sent.key)).toBe(0);
    expect(stored(sent.key)).toBe(false);
    expect(await fileRow(dayOld.key)).toBe(1);

    // A week after it was made, the day-old one goes too; the one made on 9 March still has most of a day.
    h.clock.set('2026-03-15 09:10');
    await sweep(SWEEP_EXPORTS);
    expect(await fileRow(dayOld.key)).toBe(0);
    expect(await fileRow(justMade.key)).toBe(1);
  });
});

describe('kept report results of past days', () => {
  const kept = async (asOf: string) =>
    (
      await rows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from report_results where as_of = ${asOf}::date`,
      )
    )[0]!.n;

  it('are dropped when not read for 30 days; one read since stays, and today’s is not touched', async () => {
    h.clock.set('2026-03-20 10:00');
    const spec = await h.as('spec1');
    for (const asOf of ['2026-03-05', '2026-03-06'])
      expect((await spec.get(`/api/reports/agency?asOf=${asOf}`)).status).toBe(200);
    expect(await kept('2026-03-05')).toBe(1);
    expect(await kept('2026-03-06')).toBe(1);

    // Read again 20 days later (a kept result: the same figures, noted as read).
    h.clock.set('2026-04-09 10:00');
    const again = await (await h.as('spec1')).get('/api/reports/agency?asOf=2026-03-06');
    expect(again.status).toBe(200);

    // 31 days after they were made: the unread one goes, the one read 11 days ago stays.
    h.clock.set('2026-04-20 10:00');
    const later = await h.as('spec1');
    const today = await later.get('/api/reports/agency?asOf=2026-04-20');
    expect(today.status).toBe(200);
    await sweep(SWEEP_REPORT_RESULTS);
    expect(await kept('2026-03-05')).toBe(0);
    expect(await kept('2026-03-06')).toBe(1);
    expect(await kept('2026-04-20')).toBe(1);
    // Asked for again, it is computed again, with the same figures.
    const back = await later.get('/api/reports/agency?asOf=2026-03-05');
    expect(back.status).toBe(200);
    expect(await kept('2026-03-05')).toBe(1);

    // Nobody reads either for 30 more days.
    h.clock.set('2026-05-22 10:00');
    await sweep(SWEEP_REPORT_RESULTS);
    expect(await kept('2026-03-05')).toBe(0);
    expect(await kept('2026-03-06')).toBe(0);
  });
});
