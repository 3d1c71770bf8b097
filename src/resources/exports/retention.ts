/**
 * Clean-up that runs by itself (ADR 0012), as recurring jobs of the job runner (services/jobs.ts):
 * - `sweep.exports` (hourly): the files of export jobs made more than EXPORT_RETENTION_DAYS ago (default 7)
 *   are removed with their `files` row and their job, in one command leaving an `export.removed` event per
 *   job; then the stored bytes. A file being sent by this process at that moment is left for the next sweep.
 *   Finished export jobs without a file (failed ones) and finished sweeps past the same age go as well.
 * - `sweep.report-results` (daily): kept report results (ADR 0011) of days that have ended and not read for
 *   REPORT_RESULTS_UNREAD_DAYS (default 30) are dropped — a cache, like keeping them: no event; a report
 *   asked for again is computed again and kept again.
 */
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import { vnDateOf } from '../../domain/dates.js';
import { runCommand, systemWho } from '../../services/command.js';
import type { AppDeps } from '../../services/deps.js';
import type { JobRunner } from '../../services/jobs.js';
import { EXPORT_KINDS } from './jobs.js';

export const SWEEP_EXPORTS = 'sweep.exports';
export const SWEEP_REPORT_RESULTS = 'sweep.report-results';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Files removed by one sweep at most (the next sweep goes on). */
const SWEEP_BATCH = 500;

/** Storage keys of the files this process is sending now, with how many readers each. */
const sending = new Map<string, number>();

/** A stored file's stream, counted as being sent until it closes: the sweep does not remove it meanwhile. */
export function sendingFile(key: string, stream: Readable): Readable {
  sending.set(key, (sending.get(key) ?? 0) + 1);
  let closed = false;
  const done = () => {
    if (closed) return;
    closed = true;
    const n = (sending.get(key) ?? 1) - 1;
    if (n > 0) sending.set(key, n);
    else sending.delete(key);
  };
  stream.once('close', done);
  stream.once('error', done);
  return stream;
}

export const isBeingSent = (key: string) => sending.has(key);

/** Removes the export files (and jobs) older than the retention period on the app clock. */
export async function sweepExports(deps: AppDeps): Promise<{ removed: number; kept: number }> {
  const now = deps.now();
  const before = new Date(now.getTime() - deps.config.EXPORT_RETENTION_DAYS * DAY);
  const old = await rows<{ id: string; storage_key: string; job_id: number; filename: string }>(
    deps.db,
    sql`select f.id, f.storage_key, f.job_id, f.filename from files f
        where f.job_id is not null and f.created_at < ${before}
        order by f.created_at limit ${SWEEP_BATCH}`,
  );
  const gone = old.filter((f) => !isBeingSent(f.storage_key));
  const removed = await runCommand(deps, systemWho(SWEEP_EXPORTS), async (c) => {
    const ids = gone.map((f) => f.id);
    // Checked again inside the transaction: only what is still there and still old is removed.
    const deleted = ids.length
      ? await rows<{ id: string; storage_key: string; job_id: number; filename: string }>(
          c.tx,
          sql`delete from files where id in ${ids} and created_at < ${before}
              returning id, storage_key, job_id, filename`,
        )
      : [];
    for (const f of deleted)
      await c.event({
        entityType: 'job',
        entityId: Number(f.job_id),
        action: 'export.removed',
        before: { fileId: f.id, filename: f.filename },
        after: { retentionDays: deps.config.EXPORT_RETENTION_DAYS },
      });
    const jobIds = deleted.map((f) => Number(f.job_id));
    // A job that still has another file (it ran twice) stays until that file goes too.
    if (jobIds.length)
      await c.tx.execute(
        sql`delete from jobs j where j.id in ${jobIds} and not exists (select 1 from files f where f.job_id = j.id)`,
      );
    // Finished exports that left no file (failed), and finished sweeps, of the same age.
    await c.tx.execute(
      sql`delete from jobs j where j.status in ('done', 'failed') and j.updated_at < ${before}
            and j.kind in ${[...EXPORT_KINDS, SWEEP_EXPORTS, SWEEP_REPORT_RESULTS]}
            and not exists (select 1 from files f where f.job_id = j.id)`,
    );
    return deleted;
  });
  // The bytes go once their rows are gone (a file without a row is what the store's own sweep removes).
  for (const f of removed) await deps.files.remove(f.storage_key).catch(() => undefined);
  return { removed: removed.length, kept: old.length - gone.length };
}

/** Drops kept report results of ended days not read for REPORT_RESULTS_UNREAD_DAYS. */
export async function sweepReportResults(deps: AppDeps): Promise<{ removed: number }> {
  const now = deps.now();
  const before = new Date(now.getTime() - deps.config.REPORT_RESULTS_UNREAD_DAYS * DAY);
  const gone = await rows<{ key: string }>(
    deps.db,
    sql`delete from report_results where as_of < ${vnDateOf(now)}::date and last_read_at < ${before} returning key`,
  );
  return { removed: gone.length };
}

export function registerRetentionJobs(jobs: JobRunner): void {
  jobs.registerRecurring({ kind: SWEEP_EXPORTS, everyMs: HOUR, run: async ({ deps }) => sweepExports(deps) });
  jobs.registerRecurring({
    kind: SWEEP_REPORT_RESULTS,
    everyMs: DAY,
    run: async ({ deps }) => sweepReportResults(deps),
  });
}
