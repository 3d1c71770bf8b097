/**
 * Reading and writing one task inside a command: load (and lock) it with its coordinating agencies and
 * pending extension, the facts the policy judges, `change()` (version check, snapshot, event), the
 * snapshot row for point-in-time reports, and the checks of the records a new task refers to.
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rows, type Executor, type Tx } from '../../db/client.js';
import {
  agencies,
  documents,
  extensionRequests,
  fields,
  leaders,
  taskAgencies,
  tasks,
  users,
} from '../../db/schema.js';
import { openSnapshotsSql } from '../../db/snapshots.js';
import { trackTasks } from '../reports/counts.js';
import { vnDateOf } from '../../domain/dates.js';
import { badRequest, notFound, staleVersion } from '../../errors.js';
import { authorizeTask, type PolicySettings, type TaskAction, type TaskFacts } from '../../policies/index.js';
import { loadSettings } from '../../services/settings.js';
import type { WriteCtx } from '../../services/write.js';
import type { NewTask } from './commands.js';

export type TaskRow = typeof tasks.$inferSelect;

export interface LoadedTask {
  task: TaskRow;
  coordinating: number[];
  pendingExtension: typeof extensionRequests.$inferSelect | null;
}

export const TASK_NOT_FOUND = { vi: 'nhiệm vụ', en: 'Task' };

export async function loadTask(ex: Executor, id: number, forUpdate = false): Promise<LoadedTask> {
  const q = ex.select().from(tasks).where(eq(tasks.id, id));
  const [task] = forUpdate ? await q.for('update') : await q;
  if (!task) throw notFound(TASK_NOT_FOUND);
  const co = await ex.select({ a: taskAgencies.agencyId }).from(taskAgencies).where(eq(taskAgencies.taskId, id));
  const [pending] = await ex
    .select()
    .from(extensionRequests)
    .where(and(eq(extensionRequests.taskId, id), eq(extensionRequests.status, 'pending')))
    .limit(1);
  return { task, coordinating: co.map((c) => c.a).sort((a, b) => a - b), pendingExtension: pending ?? null };
}

export function factsOf(l: LoadedTask): TaskFacts {
  return {
    status: l.task.status,
    leadAgencyId: l.task.leadAgencyId,
    coordinatingAgencyIds: l.coordinating,
    specialistId: l.task.specialistId,
    leaderId: l.task.leaderId,
    deadlineKind: l.task.deadlineKind,
    hasPendingExtension: l.pendingExtension !== null,
  };
}

export function policySettingsOf(s: { officeLeadDecidesExtensions: boolean }): PolicySettings {
  return { officeLeadDecidesExtensions: s.officeLeadDecidesExtensions };
}

/** Loads the task locked for the transaction, checks the action and the version the user saw. */
export async function begin(
  w: WriteCtx,
  id: number,
  action: TaskAction,
  expectedVersion: number | null,
): Promise<LoadedTask> {
  const loaded = await loadTask(w.tx, id, true);
  // Before anything of it changes: the summary's cells it is in now (reports/counts.ts).
  await trackTasks(w.tx, [id]);
  const settings = await loadSettings(w.deps, w.tx, true);
  authorizeTask(w.actor, action, factsOf(loaded), policySettingsOf(settings));
  if (expectedVersion !== null && loaded.task.version !== expectedVersion) throw staleVersion();
  return loaded;
}

/** Lead and coordinating agencies of the task `t`, as one array. */
const agencyIdsSql = sql.raw(
  `array[t_self.lead_agency_id] || coalesce((select array_agg(ta.agency_id order by ta.agency_id) from task_agencies ta where ta.task_id = t_self.id), '{}'::int[])`,
);

/** Refreshes `tasks.agency_ids` for every task (after a bulk load that wrote tasks directly). */
export async function refreshAgencyIds(ex: Executor): Promise<void> {
  await ex.execute(sql`update tasks t_self set agency_ids = ${agencyIdsSql}`);
}

/** Closes the task's open snapshot and opens one that copies its current row. */
export async function snapshot(tx: Executor, taskId: number, at: Date): Promise<void> {
  await trackTasks(tx, [taskId]);
  await tx.execute(sql`update task_snapshots set valid_to = ${at} where task_id = ${taskId} and valid_to is null`);
  // Written only when it changed: most task changes do not touch the agencies.
  await tx.execute(
    sql`update tasks t_self set agency_ids = ${agencyIdsSql} where t_self.id = ${taskId} and t_self.agency_ids is distinct from ${agencyIdsSql}`,
  );
  await openSnapshots(tx, at, sql`t.id = ${taskId}`);
}

/**
 * Opens a snapshot, valid from `at`, copying the current row of every task `t` that `where` selects (its open
 * snapshot must be closed first). Used for one task and for set-based commands alike; what a snapshot holds
 * is defined once in db/snapshots.ts (the generator writes the same columns from its task states).
 */
export async function openSnapshots(tx: Executor, at: Date, where: SQL): Promise<void> {
  await tx.execute(openSnapshotsSql(at, where));
}

export type TaskPatch = Partial<Omit<TaskRow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'code'>>;

/** Applies a change to a task if nobody changed it meanwhile; writes the snapshot and the event. */
export async function change(
  w: WriteCtx,
  loaded: LoadedTask,
  patch: TaskPatch,
  action: string,
  extra?: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): Promise<TaskRow> {
  const t = loaded.task;
  const [updated] = await w.tx
    .update(tasks)
    .set({ ...patch, version: t.version + 1, updatedAt: w.now })
    .where(and(eq(tasks.id, t.id), eq(tasks.version, t.version)))
    .returning();
  if (!updated) throw staleVersion();
  await snapshot(w.tx, t.id, w.now);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(patch) as (keyof TaskPatch)[]) {
    if (key === 'searchFolded') continue;
    if (JSON.stringify(t[key]) !== JSON.stringify(updated[key])) {
      before[key] = t[key];
      after[key] = updated[key];
    }
  }
  await w.event({
    entityType: 'task',
    entityId: t.id,
    taskId: t.id,
    action,
    before: { ...before, ...extra?.before },
    after: { ...after, ...extra?.after },
  });
  return updated;
}

/**
 * Whether an agency can be given a task today (to lead, coordinate or take over): not ended, and not merged — a
 * merged agency, even before its end date, has handed its tasks to its successor (merger.ts).
 */
export const takesNoTasks = (a: { validTo: string | null; successorId: number | null }, today: string) =>
  (a.validTo !== null && a.validTo < today) || a.successorId !== null;

/** The reason a hand-over after a merger records, in the task's history (the merger and a reopening alike). */
export const mergerReason = (fromName: string, toName: string, endDate: string) =>
  `${fromName} hợp nhất vào ${toName} (từ ${endDate})`;

/**
 * For each of `ids` that was merged into another agency, the agency that does its work now: the end of its
 * chain of successors (an agency merged into one merged later). Agencies not merged are not in the map.
 */
export async function currentSuccessors(
  ex: Executor,
  ids: number[],
): Promise<Map<number, { id: number; name: string; fromName: string; endDate: string }>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ start: number; id: number; name: string; from_name: string; end_date: string }>(
    ex,
    sql`with recursive chain(start, id, depth) as (
          select a.id, a.successor_id, 1 from agencies a
          where a.id in (${sql.join(
            ids.map((i) => sql`${i}::int`),
            sql`, `,
          )}) and a.successor_id is not null
          union all
          select c.start, a.successor_id, c.depth + 1 from chain c join agencies a on a.id = c.id
          where a.successor_id is not null and c.depth < 100
        )
        select distinct on (c.start) c.start, c.id, s.name, f.name as from_name, f.valid_to::text as end_date
        from chain c join agencies s on s.id = c.id join agencies f on f.id = c.start
        order by c.start, c.depth desc`,
  );
  return new Map(
    found.map((r) => [Number(r.start), { id: Number(r.id), name: r.name, fromName: r.from_name, endDate: r.end_date }]),
  );
}

export async function checkReferences(w: WriteCtx, input: NewTask, field: string): Promise<void> {
  const today = vnDateOf(w.now);
  const agencyIds = [input.leadAgencyId, ...(input.coordinatingAgencyIds ?? [])];
  const found = await w.tx
    .select({
      id: agencies.id,
      validTo: agencies.validTo,
      name: agencies.name,
      kind: agencies.kind,
      successorId: agencies.successorId,
    })
    .from(agencies)
    .where(inArray(agencies.id, agencyIds));
  for (const id of agencyIds) {
    const a = found.find((x) => x.id === id);
    const f = id === input.leadAgencyId ? `${field}.leadAgencyId` : `${field}.coordinatingAgencyIds`;
    if (!a) throw badRequest(`Không có cơ quan mã số ${id}.`, `There is no agency with id ${id}.`, f);
    if (takesNoTasks(a, today))
      throw badRequest(
        a.validTo && a.validTo < today
          ? `Cơ quan "${a.name}" đã thôi hoạt động từ ${a.validTo}; hãy giao cho cơ quan kế thừa.`
          : `Cơ quan "${a.name}" đã sáp nhập (hoạt động đến hết ${a.validTo}), các nhiệm vụ đã chuyển cho cơ quan kế thừa; hãy giao cho cơ quan kế thừa.`,
        a.validTo && a.validTo < today
          ? `The agency "${a.name}" ended on ${a.validTo}; assign to its successor.`
          : `The agency "${a.name}" has merged (active until ${a.validTo}) and its tasks went to its successor; assign to its successor.`,
        f,
      );
  }
  if ((input.coordinatingAgencyIds ?? []).includes(input.leadAgencyId))
    throw badRequest(
      'Cơ quan chủ trì không đồng thời là cơ quan phối hợp.',
      'The lead agency cannot also be a coordinating agency.',
      `${field}.coordinatingAgencyIds`,
    );
  if (input.fieldId) {
    const [f] = await w.tx.select({ id: fields.id }).from(fields).where(eq(fields.id, input.fieldId));
    if (!f)
      throw badRequest(
        `Không có lĩnh vực mã số ${input.fieldId}.`,
        `There is no field with id ${input.fieldId}.`,
        `${field}.fieldId`,
      );
  }
  if (input.leaderId) {
    const [l] = await w.tx.select({ id: leaders.id }).from(leaders).where(eq(leaders.id, input.leaderId));
    if (!l)
      throw badRequest(
        `Không có lãnh đạo mã số ${input.leaderId}.`,
        `There is no leader with id ${input.leaderId}.`,
        `${field}.leaderId`,
      );
  }
  if (input.specialistId) {
    const [u] = await w.tx.select({ role: users.role }).from(users).where(eq(users.id, input.specialistId));
    if (!u || (u.role !== 'office_specialist' && u.role !== 'office_lead'))
      throw badRequest(
        'Người theo dõi phải là chuyên viên hoặc lãnh đạo Văn phòng.',
        'The following specialist must be an Office specialist or lead.',
        `${field}.specialistId`,
      );
  }
}

export async function nextCode(tx: Tx, now: Date): Promise<{ id: number; code: string }> {
  const [next] = await rows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('tasks', 'id'))::int as id`);
  const id = Number(next!.id);
  return { id, code: `NV-${vnDateOf(now).slice(0, 4)}-${String(id).padStart(6, '0')}` };
}

export interface DocContext {
  id: number;
  numberText: string;
  abstract: string;
  issuedOn: string;
  signerId: number | null;
}

export async function documentContext(ex: Executor, id: number): Promise<DocContext> {
  const [d] = await ex
    .select({
      id: documents.id,
      numberText: documents.numberText,
      abstract: documents.abstract,
      issuedOn: documents.issuedOn,
      signerId: documents.signerId,
    })
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.deletedAt)));
  if (!d) throw badRequest(`Không có văn bản mã số ${id}.`, `There is no document with id ${id}.`, 'documentId');
  return d;
}
