/** /api/reports/{by} — the report engine's figures per agency, leader, field, specialist, document or month. */
import { requireActor } from '../../auth/plugin.js';
import { vnDateOf } from '../../domain/dates.js';
import { errors, type Api } from '../../http/types.js';
import { definitionsOf } from './definitions.js';
import { computeReport } from './engine.js';
import { reportParamsOf, reportParamsSchema, reportQuery, reportResponse } from './schemas.js';

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
      const params = reportParamsOf(req.params.by, req.query, vnDateOf(app.deps.now()));
      const report = await computeReport(app.deps, app.deps.db, actor, params);
      // The definitions in the reader's language (the kept result holds the Vietnamese ones).
      return req.lang === 'en' ? { ...report, definitions: definitionsOf('en') } : report;
    },
  );
}
