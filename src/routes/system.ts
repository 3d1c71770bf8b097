import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Api } from './types.js';

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
      try {
        await database.db.execute(sql`select 1`);
        return { status: 'ok' as const, version, database: database.kind, time: now().toISOString() };
      } catch {
        return reply
          .status(503)
          .send({ status: 'error' as const, version, database: database.kind, time: now().toISOString() });
      }
    },
  );
}
