import { z } from 'zod';
import type { Api } from '../../http/types.js';

export function systemRoutes(app: Api) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Tình trạng máy chủ',
        security: [],
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            database: z.enum(['pglite', 'postgres']),
            time: z.string(),
          }),
          503: z.object({
            status: z.literal('error'),
            version: z.string(),
            database: z.enum(['pglite', 'postgres']),
            time: z.string(),
          }),
        },
      },
    },
    async (_req, reply) => {
      const { database, version, now } = app.deps;
      // Never queues behind other work: on PGlite the database thread reports how long it has been busy.
      const { ok } = await database.health();
      const body = { version, database: database.kind, time: now().toISOString() };
      if (ok) return { status: 'ok' as const, ...body };
      return reply.status(503).send({ status: 'error' as const, ...body });
    },
  );
}
