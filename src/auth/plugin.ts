/**
 * Who is asking: a session cookie (browser) or a bearer API token (integrations). Runs before every /api
 * route; routes then call `requireActor`. Cookie-authenticated writes must carry the session's CSRF token
 * in `X-CSRF-Token` (the cookie is also SameSite=Lax), so another site cannot act in the user's name.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { apiTokens, leaders, sessions, users } from '../db/schema.js';
import { AppError, unauthorized } from '../errors.js';
import type { Actor } from '../http/context.js';
import { sha256 } from './crypto.js';

export const SESSION_COOKIE = 'nv_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

async function actorFor(app: FastifyInstance, userId: number): Promise<Actor | null> {
  const [row] = await app.deps.db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      role: users.role,
      agencyId: users.agencyId,
      isActive: users.isActive,
      leaderId: leaders.id,
    })
    .from(users)
    .leftJoin(leaders, eq(leaders.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.isActive) return null;
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    agencyId: row.agencyId,
    leaderId: row.leaderId,
  };
}

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    const now = app.deps.now();
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const [tok] = await app.deps.db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.tokenHash, sha256(header.slice(7).trim())),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          ),
        )
        .limit(1);
      if (!tok) throw unauthorized();
      req.actor = await actorFor(app, tok.userId);
      if (!req.actor) throw unauthorized();
      req.auth = { kind: 'token', tokenId: tok.id };
      await app.deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tok.id));
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const idHash = sha256(cookie);
    // One query: the session, its user and whether the user is a leader.
    const [row] = await app.deps.db
      .select({
        csrfToken: sessions.csrfToken,
        lastSeenAt: sessions.lastSeenAt,
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        role: users.role,
        agencyId: users.agencyId,
        isActive: users.isActive,
        leaderId: leaders.id,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(leaders, eq(leaders.userId, users.id))
      .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)))
      .limit(1);
    if (!row || !row.isActive) return;
    const sess = { csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt };
    const actor: Actor = {
      id: row.id,
      username: row.username,
      fullName: row.fullName,
      role: row.role,
      agencyId: row.agencyId,
      leaderId: row.leaderId,
    };
    if (!SAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (sent !== sess.csrfToken && !req.url.startsWith('/api/auth/login'))
        throw new AppError('forbidden', {
          vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Hãy tải lại trang.',
          en: 'Missing or wrong anti-forgery token (X-CSRF-Token). Reload the page.',
        });
    }
    req.actor = actor;
    req.auth = { kind: 'session', idHash, csrfToken: sess.csrfToken };
    // Touch the session at most once a minute.
    if (now.getTime() - sess.lastSeenAt.getTime() > 60_000)
      await app.deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
