import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/crypto.js';
import { requireActor, secureCookie, SESSION_COOKIE } from '../../auth/plugin.js';
import type { Config } from '../../config.js';
import { rows } from '../../db/client.js';
import { agencies, users } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { userAgentOf, write } from '../../http/write.js';
import { errorBody, errors, ok, type Api } from '../../http/types.js';
import { ROLES } from '../../domain/actor.js';
import { version } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { changePassword, signIn, signOut, tooManyAttempts, updateOwnProfile } from './commands.js';

const me = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  agencyId: z.number(),
  agencyName: z.string(),
  leaderId: z.number().nullable(),
  language: z
    .enum(['vi', 'en'])
    .nullable()
    .describe('Ngôn ngữ giao diện người dùng đã chọn (dùng khi đăng nhập); null: chưa chọn'),
  version: z.number().describe('Phiên bản tài khoản, gửi kèm khi sửa hồ sơ của mình'),
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
    version: row.u.version,
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
      const name = req.body.username;
      const origin = { ip: req.ip, userAgent: userAgentOf(req) };
      const res = await signIn(app.deps, name, req.body.password, origin);
      if (!res.ok) {
        reply.header('retry-after', String(res.retryAfterSeconds));
        throw tooManyAttempts(res.retryAfterSeconds);
      }
      const { token, csrfToken } = res;
      const config = app.deps.config;
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(req),
        maxAge: config.SESSION_TTL_HOURS * 3600,
      });
      return meOf(app, res.userId, csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: ok, 401: errorBody, 403: errorBody } } },
    async (req, reply) => {
      requireActor(req);
      if (req.auth?.kind === 'session') {
        const idHash = req.auth.idHash;
        await write(req, (w) => signOut(w, idHash));
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

  app.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sửa hồ sơ của mình (ngôn ngữ giao diện)',
        body: z.object({ version, language: z.enum(['vi', 'en']).describe('vi: tiếng Việt; en: English') }).strict(),
        response: { 200: me, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'profile.update');
      await write(req, (w) => updateOwnProfile(w, actor, req.body));
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
      // The session this request came with stays open.
      const keep = req.auth?.kind === 'session' ? req.auth.idHash : '';
      await write(req, (w) => changePassword(w, actor, hash, keep));
      return { ok: true as const };
    },
  );
}
