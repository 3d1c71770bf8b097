/**
 * The policy's view rule applied to records loaded by id, through the caller's executor:
 * - who gets told: every notification about a task passes through `mayBeTold` before it is written
 *   (`write.ts`), and keeps only the recipients the policy lets see the task now (`mayBeToldAbout`).
 *   Commands name whom they mean to tell (the lead agency, the follower, the leader…); this is where that
 *   list meets the rule, once;
 * - related tasks shown on a page (subtasks, the parent, tasks named in the history): `tasksVisibleTo`.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { leaders, taskAgencies, tasks, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { canViewTask, mayBeToldAbout } from '../policies/index.js';

type ViewFacts = Parameters<typeof mayBeToldAbout>[1];

/**
 * The facts visibility depends on, for each task, read through the caller's executor (its transaction). The
 * ids travel as one array parameter, so a summary over tens of thousands of tasks (the agency merger) is two
 * statements, grouped in linear time.
 */
async function viewFacts(ex: Executor, taskIds: number[]): Promise<Map<number, ViewFacts>> {
  if (taskIds.length === 0) return new Map();
  const ids = sql`${sql.param(taskIds)}::int[]`;
  const list = await ex
    .select({ id: tasks.id, status: tasks.status, leadAgencyId: tasks.leadAgencyId })
    .from(tasks)
    .where(sql`${tasks.id} = any (${ids})`);
  const co = await ex
    .select({ taskId: taskAgencies.taskId, agencyId: taskAgencies.agencyId })
    .from(taskAgencies)
    .where(sql`${taskAgencies.taskId} = any (${ids})`);
  const coordinating = new Map<number, number[]>();
  for (const c of co) {
    const list = coordinating.get(c.taskId);
    if (list) list.push(c.agencyId);
    else coordinating.set(c.taskId, [c.agencyId]);
  }
  return new Map(
    list.map((t) => [
      t.id,
      { status: t.status, leadAgencyId: t.leadAgencyId, coordinatingAgencyIds: coordinating.get(t.id) ?? [] },
    ]),
  );
}

/** The active users among `userIds`, as the policy sees them. */
async function recipients(ex: Executor, userIds: number[]): Promise<Actor[]> {
  if (userIds.length === 0) return [];
  return ex
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      role: users.role,
      agencyId: users.agencyId,
      leaderId: leaders.id,
    })
    .from(users)
    .leftJoin(leaders, eq(leaders.userId, users.id))
    .where(and(inArray(users.id, userIds), eq(users.isActive, true)));
}

/** Of `userIds`, those who may be told about the task now. */
export async function mayBeTold(ex: Executor, taskId: number, userIds: number[]): Promise<number[]> {
  const [facts, people] = [await viewFacts(ex, [taskId]), await recipients(ex, userIds)];
  const t = facts.get(taskId);
  if (!t) return [];
  return people.filter((p) => mayBeToldAbout(p, t)).map((p) => p.id);
}

/**
 * For a message about several tasks at once (a summary): how many of `taskIds` each of `userIds` may be
 * told about. A summary counts only those; a user who may see none of them gets none.
 */
export async function countsTheyMaySee(
  ex: Executor,
  taskIds: number[],
  userIds: number[],
): Promise<Map<number, number>> {
  const facts = [...(await viewFacts(ex, [...new Set(taskIds)])).values()];
  const out = new Map<number, number>();
  for (const p of await recipients(ex, userIds)) out.set(p.id, facts.filter((t) => mayBeToldAbout(p, t)).length);
  return out;
}

/** Of `taskIds`, those the actor may see (the same `canViewTask` as the task page itself). */
export async function tasksVisibleTo(ex: Executor, actor: Actor, taskIds: number[]): Promise<Set<number>> {
  const facts = await viewFacts(ex, [...new Set(taskIds)]);
  return new Set([...facts].filter(([, t]) => canViewTask(actor, t)).map(([id]) => id));
}
