/**
 * Who is told about a task (the lead or coordinating agencies' users, the Office follower, the leader),
 * how a notification names it (`taskRef`), and the notification of a newly assigned task. The texts
 * themselves are templates in services/messages.ts.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { agencies, documents, leaders, users } from '../../db/schema.js';
import { AGENCY_ROLES } from '../../policies/index.js';
import { message, type TaskRef } from '../../services/messages.js';
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

async function officeLeadIds(ex: Executor): Promise<number[]> {
  const list = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'office_lead'), eq(users.isActive, true)));
  return list.map((u) => u.id);
}

/**
 * Who must decide an extension request, besides the Office follower who is kept informed: the leader who
 * assigned the task, and the Office leadership when the leaders delegated the decision to it (or when no
 * leader is named) — the same rule as the policy's `decide_extension`.
 */
export async function extensionDeciderIds(
  ex: Executor,
  t: TaskRow,
  s: { officeLeadDecidesExtensions: boolean },
): Promise<number[]> {
  const ids = await leaderUserIds(ex, t.leaderId);
  if (s.officeLeadDecidesExtensions || t.leaderId === null) ids.push(...(await officeLeadIds(ex)));
  return ids;
}

export async function leaderUserIds(ex: Executor, leaderId: number | null): Promise<number[]> {
  if (!leaderId) return [];
  const [l] = await ex.select({ userId: leaders.userId }).from(leaders).where(eq(leaders.id, leaderId));
  return l?.userId ? [l.userId] : [];
}

/** How the notifications name the task: its code, content, document number, lead agency and deadline now. */
export async function taskRef(ex: Executor, task: TaskRow): Promise<TaskRef> {
  const [r] = await ex
    .select({ agency: agencies.name, document: documents.numberText })
    .from(agencies)
    .leftJoin(documents, eq(documents.id, task.documentId ?? -1))
    .where(eq(agencies.id, task.leadAgencyId));
  return {
    code: task.code,
    content: task.content,
    document: r?.document ?? null,
    agency: r?.agency ?? '',
    deadline: task.currentDeadline,
  };
}

export async function agencyName(ex: Executor, id: number): Promise<string> {
  const [a] = await ex.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, id));
  return a?.name ?? '';
}

/** The lead agency's users are told of a newly assigned task, the coordinating agencies' users too. */
export async function notifyAssigned(w: WriteCtx, task: TaskRow, coordinating: number[]) {
  const ref = await taskRef(w.tx, task);
  await w.notify(await agencyUserIds(w.tx, [task.leadAgencyId]), {
    taskId: task.id,
    message: message('task.assigned', { task: ref }),
  });
  await w.notify(await agencyUserIds(w.tx, coordinating), {
    taskId: task.id,
    message: message('task.coordinating', { task: ref }),
  });
}
