/**
 * The HTTP adapter over `runCommand` (services/command.ts): a write request runs as a command of the
 * signed-in user, through their session or their own API token, from the request's address.
 */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/plugin.js';
import { runCommand, type UserWho } from '../services/command.js';
import type { WriteCtx } from '../services/write.js';

/** Who a request acts as: the signed-in user, the token they came with, and where from. */
export function whoOf(req: FastifyRequest): UserWho {
  const actor = requireActor(req);
  const tokenId = req.auth?.kind === 'token' ? req.auth.tokenId : null;
  return {
    kind: 'user',
    actor,
    tokenId,
    source: tokenId === null ? 'web' : 'api',
    ip: req.ip ?? null,
    userAgent: userAgentOf(req),
  };
}

export const userAgentOf = (req: FastifyRequest) => (req.headers['user-agent'] ?? '').slice(0, 300) || null;

export async function write<T>(req: FastifyRequest, fn: (w: WriteCtx) => Promise<T>): Promise<T> {
  return runCommand(req.server.deps, whoOf(req), fn, { idempotency: req.idempotency });
}
