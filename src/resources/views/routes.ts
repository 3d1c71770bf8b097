/** /api/views — a user's saved task-list views (filters, sort, columns). Private to their owner. */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { savedViews } from '../../db/schema.js';
import { badRequest, notFound } from '../../errors.js';
import { idParams, text } from '../../http/validation.js';
import { write } from '../../http/write.js';
import { errors, ok, type Api } from '../../http/types.js';

const viewSchema = z.object({
  id: z.number(),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
});

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
        body: z
          .object({
            name: text(100),
            query: z.record(z.string().max(50), z.string().max(500)),
            columns: z.array(z.string().max(50)).max(40).default([]),
          })
          .strict(),
        response: { 200: viewSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (Object.keys(req.body.query).length > 30)
        throw badRequest('Bộ lọc có quá nhiều điều kiện.', 'Too many conditions in the view.', 'query');
      const v = await write(req, async (w) => {
        const [row] = await w.tx
          .insert(savedViews)
          .values({
            userId: actor.id,
            name: req.body.name,
            query: req.body.query,
            columns: req.body.columns,
            createdAt: w.now,
          })
          .onConflictDoUpdate({
            target: [savedViews.userId, savedViews.name],
            set: { query: req.body.query, columns: req.body.columns },
          })
          .returning();
        await w.event({ entityType: 'saved_view', entityId: row!.id, action: 'view.save', after: req.body });
        return row!;
      });
      return { id: v.id, name: v.name, query: v.query, columns: v.columns };
    },
  );
  app.delete(
    '/views/:id',
    {
      schema: { tags: ['views'], summary: 'Xoá một bộ lọc đã lưu', params: idParams, response: { 200: ok, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      await write(req, async (w) => {
        const [row] = await w.tx
          .delete(savedViews)
          .where(and(eq(savedViews.id, req.params.id), eq(savedViews.userId, actor.id)))
          .returning();
        if (!row) throw notFound({ vi: 'bộ lọc đã lưu', en: 'Saved view' });
        await w.event({
          entityType: 'saved_view',
          entityId: row.id,
          action: 'view.delete',
          before: { name: row.name },
        });
      });
      return { ok: true as const };
    },
  );
}
