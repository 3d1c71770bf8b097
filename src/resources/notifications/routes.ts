/** /api/notifications — the in-app notifications of the signed-in user. */
import { and, desc, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { notifications } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { idParam, qBool } from '../../http/validation.js';
import { notificationScope } from '../../policies/index.js';
import { errors, iso, type Api } from '../../http/types.js';

const item = z.object({
  id: z.number(),
  kind: z.string(),
  taskId: z.number().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export function notificationRoutes(app: Api) {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo của tôi, mới nhất trước',
        querystring: z
          .object({
            unread: qBool.optional(),
            before: idParam.optional().describe('Trang tiếp: id nhỏ nhất của trang trước'),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(item), unread: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const conds = [notificationScope(actor)];
      if (req.query.unread) conds.push(isNull(notifications.readAt));
      if (req.query.before) conds.push(lt(notifications.id, req.query.before));
      const list = await app.deps.db
        .select()
        .from(notifications)
        .where(and(...conds))
        .orderBy(desc(notifications.id))
        .limit(req.query.limit);
      const [c] = await app.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(notificationScope(actor), isNull(notifications.readAt)));
      return {
        items: list.map((n) => ({
          id: n.id,
          kind: n.kind,
          taskId: n.taskId,
          title: n.title,
          body: n.body,
          readAt: iso(n.readAt),
          createdAt: n.createdAt.toISOString(),
        })),
        unread: Number(c?.n ?? 0),
      };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Số thông báo chưa đọc',
        response: { 200: z.object({ unread: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const [c] = await app.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(notificationScope(actor), isNull(notifications.readAt)));
      return { unread: Number(c?.n ?? 0) };
    },
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu đã đọc (một số, hoặc tất cả)',
        body: z.object({ ids: z.array(idParam).min(1).max(500).optional(), all: z.literal(true).optional() }).strict(),
        response: { 200: z.object({ updated: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.body.ids && !req.body.all)
        throw badRequest(
          'Hãy gửi "ids" (danh sách thông báo) hoặc "all": true.',
          'Send "ids" (a list of notifications) or "all": true.',
          'ids',
        );
      const now = app.deps.now();
      const conds = [notificationScope(actor), isNull(notifications.readAt)];
      if (req.body.ids) conds.push(inArray(notifications.id, req.body.ids));
      // Marking as read is the user's own bookkeeping, not a change of a record: no event is written.
      const updated = await app.deps.db
        .update(notifications)
        .set({ readAt: now })
        .where(and(...conds))
        .returning({ id: notifications.id });
      return { updated: updated.length };
    },
  );
}
