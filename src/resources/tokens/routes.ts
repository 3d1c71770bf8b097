/** /api/tokens: API tokens for integrations; each ends with its owner's password. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { randomToken } from '../../auth/crypto.js';
import { requireActor } from '../../auth/plugin.js';
import { apiTokens } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { idParams } from '../../http/validation.js';
import { authorize, can } from '../../policies/index.js';
import { write } from '../../http/write.js';
import { errors, ok, type Api } from '../../http/types.js';
import { presentToken, tokenSchema } from './presenter.js';
import { newTokenBody } from './schemas.js';
import { issueToken, revokeToken } from './commands.js';

export function tokenRoutes(app: Api) {
  // ---- API tokens for integrations ----
  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Mã truy cập API',
        response: { 200: z.object({ items: z.array(tokenSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      // The administrator sees every token; anyone else their own.
      const mine = can(actor, 'token.manage') ? undefined : eq(apiTokens.userId, actor.id);
      return {
        items: (await app.deps.db.select().from(apiTokens).where(mine).orderBy(asc(apiTokens.id))).map(presentToken),
      };
    },
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Cấp mã truy cập API cho hệ thống tích hợp; mã chỉ hiện một lần',
        body: newTokenBody,
        response: { 201: tokenSchema.extend({ token: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'token.create');
      // A token acts as the one who issues it: nobody, the administrator included, can act as someone else.
      if (req.body.userId !== undefined && req.body.userId !== actor.id)
        throw badRequest(
          'Mã truy cập luôn hành động với danh nghĩa người cấp mã. Người dùng cần tự đăng nhập và tự cấp mã cho hệ thống tích hợp.',
          'A token always acts as the user who issues it. That user must sign in and issue the token themselves.',
          'userId',
        );
      const token = `nv_${randomToken()}`;
      const row = await write(req, (w) => issueToken(w, req.body, token));
      reply.status(201);
      return { ...presentToken(row), token };
    },
  );
  app.delete(
    '/tokens/:id',
    {
      schema: { tags: ['tokens'], summary: 'Thu hồi mã truy cập', params: idParams, response: { 200: ok, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      const mine = can(actor, 'token.manage') ? undefined : eq(apiTokens.userId, actor.id);
      await write(req, (w) => revokeToken(w, req.params.id, mine));
      return { ok: true as const };
    },
  );
}
