/** /api/users: accounts and their roles; writes are the admin's (a lock or password reset ends sessions and tokens). */
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword, passwordProblem } from '../../auth/crypto.js';
import { requireActor } from '../../auth/plugin.js';
import { ROLES, users } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { idParam, idParams } from '../../http/validation.js';
import { authorize, can, isAgencyUser } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { presentUser, userSchema } from './presenter.js';
import { newUserBody, userPatchBody } from './schemas.js';
import { createUser, updateUser } from './commands.js';

export function userRoutes(app: Api) {
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
        body: newUserBody,
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      authorize(requireActor(req), 'user.write');
      const b = req.body;
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem.vi, problem.en, 'password');
      const hash = await hashPassword(b.password);
      const u = await write(req, (w) => createUser(w, b, hash));
      reply.status(201);
      return presentUser(u, requireActor(req));
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa người dùng, khóa/mở khóa, đặt lại mật khẩu',
        params: idParams,
        body: userPatchBody,
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
      const u = await write(req, (w) => updateUser(w, actor, req.params.id, v, b, unlock, hash));
      return presentUser(u, requireActor(req));
    },
  );
}
