/**
 * The reads of files: what a file belongs to, loaded and judged by the policy (`authorizeFile`), a
 * document's files, one file's record.
 */
import { eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client.js';
import { files, reports } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import {
  authorizeFile,
  documentScope,
  FILE_NAME,
  FILE_OWNER_NAME,
  taskScope,
  type FileAction,
} from '../../policies/index.js';
import type { AppDeps } from '../../services/deps.js';
import { loadSettings } from '../../services/settings.js';
import { factsOf, loadTask, policySettingsOf } from '../tasks/repository.js';

export type FileRow = typeof files.$inferSelect;

export type Target = { kind: 'task' | 'report' | 'document'; id: number };

/** What a file belongs to, as its record names it. */
export type FileOwner = { taskId: number | null; documentId: number | null; reportId: number | null };

/**
 * Loads what a file belongs to and asks the policy (`authorizeFile`): what the actor may not see answers
 * 404 exactly as what does not exist — with the name of the target, or of the file when `asked` is 'file'.
 */
export async function checkTarget(
  deps: AppDeps,
  actor: Actor,
  t: Target,
  mode: FileAction,
  asked: 'owner' | 'file' = 'owner',
): Promise<FileOwner> {
  const db = deps.db;
  const ps = policySettingsOf(await loadSettings(deps, db));
  const missing = () => notFound(asked === 'file' ? FILE_NAME : FILE_OWNER_NAME[t.kind]);
  if (t.kind === 'document') {
    const [d] = await rows<{ id: number; secret: boolean; n: number; visible: boolean }>(
      db,
      sql`select documents.id, documents.secret, ${documentScope(actor)} as visible, (select count(*)::int from tasks where tasks.document_id = documents.id and ${taskScope(actor)}) as n from documents where documents.id = ${t.id}`,
    );
    if (!d) throw missing();
    authorizeFile(actor, mode, { kind: 'document', visible: d.visible, visibleTaskCount: d.n }, ps, asked);
    if (mode === 'attach' && d.secret)
      throw badRequest(
        'Văn bản mật chỉ được tham chiếu, không lưu tệp trên hệ thống.',
        'A secret document is only referenced; its files are not stored.',
        'targetId',
      );
    return { taskId: null, documentId: d.id, reportId: null };
  }
  let taskId = t.id;
  let report: { agencyId: number; createdBy: number } | null = null;
  if (t.kind === 'report') {
    const [r] = await db.select().from(reports).where(eq(reports.id, t.id));
    if (!r) throw missing();
    taskId = r.taskId;
    report = { agencyId: r.agencyId, createdBy: r.createdBy };
  }
  let loaded;
  try {
    loaded = await loadTask(db, taskId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw missing();
    throw err;
  }
  const task = factsOf(loaded);
  authorizeFile(actor, mode, report ? { kind: 'report', task, report } : { kind: 'task', task }, ps, asked);
  return { taskId, documentId: null, reportId: report ? t.id : null };
}

/** The target of a stored file, for the policy. */
export const targetOf = (f: FileRow): Target =>
  f.reportId
    ? { kind: 'report', id: f.reportId }
    : f.taskId
      ? { kind: 'task', id: f.taskId }
      : { kind: 'document', id: f.documentId! };

export async function fileById(ex: Executor, id: string): Promise<FileRow> {
  const [f] = await ex.select().from(files).where(eq(files.id, id));
  // An export's file is its creator's, downloaded through /api/exports/{id}/file (ADR 0012).
  if (!f || f.jobId !== null) throw notFound(FILE_NAME);
  return f;
}

export async function documentFiles(ex: Executor, documentId: number): Promise<FileRow[]> {
  return ex.select().from(files).where(eq(files.documentId, documentId)).orderBy(files.createdAt);
}
