/**
 * /api/public — the published results, without sign-in, when the admin turns them on (settings
 * `publicResults`; off: 404, as if the routes were not there). Each lead agency's aggregate figures for a
 * closed quarter, half-year or year, through the report engine with the public reader's scope (every
 * counted task, ADR 0013) — never a task, a document or a person. Limited per client address.
 */
import { z } from 'zod';
import { vnDateOf } from '../../domain/dates.js';
import { definitionsOf } from '../reports/definitions.js';
import { closedPeriods, isClosed, parsePeriod, PERIOD_KEY_RE } from '../../domain/periods.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { errors, type Api } from '../../http/types.js';
import { PUBLIC_RESULTS_READER } from '../../policies/index.js';
import { loadSettings } from '../../services/settings.js';
import { computeReport } from '../reports/engine.js';
import { PUBLIC_FIGURES, type PublicFigures, type PublicResults } from './types.js';

const gradeSchema = z.enum(['excellent', 'good', 'fair', 'poor']).nullable();
const figures = z.object({
  assigned: z.number(),
  fallenDue: z.number(),
  doneOnTime: z.number(),
  doneLate: z.number(),
  inTime: z.number(),
  overdue: z.number(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  grade: gradeSchema,
});
const resultsSchema = z.object({
  period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
  periods: z.array(z.string()),
  asOf: z.string(),
  rows: z.array(figures.extend({ key: z.number(), label: z.string() })),
  totals: figures,
  definitions: z.record(z.string(), z.string()),
});

const off = () => notFound({ vi: 'trang công khai kết quả', en: 'Published results' });

function pick(f: PublicFigures): PublicFigures {
  return Object.fromEntries(PUBLIC_FIGURES.map((k) => [k, f[k]])) as unknown as PublicFigures;
}

export function publicRoutes(app: Api) {
  const rateLimit = {
    max: app.deps.config.PUBLIC_RATE_PER_MINUTE,
    timeWindow: 60_000,
    errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) => {
      const s = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError('too_many_requests', {
        vi: `Có quá nhiều yêu cầu từ địa chỉ này. Hãy thử lại sau ${s} giây.`,
        en: `Too many requests from this address. Try again in ${s} seconds.`,
      });
    },
  };
  const enabled = async () => (await loadSettings(app.deps, app.deps.db)).publicResults;

  app.get(
    '/public/periods',
    {
      config: { rateLimit },
      schema: {
        tags: ['public'],
        summary: 'Các kỳ đã kết thúc có công khai kết quả (không cần đăng nhập; 404 khi chưa công khai)',
        response: { 200: z.object({ periods: z.array(z.string()) }), ...errors },
      },
    },
    async () => {
      if (!(await enabled())) throw off();
      return { periods: closedPeriods(vnDateOf(app.deps.now())).map((p) => p.key) };
    },
  );

  app.get(
    '/public/results',
    {
      config: { rateLimit },
      schema: {
        tags: ['public'],
        summary:
          'Kết quả thực hiện nhiệm vụ của từng cơ quan chủ trì trong một kỳ đã kết thúc (quý, 6 tháng, năm), chỉ số liệu tổng hợp; không cần đăng nhập; 404 khi chưa công khai',
        querystring: z
          .object({
            period: z
              .string()
              .max(7)
              .regex(PERIOD_KEY_RE, { message: 'period' })
              .optional()
              .describe('Kỳ: 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm); mặc định: quý gần nhất đã kết thúc'),
          })
          .strict(),
        response: { 200: resultsSchema, ...errors },
      },
    },
    async (req): Promise<PublicResults> => {
      if (!(await enabled())) throw off();
      const today = vnDateOf(app.deps.now());
      const periods = closedPeriods(today);
      const period = req.query.period ? parsePeriod(req.query.period) : (periods[0] ?? null);
      if (!period)
        throw badRequest(
          'Kỳ không hợp lệ: hãy ghi năm (2026), 6 tháng (2026-H1) hoặc quý (2026-Q3), từ 1990 đến 2048.',
          'Invalid period: give a year (2026), a half-year (2026-H1) or a quarter (2026-Q3), 1990 to 2048.',
          'period',
        );
      if (!isClosed(period, today))
        throw badRequest(
          'Kỳ này chưa kết thúc: chỉ công khai kết quả của các kỳ đã kết thúc.',
          'This period has not ended: only the results of ended periods are published.',
          'period',
        );
      const report = await computeReport(app.deps, app.deps.db, PUBLIC_RESULTS_READER, {
        by: 'agency',
        asOf: period.to,
        from: period.from,
        to: period.to,
        periodBy: 'due',
        against: 'current',
        role: 'lead',
      });
      const definitions = Object.fromEntries(
        PUBLIC_FIGURES.map((k) => [k, definitionsOf(req.lang)[k]]),
      ) as PublicResults['definitions'];
      return {
        period: { key: period.key, from: period.from, to: period.to },
        periods: periods.map((p) => p.key),
        asOf: period.to,
        rows: report.rows
          .filter((r): r is typeof r & { key: number } => typeof r.key === 'number' && r.assigned > 0)
          .map((r) => ({ key: r.key, label: r.label, ...pick(r) }))
          .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.fallenDue - a.fallenDue),
        totals: pick(report.totals),
        definitions,
      };
    },
  );
}
