/**
 * /api/agencies: the list, creation, edits (a new name is recorded for past reports) and the merger into a
 * successor. Reads are open to every signed-in user; writes are the admin's (policies.can).
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { AGENCY_KINDS, agencies, agencyNames, users } from '../../db/schema.js';

import { vnDateOf } from '../../domain/dates.js';
import { foldVietnamese } from '../../domain/text.js';
import { badRequest, notFound, staleVersion } from '../../errors.js';
import { idParam, idParams, isoDate, sortOrder, text, version } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { handOverAgencyTasks } from '../tasks/commands.js';
import { write } from '../../http/write.js';
import { diff } from '../../services/write.js';
import { errors, type Api } from '../../http/types.js';
import { agencySchema, presentAgency } from './presenter.js';

export function agencyRoutes(app: Api) {
  const today = () => vnDateOf(app.deps.now());

  const AGENCY = { vi: 'cơ quan', en: 'Agency' };

  // ---- agencies ----
  app.get(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh sách cơ quan, đơn vị',
        querystring: z
          .object({
            q: z.string().trim().max(100).optional(),
            kind: z.enum(AGENCY_KINDS).optional(),
            active: z.enum(['true', 'false', 'all']).default('all'),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(agencySchema) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      const d = today();
      const conds = [];
      if (req.query.q) conds.push(sql`${agencies.nameFolded} like ${`%${foldVietnamese(req.query.q)}%`}`);
      if (req.query.kind) conds.push(eq(agencies.kind, req.query.kind));
      if (req.query.active === 'true')
        conds.push(sql`${agencies.validFrom} <= ${d} and (${agencies.validTo} is null or ${agencies.validTo} >= ${d})`);
      if (req.query.active === 'false')
        conds.push(
          sql`not (${agencies.validFrom} <= ${d} and (${agencies.validTo} is null or ${agencies.validTo} >= ${d}))`,
        );
      const list = await app.deps.db
        .select()
        .from(agencies)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(agencies.sortOrder), asc(agencies.name));
      return { items: list.map((a) => presentAgency(a, d, requireActor(req))) };
    },
  );

  const agencyBody = z
    .object({
      code: z
        .string()
        .trim()
        .max(40, { message: 'agency_code' })
        .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, { message: 'agency_code' }),
      name: text(300),
      shortName: text(100),
      kind: z.enum(AGENCY_KINDS),
      parentId: idParam.nullish(),
      sortOrder: sortOrder.default(0),
      validFrom: isoDate(),
    })
    .strict();

  app.post(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Thêm cơ quan',
        body: agencyBody,
        response: { 201: agencySchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'agency.write');
      const b = req.body;
      const row = await write(req, async (w) => {
        const [a] = await w.tx
          .insert(agencies)
          .values({
            ...b,
            parentId: b.parentId ?? null,
            nameFolded: foldVietnamese(b.name),
            createdAt: w.now,
            updatedAt: w.now,
          })
          .returning();
        await w.tx
          .insert(agencyNames)
          .values({ agencyId: a!.id, name: b.name, shortName: b.shortName, validFrom: b.validFrom });
        await w.event({ entityType: 'agency', entityId: a!.id, action: 'agency.create', after: b });
        return a!;
      });
      reply.status(201);
      return presentAgency(row, today(), requireActor(req));
    },
  );

  app.patch(
    '/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Sửa cơ quan (đổi tên được ghi lại để báo cáo cũ giữ tên cũ)',
        params: idParams,
        body: agencyBody.omit({ code: true, validFrom: true }).partial().extend({ version }).strict(),
        response: { 200: agencySchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'agency.write');
      const { version: v, ...b } = req.body;
      const row = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(agencies).where(eq(agencies.id, req.params.id)).for('update');
        if (!cur) throw notFound(AGENCY);
        if (cur.version !== v) throw staleVersion();
        if (b.parentId === cur.id)
          throw badRequest(
            'Cơ quan không thể là cấp trên của chính nó.',
            'An agency cannot be its own parent.',
            'parentId',
          );
        const patch = { ...b, ...(b.name ? { nameFolded: foldVietnamese(b.name) } : {}) };
        const [upd] = await w.tx
          .update(agencies)
          .set({ ...patch, version: v + 1, updatedAt: w.now })
          .where(and(eq(agencies.id, cur.id), eq(agencies.version, v)))
          .returning();
        if (!upd) throw staleVersion();
        if ((b.name && b.name !== cur.name) || (b.shortName && b.shortName !== cur.shortName)) {
          const d = vnDateOf(w.now);
          await w.tx
            .update(agencyNames)
            .set({ validTo: d })
            .where(and(eq(agencyNames.agencyId, cur.id), isNull(agencyNames.validTo)));
          await w.tx
            .insert(agencyNames)
            .values({ agencyId: cur.id, name: upd.name, shortName: upd.shortName, validFrom: d });
        }
        await w.event({
          entityType: 'agency',
          entityId: cur.id,
          action: 'agency.update',
          ...diff(cur, b),
        });
        return upd;
      });
      return presentAgency(row, today(), requireActor(req));
    },
  );

  app.post(
    '/agencies/:id/merge',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Cơ quan thôi hoạt động và chuyển nhiệm vụ đang mở cho cơ quan kế thừa (sáp nhập, hợp nhất)',
        params: idParams,
        body: z
          .object({ version, successorId: idParam, endDate: isoDate().describe('Ngày cuối cùng cơ quan hoạt động') })
          .strict(),
        response: { 200: z.object({ agency: agencySchema, handedOver: z.number() }), ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'agency.write');
      const b = req.body;
      const res = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(agencies).where(eq(agencies.id, req.params.id)).for('update');
        if (!cur) throw notFound(AGENCY);
        if (cur.version !== b.version) throw staleVersion();
        if (b.successorId === cur.id)
          throw badRequest(
            'Cơ quan kế thừa phải là cơ quan khác.',
            'The successor must be another agency.',
            'successorId',
          );
        const [succ] = await w.tx.select().from(agencies).where(eq(agencies.id, b.successorId));
        if (!succ)
          throw badRequest(
            `Không có cơ quan mã số ${b.successorId}.`,
            `There is no agency with id ${b.successorId}.`,
            'successorId',
          );
        if (succ.validTo && succ.validTo <= b.endDate)
          throw badRequest(
            `Cơ quan kế thừa "${succ.name}" cũng đã thôi hoạt động.`,
            `The successor "${succ.name}" has ended too.`,
            'successorId',
          );
        if (b.endDate < cur.validFrom)
          throw badRequest(
            'Ngày kết thúc trước ngày bắt đầu hoạt động.',
            'The end date is before the agency began.',
            'endDate',
          );
        const [upd] = await w.tx
          .update(agencies)
          .set({ validTo: b.endDate, successorId: succ.id, version: cur.version + 1, updatedAt: w.now })
          .where(eq(agencies.id, cur.id))
          .returning();
        await w.tx
          .update(agencyNames)
          .set({ validTo: b.endDate })
          .where(and(eq(agencyNames.agencyId, cur.id), isNull(agencyNames.validTo)));
        await w.event({
          entityType: 'agency',
          entityId: cur.id,
          action: 'agency.merge',
          before: { validTo: cur.validTo, successorId: cur.successorId },
          after: { validTo: b.endDate, successorId: succ.id },
        });
        const n = await handOverAgencyTasks(
          w,
          cur.id,
          succ.id,
          `${cur.name} hợp nhất vào ${succ.name} (từ ${b.endDate})`,
        );
        // Its users move to the successor too, so nobody is left without tasks to see.
        await w.tx
          .update(users)
          .set({ agencyId: succ.id, updatedAt: w.now, version: sql`${users.version} + 1` })
          .where(eq(users.agencyId, cur.id));
        return { agency: upd!, handedOver: n };
      });
      return { agency: presentAgency(res.agency, today(), requireActor(req)), handedOver: res.handedOver };
    },
  );
}
