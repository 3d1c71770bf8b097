/** /api/users: accounts and their roles; writes are the admin's (a lock or password reset ends sessions and tokens). */
import { z } from 'zod';
import { hashPassword, passwordProblem } from '../../auth/crypto.js';
import { requireActor } from '../../auth/plugin.js';
import { badRequest } from '../../errors.js';
import { idParams } from '../../http/validation.js';
import { authorize } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, type Api } from '../../http/types.js';
import { presentUser, userSchema } from './presenter.js';
import { listUsers } from './queries.js';
import { newUserBody, userListQuery, userPatchBody } from './schemas.js';
import { createUser, updateUser } from './commands.js';

export function userRoutes(app: Api) {
  // ---- users ----
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Người dùng (cơ quan chỉ thấy người của mình)',
        querystring: userListQuery,
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const list = await listUsers(app.deps.db, actor, req.query);
      return { items: list.map((u) => presentUser(u, actor)) };
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
