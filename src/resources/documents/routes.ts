/** /api/documents — directive documents (văn bản chỉ đạo), registered with their tasks in one request. */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import type { Actor } from '../../domain/actor.js';
import { forbidden } from '../../errors.js';
import { idParams } from '../../http/validation.js';
import { authorize, documentActions } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { deleteDocument, parseNumber, registerDocument, updateDocument } from './commands.js';
import { documentSchema, presentDocument } from './presenter.js';
import { documentById, listDocuments } from './queries.js';
import { documentListQuery, newDocumentBody, updateDocumentBody, versionQuery } from './schemas.js';

export function documentRoutes(app: Api) {
  const getOne = async (actor: Actor, id: number) => presentDocument(await documentById(app.deps.db, actor, id), actor);

  app.get(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Danh sách văn bản chỉ đạo',
        querystring: documentListQuery,
        response: {
          200: z.object({ items: z.array(documentSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      const list = await listDocuments(app.deps.db, actor, q);
      return {
        items: list.rows.map((r) => presentDocument(r, actor)),
        total: list.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Một văn bản',
        params: idParams,
        response: { 200: documentSchema, ...errors },
      },
    },
    async (req) => getOne(requireActor(req), req.params.id),
  );

  app.post(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Đăng ký văn bản, kèm các nhiệm vụ trong văn bản',
        body: newDocumentBody,
        response: { 201: documentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'document.create');
      const b = req.body;
      const n = parseNumber(b.numberText);
      const id = await write(req, (w) => registerDocument(w, b, n));
      reply.status(201);
      return getOne(actor, id);
    },
  );

  app.patch(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Sửa thông tin văn bản',
        params: idParams,
        body: updateDocumentBody,
        response: { 200: documentSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!documentActions(actor, { visibleTaskCount: 0 }).includes('update')) throw forbidden();
      const { version: v, ...b } = req.body;
      await write(req, (w) => updateDocument(w, req.params.id, v, b));
      return getOne(actor, req.params.id);
    },
  );

  app.delete(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Xóa văn bản đăng ký nhầm (khi chưa nhiệm vụ nào được giao; các dự thảo bị hủy theo)',
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      requireActor(req);
      await write(req, (w) => deleteDocument(w, req.params.id, req.query.version));
      reply.status(204);
      return null;
    },
  );
}
