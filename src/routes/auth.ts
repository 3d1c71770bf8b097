import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, passwordProblem, randomToken, sha256, verifyPassword } from '../auth/crypto.js';
import { requireActor, SESSION_COOKIE } from '../auth/plugin.js';
import { rows } from '../db/client.js';
import { agencies, events, sessions, users } from '../db/schema.js';
import { AppError, badRequest } from '../errors.js';
import { write } from '../services/write.js';
import { errorBody, errors, ok, type Api } from './types.js';

const DUMMY_HASH = hashPassword('not-a-real-password-0');

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

export function authRoutes(app: Api) {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
        body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
        response: { 200: me, 400: errorBody, 401: errorBody, 423: errorBody },
      },
    },
    async (req, reply) => {
      const { config, db, now: clock } = app.deps;
      const now = clock();
      const [user] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.username}) = lower(${req.body.username})`)
        .limit(1);
      const ip = req.ip;
      const ua = (req.headers['user-agent'] ?? '').slice(0, 300);
      if (!user || !user.isActive) {
        await verifyPassword(await DUMMY_HASH, req.body.password); // same time whether or not the user exists
        throw new AppError('unauthorized', {
          vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
          en: 'Wrong username or password.',
        });
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        const mins = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
        throw new AppError('locked', {
          vi: `Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau ${mins} phút hoặc liên hệ quản trị.`,
          en: `The account is locked after repeated failed sign-ins; try again in ${mins} minutes or ask the administrator.`,
        });
      }
      if (!(await verifyPassword(user.passwordHash, req.body.password))) {
        const failures = user.failedLogins + 1;
        const lock = failures >= config.LOGIN_MAX_FAILURES;
        await db.transaction(async (tx) => {
          await tx
            .update(users)
            .set({
              failedLogins: lock ? 0 : failures,
              lockedUntil: lock ? new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000) : user.lockedUntil,
            })
            .where(eq(users.id, user.id));
          await tx.insert(events).values({
            at: now,
            entityType: 'user',
            entityId: String(user.id),
            action: lock ? 'user.locked' : 'user.login_failed',
            actorId: user.id,
            actorIp: ip,
            userAgent: ua,
            after: { failedLogins: failures },
          });
        });
        if (lock)
          throw new AppError('locked', {
            vi: `Đăng nhập sai ${failures} lần: tài khoản tạm khoá ${config.LOGIN_LOCK_MINUTES} phút.`,
            en: `${failures} failed sign-ins: the account is locked for ${config.LOGIN_LOCK_MINUTES} minutes.`,
          });
        throw new AppError('unauthorized', {
          vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
          en: 'Wrong username or password.',
        });
      }
      const token = randomToken();
      const csrfToken = randomToken(24);
      await db.transaction(async (tx) => {
        await tx.insert(sessions).values({
          idHash: sha256(token),
          userId: user.id,
          csrfToken,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + config.SESSION_TTL_HOURS * 3600_000),
          ip,
          userAgent: ua,
        });
        await tx
          .update(users)
          .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
          .where(eq(users.id, user.id));
        await tx.insert(events).values({
          at: now,
          entityType: 'user',
          entityId: String(user.id),
          action: 'user.login',
          actorId: user.id,
          actorIp: ip,
          userAgent: ua,
        });
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.COOKIE_SECURE,
        maxAge: config.SESSION_TTL_HOURS * 3600,
      });
      return meOf(app, user.id, csrfToken);
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
        await w.event({ entityType: 'user', entityId: actor.id, action: 'user.change_password' });
      });
      return { ok: true as const };
    },
  );
}
