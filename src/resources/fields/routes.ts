/** /api/fields: the fields (lĩnh vực) tasks are filed under. Writes are the admin's. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { fields } from '../../db/schema.js';
import { notFound, staleVersion } from '../../errors.js';
import { idParams, optionalText, sortOrder, text, version } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { diff } from '../../services/write.js';
import { errors, type Api } from '../../http/types.js';
import { fieldSchema, presentField } from './presenter.js';

export function fieldRoutes(app: Api) {
  // ---- fields ----
  app.get(
    '/fields',
    {
      schema: {
        tags: ['reference'],
        summary: 'Lĩnh vực',
        response: { 200: z.object({ items: z.array(fieldSchema) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return {
        items: (await app.deps.db.select().from(fields).orderBy(asc(fields.sortOrder), asc(fields.name))).map((f) =>
          presentField(f, requireActor(req)),
        ),
      };
    },
  );
  app.post(
    '/fields',
    {
      schema: {
        tags: ['reference'],
        summary: 'Thêm lĩnh vực',
        body: z
          .object({
            code: z
              .string()
              .trim()
              .max(40, { message: 'field_code' })
              .regex(/^[A-Z0-9_-]{1,40}$/, { message: 'field_code' }),
            name: text(200),
            nameEn: optionalText(200),
            sortOrder: sortOrder.default(0),
          })
          .strict(),
        response: { 201: fieldSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'field.write');
      const f = await write(req, async (w) => {
        const [row] = await w.tx
          .insert(fields)
          .values({ ...req.body, nameEn: req.body.nameEn ?? null, createdAt: w.now, updatedAt: w.now })
          .returning();
        await w.event({ entityType: 'field', entityId: row!.id, action: 'field.create', after: req.body });
        return row!;
      });
      reply.status(201);
      return presentField(f, requireActor(req));
    },
  );
  app.patch(
    '/fields/:id',
    {
      schema: {
        tags: ['reference'],
        summary: 'Sửa lĩnh vực',
        params: idParams,
        body: z
          .object({
            version,
            name: text(200).optional(),
            nameEn: optionalText(200),
            sortOrder: sortOrder.optional(),
            isActive: z.boolean().optional(),
          })
          .strict(),
        response: { 200: fieldSchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'field.write');
      const { version: v, ...b } = req.body;
      const f = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(fields).where(eq(fields.id, req.params.id)).for('update');
        if (!cur) throw notFound({ vi: 'lĩnh vực', en: 'Field' });
        if (cur.version !== v) throw staleVersion();
        const [row] = await w.tx
          .update(fields)
          .set({ ...b, version: v + 1, updatedAt: w.now })
          .where(eq(fields.id, cur.id))
          .returning();
        await w.event({
          entityType: 'field',
          entityId: cur.id,
          action: 'field.update',
          ...diff(cur, b),
        });
        return row!;
      });
      return presentField(f, requireActor(req));
    },
  );
}
