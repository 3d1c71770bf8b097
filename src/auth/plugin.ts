/**
 * Who is asking: a session cookie (browser) or a bearer API token (integrations). Runs before every /api
 * route; routes then call `requireActor`. Cookie-authenticated writes must carry the session's CSRF token
 * in `X-CSRF-Token` (the cookie is also SameSite=Lax), so another site cannot act in the user's name.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { apiTokens, leaders, sessions, users } from '../db/schema.js';
import { AppError, unauthorized } from '../errors.js';
import type { Actor } from '../domain/actor.js';
import type { Executor } from '../db/client.js';
import { sha256 } from './crypto.js';

export const SESSION_COOKIE = 'nv_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The columns an Actor is made of (the user, and the leader they are, if any). */
const ACTOR_COLUMNS = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  role: users.role,
  agencyId: users.agencyId,
  isActive: users.isActive,
  leaderId: leaders.id,
};

const actorOf = (row: Omit<Actor, 'leaderId'> & { leaderId: number | null }): Actor => ({
  id: row.id,
  username: row.username,
  fullName: row.fullName,
  role: row.role,
  agencyId: row.agencyId,
  leaderId: row.leaderId,
});

const actorFor = (app: FastifyInstance, userId: number) => loadActor(app.deps.db, userId);

/** The active user as an Actor (a request's user, or the user a job runs for); null if gone or disabled. */
export async function loadActor(db: Executor, userId: number): Promise<Actor | null> {
  const [row] = await db
    .select(ACTOR_COLUMNS)
    .from(users)
    .leftJoin(leaders, eq(leaders.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.isActive) return null;
  return actorOf(row);
}

/**
 * The only /api routes answered without signing in (method and route pattern). Everything else under
 * /api answers 401 to an anonymous caller before its input is even parsed. The web files (outside /api)
 * are public.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'GET /api/health',
  'HEAD /api/health',
  'GET /api/openapi.json',
  'HEAD /api/openapi.json',
  // The working calendar is public knowledge (the government's days off).
  'GET /api/calendar/:year',
  'HEAD /api/calendar/:year',
  // The published results (aggregates per agency of closed periods; 404 unless the admin turns them on).
  'GET /api/public/periods',
  'HEAD /api/public/periods',
  'GET /api/public/results',
  'HEAD /api/public/results',
]);
/** The API documentation (Swagger UI) and its files. */
const PUBLIC_PREFIX = '/api/docs';

export function isPublicRoute(method: string, route: string | undefined): boolean {
  // No /api route matched: the not-found answer tells nothing the OpenAPI document does not.
  if (route === undefined || !route.startsWith('/api/')) return true;
  return PUBLIC_ROUTES.has(`${method} ${route}`) || route === PUBLIC_PREFIX || route.startsWith(`${PUBLIC_PREFIX}/`);
}

/**
 * Sessions looked up in the last seconds, reused while this process's data version is exact and has not moved
 * (ADR 0019): whatever ends or changes a session or its user (sign-out, a lock, a password or role change) is
 * a command, and every command moves the version here and, through the database, on every other server.
 * Expiry and idle time are checked again on each request against the clock.
 */
const SESSION_MEMO_MS = 10_000;
const SESSION_MEMO_MAX = 10_000;
type SessionRow = Awaited<ReturnType<typeof lookUpSession>>;
type SessionMemo = Map<string, { row: NonNullable<SessionRow>; at: number }>;

export function registerAuth(app: FastifyInstance): void {
  const memo: SessionMemo = new Map();
  // A sign-out, a lock or a new password anywhere is a change of users (not task data only): sessions are read again.
  const forget = app.deps.database.versions.onBump((kind) => {
    if (kind !== 'data') memo.clear();
  });
  app.addHook('onClose', async () => void forget());
  app.decorateRequest('actor', null);
  app.decorateRequest('auth', null);
  // The one authentication guard: runs before body parsing and validation, so 401 comes before any 400.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    await identify(app, req, memo);
    if (!req.actor && !isPublicRoute(req.method, req.routeOptions.url)) throw unauthorized();
  });
}

/** Who is asking: sets `req.actor` and `req.auth` from a bearer token or a live session cookie. */
async function identify(app: FastifyInstance, req: FastifyRequest, memo: SessionMemo): Promise<void> {
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
          // A token acts only as the user who issued it (older tokens issued for someone else are void).
          eq(apiTokens.userId, apiTokens.createdBy),
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
  const idleSince = new Date(now.getTime() - app.deps.config.SESSION_IDLE_MINUTES * 60_000 - 60_000);
  const versions = app.deps.database.versions;
  let row: SessionRow;
  const known = versions.exact ? memo.get(idHash) : undefined;
  if (known && now.getTime() >= known.at && now.getTime() - known.at < SESSION_MEMO_MS) row = known.row;
  else {
    const seen = versions.value;
    row = await lookUpSession(app, idHash, now, idleSince);
    // Kept only if nothing was committed while it was read (a sign-out then would be missed).
    if (row && seen !== null && versions.value === seen) {
      if (memo.size >= SESSION_MEMO_MAX) memo.clear();
      memo.set(idHash, { row, at: now.getTime() });
    }
  }
  // The same limits as the query's, for a session remembered from a few seconds ago.
  if (row && (row.expiresAt <= now || row.lastSeenAt <= idleSince)) row = undefined;
  if (!row || !row.isActive) return;
  const sess = { csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt };
  const actor = actorOf(row);
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
  if (now.getTime() - sess.lastSeenAt.getTime() > 60_000) {
    await app.deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
    row.lastSeenAt = now;
  }
}

/** One query: the session (live: not expired, not idle), its user and whether the user is a leader. */
async function lookUpSession(app: FastifyInstance, idHash: string, now: Date, idleSince: Date) {
  const [row] = await app.deps.db
    .select({
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ...ACTOR_COLUMNS,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(leaders, eq(leaders.userId, users.id))
    .where(
      and(
        eq(sessions.idHash, idHash),
        gt(sessions.expiresAt, now),
        // Idle timeout: lastSeenAt is touched at most once a minute, hence the minute's margin.
        gt(sessions.lastSeenAt, idleSince),
      ),
    )
    .limit(1);
  return row;
}

/** The session cookie is `Secure` when configured so, or when the request came over HTTPS (through a trusted proxy). */
export const secureCookie = (req: FastifyRequest) => req.server.deps.config.COOKIE_SECURE || req.protocol === 'https';

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
