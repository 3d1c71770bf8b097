/**
 * The reads of user accounts: the list, within what the policy lets the actor read (the Office and the admin:
 * everyone; an agency's user: their own agency's people; anyone else: nobody).
 */
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { can, isAgencyUser } from '../../policies/index.js';
import type { UserListQuery } from './schemas.js';
import { viSortKey } from '../../db/collation.js';

export type UserRow = typeof users.$inferSelect;

export async function listUsers(ex: Executor, actor: Actor, q: UserListQuery): Promise<UserRow[]> {
  const conds = [];
  if (!can(actor, 'user.read_all')) {
    if (!isAgencyUser(actor)) return [];
    conds.push(eq(users.agencyId, actor.agencyId));
  }
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.agencyId) conds.push(eq(users.agencyId, q.agencyId));
  if (q.q) conds.push(or(ilike(users.fullName, `%${q.q}%`), ilike(users.username, `%${q.q}%`))!);
  return ex
    .select()
    .from(users)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(viSortKey(users.fullName), asc(users.id))
    .limit(1000);
}
