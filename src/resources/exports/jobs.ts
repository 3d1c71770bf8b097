/**
 * The export jobs: a task list too long to download at once (kind `export.tasks`), a report's table as
 * Excel (`export.report-xlsx`) or the periodic Word report (`export.report-docx`) is written by the job
 * runner (services/jobs.ts) into the file store, with its progress, and kept for its creator to download
 * (ADR 0012), in the creator's language. The file's record (`files.job_id`) is written in a command, as the system acting for the user.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { loadActor } from '../../auth/plugin.js';
import type { Executor } from '../../db/client.js';
import { files, users } from '../../db/schema.js';
import { vnDateOf } from '../../domain/dates.js';
import { runCommand, systemWho } from '../../services/command.js';
import type { AppDeps } from '../../services/deps.js';
import { PermanentJobError, type JobRow, type JobRunner } from '../../services/jobs.js';
import { loadSettings } from '../../services/settings.js';
import { countTasks } from '../tasks/list.js';
import { taskFilterOf, type ListQuery } from '../tasks/schemas.js';
import type { Actor } from '../../domain/actor.js';
import type { Lang } from '../../errors.js';
import { computeReport } from '../reports/engine.js';
import { reportParamsOf } from '../reports/schemas.js';
import { REPORT_DIMENSIONS, type ReportDimension } from '../reports/types.js';
import { DOCX_TYPE } from './nd30.js';
import {
  docxParamsOf,
  reportDocx,
  reportFileName,
  reportScopeOf,
  writeReportXlsx,
  type ReportDocxQuery,
} from './reports.js';
import { tasksFileName, writeTasksXlsx } from './tasks.js';
import { XLSX_TYPE } from './xlsx.js';

export const EXPORT_TASKS = 'export.tasks';
/** A report's table as Excel, and the periodic Word report, made in the background. */
export const EXPORT_REPORT_XLSX = 'export.report-xlsx';
export const EXPORT_REPORT_DOCX = 'export.report-docx';
/** Every kind of export job: the list of one's exports and the per-user limit count them all. */
export const EXPORT_KINDS = [EXPORT_TASKS, EXPORT_REPORT_XLSX, EXPORT_REPORT_DOCX];

export interface ExportTasksPayload {
  /** The list's query, as validated by `listQuery` when the job was asked for. */
  query: ListQuery;
  /** The day the export was asked for: "today" of a list without a cut-off date. */
  today: string;
}

export interface ExportReportPayload {
  by: ReportDimension;
  /** The report's query (`reportDocxQuery`, whose period fields the Excel export does not use). */
  query: ReportDocxQuery;
  today: string;
}

export interface ExportResult {
  fileId: string;
  filename: string;
  size: number;
  rows: number;
}

/** The user who asked for the export, who must still be active, and the language of their files. */
async function creatorOf(deps: AppDeps, createdBy: number | null): Promise<{ actor: Actor; lang: Lang }> {
  const actor = createdBy === null ? null : await loadActor(deps.db, createdBy);
  if (!actor) throw new PermanentJobError('the user who asked for the export is no longer active');
  return { actor, lang: await userLanguage(deps.db, actor.id) };
}

/**
 * Writes a file into the file store through `write` (which gets the stream to write into), then records it
 * in `files` with its job and an `export.done` event, in one command. Nothing is left of a failed file.
 */
async function storeExport(
  deps: AppDeps,
  job: JobRow,
  actor: Actor,
  file: { filename: string; mimeType: string },
  write: (out: PassThrough) => Promise<number>,
): Promise<ExportResult> {
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
      write(out).catch((err: unknown) => {
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
  const { filename, mimeType } = file;
  const result: ExportResult = { fileId: key, filename, size, rows };
  try {
    await runCommand(deps, systemWho('export', actor), async (c) => {
      await c.tx.insert(files).values({
        id: key,
        storageKey: key,
        filename,
        mimeType,
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
}

export function registerExportJobs(jobs: JobRunner): void {
  jobs.register({
    kind: EXPORT_TASKS,
    maxAttempts: 2,
    run: async ({ job, deps, progress, signal }): Promise<ExportResult> => {
      const p = job.payload as ExportTasksPayload;
      if (!p?.query || typeof p.today !== 'string') throw new PermanentJobError('the export has no query');
      const { actor } = await creatorOf(deps, job.createdBy);
      const settings = await loadSettings(deps, deps.db);
      const f = taskFilterOf(p.query, p.today, settings.staleAfterDays);
      const total = await countTasks(deps.db, actor, f);
      return storeExport(deps, job, actor, { filename: tasksFileName(f.asOf), mimeType: XLSX_TYPE }, (out) =>
        writeTasksXlsx(deps, deps.db, actor, f, out, async (n) => {
          if (signal.aborted) throw new Error('export stopped: the server is shutting down');
          await progress(total ? (n / total) * 99 : 99);
        }),
      );
    },
  });

  // A report: the engine's figures (a kept result when there is one), then the file.
  const reportJob = (kind: string, ext: 'xlsx' | 'docx') =>
    jobs.register({
      kind,
      maxAttempts: 2,
      run: async ({ job, deps, progress, signal }): Promise<ExportResult> => {
        const p = job.payload as ExportReportPayload;
        if (!p?.query || typeof p.today !== 'string' || !REPORT_DIMENSIONS.includes(p.by))
          throw new PermanentJobError('the export has no report query');
        const { actor, lang } = await creatorOf(deps, job.createdBy);
        const { params, period } =
          ext === 'docx'
            ? docxParamsOf(p.by, p.query, p.today)
            : { params: reportParamsOf(p.by, stripPeriod(p.query), p.today), period: null };
        const report = await computeReport(deps, deps.db, actor, params);
        if (signal.aborted) throw new Error('export stopped: the server is shutting down');
        await progress(50);
        const filename = reportFileName(params, ext);
        if (ext === 'xlsx')
          return storeExport(deps, job, actor, { filename, mimeType: XLSX_TYPE }, (out) =>
            writeReportXlsx(report, out, lang),
          );
        const settings = await loadSettings(deps, deps.db);
        const buf = await reportDocx(report, period, settings, p.today, await reportScopeOf(deps, deps.db, actor));
        return storeExport(deps, job, actor, { filename, mimeType: DOCX_TYPE }, async (out) => {
          out.end(buf);
          return report.rows.length;
        });
      },
    });
  reportJob(EXPORT_REPORT_XLSX, 'xlsx');
  reportJob(EXPORT_REPORT_DOCX, 'docx');
}

/** The Excel report's query: the report's own, without the Word report's period fields. */
export const stripPeriod = (q: ReportDocxQuery) => {
  const { period: _p, year: _y, number: _n, ...rest } = q;
  return rest;
};

/** The stored file of a finished export job. */
export async function exportFile(deps: AppDeps, jobId: number) {
  const [f] = await deps.db.select().from(files).where(eq(files.jobId, jobId));
  return f ?? null;
}

/** The language the user chose ('vi' unless they chose English): their exports are written in it. */
export async function userLanguage(ex: Executor, userId: number): Promise<Lang> {
  const [u] = await ex.select({ language: users.language }).from(users).where(eq(users.id, userId));
  return u?.language === 'en' ? 'en' : 'vi';
}

/** Today in Vietnam on the app's clock. */
export const todayOf = (deps: AppDeps) => vnDateOf(deps.now());
