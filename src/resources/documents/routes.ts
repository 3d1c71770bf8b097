/** /api/documents — directive documents (văn bản chỉ đạo), registered with their tasks in one request. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { rows } from '../../db/client.js';
import { DOC_TYPES } from '../../db/schema.js';
import { foldVietnamese } from '../../domain/text.js';
import { OPEN_STATUSES } from '../../domain/workflow.js';
import { forbidden, notFound } from '../../errors.js';
import { idParams, isoDate, qIds, version } from '../../http/validation.js';
import { authorize, documentActions, documentScope, taskScope } from '../../policies/index.js';
import { codes } from '../../services/asof.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { DOC, deleteDocument, parseNumber, registerDocument, updateDocument } from './commands.js';
import { documentSchema, presentDocument, type DocRow } from './presenter.js';
import { confirmDuplicate, docBody, newDocumentBody } from './schemas.js';

export function documentRoutes(app: Api) {
  const select = (actorScope: ReturnType<typeof taskScope>) => sql`
    select documents.*, l.full_name as signer_name, l.position as signer_position,
      (select count(*)::int from tasks where tasks.document_id = documents.id and ${actorScope}) as task_count,
      (select count(*)::int from tasks where tasks.document_id = documents.id and tasks.status in ${codes(OPEN_STATUSES)} and ${actorScope}) as open_task_count,
      (select count(*)::int from tasks where tasks.document_id = documents.id and tasks.status not in ('draft', 'cancelled')) as assigned_task_count
    from documents left join leaders l on l.id = documents.signer_id`;

  const getOne = async (actor: ReturnType<typeof requireActor>, id: number) => {
    const [row] = await rows<DocRow>(
      app.deps.db,
      sql`${select(taskScope(actor))} where documents.id = ${id} and ${documentScope(actor)}`,
    );
    if (!row) throw notFound(DOC);
    return presentDocument(row, actor);
  };

  app.get(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Danh sách văn bản chỉ đạo',
        querystring: z
          .object({
            q: z.string().trim().max(200).optional().describe('Tìm theo số ký hiệu, trích yếu (có hoặc không dấu)'),
            docType: z.enum(DOC_TYPES).optional(),
            signerId: qIds.optional(),
            issuedFrom: isoDate().optional(),
            issuedTo: isoDate().optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(documentSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      const conds = [documentScope(actor)];
      if (q.q) {
        // Every word in the number and abstract (with or without diacritics), or the code of one of its tasks.
        const words = foldVietnamese(q.q)
          .split(' ')
          .filter(Boolean)
          .slice(0, 8)
          .map((w) => sql`documents.search_folded like ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
        const code = sql`exists (select 1 from tasks where tasks.document_id = documents.id and tasks.code = ${q.q.trim().toUpperCase()} and ${taskScope(actor)})`;
        conds.push(words.length ? sql`((${sql.join(words, sql` and `)}) or ${code})` : code);
      }
      if (q.docType) conds.push(sql`documents.doc_type = ${q.docType}`);
      if (q.signerId) conds.push(sql`documents.signer_id in ${q.signerId}`);
      if (q.issuedFrom) conds.push(sql`documents.issued_on >= ${q.issuedFrom}::date`);
      if (q.issuedTo) conds.push(sql`documents.issued_on <= ${q.issuedTo}::date`);
      const where = sql.join(conds, sql` and `);
      const list = await rows<DocRow>(
        app.deps.db,
        sql`${select(taskScope(actor))} where ${where} order by documents.issued_on desc, documents.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
      );
      const [count] = await rows<{ n: number }>(
        app.deps.db,
        sql`select count(*)::int as n from documents where ${where}`,
      );
      return {
        items: list.map((r) => presentDocument(r, actor)),
        total: Number(count?.n ?? 0),
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
        body: docBody.partial().extend({ version, confirmDuplicate }).strict(),
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
        querystring: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }).strict(),
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
