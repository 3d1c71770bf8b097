/**
 * /api/files — attachments of tasks, reports and documents. Upload is multipart with one file; size and
 * type are limited, the SHA-256 is computed while the file streams to the store, and the record is written
 * only once the file is safely stored (a failed write removes the stored bytes).
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { rows } from '../../db/client.js';
import { files, reports } from '../../db/schema.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import type { Actor } from '../../domain/actor.js';
import {
  authorizeFile,
  documentScope,
  FILE_NAME,
  FILE_OWNER_NAME,
  taskScope,
  type FileAction,
} from '../../policies/index.js';
import { loadSettings } from '../../services/settings.js';
import { factsOf, loadTask, policySettingsOf } from '../tasks/repository.js';
import { fileSchema } from '../tasks/presenter.js';
import { idParam, idParams } from '../../http/validation.js';
import { write } from '../../http/write.js';
import { errorBody, errors, type Api } from '../../http/types.js';

/** Accepted types: office documents, PDF, images, text and archives. */
const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.txt': 'text/plain',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.zip': 'application/zip',
  '.rar': 'application/vnd.rar',
};
/** The first bytes a file of each type must start with (where the type has a signature). */
const MAGIC: Record<string, number[][]> = {
  '.pdf': [[0x25, 0x50, 0x44, 0x46]],
  '.docx': [[0x50, 0x4b]],
  '.xlsx': [[0x50, 0x4b]],
  '.odt': [[0x50, 0x4b]],
  '.ods': [[0x50, 0x4b]],
  '.zip': [[0x50, 0x4b]],
  '.png': [[0x89, 0x50, 0x4e, 0x47]],
  '.jpg': [[0xff, 0xd8, 0xff]],
  '.jpeg': [[0xff, 0xd8, 0xff]],
  '.doc': [[0xd0, 0xcf, 0x11, 0xe0]],
  '.xls': [[0xd0, 0xcf, 0x11, 0xe0]],
};

/** A multipart body the parser cannot read (no boundary, cut short…) is the client's: 400, not 500. */
function malformedMultipart(err: unknown): never {
  if (err instanceof AppError || (err as { code?: string }).code?.startsWith('FST_')) throw err;
  throw badRequest(
    'Nội dung multipart/form-data bị hỏng hoặc không trọn vẹn (thiếu boundary hoặc bị cắt ngang). Hãy gửi lại tệp.',
    'The multipart/form-data body is malformed or incomplete (no boundary, or cut short). Send the file again.',
    'file',
  );
}

type Target = { kind: 'task' | 'report' | 'document'; id: number };

/**
 * Loads what a file belongs to and asks the policy (`authorizeFile`): what the actor may not see answers
 * 404 exactly as what does not exist — with the name of the target, or of the file when `asked` is 'file'.
 */
async function checkTarget(
  app: Api,
  actor: Actor,
  t: Target,
  mode: FileAction,
  asked: 'owner' | 'file' = 'owner',
): Promise<{ taskId: number | null; documentId: number | null; reportId: number | null }> {
  const db = app.deps.db;
  const ps = policySettingsOf(await loadSettings(app.deps, db));
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

/** Counts bytes and hashes them as they pass; checks the type's signature on the first bytes. */
function inspector(ext: string) {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      size += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return {
    stream,
    result: () => ({
      size,
      sha256: hash.digest('hex'),
      signatureOk: !MAGIC[ext] || MAGIC[ext]!.some((sig) => sig.every((b, i) => head[i] === b)),
    }),
  };
}

export function fileRoutes(app: Api) {
  app.post(
    '/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Tải lên một tệp (multipart/form-data: targetType = task | report | document, targetId, rồi file)',
        consumes: ['multipart/form-data'],
        response: { 201: fileSchema, ...errors, 413: errorBody, 415: errorBody },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', {
          vi: 'Hãy gửi tệp dưới dạng multipart/form-data.',
          en: 'Send the file as multipart/form-data.',
        });
      const part = await req.file().catch(malformedMultipart);
      if (!part)
        throw badRequest('Chưa có tệp nào được gửi (trường "file").', 'No file was sent (field "file").', 'file');
      const fieldValue = (name: string) => {
        const f = part.fields[name];
        const v = Array.isArray(f) ? f[0] : f;
        return v && 'value' in v ? String(v.value) : undefined;
      };
      const parsed = z
        .object({
          targetType: z.enum(['task', 'report', 'document']),
          targetId: idParam,
        })
        .safeParse({ targetType: fieldValue('targetType'), targetId: fieldValue('targetId') });
      if (!parsed.success) {
        part.file.resume();
        throw badRequest(
          'Trước trường "file", hãy gửi "targetType" (task, report hoặc document) và "targetId" (số).',
          'Before the "file" field, send "targetType" (task, report or document) and "targetId" (a number).',
          'targetType',
        );
      }
      // Control characters (U+0000 above all, which PostgreSQL cannot store) have no place in a file name.
      // eslint-disable-next-line no-control-regex
      const filename = path.basename((part.filename || '').replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 255);
      const ext = path.extname(filename).toLowerCase();
      if (!filename || !TYPES[ext]) {
        part.file.resume();
        throw new AppError('unsupported_media_type', {
          vi: `Loại tệp "${ext || filename}" không được nhận. Nhận: ${Object.keys(TYPES).join(', ')}.`,
          en: `File type "${ext || filename}" is not accepted. Accepted: ${Object.keys(TYPES).join(', ')}.`,
        });
      }
      let owner;
      try {
        owner = await checkTarget(app, actor, { kind: parsed.data.targetType, id: parsed.data.targetId }, 'attach');
      } catch (err) {
        part.file.resume();
        throw err;
      }
      const id = randomUUID();
      const insp = inspector(ext);
      const body = new PassThrough();
      // pipeline, not pipe: a body cut short may have failed already while the target was checked, and
      // pipeline reports that (destroying the store's stream too) instead of waiting for ever.
      const [read, stored] = await Promise.allSettled([
        pipeline(part.file, insp.stream, body),
        app.deps.files.put(id, body),
      ]);
      if (read.status === 'rejected' || stored.status === 'rejected') {
        await app.deps.files.remove(id);
        // The body could not be read: the client's; it was read but not stored: the server's (a 500).
        if (read.status === 'rejected') malformedMultipart(read.reason);
        throw (stored as PromiseRejectedResult).reason;
      }
      const { size, sha256, signatureOk } = insp.result();
      if (part.file.truncated) {
        await app.deps.files.remove(id);
        throw new AppError('payload_too_large', {
          vi: `Tệp vượt quá ${app.deps.config.MAX_UPLOAD_MB} MB.`,
          en: `The file is larger than ${app.deps.config.MAX_UPLOAD_MB} MB.`,
        });
      }
      if (size === 0 || !signatureOk) {
        await app.deps.files.remove(id);
        throw badRequest(
          size === 0 ? 'Tệp rỗng.' : `Nội dung tệp không phải là ${ext} đúng như tên tệp.`,
          size === 0 ? 'The file is empty.' : `The file's content is not a real ${ext} file.`,
          'file',
        );
      }
      try {
        const row = await write(req, async (w) => {
          const [f] = await w.tx
            .insert(files)
            .values({
              id,
              storageKey: id,
              filename,
              mimeType: TYPES[ext]!,
              size,
              sha256,
              ...owner,
              uploadedBy: w.actor.id,
              createdAt: w.now,
            })
            .returning();
          await w.event({
            entityType: 'file',
            entityId: id,
            taskId: owner.taskId,
            action: 'file.upload',
            after: { filename, size, sha256, ...owner },
          });
          return f!;
        });
        reply.status(201);
        return {
          id: row.id,
          filename: row.filename,
          mimeType: row.mimeType,
          size: row.size,
          sha256: row.sha256,
          uploadedAt: row.createdAt.toISOString(),
        };
      } catch (err) {
        await app.deps.files.remove(id);
        throw err;
      }
    },
  );

  app.get(
    '/documents/:id/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Các tệp đính kèm của một văn bản',
        params: idParams,
        response: { 200: z.object({ items: z.array(fileSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await checkTarget(app, actor, { kind: 'document', id: req.params.id }, 'read');
      const list = await app.deps.db
        .select()
        .from(files)
        .where(eq(files.documentId, req.params.id))
        .orderBy(files.createdAt);
      return {
        items: list.map((f) => ({
          id: f.id,
          filename: f.filename,
          mimeType: f.mimeType,
          size: f.size,
          sha256: f.sha256,
          uploadedAt: f.createdAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Tải xuống một tệp',
        params: z.object({ id: z.uuid({ message: 'uuid' }).max(36, { message: 'uuid' }) }).strict(),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const [f] = await app.deps.db.select().from(files).where(eq(files.id, req.params.id));
      // An export's file is its creator's, downloaded through /api/exports/{id}/file (ADR 0012).
      if (!f || f.jobId !== null) throw notFound(FILE_NAME);
      const target: Target = f.reportId
        ? { kind: 'report', id: f.reportId }
        : f.taskId
          ? { kind: 'task', id: f.taskId }
          : { kind: 'document', id: f.documentId! };
      await checkTarget(app, actor, target, 'read', 'file');
      reply
        .header('content-type', f.mimeType)
        .header('content-length', String(f.size))
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${f.sha256}"`)
        .header(
          'content-disposition',
          `attachment; filename="${f.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
        );
      return reply.send(app.deps.files.get(f.storageKey));
    },
  );
}
