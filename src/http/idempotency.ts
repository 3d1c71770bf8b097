/**
 * `Idempotency-Key` on creating requests (POST): a client that retries after a timeout gets the first
 * answer again instead of a second document or task. The key is claimed inside the write's transaction
 * (`http/write.ts` over `services/command.ts`), so the claim and the change land together or not at all;
 * the answer is stored when it is sent. The same key with a different request is refused.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { idempotencyKeys } from '../db/schema.js';
import { badRequest } from '../errors.js';
import { idempotencyInFlight } from '../services/idempotency.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

export function registerIdempotency(app: FastifyInstance) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req, reply) => {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined || req.method !== 'POST' || !req.actor) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (!KEY.test(key))
      throw badRequest(
        'Tiêu đề Idempotency-Key phải gồm 1–200 ký tự ASCII in được, không có dấu cách.',
        'The Idempotency-Key header must be 1–200 printable ASCII characters without spaces.',
        'Idempotency-Key',
      );
    const body = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const fingerprint = `${req.method} ${req.url} ${body}`;
    const [row] = await app.deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, req.actor.id), eq(idempotencyKeys.key, key)));
    if (row) {
      if (row.fingerprint !== fingerprint)
        throw badRequest(
          'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng một khóa mới cho mỗi yêu cầu.',
          'This Idempotency-Key was used for another request; use a new key for each request.',
          'Idempotency-Key',
        );
      if (row.status === null) throw idempotencyInFlight();
      void reply.header('idempotent-replayed', 'true');
      return reply.status(row.status).send(row.response);
    }
    req.idempotency = { key, fingerprint, claimed: false };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim?.claimed || !req.actor || typeof payload !== 'string') return payload;
    try {
      await app.deps.db
        .update(idempotencyKeys)
        .set({ status: reply.statusCode, response: JSON.parse(payload) as unknown })
        .where(and(eq(idempotencyKeys.userId, req.actor.id), eq(idempotencyKeys.key, claim.key)));
    } catch (err) {
      req.log.warn({ err: { message: (err as Error).message } }, 'idempotency answer not stored');
    }
    return payload;
  });
}
