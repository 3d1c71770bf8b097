/**
 * /api/files — attachments of tasks, reports and documents. Upload is multipart with one file; size and
 * type are limited, the SHA-256 is computed while the file streams to the store (services/files.ts), and the
 * record is written only once the file is safely stored (a failed write removes the stored bytes).
 */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { AppError, badRequest } from '../../errors.js';
import { idParams } from '../../http/validation.js';
import { write } from '../../http/write.js';
import { errorBody, errors, type Api } from '../../http/types.js';
import { acceptedFile, malformedMultipart, storeUpload } from '../../services/files.js';
import { fileSchema } from '../tasks/presenter.js';
import { recordUpload } from './commands.js';
import { downloadHeaders, presentFile } from './presenter.js';
import { checkTarget, documentFiles, fileById, targetOf } from './queries.js';
import { fileIdParams, uploadFields } from './schemas.js';

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
      // Until the bytes are streamed, any refusal drains the file so the answer is sent at once.
      let target, meta, owner;
      try {
        const parsed = uploadFields.safeParse({
          targetType: fieldValue('targetType'),
          targetId: fieldValue('targetId'),
        });
        if (!parsed.success)
          throw badRequest(
            'Trước trường "file", hãy gửi "targetType" (task, report hoặc document) và "targetId" (số).',
            'Before the "file" field, send "targetType" (task, report or document) and "targetId" (a number).',
            'targetType',
          );
        target = parsed.data;
        meta = acceptedFile(part.filename);
        owner = await checkTarget(app.deps, actor, { kind: target.targetType, id: target.targetId }, 'attach');
      } catch (err) {
        part.file.resume();
        throw err;
      }
      const stored = await storeUpload(app.deps.files, part.file, meta.ext, app.deps.config.MAX_UPLOAD_MB);
      try {
        const row = await write(req, (w) => recordUpload(w, stored, meta, owner));
        reply.status(201);
        return presentFile(row);
      } catch (err) {
        await app.deps.files.remove(stored.id);
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
      await checkTarget(app.deps, requireActor(req), { kind: 'document', id: req.params.id }, 'read');
      return { items: (await documentFiles(app.deps.db, req.params.id)).map(presentFile) };
    },
  );

  app.get(
    '/files/:id',
    {
      schema: { tags: ['files'], summary: 'Tải xuống một tệp', params: fileIdParams },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const f = await fileById(app.deps.db, req.params.id);
      await checkTarget(app.deps, actor, targetOf(f), 'read', 'file');
      return reply.headers(downloadHeaders(f)).send(app.deps.files.get(f.storageKey));
    },
  );
}
