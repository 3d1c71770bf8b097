/** /api/stats — the figures of the home pages, computed as of a date with the task list's filters. */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { vnDateOf } from '../../domain/dates.js';
import { loadSettings } from '../../services/settings.js';
import { byAgency, overview } from './queries.js';
import { listQuery } from '../tasks/schemas.js';
import { errors, type Api } from '../../http/types.js';
import { sendKept } from '../../http/kept.js';
import { cutOffOf } from '../../http/validation.js';

const counts = z.object({
  done_on_time: z.number(),
  done_late: z.number(),
  in_progress_on_time: z.number(),
  overdue: z.number(),
  notUpdated: z.number(),
  open: z.number(),
  dueSoon: z.number(),
  waitingReview: z.number(),
  pendingExtensions: z.number(),
  total: z.number(),
  fallenDue: z.number(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});

const statsQuery = listQuery.omit({ sort: true, page: true, pageSize: true, timeliness: true });

export function statsRoutes(app: Api) {
  const filter = async (q: z.output<typeof statsQuery>) => {
    const settings = await loadSettings(app.deps, app.deps.db);
    const today = vnDateOf(app.deps.now());
    return {
      ...q,
      asOf: cutOffOf(q.asOf, today),
      today,
      staleAfterDays: settings.staleAfterDays,
      sort: 'due' as const,
      page: 1,
      pageSize: 1,
    };
  };
  app.get(
    '/stats/overview',
    {
      schema: {
        tags: ['stats'],
        summary:
          'Số nhiệm vụ theo mức độ hoàn thành, tỷ lệ, chưa cập nhật, sắp đến hạn, chờ xác nhận — tại ngày chốt số liệu',
        querystring: statsQuery,
        response: { 200: counts.extend({ asOf: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return sendKept(app.deps, req, reply, async () => {
        const f = await filter(req.query);
        return { ...(await overview(app.deps, app.deps.db, actor, f)), asOf: f.asOf };
      });
    },
  );
  app.get(
    '/stats/agencies',
    {
      schema: {
        tags: ['stats'],
        summary: 'Các số trên theo từng cơ quan chủ trì',
        querystring: statsQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            items: z.array(counts.extend({ agencyId: z.number(), agencyName: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return sendKept(app.deps, req, reply, async () => {
        const f = await filter(req.query);
        return { asOf: f.asOf, items: await byAgency(app.deps, app.deps.db, actor, f) };
      });
    },
  );
}
