/** /api/tasks — thin handlers: validate (zod), call a command in a transaction, present the result. */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { vnDateOf } from '../../domain/dates.js';
import { forbidden } from '../../errors.js';
import { idParam, idParams, isoDate, optionalText, text, version } from '../../http/validation.js';
import { can, type PolicySettings } from '../../policies/index.js';
import { checkBody, CREATE_LIMITS } from '../../services/limits.js';
import { loadSettings } from '../../services/settings.js';
import { calendarCounts, listTasks } from './list.js';
import {
  historyItemSchema,
  presentListRow,
  presentTask,
  taskDetailSchema,
  taskHistory,
  taskSummarySchema,
} from './presenter.js';
import * as cmd from './commands.js';
import { policySettingsOf, type LoadedTask } from './repository.js';
import { tasksVisibleTo } from '../../services/visibility.js';
import { write } from '../../http/write.js';
import { sendKept } from '../../http/kept.js';
import { errors, type Api } from '../../http/types.js';
import { confirmPastDeadline, listQuery, listResponse, newTaskSchema, taskFilterOf, versionBody } from './schemas.js';

export function taskRoutes(app: Api) {
  const settingsFor = async (): Promise<PolicySettings> => {
    const s = await loadSettings(app.deps, app.deps.db);
    return policySettingsOf(s);
  };
  const today = () => vnDateOf(app.deps.now());
  const detail = async (req: Parameters<typeof requireActor>[0], id: number, loaded?: LoadedTask) =>
    presentTask(app.deps.db, requireActor(req), id, today(), await settingsFor(), loaded);

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Danh sách nhiệm vụ (lọc, sắp xếp, phân trang)',
        querystring: listQuery,
        response: { 200: listResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // The same list asked again under the same data is sent as it was (http/kept.ts).
      return sendKept(app.deps, req, reply, async () => {
        const q = req.query;
        const settings = await loadSettings(app.deps, app.deps.db);
        const f = taskFilterOf(q, today(), settings.staleAfterDays);
        const asOf = f.asOf;
        const res = await listTasks(app.deps, app.deps.db, actor, f);
        const ps = policySettingsOf(settings);
        // A row names its parent only when the actor may see the parent too.
        const parents = await tasksVisibleTo(
          app.deps.db,
          actor,
          res.items.flatMap((r) => (r.parent_id ? [r.parent_id] : [])),
        );
        return {
          items: res.items.map((r) =>
            presentListRow(
              { ...r, parent_id: r.parent_id && parents.has(r.parent_id) ? r.parent_id : null },
              actor,
              res.m,
              ps,
            ),
          ),
          total: res.total,
          page: q.page,
          pageSize: q.pageSize,
          asOf,
        };
      });
    },
  );

  app.get(
    '/tasks/calendar',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Lịch hạn: số nhiệm vụ đến hạn mỗi ngày của một tháng (cùng bộ lọc và phạm vi như danh sách)',
        querystring: listQuery
          .omit({ sort: true, page: true, pageSize: true })
          .extend({
            month: z
              .string()
              .max(7)
              .regex(/^(199\d|20[0-4]\d)-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
          })
          .strict(),
        response: {
          200: z.object({
            month: z.string(),
            asOf: z.string(),
            days: z.array(z.object({ date: z.string(), count: z.number(), overdue: z.number(), done: z.number() })),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return sendKept(app.deps, req, reply, async () => {
        const { month, ...q } = req.query;
        const settings = await loadSettings(app.deps, app.deps.db);
        // The list's own filter (and its checks), for every row of the month rather than a page.
        const f = taskFilterOf({ ...q, sort: 'due', page: 1, pageSize: 1 }, today(), settings.staleAfterDays);
        const days = await calendarCounts(app.deps.db, actor, f, month);
        return { month, asOf: f.asOf, days };
      });
    },
  );

  app.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tạo nhiệm vụ (một hoặc nhiều, thuộc một văn bản hoặc không)',
        body: z
          .object({
            documentId: idParam.nullish(),
            tasks: z.array(newTaskSchema).min(1).max(CREATE_LIMITS.tasksPerRequest),
            confirmPastDeadline,
          })
          .strict(),
        response: {
          201: z.object({
            items: z.array(
              taskSummarySchema.pick({ id: true, code: true, content: true, status: true, parentId: true }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!can(actor, 'task.create')) throw forbidden();
      const created = await write(req, (w) => cmd.createTasks(w, req.body));
      reply.status(201);
      return {
        items: created.map((t) => ({
          id: t.id,
          code: t.code,
          content: t.content,
          status: t.status,
          parentId: t.parentId,
        })),
      };
    },
  );

  app.get(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Một nhiệm vụ, với báo cáo, gia hạn, chỉ đạo, tệp và các thao tác được phép',
        params: idParams,
        response: { 200: taskDetailSchema, ...errors },
      },
    },
    async (req) => {
      // presentTask answers 404 for a task the actor may not see, exactly as for a missing one.
      return detail(req, req.params.id);
    },
  );

  app.get(
    '/tasks/:id/history',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Lịch sử thay đổi của nhiệm vụ (ai, khi nào, từ đâu, trước và sau)',
        params: idParams,
        response: { 200: z.object({ items: z.array(historyItemSchema) }), ...errors },
      },
    },
    async (req) => {
      return { items: await taskHistory(app.deps.db, requireActor(req), req.params.id) };
    },
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Sửa nhiệm vụ (Văn phòng: nội dung, thời hạn, phối hợp…; cơ quan chủ trì: người xử lý)',
        params: idParams,
        body: z
          .object({
            version,
            content: text(4000).optional(),
            fieldId: idParam.nullable().optional(),
            leaderId: idParam.nullable().optional(),
            deadline: isoDate().optional(),
            coordinatingAgencyIds: z.array(idParam).max(CREATE_LIMITS.coordinatingPerTask).optional(),
            handlerName: optionalText(200),
            specialistId: idParam.nullable().optional(),
            confirmPastDeadline,
          })
          .strict(),
        response: { 200: taskDetailSchema, ...errors },
      },
    },
    async (req) => {
      const { handlerName, ...rest } = req.body;
      await write(req, (w) =>
        cmd.updateTask(w, req.params.id, { ...rest, ...(handlerName !== undefined ? { handlerName } : {}) }),
      );
      return detail(req, req.params.id);
    },
  );

  const action = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (w: Parameters<Parameters<typeof write>[1]>[0], id: number, b: z.output<S>) => Promise<unknown>,
  ) =>
    app.post(
      `/tasks/:id/${path}`,
      { schema: { tags: ['tasks'], summary, params: idParams, body, response: { 200: taskDetailSchema, ...errors } } },
      async (req) => {
        await write(req, (w) => run(w, req.params.id, req.body as z.output<S>));
        return detail(req, req.params.id);
      },
    );

  action('assign', 'Giao nhiệm vụ (từ dự thảo)', versionBody, (w, id, b) => cmd.assignTask(w, id, b.version));
  action(
    'receive',
    'Cơ quan chủ trì tiếp nhận',
    z.object({ version, handlerName: optionalText(200) }).strict(),
    (w, id, b) => cmd.receiveTask(w, id, b.version, b.handlerName ?? null),
  );
  action(
    'reports',
    'Báo cáo tiến độ / hoàn thành / giải trình',
    z
      .object({
        version,
        kind: z.enum(['progress', 'completion', 'explanation']),
        content: text(8000),
        difficulties: optionalText(4000),
        proposals: optionalText(4000),
        agencyDocNumber: optionalText(100).describe('Số, ký hiệu văn bản báo cáo của cơ quan, nếu có'),
      })
      .strict(),
    (w, id, b) => cmd.submitReport(w, id, b),
  );
  action(
    'review',
    'Xác nhận hoặc trả lại báo cáo hoàn thành',
    z.object({ version, decision: z.enum(['accept', 'return']), reason: optionalText(2000) }).strict(),
    (w, id, b) => cmd.reviewCompletion(w, id, b),
  );
  action(
    'extensions',
    'Đề nghị điều chỉnh thời hạn',
    z.object({ version, requestedDeadline: isoDate(), reason: text(2000) }).strict(),
    (w, id, b) => cmd.requestExtension(w, id, b),
  );
  action(
    'extensions/decide',
    'Quyết định đề nghị gia hạn đang chờ',
    z
      .object({
        version,
        decision: z.enum(['approve', 'reject']),
        deadline: isoDate().nullish(),
        note: optionalText(2000),
      })
      .strict(),
    (w, id, b) => cmd.decideExtension(w, id, b),
  );
  action(
    'original-deadline',
    'Đính chính thời hạn ban đầu do sai sót khi vào sổ (lãnh đạo Văn phòng, ghi rõ lý do; được đếm riêng)',
    z.object({ version, deadline: isoDate(), reason: text(2000), confirmPastDeadline }).strict(),
    (w, id, b) => cmd.correctOriginalDeadline(w, id, b),
  );
  action(
    'reopen',
    'Mở lại nhiệm vụ đã hoàn thành (lãnh đạo Văn phòng, ghi rõ lý do)',
    z.object({ version, reason: text(2000) }).strict(),
    (w, id, b) => cmd.reopenTask(w, id, b),
  );
  action('cancel', 'Hủy nhiệm vụ', z.object({ version, reason: text(2000) }).strict(), (w, id, b) =>
    cmd.closeTask(w, id, 'cancel', b),
  );
  action('withdraw', 'Thu hồi nhiệm vụ', z.object({ version, reason: text(2000) }).strict(), (w, id, b) =>
    cmd.closeTask(w, id, 'withdraw', b),
  );
  action('star', 'Gắn / bỏ sao', z.object({ version, starred: z.boolean() }).strict(), (w, id, b) =>
    cmd.starTask(w, id, b),
  );
  action(
    'messages',
    'Ý kiến chỉ đạo (lãnh đạo) hoặc trao đổi',
    z.object({ kind: z.enum(['direction', 'comment']), content: text(4000) }).strict(),
    (w, id, b) => cmd.addMessage(w, id, b),
  );
  action(
    'handover',
    'Bàn giao cho cơ quan chủ trì khác (kế thừa sau sáp nhập)',
    z.object({ version, toAgencyId: idParam, reason: text(2000) }).strict(),
    (w, id, b) => cmd.handOver(w, id, b),
  );
  action(
    'urge',
    'Đôn đốc cơ quan chủ trì (ghi lại trên nhiệm vụ: ai được đôn đốc, khi nào, bằng cách nào)',
    z.object({ message: text(2000) }).strict(),
    (w, id, b) => cmd.urgeTask(w, id, b.message),
  );
  action(
    'subtasks',
    'Tách thành nhiệm vụ con, mỗi cơ quan một nhiệm vụ',
    z
      .object({ subtasks: z.array(newTaskSchema).min(1).max(CREATE_LIMITS.tasksPerRequest), confirmPastDeadline })
      .strict(),
    (w, id, b) => {
      checkBody(w, b.subtasks, 'subtasks');
      return cmd.splitTask(w, id, b.subtasks, b.confirmPastDeadline);
    },
  );
}
