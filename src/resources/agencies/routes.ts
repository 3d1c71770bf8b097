/**
 * /api/agencies: the list, creation, edits (a new name is recorded for past reports) and the merger into a
 * successor. Reads are open to every signed-in user; writes are the admin's (policies.can).
 */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { vnDateOf } from '../../domain/dates.js';
import { idParams } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { mergeAgency } from './merger.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { agencySchema, presentAgency } from './presenter.js';
import { listAgencies } from './queries.js';
import { agencyBody, agencyListQuery, agencyPatchBody, mergeBody } from './schemas.js';
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
        querystring: agencyListQuery,
        response: { 200: z.object({ items: z.array(agencySchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const d = today();
      const list = await listAgencies(app.deps.db, req.query, d);
      return { items: list.map((a) => presentAgency(a, d, actor)) };
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
        body: mergeBody,
        response: { 200: z.object({ agency: agencySchema, handedOver: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { agency, handedOver } = await write(req, (w) => mergeAgency(w, { agencyId: req.params.id, ...req.body }));
      return { agency: presentAgency(agency, today(), requireActor(req)), handedOver };
    },
  );
}
