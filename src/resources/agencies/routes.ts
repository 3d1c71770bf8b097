/**
 * /api/agencies: the list, creation, edits (a new name is recorded for past reports) and the merger into a
 * successor. Reads are open to every signed-in user; writes are the admin's (policies.can).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { AGENCY_KINDS, agencies } from '../../db/schema.js';
import { vnDateOf } from '../../domain/dates.js';
import { foldVietnamese } from '../../domain/text.js';
import { idParam, idParams, isoDate, version } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { mergeAgency } from './merger.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { agencySchema, presentAgency } from './presenter.js';
import { agencyBody, agencyPatchBody } from './schemas.js';
import { createAgency, updateAgency } from './commands.js';

export function agencyRoutes(app: Api) {
  const today = () => vnDateOf(app.deps.now());

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
      const row = await write(req, (w) => createAgency(w, b));
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
        body: agencyPatchBody,
        response: { 200: agencySchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'agency.write');
      const { version: v, ...b } = req.body;
      const row = await write(req, (w) => updateAgency(w, req.params.id, v, b));
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
      const { agency, handedOver } = await write(req, (w) => mergeAgency(w, { agencyId: req.params.id, ...req.body }));
      return { agency: presentAgency(agency, today(), requireActor(req)), handedOver };
    },
  );
}
