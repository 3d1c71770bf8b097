/** /api/users: accounts and their roles; writes are the admin's (a lock or password reset ends sessions and tokens). */
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, passwordProblem } from '../../auth/crypto.js';
import { requireActor } from '../../auth/plugin.js';
import { forgetAccount } from '../../auth/throttle.js';
import { revokeTokensOf } from '../../auth/tokens.js';
import { agencies, ROLES, users } from '../../db/schema.js';

import { badRequest, notFound, staleVersion } from '../../errors.js';
import { idParam, idParams, optionalText, text, version } from '../../http/validation.js';
import { authorize, can, isAgencyUser } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { diff } from '../../services/write.js';
import { errors, type Api } from '../../http/types.js';
import { presentUser, userSchema } from './presenter.js';

export function userRoutes(app: Api) {
  const USER = { vi: 'người dùng', en: 'User' };

  // ---- users ----
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Người dùng (cơ quan chỉ thấy người của mình)',
        querystring: z
          .object({
            role: z.enum(ROLES).optional(),
            agencyId: idParam.optional(),
            q: z.string().trim().max(100).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const conds = [];
      if (!can(actor, 'user.read_all')) {
        if (!isAgencyUser(actor)) return { items: [] };
        conds.push(eq(users.agencyId, actor.agencyId));
      }
      if (req.query.role) conds.push(eq(users.role, req.query.role));
      if (req.query.agencyId) conds.push(eq(users.agencyId, req.query.agencyId));
      if (req.query.q)
        conds.push(or(ilike(users.fullName, `%${req.query.q}%`), ilike(users.username, `%${req.query.q}%`))!);
      const list = await app.deps.db
        .select()
        .from(users)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(users.fullName))
        .limit(1000);
      return { items: list.map((u) => presentUser(u, requireActor(req))) };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Thêm người dùng',
        body: z
          .object({
            username: z
              .string()
              .trim()
              .max(60, { message: 'username' })
              .regex(/^[a-zA-Z0-9._-]{3,60}$/, { message: 'username' }),
            password: z.string().min(1).max(200),
            fullName: text(200),
            title: optionalText(200),
            email: z.email().max(254).nullish(),
            phone: optionalText(30),
            role: z.enum(ROLES),
            agencyId: idParam,
          })
          .strict(),
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'user.write');
      const b = req.body;
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem.vi, problem.en, 'password');
      const hash = await hashPassword(b.password);
      const u = await write(req, async (w) => {
        const [ag] = await w.tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, b.agencyId));
        if (!ag)
          throw badRequest(
            `Không có cơ quan mã số ${b.agencyId}.`,
            `There is no agency with id ${b.agencyId}.`,
            'agencyId',
          );
        const [dup] = await w.tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.username}) = lower(${b.username})`);
        if (dup)
          throw badRequest(
            `Tên đăng nhập "${b.username}" đã có người dùng.`,
            `The username "${b.username}" is taken.`,
            'username',
          );
        const { password: _p, ...rest } = b;
        void _p;
        const [row] = await w.tx
          .insert(users)
          .values({
            ...rest,
            title: b.title ?? null,
            email: b.email ?? null,
            phone: b.phone ?? null,
            passwordHash: hash,
            createdAt: w.now,
            updatedAt: w.now,
          })
          .returning();
        await w.event({ entityType: 'user', entityId: row!.id, action: 'user.create', after: rest });
        return row!;
      });
      reply.status(201);
      return presentUser(u, requireActor(req));
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa người dùng, khoá/mở khoá, đặt lại mật khẩu',
        params: idParams,
        body: z
          .object({
            version,
            fullName: text(200).optional(),
            title: optionalText(200),
            email: z.email().max(254).nullish(),
            phone: optionalText(30),
            role: z.enum(ROLES).optional(),
            agencyId: idParam.optional(),
            isActive: z.boolean().optional(),
            unlock: z.boolean().optional(),
            newPassword: z.string().min(1).max(200).optional(),
          })
          .strict(),
        response: { 200: userSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'user.write');
      const { version: v, unlock, newPassword, ...b } = req.body;
      if (newPassword) {
        const problem = passwordProblem(newPassword);
        if (problem) throw badRequest(problem.vi, problem.en, 'newPassword');
      }
      const hash = newPassword ? await hashPassword(newPassword) : undefined;
      const u = await write(req, async (w) => {
        const [cur] = await w.tx.select().from(users).where(eq(users.id, req.params.id)).for('update');
        if (!cur) throw notFound(USER);
        if (cur.version !== v) throw staleVersion();
        if (cur.id === actor.id && (b.isActive === false || (b.role && b.role !== 'admin')))
          throw badRequest(
            'Không thể tự khoá hoặc tự bỏ quyền quản trị của mình.',
            'You cannot deactivate yourself or drop your own admin role.',
            'isActive',
          );
        const patch: Partial<typeof users.$inferInsert> = { ...b };
        if (unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0 });
        if (hash) Object.assign(patch, { passwordHash: hash, passwordChangedAt: w.now });
        const [row] = await w.tx
          .update(users)
          .set({ ...patch, version: v + 1, updatedAt: w.now })
          .where(eq(users.id, cur.id))
          .returning();
        const d = diff(cur, b);
        await w.event({
          entityType: 'user',
          entityId: cur.id,
          action: 'user.update',
          before: d.before,
          after: { ...d.after, ...(unlock ? { unlocked: true } : {}), ...(hash ? { passwordReset: true } : {}) },
        });
        if (b.isActive === false || hash) {
          await w.tx.execute(sql`delete from sessions where user_id = ${cur.id}`);
          await revokeTokensOf(w.tx, cur.id, w.now);
        }
        if (unlock) await forgetAccount(w.tx, cur.username);
        return row!;
      });
      return presentUser(u, requireActor(req));
    },
  );
}
