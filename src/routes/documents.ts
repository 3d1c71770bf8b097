/** /api/documents — directive documents (văn bản chỉ đạo), registered with their tasks in one request. */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../auth/plugin.js';
import { rows } from '../db/client.js';
import { DOC_SOURCES, DOC_TYPES, documents, leaders, tasks, URGENCIES } from '../db/schema.js';
import { parseDocNumber, guessDocTypeFromCode } from '../domain/docnumber.js';
import { foldVietnamese } from '../domain/text.js';
import { OPEN_STATUSES } from '../domain/workflow.js';
import { badRequest, forbidden, notFound, staleVersion } from '../errors.js';
import { idParam, idParams, isoDate, optionalText, qIds, text, version } from '../http/validation.js';
import { authorize, documentActions, documentScope, taskScope } from '../policies/index.js';
import { codes } from '../services/asof.js';
import { checkBody, CREATE_LIMITS } from '../services/limits.js';
import * as cmd from '../resources/tasks/commands.js';
import { write } from '../http/write.js';
import { diff } from '../services/write.js';
import { confirmPastDeadline, newTaskSchema } from '../resources/tasks/schemas.js';
import { errors, type Api } from '../http/types.js';

const DOC = { vi: 'văn bản', en: 'Document' };

const documentSchema = z.object({
  id: z.number(),
  numberText: z.string().describe('Số, ký hiệu như trên văn bản'),
  number: z.number().nullable(),
  numberYear: z.number().nullable(),
  typeCode: z.string().nullable(),
  issuer: z.string().nullable(),
  docType: z.string(),
  issuedOn: z.string(),
  signer: z.object({ id: z.number(), name: z.string(), position: z.string() }).nullable(),
  abstract: z.string(),
  urgency: z.string(),
  secret: z.boolean(),
  source: z.string(),
  externalId: z.string().nullable(),
  taskCount: z.number(),
  openTaskCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});

const docBody = z
  .object({
    numberText: text(100).describe('Số, ký hiệu: 8164/UBND-VP, 19/2015/QĐ-UBND…'),
    docType: z.enum(DOC_TYPES).optional().describe('Loại văn bản; mặc định đoán từ ký hiệu'),
    issuedOn: isoDate(),
    signerId: idParam.nullish(),
    abstract: text(2000).describe('Trích yếu'),
    urgency: z.enum(URGENCIES).default('normal'),
    secret: z.boolean().default(false).describe('Văn bản mật: chỉ tham chiếu, không lưu tệp'),
    source: z.enum(DOC_SOURCES).default('manual'),
    externalId: optionalText(200).describe('Mã của văn bản trong hệ thống quản lý văn bản (khi đẩy qua API)'),
  })
  .strict();

interface DocRow {
  id: number;
  number_text: string;
  number: number | null;
  number_year: number | null;
  type_code: string | null;
  issuer: string | null;
  doc_type: string;
  issued_on: string;
  signer_id: number | null;
  signer_name: string | null;
  signer_position: string | null;
  abstract: string;
  urgency: string;
  secret: boolean;
  source: string;
  external_id: string | null;
  version: number;
  created_at: Date | string;
  task_count: number;
  open_task_count: number;
}

export function documentRoutes(app: Api) {
  const select = (actorScope: ReturnType<typeof taskScope>) => sql`
    select documents.*, l.full_name as signer_name, l.position as signer_position,
      (select count(*)::int from tasks where tasks.document_id = documents.id and ${actorScope}) as task_count,
      (select count(*)::int from tasks where tasks.document_id = documents.id and tasks.status in ${codes(OPEN_STATUSES)} and ${actorScope}) as open_task_count
    from documents left join leaders l on l.id = documents.signer_id`;

  const present = (r: DocRow, actor: ReturnType<typeof requireActor>) => ({
    id: r.id,
    numberText: r.number_text,
    number: r.number,
    numberYear: r.number_year,
    typeCode: r.type_code,
    issuer: r.issuer,
    docType: r.doc_type,
    issuedOn: r.issued_on,
    signer: r.signer_id ? { id: r.signer_id, name: r.signer_name ?? '', position: r.signer_position ?? '' } : null,
    abstract: r.abstract,
    urgency: r.urgency,
    secret: r.secret,
    source: r.source,
    externalId: r.external_id,
    taskCount: r.task_count,
    openTaskCount: r.open_task_count,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    actions: documentActions(actor, { visibleTaskCount: r.task_count }),
  });

  const getOne = async (actor: ReturnType<typeof requireActor>, id: number) => {
    const [row] = await rows<DocRow>(
      app.deps.db,
      sql`${select(taskScope(actor))} where documents.id = ${id} and ${documentScope(actor)}`,
    );
    if (!row) throw notFound(DOC);
    return present(row, actor);
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
      if (q.q)
        for (const w of foldVietnamese(q.q).split(' ').filter(Boolean).slice(0, 8))
          conds.push(sql`documents.search_folded like ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
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
        items: list.map((r) => present(r, actor)),
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

  const parseNumber = (numberText: string) => {
    const parsed = parseDocNumber(numberText);
    if (!parsed.ok)
      throw badRequest(
        parsed.reason,
        `The document number "${numberText}" is not understood: ${parsed.reason}`,
        'numberText',
      );
    return parsed.value;
  };

  app.post(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Đăng ký văn bản, kèm các nhiệm vụ trong văn bản',
        body: docBody
          .extend({ tasks: z.array(newTaskSchema).max(CREATE_LIMITS.tasksPerRequest).default([]), confirmPastDeadline })
          .strict(),
        response: { 201: documentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'document.create');
      const b = req.body;
      const n = parseNumber(b.numberText);
      const id = await write(req, async (w) => {
        if (b.signerId) {
          const [s] = await w.tx.select({ id: leaders.id }).from(leaders).where(eq(leaders.id, b.signerId));
          if (!s)
            throw badRequest(
              `Không có lãnh đạo mã số ${b.signerId}.`,
              `There is no leader with id ${b.signerId}.`,
              'signerId',
            );
        }
        if (b.externalId) {
          const [dup] = await w.tx
            .select({ id: documents.id })
            .from(documents)
            .where(and(eq(documents.source, b.source), eq(documents.externalId, b.externalId)));
          if (dup)
            throw badRequest(
              `Văn bản với mã ngoài "${b.externalId}" đã được đăng ký (mã số ${dup.id}).`,
              `A document with external id "${b.externalId}" exists (id ${dup.id}).`,
              'externalId',
            );
        }
        const [doc] = await w.tx
          .insert(documents)
          .values({
            numberText: n.text,
            number: n.number,
            numberSuffix: n.suffix || null,
            numberYear: n.year,
            typeCode: n.typeCode,
            issuer: n.issuer,
            docType: b.docType ?? (guessDocTypeFromCode(n.typeCode) as (typeof DOC_TYPES)[number]),
            issuedOn: b.issuedOn,
            signerId: b.signerId ?? null,
            abstract: b.abstract,
            urgency: b.urgency,
            secret: b.secret,
            source: b.source,
            externalId: b.externalId ?? null,
            searchFolded: foldVietnamese(`${n.text} ${b.abstract}`),
            createdBy: w.actor.id,
            createdAt: w.now,
            updatedAt: w.now,
          })
          .returning();
        const d = doc!;
        await w.event({
          entityType: 'document',
          entityId: d.id,
          action: 'document.create',
          after: { numberText: d.numberText, docType: d.docType, issuedOn: d.issuedOn, abstract: d.abstract },
        });
        const ctx = {
          id: d.id,
          numberText: d.numberText,
          abstract: d.abstract,
          issuedOn: d.issuedOn,
          signerId: d.signerId,
        };
        checkBody(w, b.tasks);
        for (const [i, t] of b.tasks.entries())
          await cmd.createTask(w, t, {
            doc: ctx,
            field: `tasks.${i}`,
            confirmPastDeadline: b.confirmPastDeadline,
          });
        return d.id;
      });
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
        body: docBody.partial().extend({ version }).strict(),
        response: { 200: documentSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!documentActions(actor, { visibleTaskCount: 0 }).includes('update')) throw forbidden();
      const { version: v, ...b } = req.body;
      await write(req, async (w) => {
        const [cur] = await w.tx.select().from(documents).where(eq(documents.id, req.params.id)).for('update');
        if (!cur) throw notFound(DOC);
        if (cur.version !== v) throw staleVersion();
        const patch: Partial<typeof documents.$inferInsert> = {};
        if (b.numberText !== undefined) {
          const n = parseNumber(b.numberText);
          Object.assign(patch, {
            numberText: n.text,
            number: n.number,
            numberSuffix: n.suffix || null,
            numberYear: n.year,
            typeCode: n.typeCode,
            issuer: n.issuer,
          });
        }
        for (const k of [
          'docType',
          'issuedOn',
          'signerId',
          'abstract',
          'urgency',
          'secret',
          'source',
          'externalId',
        ] as const)
          if (b[k] !== undefined) (patch as Record<string, unknown>)[k] = b[k];
        const numberText = patch.numberText ?? cur.numberText;
        const abstract = patch.abstract ?? cur.abstract;
        patch.searchFolded = foldVietnamese(`${numberText} ${abstract}`);
        const [upd] = await w.tx
          .update(documents)
          .set({ ...patch, version: cur.version + 1, updatedAt: w.now })
          .where(and(eq(documents.id, cur.id), eq(documents.version, v)))
          .returning();
        if (!upd) throw staleVersion();
        const { searchFolded: _a, ...shown } = patch;
        void _a;
        const d = diff(cur, shown);
        await w.event({ entityType: 'document', entityId: cur.id, action: 'document.update', ...d });
        if (numberText !== cur.numberText || abstract !== cur.abstract) {
          // Tasks are found by their document's number and abstract too.
          const list = await w.tx
            .select({ id: tasks.id, content: tasks.content })
            .from(tasks)
            .where(eq(tasks.documentId, cur.id));
          for (const t of list)
            await w.tx
              .update(tasks)
              .set({ searchFolded: cmd.searchTextOf(t.content, { numberText, abstract }) })
              .where(eq(tasks.id, t.id));
        }
      });
      return getOne(actor, req.params.id);
    },
  );
}
