/** /api/fields: the fields (lĩnh vực) tasks are filed under. Writes are the admin's. */
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { fields } from '../../db/schema.js';
import { idParams } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { fieldSchema, presentField } from './presenter.js';
import { newFieldBody, fieldPatchBody } from './schemas.js';
import { createField, updateField } from './commands.js';
import { viSortKey } from '../../db/collation.js';

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
        items: (
          await app.deps.db.select().from(fields).orderBy(asc(fields.sortOrder), viSortKey(fields.name), asc(fields.id))
        ).map((f) => presentField(f, requireActor(req))),
      };
    },
  );
  app.post(
    '/fields',
    {
      schema: {
        tags: ['reference'],
        summary: 'Thêm lĩnh vực',
        body: newFieldBody,
        response: { 201: fieldSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'field.write');
      const f = await write(req, (w) => createField(w, req.body));
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
        body: fieldPatchBody,
        response: { 200: fieldSchema, ...errors },
      },
    },
    async (req) => {
      authorize(requireActor(req), 'field.write');
      const { version: v, ...b } = req.body;
      const f = await write(req, (w) => updateField(w, req.params.id, v, b));
      return presentField(f, requireActor(req));
    },
  );
}
