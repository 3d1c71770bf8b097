import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, passwordProblem, randomToken, sha256, verifyPassword } from '../../auth/crypto.js';
import { requireActor, secureCookie, SESSION_COOKIE } from '../../auth/plugin.js';
import { revokeTokensOf } from '../../auth/tokens.js';
import { claimSignIn, releaseSignIn, type ThrottleLimits } from '../../auth/throttle.js';
import type { Config } from '../../config.js';
import { rows } from '../../db/client.js';
import { agencies, leaders, sessions, users } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { AppError, badRequest } from '../../errors.js';
import { runCommand, type UserWho, type VisitorWho } from '../../services/command.js';
import { userAgentOf, write } from '../../http/write.js';
import { errorBody, errors, ok, type Api } from '../../http/types.js';

/** Checked for unknown names, with the same argon2 parameters as real hashes. */
const DUMMY_HASH = hashPassword('not-a-real-password-0');

const wrongCredentials = () =>
  new AppError('unauthorized', {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  });

function waitText(seconds: number): { vi: string; en: string } {
  if (seconds < 120) return { vi: `${seconds} giây`, en: `${seconds} seconds` };
  const m = Math.ceil(seconds / 60);
  return { vi: `${m} phút`, en: `${m} minutes` };
}

const tooManyAttempts = (seconds: number) => {
  const w = waitText(seconds);
  return new AppError('too_many_requests', {
    vi: `Đã thử đăng nhập quá nhiều lần từ địa chỉ này. Hãy thử lại sau ${w.vi}.`,
    en: `Too many sign-in attempts from this address. Try again in ${w.en}.`,
  });
};

export const throttleLimits = (config: Config): ThrottleLimits => ({
  accountFree: config.LOGIN_FREE_ATTEMPTS,
  addressFree: config.LOGIN_ADDRESS_FREE_ATTEMPTS,
  maxDelaySeconds: config.LOGIN_MAX_DELAY_MINUTES * 60,
});

const actorOf = (u: typeof users.$inferSelect, leaderId: number | null = null): Actor => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  role: u.role,
  agencyId: u.agencyId,
  leaderId,
});

const me = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  role: z.string(),
  agencyId: z.number(),
  agencyName: z.string(),
  leaderId: z.number().nullable(),
  language: z.enum(['vi', 'en']),
  csrfToken: z.string().nullable(),
});

async function meOf(app: Api, userId: number, csrfToken: string | null) {
  const [row] = await app.deps.db
    .select({ u: users, agencyName: agencies.name })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, userId));
  if (!row) throw new Error('user vanished');
  const [leaderRow] = await rows<{ id: number }>(app.deps.db, sql`select id from leaders where user_id = ${userId}`);
  return {
    id: row.u.id,
    username: row.u.username,
    fullName: row.u.fullName,
    role: row.u.role,
    agencyId: row.u.agencyId,
    agencyName: row.agencyName,
    leaderId: leaderRow?.id ?? null,
    language: row.u.language,
    csrfToken,
  };
}

/**
 * A flood guard in front of the password checks, per client address and process (@fastify/rate-limit):
 * the shared, growing delays are the database throttle's (auth/throttle.ts); this one keeps a single
 * client from spending the server's CPU on argon2 checks.
 */
const signInRate = (config: Config) => ({
  max: config.LOGIN_RATE_PER_MINUTE,
  timeWindow: 60_000,
  errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) =>
    tooManyAttempts(Math.max(1, Math.ceil(ctx.ttl / 1000))),
});

export function authRoutes(app: Api) {
  app.post(
    '/auth/login',
    {
      config: { rateLimit: signInRate(app.deps.config) },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
        body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
        response: { 200: me, 400: errorBody, 401: errorBody, 429: errorBody },
      },
    },
    async (req, reply) => {
      const { config, db } = app.deps;
      const now = app.deps.now();
      const name = req.body.username;
      const ip = req.ip;
      const origin = { ip, userAgent: userAgentOf(req) };
      const visitor: VisitorWho = { kind: 'visitor', source: 'sign_in', ...origin };
      const limits = throttleLimits(config);
      // Every attempt claims its slot before the password is checked: parallel guesses cannot slip through.
      const claim = await claimSignIn(db, limits, name, ip, now);
      if (!claim.ok) {
        await db.execute(
          sql`update users set failed_logins = failed_logins + 1 where lower(username) = lower(${name})`,
        );
        reply.header('retry-after', String(claim.retryAfterSeconds));
        throw tooManyAttempts(claim.retryAfterSeconds);
      }
      const [user] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.username}) = lower(${name})`)
        .limit(1);
      const known = user && user.isActive ? user : null;
      // An unknown name costs the same argon2 check as a wrong password: the answer and its time match.
      const passwordOk = await verifyPassword(known ? known.passwordHash : await DUMMY_HASH, req.body.password);
      if (!known || !passwordOk) {
        const heldBack = claim.accountAttempts >= config.LOGIN_FREE_ATTEMPTS;
        await runCommand(app.deps, visitor, async (c) => {
          // One statement counts the failure: no read-modify-write for parallel attempts to race through.
          const [counted] = await rows<{ id: number; failed_logins: number }>(
            c.tx,
            sql`update users set failed_logins = failed_logins + 1,
                  locked_until = case when ${heldBack} then greatest(coalesce(locked_until, ${claim.accountBlockedUntil.toISOString()}::timestamptz), ${claim.accountBlockedUntil.toISOString()}::timestamptz) else locked_until end
                where lower(username) = lower(${name})
                returning id, failed_logins`,
          );
          await c.event(
            counted
              ? {
                  entityType: 'user',
                  entityId: counted.id,
                  action: 'user.login_failed',
                  after: { failedLogins: counted.failed_logins },
                }
              : { entityType: 'sign_in', entityId: name.toLowerCase(), action: 'user.login_failed' },
          );
        });
        throw wrongCredentials();
      }
      await releaseSignIn(db, limits, name, ip, now);
      const token = randomToken();
      const csrfToken = randomToken(24);
      const [leader] = await db.select({ id: leaders.id }).from(leaders).where(eq(leaders.userId, known.id));
      const who: UserWho = {
        kind: 'user',
        actor: actorOf(known, leader?.id ?? null),
        tokenId: null,
        source: 'web',
        ...origin,
      };
      await runCommand(app.deps, who, async (c) => {
        await c.tx.insert(sessions).values({
          idHash: sha256(token),
          userId: known.id,
          csrfToken,
          createdAt: c.now,
          lastSeenAt: c.now,
          expiresAt: new Date(c.now.getTime() + config.SESSION_TTL_HOURS * 3600_000),
          ip,
          userAgent: origin.userAgent,
        });
        await c.tx
          .update(users)
          .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: c.now })
          .where(eq(users.id, known.id));
        await c.event({ entityType: 'user', entityId: known.id, action: 'user.login' });
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(req),
        maxAge: config.SESSION_TTL_HOURS * 3600,
      });
      return meOf(app, known.id, csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: ok, 401: errorBody, 403: errorBody } } },
    async (req, reply) => {
      requireActor(req);
      if (req.auth?.kind === 'session') {
        const idHash = req.auth.idHash;
        await write(req, async (w) => {
          await w.tx.delete(sessions).where(eq(sessions.idHash, idHash));
          await w.event({ entityType: 'user', entityId: w.actor.id, action: 'user.logout' });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'Người dùng đang đăng nhập', response: { 200: me, 401: errorBody } } },
    async (req) => {
      const actor = requireActor(req);
      return meOf(app, actor.id, req.auth?.kind === 'session' ? req.auth.csrfToken : null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { rateLimit: signInRate(app.deps.config) },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu',
        body: z
          .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
          .strict(),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const [user] = await app.deps.db.select().from(users).where(eq(users.id, actor.id));
      if (!user || !(await verifyPassword(user.passwordHash, req.body.currentPassword)))
        throw badRequest('Mật khẩu hiện tại không đúng.', 'The current password is wrong.', 'currentPassword');
      const problem = passwordProblem(req.body.newPassword);
      if (problem) throw badRequest(problem.vi, problem.en, 'newPassword');
      const hash = await hashPassword(req.body.newPassword);
      await write(req, async (w) => {
        await w.tx
          .update(users)
          .set({ passwordHash: hash, passwordChangedAt: w.now, version: sql`${users.version} + 1` })
          .where(eq(users.id, actor.id));
        // Other sessions of this user end: a changed password locks out whoever else had it.
        const keep = req.auth?.kind === 'session' ? req.auth.idHash : '';
        await w.tx.delete(sessions).where(and(eq(sessions.userId, actor.id), sql`${sessions.idHash} <> ${keep}`));
        // API tokens end too: whoever holds one must not outlive the password it was issued under.
        await revokeTokensOf(w.tx, actor.id, w.now);
        await w.event({ entityType: 'user', entityId: actor.id, action: 'user.change_password' });
      });
      return { ok: true as const };
    },
  );
}
