/** /api/reports/{by} — the report engine's figures per agency, leader, field, specialist, document or month. */
import { requireActor } from '../../auth/plugin.js';
import { vnDateOf } from '../../domain/dates.js';
import { badRequest } from '../../errors.js';
import { errors, type Api } from '../../http/types.js';
import { computeReport } from './engine.js';
import { reportParamsSchema, reportQuery, reportResponse } from './schemas.js';
import type { ReportParams } from './types.js';

export function reportRoutes(app: Api) {
  app.get(
    '/reports/:by',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Báo cáo tình hình thực hiện nhiệm vụ theo cơ quan, lãnh đạo, lĩnh vực, chuyên viên, văn bản hoặc tháng — tại ngày chốt số liệu',
        params: reportParamsSchema,
        querystring: reportQuery,
        response: { 200: reportResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      if (q.from && q.to && q.from > q.to)
        throw badRequest('"Từ ngày" phải trước "đến ngày".', '"from" must not be after "to".', 'from');
      const params: ReportParams = {
        by: req.params.by,
        asOf: q.asOf ?? vnDateOf(app.deps.now()),
        periodBy: q.periodBy,
        against: q.against ?? 'current',
        role: q.role,
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.agencyKind?.length ? { agencyKind: [...q.agencyKind].sort() } : {}),
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        ...(q.leaderId ? { leaderId: q.leaderId } : {}),
      };
      return computeReport(app.deps, app.deps.db, actor, params);
    },
  );
}
