/**
 * Exports (ADR 0012): the task list as Excel, streamed in the response (`GET /tasks.xlsx`, the list's own
 * query) or, past EXPORT_SYNC_MAX_ROWS rows, written by a job (`POST /exports`) whose progress and file
 * its creator follows (`GET /exports`, `/exports/{id}`, `/exports/{id}/file`); the urging letter to one
 * agency as Word (`GET /agencies/{id}/urging-letter.docx`).
 */
import { PassThrough } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { rows } from '../../db/client.js';
import { agencies } from '../../db/schema.js';
import { badRequest, conflict, notFound, type Lang } from '../../errors.js';
import { cutOffOf, idParams, isoDate } from '../../http/validation.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { authorizeJob, authorizeUrgingLetter, EXPORT_NAME } from '../../policies/index.js';
import { enqueueJob, jobOf, loadJob, type JobRow } from '../../services/jobs.js';
import { loadSettings } from '../../services/settings.js';
import { countTasks } from '../tasks/list.js';
import { listQuery, taskFilterOf } from '../tasks/schemas.js';
import {
  EXPORT_KINDS,
  EXPORT_REPORT_DOCX,
  EXPORT_REPORT_XLSX,
  EXPORT_TASKS,
  exportFile,
  stripPeriod,
  todayOf,
  userLanguage,
  type ExportResult,
} from './jobs.js';
import { DOCX_TYPE } from './nd30.js';
import { sendingFile } from './retention.js';
import { tasksFileName, writeTasksXlsx } from './tasks.js';
import { urgingData, urgingFileName, urgingLetter } from './urging.js';
import { computeReport } from '../reports/engine.js';
import { reportParamsOf, reportParamsSchema, reportQuery } from '../reports/schemas.js';
import { REPORT_DIMENSIONS } from '../reports/types.js';
import {
  docxParamsOf,
  reportDocx,
  reportDocxQuery,
  reportFileName,
  reportScopeOf,
  writeReportXlsx,
} from './reports.js';
import { vnDate, XLSX_TYPE } from './xlsx.js';

/** Background exports one user may have waiting or running at once. */
const MAX_WAITING_EXPORTS = 3;

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachment(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export const fileHeaders = (reply: FastifyReply, type: string, filename: string) =>
  reply
    .header('content-type', type)
    .header('content-disposition', attachment(filename))
    .header('x-content-type-options', 'nosniff');

const exportSchema = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().describe('0–100'),
  createdAt: z.string(),
  updatedAt: z.string(),
  filename: z.string().nullable(),
  rows: z.number().nullable(),
  size: z.number().nullable(),
  downloadUrl: z.string().nullable().describe('Khi đã xong: địa chỉ tải tệp'),
  error: z.string().nullable().describe('Khi thất bại: lý do'),
});

function presentExport(j: JobRow, lang: Lang): z.infer<typeof exportSchema> {
  const r = (j.status === 'done' ? j.result : null) as ExportResult | null;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: j.progress,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
    filename: r?.filename ?? null,
    rows: r?.rows ?? null,
    size: r?.size ?? null,
    downloadUrl: r ? `/api/exports/${j.id}/file` : null,
    error:
      j.status === 'failed'
        ? lang === 'vi'
          ? 'Không tạo được tệp xuất; hãy thử lại.'
          : 'The export could not be made; try again.'
        : null,
  };
}

/** Export jobs are told apart from other jobs (reminders, imports) by their kind. */
export function exportRoutes(app: Api) {
  const deps = app.deps;

  app.get(
    '/tasks.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary:
          'Xuất danh sách nhiệm vụ ra Excel: mọi dòng khớp bộ lọc (cùng tham số với GET /tasks; page, pageSize bỏ qua). Quá EXPORT_SYNC_MAX_ROWS dòng (mặc định 20 000): 409, hãy dùng POST /exports',
        querystring: listQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const settings = await loadSettings(deps, deps.db);
      const f = taskFilterOf(req.query, todayOf(deps), settings.staleAfterDays);
      const n = await countTasks(deps.db, actor, f);
      const max = deps.config.EXPORT_SYNC_MAX_ROWS;
      if (n > max)
        throw conflict(
          `Danh sách có ${n.toLocaleString('vi-VN')} nhiệm vụ, quá ${max.toLocaleString('vi-VN')} dòng để tải ngay: hãy tạo tệp xuất chạy nền (POST /api/exports) rồi tải khi xong.`,
          `The list has ${n} tasks, more than ${max} to download at once: create a background export (POST /api/exports) and download it when done.`,
        );
      const out = new PassThrough();
      // Errors after the first bytes cannot change the status any more: the download is cut short.
      writeTasksXlsx(deps, deps.db, actor, f, out).catch((err: unknown) => {
        req.log.error({ err: { message: (err as Error).message } }, 'task export failed while streaming');
        out.destroy(err as Error);
      });
      fileHeaders(reply, XLSX_TYPE, tasksFileName(f.asOf));
      return reply.send(out);
    },
  );

  app.post(
    '/exports',
    {
      schema: {
        tags: ['exports'],
        summary:
          'Tạo tệp xuất chạy nền: danh sách nhiệm vụ lớn (kind tasks, query của GET /tasks), bảng báo cáo ra Excel (report-xlsx) hoặc báo cáo định kỳ ra Word (report-docx; by và query của GET /reports/{by}.xlsx|.docx). Theo dõi tiến độ ở GET /exports/{id}; mỗi người tối đa 3 tệp chưa xong',
        body: z.discriminatedUnion('kind', [
          z
            .object({ kind: z.literal('tasks'), query: listQuery.default({ sort: 'due', page: 1, pageSize: 20 }) })
            .strict(),
          z
            .object({
              kind: z.enum(['report-xlsx', 'report-docx']),
              by: z.enum(REPORT_DIMENSIONS),
              query: reportDocxQuery.default({ periodBy: 'assigned', role: 'lead' }),
            })
            .strict(),
        ]),
        response: { 202: exportSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const settings = await loadSettings(deps, deps.db);
      const today = todayOf(deps);
      const body = req.body;
      // Checked now, so that a bad query answers 400 here instead of failing in the job.
      let kind: string;
      let payload: unknown;
      if (body.kind === 'tasks') {
        taskFilterOf(body.query, today, settings.staleAfterDays);
        kind = EXPORT_TASKS;
        payload = { query: body.query, today };
      } else {
        if (body.kind === 'report-docx') docxParamsOf(body.by, body.query, today);
        else reportParamsOf(body.by, stripPeriod(body.query), today);
        kind = body.kind === 'report-docx' ? EXPORT_REPORT_DOCX : EXPORT_REPORT_XLSX;
        payload = { by: body.by, query: body.query, today };
      }
      const job = await write(req, async (w) => {
        // One user cannot fill the queue that everyone's exports wait in. Their own row is locked first, so two
        // requests at once are counted one after the other.
        await w.tx.execute(sql`select 1 from users where id = ${actor.id} for update`);
        const [waiting] = await rows<{ n: number }>(
          w.tx,
          sql`select count(*)::int as n from jobs
              where kind in ${EXPORT_KINDS} and created_by = ${actor.id} and status in ('queued', 'running')`,
        );
        if (Number(waiting?.n ?? 0) >= MAX_WAITING_EXPORTS)
          throw conflict(
            `Bạn đang có ${MAX_WAITING_EXPORTS} tệp xuất chưa xong: hãy chờ một tệp xong rồi xuất tiếp.`,
            `You already have ${MAX_WAITING_EXPORTS} exports under way: wait for one to finish, then export again.`,
          );
        const j = await enqueueJob(w.tx, w.now, { kind, payload, createdBy: actor.id });
        await w.event({
          entityType: 'job',
          entityId: j.id,
          action: 'export.create',
          after: { kind: j.kind, ...(body.kind === 'tasks' ? {} : { by: body.by }), query: body.query },
        });
        return j;
      });
      deps.jobs.wake();
      reply.status(202);
      return presentExport(job, req.lang);
    },
  );

  app.get(
    '/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'Các tệp xuất gần đây của tôi',
        response: { 200: z.object({ items: z.array(exportSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const list = await rows<Parameters<typeof jobOf>[0]>(
        deps.db,
        sql`select * from jobs where created_by = ${actor.id} and kind in ${EXPORT_KINDS} order by id desc limit 20`,
      );
      return { items: list.map((r) => presentExport(jobOf(r), req.lang)) };
    },
  );

  const ownExport = async (actor: ReturnType<typeof requireActor>, id: number) => {
    const job = await loadJob(deps.db, id);
    if (!job || !EXPORT_KINDS.includes(job.kind)) throw notFound(EXPORT_NAME);
    authorizeJob(actor, job);
    return job;
  };

  app.get(
    '/exports/:id',
    {
      schema: {
        tags: ['exports'],
        summary: 'Trạng thái, tiến độ và địa chỉ tải của một tệp xuất',
        params: idParams,
        response: { 200: exportSchema, ...errors },
      },
    },
    async (req) => presentExport(await ownExport(requireActor(req), req.params.id), req.lang),
  );

  app.get(
    '/exports/:id/file',
    {
      schema: { tags: ['exports'], summary: 'Tải tệp xuất đã xong', params: idParams },
    },
    async (req, reply) => {
      const job = await ownExport(requireActor(req), req.params.id);
      const f = job.status === 'done' ? await exportFile(deps, job.id) : null;
      if (!f)
        throw conflict(
          'Tệp xuất chưa xong (hoặc đã thất bại): xem tiến độ ở danh sách tệp xuất.',
          'The export is not finished (or failed): see its progress.',
        );
      fileHeaders(reply, f.mimeType, f.filename)
        .header('content-length', String(f.size))
        .header('etag', `"${f.sha256}"`);
      // Counted as being sent until it closes: the retention sweep leaves it alone meanwhile.
      return reply.send(sendingFile(f.storageKey, deps.files.get(f.storageKey)));
    },
  );

  app.get(
    '/reports/:by.xlsx',
    {
      schema: {
        tags: ['exports'],
        summary:
          'Xuất báo cáo (bảng, dòng tổng cộng và giải thích các cột) ra Excel — cùng tham số với GET /reports/{by}',
        params: reportParamsSchema,
        querystring: reportQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const params = reportParamsOf(req.params.by, req.query, todayOf(deps));
      const report = await computeReport(deps, deps.db, actor, params);
      const lang = await userLanguage(deps.db, actor.id);
      const out = new PassThrough();
      writeReportXlsx(report, out, lang).catch((err: unknown) => out.destroy(err as Error));
      fileHeaders(reply, XLSX_TYPE, reportFileName(params, 'xlsx'));
      return reply.send(out);
    },
  );

  app.get(
    '/reports/:by.docx',
    {
      schema: {
        tags: ['exports'],
        summary:
          'Báo cáo định kỳ (tháng, quý, 6 tháng, năm) ra Word theo thể thức Nghị định 30/2020 — tham số của GET /reports/{by}, thêm period, year, number',
        params: reportParamsSchema,
        querystring: reportDocxQuery,
        produces: [DOCX_TYPE],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const today = todayOf(deps);
      const { params, period } = docxParamsOf(req.params.by, req.query, today);
      const report = await computeReport(deps, deps.db, actor, params);
      const settings = await loadSettings(deps, deps.db);
      const buf = await reportDocx(report, period, settings, today, await reportScopeOf(deps, deps.db, actor));
      fileHeaders(reply, DOCX_TYPE, reportFileName(params, 'docx'));
      return reply.send(buf);
    },
  );

  app.get(
    '/agencies/:id/urging-letter.docx',
    {
      schema: {
        tags: ['exports'],
        summary: 'Văn bản đôn đốc (Word, thể thức Nghị định 30/2020) gửi một cơ quan: nhiệm vụ quá hạn và sắp đến hạn',
        params: idParams,
        querystring: z.object({ asOf: isoDate().optional().describe('Ngày chốt số liệu; mặc định hôm nay') }).strict(),
        produces: [DOCX_TYPE],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const [agency] = await deps.db
        .select({ id: agencies.id, kind: agencies.kind, name: agencies.name })
        .from(agencies)
        .where(eq(agencies.id, req.params.id));
      if (!agency) throw notFound({ vi: 'cơ quan', en: 'Agency' });
      authorizeUrgingLetter(actor, agency.id);
      // The Office and the Committee issue the urging; they are not urged by it.
      if (agency.kind === 'office')
        throw badRequest(
          `"${agency.name}" là cơ quan ban hành văn bản đôn đốc, không phải cơ quan được đôn đốc.`,
          `"${agency.name}" issues urging letters; it is not urged by one.`,
          'id',
        );
      const settings = await loadSettings(deps, deps.db);
      const today = todayOf(deps);
      const asOf = cutOffOf(req.query.asOf, today);
      const data = await urgingData(deps, deps.db, actor, agency.id, asOf, today, settings);
      if (data.overdue.length === 0 && data.dueSoon.length === 0)
        throw conflict(
          `Tính đến ngày ${vnDate(asOf)}, ${data.agencyName} không có nhiệm vụ chủ trì nào quá hạn hay sắp đến hạn: không có gì để đôn đốc.`,
          `As of ${asOf}, ${data.agencyName} leads no overdue or nearly due task: there is nothing to urge.`,
        );
      const buf = await urgingLetter(data, settings, today);
      fileHeaders(reply, DOCX_TYPE, urgingFileName(data.agencyName, asOf));
      return reply.send(buf);
    },
  );
}
