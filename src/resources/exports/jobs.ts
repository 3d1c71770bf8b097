/**
 * The export job (kind `export.tasks`): a task list too long to download at once is written by the job
 * runner (services/jobs.ts) into the file store, with its progress, and kept for its creator to download
 * (ADR 0012). The file's record (`files.job_id`) is written in a command, as the system acting for the user.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { loadActor } from '../../auth/plugin.js';
import { files } from '../../db/schema.js';
import { vnDateOf } from '../../domain/dates.js';
import { runCommand, systemWho } from '../../services/command.js';
import type { AppDeps } from '../../services/deps.js';
import { PermanentJobError, type JobRunner } from '../../services/jobs.js';
import { loadSettings } from '../../services/settings.js';
import { countTasks } from '../tasks/list.js';
import { taskFilterOf, type ListQuery } from '../tasks/schemas.js';
import { tasksFileName, writeTasksXlsx } from './tasks.js';
import { XLSX_TYPE } from './xlsx.js';

export const EXPORT_TASKS = 'export.tasks';

export interface ExportTasksPayload {
  /** The list's query, as validated by `listQuery` when the job was asked for. */
  query: ListQuery;
  /** The day the export was asked for: "today" of a list without a cut-off date. */
  today: string;
}

export interface ExportResult {
  fileId: string;
  filename: string;
  size: number;
  rows: number;
}

export function registerExportJobs(jobs: JobRunner): void {
  jobs.register({
    kind: EXPORT_TASKS,
    maxAttempts: 2,
    run: async ({ job, deps, progress, signal }): Promise<ExportResult> => {
      const p = job.payload as ExportTasksPayload;
      if (!p?.query || typeof p.today !== 'string') throw new PermanentJobError('the export has no query');
      const actor = job.createdBy === null ? null : await loadActor(deps.db, job.createdBy);
      if (!actor) throw new PermanentJobError('the user who asked for the export is no longer active');
      const settings = await loadSettings(deps, deps.db);
      const f = taskFilterOf(p.query, p.today, settings.staleAfterDays);
      const total = await countTasks(deps.db, actor, f);
      const key = randomUUID();
      const hash = createHash('sha256');
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      const out = new PassThrough();
      const stored = deps.files.put(key, counter);
      let rows: number;
      try {
        const [written] = await Promise.all([
          writeTasksXlsx(deps, deps.db, actor, f, out, async (n) => {
            if (signal.aborted) throw new Error('export stopped: the server is shutting down');
            await progress(total ? (n / total) * 99 : 99);
          }).catch((err: unknown) => {
            out.destroy(err as Error);
            throw err;
          }),
          pipeline(out, counter),
          stored,
        ]);
        rows = written;
      } catch (err) {
        await deps.files.remove(key);
        throw err;
      }
      const filename = tasksFileName(f.asOf);
      const result: ExportResult = { fileId: key, filename, size, rows };
      try {
        await runCommand(deps, systemWho('export', actor), async (c) => {
          await c.tx.insert(files).values({
            id: key,
            storageKey: key,
            filename,
            mimeType: XLSX_TYPE,
            size,
            sha256: hash.digest('hex'),
            jobId: job.id,
            uploadedBy: actor.id,
            createdAt: c.now,
          });
          await c.event({
            entityType: 'job',
            entityId: job.id,
            action: 'export.done',
            after: { kind: job.kind, fileId: key, filename, size, rows },
          });
        });
      } catch (err) {
        await deps.files.remove(key);
        throw err;
      }
      return result;
    },
  });
}

/** The stored file of a finished export job. */
export async function exportFile(deps: AppDeps, jobId: number) {
  const [f] = await deps.db.select().from(files).where(eq(files.jobId, jobId));
  return f ?? null;
}

/** Today in Vietnam on the app's clock. */
export const todayOf = (deps: AppDeps) => vnDateOf(deps.now());
