/**
 * Who is told about a task (the lead or coordinating agencies' users, the Office follower, the leader)
 * and the notification of a newly assigned task.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { leaders, users } from '../../db/schema.js';
import { AGENCY_ROLES } from '../../policies/index.js';
import type { WriteCtx } from '../../services/write.js';
import type { TaskRow } from './repository.js';

// ---- who is told --------------------------------------------------------------------------------------

export async function agencyUserIds(ex: Executor, agencyIds: number[]): Promise<number[]> {
  if (agencyIds.length === 0) return [];
  const list = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.agencyId, agencyIds), inArray(users.role, [...AGENCY_ROLES]), eq(users.isActive, true)));
  return list.map((u) => u.id);
}

/** The specialist who follows the task, or the Office leadership when nobody does. */
export async function officeFollowerIds(ex: Executor, t: TaskRow): Promise<number[]> {
  if (t.specialistId) return [t.specialistId];
  const list = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'office_lead'), eq(users.isActive, true)));
  return list.map((u) => u.id);
}

export async function leaderUserIds(ex: Executor, leaderId: number | null): Promise<number[]> {
  if (!leaderId) return [];
  const [l] = await ex.select({ userId: leaders.userId }).from(leaders).where(eq(leaders.id, leaderId));
  return l?.userId ? [l.userId] : [];
}

export const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

export async function notifyAssigned(w: WriteCtx, task: TaskRow, coordinating: number[]) {
  await w.notify(await agencyUserIds(w.tx, [task.leadAgencyId]), {
    kind: 'task.assigned',
    taskId: task.id,
    title: `Nhiệm vụ mới (chủ trì): ${short(task.content)}`,
    body: task.currentDeadline ? `Thời hạn: ${task.currentDeadline}` : undefined,
  });
  await w.notify(await agencyUserIds(w.tx, coordinating), {
    kind: 'task.coordinating',
    taskId: task.id,
    title: `Nhiệm vụ mới (phối hợp): ${short(task.content)}`,
  });
}
