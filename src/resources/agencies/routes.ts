/**
 * /api/agencies: the list, creation, edits (a new name is recorded for past reports) and the merger into a
 * successor, and how the hand-over of a large merger goes on. Reads of the list are open to every signed-in
 * user; writes and the hand-over are the admin's (policies.can).
 */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { vnDateOf } from '../../domain/dates.js';
import { idParams } from '../../http/validation.js';
import { notFound } from '../../errors.js';
import { authorize, can } from '../../policies/index.js';
import { HANDOVER_NOT_FOUND, handoverOf, mergeAgency, retryHandover, unfinishedHandovers } from './merger.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { agencySchema, presentAgency } from './presenter.js';
import { listAgencies } from './queries.js';
import { agencyBody, agencyListQuery, agencyPatchBody, mergeBody } from './schemas.js';
import { createAgency, updateAgency } from './commands.js';

const handoverSchema = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  handedOver: z.number(),
  remaining: z.number(),
  error: z.string().nullable(),
});

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
      const handovers = can(actor, 'agency.write') ? await unfinishedHandovers(app.deps.db) : new Map();
      return { items: list.map((a) => presentAgency(a, d, actor, handovers.get(a.id) ?? null)) };
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
        response: {
          200: z.object({
            agency: agencySchema,
            handedOver: z.number().describe('Nhiệm vụ đang mở đã chuyển cho cơ quan kế thừa trong yêu cầu này'),
            remaining: z.number().describe('Nhiệm vụ đang mở còn lại, do một tác vụ nền chuyển tiếp (0: đã xong)'),
            jobId: z.number().nullable().describe('Tác vụ nền chuyển số nhiệm vụ còn lại (ADR 0024)'),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await write(req, (w) => mergeAgency(w, { agencyId: req.params.id, ...req.body }));
      if (r.jobId !== null) app.deps.jobs.wake();
      return {
        agency: presentAgency(
          r.agency,
          today(),
          requireActor(req),
          r.jobId === null ? null : { status: 'queued', progress: 0 },
        ),
        handedOver: r.handedOver,
        remaining: r.remaining,
        jobId: r.jobId,
      };
    },
  );

  app.get(
    '/agencies/:id/handover',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Tiến độ chuyển nhiệm vụ của cơ quan đã sáp nhập cho cơ quan kế thừa (tác vụ nền, ADR 0024)',
        params: idParams,
        response: {
          200: handoverSchema,
          ...errors,
        },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'agency.write');
      const h = await handoverOf(app.deps.db, req.params.id);
      if (!h) throw notFound(HANDOVER_NOT_FOUND);
      return h;
    },
  );

  app.post(
    '/agencies/:id/handover/retry',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Chạy lại việc chuyển nhiệm vụ bị lỗi của cơ quan đã sáp nhập (tiếp từ lô đã xong)',
        params: idParams,
        response: { 200: handoverSchema, ...errors },
      },
    },
    async (req) => {
      await write(req, (w) => retryHandover(w, req.params.id));
      app.deps.jobs.wake();
      const h = await handoverOf(app.deps.db, req.params.id);
      if (!h) throw notFound(HANDOVER_NOT_FOUND);
      return h;
    },
  );
}
