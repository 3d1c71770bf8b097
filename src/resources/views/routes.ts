/**
 * /api/views — a user's saved views: task-list filters (sort, columns) and report parameters, told apart by
 * `kind`. Private to their owner.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { SAVED_VIEW_KINDS, savedViews } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { idParams } from '../../http/validation.js';
import { write } from '../../http/write.js';
import { errors, ok, type Api } from '../../http/types.js';
import { listViewsQuery, saveViewBody } from './schemas.js';
import { deleteView, saveView } from './commands.js';
import { viSortKey } from '../../db/collation.js';

const viewSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(SAVED_VIEW_KINDS),
  query: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
});
const present = (v: typeof savedViews.$inferSelect) => ({
  id: v.id,
  name: v.name,
  kind: v.kind,
  query: v.query,
  columns: v.columns,
});

export function viewRoutes(app: Api) {
  app.get(
    '/views',
    {
      schema: {
        tags: ['views'],
        summary: 'Các bộ lọc (hoặc tham số báo cáo) đã lưu của tôi',
        querystring: listViewsQuery,
        response: { 200: z.object({ items: z.array(viewSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const list = await app.deps.db
        .select()
        .from(savedViews)
        .where(and(eq(savedViews.userId, actor.id), eq(savedViews.kind, req.query.kind)))
        .orderBy(viSortKey(savedViews.name), asc(savedViews.id));
      return { items: list.map(present) };
    },
  );
  app.post(
    '/views',
    {
      schema: {
        tags: ['views'],
        summary: 'Lưu (hoặc ghi đè) một bộ lọc hay tham số báo cáo theo loại và tên',
        body: saveViewBody,
        response: { 200: viewSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (Object.keys(req.body.query).length > 30)
        throw badRequest('Bộ lọc có quá nhiều điều kiện.', 'Too many conditions in the view.', 'query');
      const v = await write(req, (w) => saveView(w, actor, req.body));
      return present(v);
    },
  );
  app.delete(
    '/views/:id',
    {
      schema: { tags: ['views'], summary: 'Xóa một bộ lọc đã lưu', params: idParams, response: { 200: ok, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      await write(req, (w) => deleteView(w, actor, req.params.id));
      return { ok: true as const };
    },
  );
}
