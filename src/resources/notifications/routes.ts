/** /api/notifications — the in-app notifications of the signed-in user, in the language of the request. */
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { badRequest } from '../../errors.js';
import { errors, type Api } from '../../http/types.js';
import { notificationSchema, presentNotification } from './presenter.js';
import { listNotifications, markRead, unreadCount } from './queries.js';
import { listQuery, readBody } from './schemas.js';

export function notificationRoutes(app: Api) {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo của tôi, mới nhất trước (nội dung theo ngôn ngữ của yêu cầu)',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(notificationSchema), unread: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const list = await listNotifications(app.deps.db, actor, req.query);
      return {
        items: list.map((n) => presentNotification(n, req.lang)),
        unread: await unreadCount(app.deps.db, actor),
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
    async (req) => ({ unread: await unreadCount(app.deps.db, requireActor(req)) }),
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu đã đọc (một số, hoặc tất cả)',
        body: readBody,
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
      return { updated: await markRead(app.deps.db, actor, req.body.ids ?? null, app.deps.now()) };
    },
  );
}
