/**
 * Sends a read route's answer kept against the data version (services/kept-answers.ts, ADR 0019). The key
 * holds everything the answer depends on: the route, its parsed query, the asker (user, role, agency,
 * leader), the language, the day (timeliness moves with it) and this process's data version (db/versions.ts),
 * read before computing: a write committed meanwhile can only make the kept answer newer than its key, never
 * older.
 * `Cache-Control: no-cache` on the request (a browser's hard reload, the benchmark's cold figures)
 * computes afresh.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { vnDateOf } from '../domain/dates.js';
import type { AppDeps } from '../services/deps.js';

export async function sendKept<R extends FastifyReply>(
  deps: AppDeps,
  req: FastifyRequest,
  reply: R,
  // What the route would have returned: its response schema's type (checked as a handler's return is).
  compute: () => Promise<Parameters<R['send']>[0]>,
): Promise<R> {
  // The route's own serialiser (its response schema): the kept bytes are those it would have sent.
  const run = async () => String(reply.serialize(await compute()));
  // Kept only under this process's exact version (db/versions.ts): while it is not known without asking the
  // database (PostgreSQL's listening connection down), a change on another server may not yet have reached
  // the settings and names this server keeps for seconds; each answer is then computed afresh.
  const dv = deps.database.versions.value;
  let body: string;
  if (dv === null || /no-cache/i.test(req.headers['cache-control'] ?? '')) body = await run();
  else {
    const key = createHash('sha256')
      .update(JSON.stringify([req.routeOptions.url, req.query, req.actor, req.lang, vnDateOf(deps.now()), dv]))
      .digest('base64url');
    body = await deps.caches.answers.getOrCompute(key, run);
  }
  // Already JSON: a string sent with a JSON type goes out as it is.
  return reply.type('application/json; charset=utf-8').send(body as never) as R;
}
