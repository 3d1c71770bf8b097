/** User commands: creation and edits (a lock or a password reset ends the user's sessions and tokens). */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { forgetAccount } from '../../auth/throttle.js';
import { revokeTokensOf } from '../../auth/tokens.js';
import { agencies, users } from '../../db/schema.js';
import { badRequest, notFound, staleVersion } from '../../errors.js';
import { diff } from '../../services/write.js';
import type { WriteCtx } from '../../services/write.js';
import type { newUserBody, userPatchBody } from './schemas.js';
import type { Actor } from '../../domain/actor.js';

export const USER = { vi: 'người dùng', en: 'User' };

export async function createUser(w: WriteCtx, b: z.output<typeof newUserBody>, hash: string) {
  const [ag] = await w.tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, b.agencyId));
  if (!ag)
    throw badRequest(`Không có cơ quan mã số ${b.agencyId}.`, `There is no agency with id ${b.agencyId}.`, 'agencyId');
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
}

export async function updateUser(
  w: WriteCtx,
  actor: Actor,
  id: number,
  v: number,
  b: Omit<z.output<typeof userPatchBody>, 'version' | 'unlock' | 'newPassword'>,
  unlock: boolean | undefined,
  hash: string | undefined,
) {
  const [cur] = await w.tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!cur) throw notFound(USER);
  if (cur.version !== v) throw staleVersion();
  if (cur.id === actor.id && (b.isActive === false || (b.role && b.role !== 'admin')))
    throw badRequest(
      'Không thể tự khóa hoặc tự bỏ quyền quản trị của mình.',
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
}
