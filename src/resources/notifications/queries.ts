/** The reads of a user's notifications (within policies.notificationScope), and the read marks. */
import { and, desc, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notifications } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { notificationScope } from '../../policies/index.js';

export type NotificationRow = typeof notifications.$inferSelect;

export async function listNotifications(
  ex: Executor,
  actor: Actor,
  q: { unread?: boolean; before?: number; limit: number },
): Promise<NotificationRow[]> {
  const conds = [notificationScope(actor)];
  if (q.unread) conds.push(isNull(notifications.readAt));
  if (q.before) conds.push(lt(notifications.id, q.before));
  return ex
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.id))
    .limit(q.limit);
}

export async function unreadCount(ex: Executor, actor: Actor): Promise<number> {
  const [c] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(notificationScope(actor), isNull(notifications.readAt)));
  return Number(c?.n ?? 0);
}

/**
 * Marks the user's notifications read (some, or all unread). The user's own bookkeeping, not a change of a
 * record: no event is written, so it does not run as a command.
 */
export async function markRead(ex: Executor, actor: Actor, ids: number[] | null, now: Date): Promise<number> {
  const conds = [notificationScope(actor), isNull(notifications.readAt)];
  if (ids) conds.push(inArray(notifications.id, ids));
  const updated = await ex
    .update(notifications)
    .set({ readAt: now })
    .where(and(...conds))
    .returning({ id: notifications.id });
  return updated.length;
}
