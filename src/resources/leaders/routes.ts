/** /api/leaders: the Provincial People's Committee leaders who direct tasks. Writes are the admin's. */
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { requireActor } from '../../auth/plugin.js';
import { leaders } from '../../db/schema.js';
import { authorize } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { newLeaderBody } from './schemas.js';
import { createLeader } from './commands.js';
import { viSortKey } from '../../db/collation.js';

export function leaderRoutes(app: Api) {
  // ---- leaders and fields ----
  const leaderSchema = z.object({
    id: z.number(),
    fullName: z.string(),
    position: z.string(),
    userId: z.number().nullable(),
    sortOrder: z.number(),
    isActive: z.boolean(),
    version: z.number(),
  });
  app.get(
    '/leaders',
    {
      schema: {
        tags: ['reference'],
        summary: 'Lãnh đạo UBND tỉnh',
        response: { 200: z.object({ items: z.array(leaderSchema) }), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      const list = await app.deps.db
        .select()
        .from(leaders)
        .orderBy(asc(leaders.sortOrder), viSortKey(leaders.fullName), asc(leaders.id));
      return {
        items: list.map((l) => ({
          id: l.id,
          fullName: l.fullName,
          position: l.position,
          userId: l.userId,
          sortOrder: l.sortOrder,
          isActive: l.isActive,
          version: l.version,
        })),
      };
    },
  );
  app.post(
    '/leaders',
    {
      schema: {
        tags: ['reference'],
        summary: 'Thêm lãnh đạo',
        body: newLeaderBody,
        response: { 201: leaderSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'leader.write');
      const l = await write(req, (w) => createLeader(w, req.body));
      reply.status(201);
      return {
        id: l.id,
        fullName: l.fullName,
        position: l.position,
        userId: l.userId,
        sortOrder: l.sortOrder,
        isActive: l.isActive,
        version: l.version,
      };
    },
  );
}
