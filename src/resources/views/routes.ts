/** /api/views — a user's saved task-list views (filters, sort, columns). Private to their owner. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { savedViews } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { idParams } from '../../http/validation.js';
import { write } from '../../http/write.js';
import { errors, ok, type Api } from '../../http/types.js';

const viewSchema = z.object({
  id: z.number(),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
});
import { saveViewBody } from './schemas.js';
import { deleteView, saveView } from './commands.js';

export function viewRoutes(app: Api) {
  app.get(
    '/views',
    {
      schema: {
        tags: ['views'],
        summary: 'Các bộ lọc đã lưu của tôi',
        response: { 200: z.object({ items: z.array(viewSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const list = await app.deps.db
        .select()
        .from(savedViews)
        .where(eq(savedViews.userId, actor.id))
        .orderBy(asc(savedViews.name));
      return { items: list.map((v) => ({ id: v.id, name: v.name, query: v.query, columns: v.columns })) };
    },
  );
  app.post(
    '/views',
    {
      schema: {
        tags: ['views'],
        summary: 'Lưu (hoặc ghi đè) một bộ lọc theo tên',
        body: saveViewBody,
        response: { 200: viewSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (Object.keys(req.body.query).length > 30)
        throw badRequest('Bộ lọc có quá nhiều điều kiện.', 'Too many conditions in the view.', 'query');
      const v = await write(req, (w) => saveView(w, actor, req.body));
      return { id: v.id, name: v.name, query: v.query, columns: v.columns };
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
