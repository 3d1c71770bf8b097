/**
 * The agency merger (sáp nhập, hợp nhất) as one command: an agency ends on a date, and its open tasks —
 * those it leads and those it coordinates — and its users go to the successor, with one event per moved
 * task and per moved user.
 *
 * The tasks move in batches (ADR 0024): the first batch in the merger's own transaction — all of them, for an
 * agency of ordinary size, so that the merger is then all of it or nothing — and the rest by a job, one batch
 * per transaction, so that no transaction grows with the agency. The users move, and the successor's users are
 * told, with the last batch: until then the ended agency's users still see the tasks not yet moved.
 *
 * Set-based: a batch's tasks are collected once into a temporary table, then each kind of change (tasks,
 * coordinating agencies, snapshots, events) is one statement over that table, so the number of statements
 * does not depend on the number of tasks. The report summary takes the moved tasks' change of agencies in one
 * statement too (reports/counts.ts `trackMove`).
 */
import { sql } from 'drizzle-orm';
import { loadActor } from '../../auth/plugin.js';
import { rows, YIELD_MAX_MS, type Executor } from '../../db/client.js';
import { agencies } from '../../db/schema.js';
import { addDays, vnDateOf } from '../../domain/dates.js';
import { EDITABLE_STATUSES } from '../../domain/workflow.js';
import { badRequest, conflict, notFound, staleVersion } from '../../errors.js';
import { authorize, AGENCY_ROLES } from '../../policies/index.js';
import { trackMove } from '../reports/counts.js';
import { mergerReason, openSnapshots } from '../tasks/repository.js';
import { runCommand, systemWho, type CommandCtx } from '../../services/command.js';
import type { AppDeps } from '../../services/deps.js';
import { enqueueJob, PermanentJobError, type JobRunner } from '../../services/jobs.js';
import { message as messageOf } from '../../services/messages.js';
import { countsTheyMaySee } from '../../services/visibility.js';
import type { WriteCtx } from '../../services/write.js';

export const AGENCY_NOT_FOUND = { vi: 'cơ quan', en: 'Agency' };
export const HANDOVER_NOT_FOUND = { vi: 'việc chuyển nhiệm vụ của cơ quan', en: 'Hand-over of the agency' };

export type AgencyRow = typeof agencies.$inferSelect;

export interface MergeInput {
  agencyId: number;
  /** The agency's version the user saw. */
  version: number;
  successorId: number;
  /** The agency's last day of activity. */
  endDate: string;
}

export interface MergeResult {
  agency: AgencyRow;
  /** Open tasks handed to the successor (led or coordinated). */
  handedOver: number;
  usersMoved: number;
  /** Open tasks left with the ended agency, handed over by the job `jobId` (0 and null: all moved). */
  remaining: number;
  jobId: number | null;
}

export async function mergeAgency(w: WriteCtx, input: MergeInput): Promise<MergeResult> {
  authorize(w.actor, 'agency.write');
  const { agencyId, successorId, endDate } = input;
  // Both agencies locked, in id order, so that two mergers involving the same agencies run one after the other.
  const locked = await w.tx
    .select()
    .from(agencies)
    .where(sql`${agencies.id} in (${agencyId}, ${successorId})`)
    .orderBy(agencies.id)
    .for('update');
  const cur = locked.find((a) => a.id === agencyId);
  if (!cur) throw notFound(AGENCY_NOT_FOUND);
  if (cur.version !== input.version) throw staleVersion();
  const today = vnDateOf(w.now);
  if (cur.successorId !== null || (cur.validTo !== null && cur.validTo < today))
    throw conflict(
      `Cơ quan "${cur.name}" đã thôi hoạt động${cur.validTo ? ` từ ${cur.validTo}` : ''}; không sáp nhập lại được.`,
      `The agency "${cur.name}" has already ended${cur.validTo ? ` on ${cur.validTo}` : ''}; it cannot be merged again.`,
    );
  if (successorId === cur.id)
    throw badRequest('Cơ quan kế thừa phải là cơ quan khác.', 'The successor must be another agency.', 'successorId');
  const succ = locked.find((a) => a.id === successorId);
  if (!succ)
    throw badRequest(
      `Không có cơ quan mã số ${successorId}.`,
      `There is no agency with id ${successorId}.`,
      'successorId',
    );
  if (succ.validTo && succ.validTo <= endDate)
    throw badRequest(
      `Cơ quan kế thừa "${succ.name}" cũng đã thôi hoạt động.`,
      `The successor "${succ.name}" has ended too.`,
      'successorId',
    );
  if (succ.validFrom > addDays(endDate, 1))
    throw badRequest(
      `Cơ quan kế thừa "${succ.name}" bắt đầu hoạt động từ ${succ.validFrom}, sau ngày kế tiếp ngày kết thúc ${endDate}.`,
      `The successor "${succ.name}" begins on ${succ.validFrom}, later than the day after the end date ${endDate}.`,
      'successorId',
    );
  if (endDate < cur.validFrom)
    throw badRequest(
      'Ngày kết thúc trước ngày bắt đầu hoạt động.',
      'The end date is before the agency began.',
      'endDate',
    );
  // The successor may itself be due to merge later: its chain of successors must not lead back here.
  const [cycle] = await rows<{ found: boolean }>(
    w.tx,
    sql`with recursive chain(id) as (
          select successor_id from agencies where id = ${succ.id} and successor_id is not null
          union
          select a.successor_id from agencies a join chain on a.id = chain.id where a.successor_id is not null
        )
        select exists (select 1 from chain where id = ${cur.id}) as found`,
  );
  if (cycle!.found)
    throw badRequest(
      `Cơ quan kế thừa "${succ.name}" đã được sáp nhập (trực tiếp hoặc gián tiếp) vào "${cur.name}": sáp nhập ngược lại sẽ tạo vòng.`,
      `The successor "${succ.name}" already merges (directly or not) into "${cur.name}": merging back would make a loop.`,
      'successorId',
    );

  // ---- the end of the agency ----
  const [ended] = await w.tx
    .update(agencies)
    .set({ validTo: endDate, successorId: succ.id, version: cur.version + 1, updatedAt: w.now })
    .where(sql`${agencies.id} = ${cur.id} and ${agencies.version} = ${cur.version}`)
    .returning();
  if (!ended) throw staleVersion();
  await w.tx.execute(
    sql`update agency_names set valid_to = ${endDate} where agency_id = ${cur.id} and valid_to is null`,
  );

  // ---- its open tasks: the first batch now, the rest by a job; then its users ----
  const h: Handover = { from: cur.id, to: succ.id, fromName: cur.name, toName: succ.name, endDate };
  const batch = await handOverBatch(w, h, handoverBatch(w.deps), 0);
  const remaining = await openTasksOf(w.tx, cur.id);
  let usersMoved = 0;
  let jobId: number | null = null;
  if (remaining === 0) usersMoved = await finishHandover(w, h, batch.seen);
  else {
    const state: HandoverState = {
      ...h,
      handedOver: batch.moved,
      after: batch.lastId,
      seen: Object.fromEntries(batch.seen),
    };
    const job = await enqueueJob(w.tx, w.now, {
      kind: HANDOVER_JOB,
      dedupeKey: handoverKey(cur.id),
      payload: state,
      createdBy: w.actor.id,
    });
    jobId = job.id;
  }
  await w.event({
    entityType: 'agency',
    entityId: cur.id,
    action: 'agency.merge',
    before: { validTo: cur.validTo, successorId: cur.successorId },
    after: {
      validTo: endDate,
      successorId: succ.id,
      handedOver: batch.moved,
      usersMoved,
      ...(jobId ? { remaining } : {}),
    },
  });
  return { agency: ended, handedOver: batch.moved, usersMoved, remaining, jobId };
}

/** A merger's hand-over: from which agency to which, with the names and the end date its reason cites. */
export interface Handover {
  from: number;
  to: number;
  fromName: string;
  toName: string;
  endDate: string;
}

/** What a hand-over job carries from batch to batch (stored with each batch, so a restart goes on from it). */
export interface HandoverState extends Handover {
  handedOver: number;
  /** The highest task id the batches have reached: the next batch reads on from it. */
  after: number;
  /** For each user of the successor, how many of the moved tasks they may see (their summary notice). */
  seen: Record<string, number>;
}

export const HANDOVER_JOB = 'agency.handover';

/**
 * Open tasks handed over per transaction (ADR 0024): a merger of more goes on in a job, a batch per
 * transaction, so that no transaction grows with the agency (on PGlite a batch holds the one session).
 */
export const handoverBatch = (deps: AppDeps): number =>
  deps.config.MERGER_BATCH ?? (deps.database.kind === 'pglite' ? 500 : 2_000);

const reasonOf = (h: Handover) => mergerReason(h.fromName, h.toName, h.endDate);
/** A task still open (a draft included) follows the agency to its successor. */
const OPEN = sql.raw(EDITABLE_STATUSES.map((s) => `'${s}'`).join(', '));

/** A task still open (a draft included) whose agencies (`agency_ids`: the lead and the coordinating) include it. */
const openOf = (agencyId: number) => sql`agency_ids @> array[${agencyId}::int] and status in (${OPEN})`;
/** One hand-over job per ended agency. */
const handoverKey = (agencyId: number) => `${HANDOVER_JOB}:${agencyId}`;

/** The open tasks an agency still leads or coordinates. */
export async function openTasksOf(ex: Executor, agencyId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from tasks where ${openOf(agencyId)}`);
  return Number(r!.n);
}

/**
 * Hands over up to `limit` of the open tasks the agency leads or coordinates, the next ones after the task id
 * `after`, with one hand-over event each, in the caller's transaction. Set-based: the moved tasks are collected once into a
 * temporary table, then each kind of change (tasks, coordinating agencies, snapshots, events) is one statement
 * over that table. Returns how many moved and, for each of the successor's users, how many of them they may see.
 */
async function handOverBatch(
  w: CommandCtx,
  h: Handover,
  limit: number,
  after: number,
): Promise<{ moved: number; lastId: number; seen: Map<number, number> }> {
  const { from, to } = h;
  const reason = reasonOf(h);
  await w.tx.execute(sql`
    create temporary table merge_moved (
      task_id int primary key,
      status text not null,
      old_lead int not null,
      old_coord int[] not null,
      new_lead int not null,
      new_coord int[]
    ) on commit drop`);
  // The batch: the next open tasks in id order whose agencies (lead and coordinating: `agency_ids`) include
  // the ended one, after `after` — a cursor, so that each batch reads on from where the last one stopped
  // instead of past the tasks already moved. Locked, and checked again once locked.
  // The statements that read one table (the tasks, the snapshots) reach the moved ones through its index, by
  // `= any(array(select … from merge_moved))`, rather than reading all of it. (Not beside a join on the same
  // column: an index probed once per joined row would compare with the whole array each time.)
  await w.tx.execute(sql`
    insert into merge_moved (task_id, status, old_lead, old_coord, new_lead)
    select t.id, t.status, t.lead_agency_id,
      coalesce((select array_agg(ta.agency_id order by ta.agency_id) from task_agencies ta where ta.task_id = t.id), '{}'),
      case when t.lead_agency_id = ${from} then ${to}::int else t.lead_agency_id end
    from tasks t
    where t.id = any(array(
        select id from tasks where ${openOf(from)} and id > ${after}
        order by id limit ${limit}))
      and t.status in (${OPEN}) and t.agency_ids @> array[${from}::int]
    for update of t`);
  // The successor takes the ended agency's place among the coordinating agencies, once, and never beside itself
  // as the lead.
  await w.tx.execute(sql`
    update merge_moved set new_coord = array(
      select distinct c from unnest(array_replace(old_coord, ${from}::int, ${to}::int)) c where c <> new_lead order by c
    )`);
  await w.tx.execute(sql`analyze merge_moved`);
  // Before the moved tasks change: their move from cell to cell of the report summary (reports/counts.ts).
  await trackMove(w.tx, sql`merge_moved`);
  const [counts] = await rows<{ moved: number; last: number | null }>(
    w.tx,
    sql`select count(*)::int as moved, max(task_id) as last from merge_moved`,
  );
  const moved = Number(counts!.moved);
  const lastId = counts!.last === null ? after : Number(counts!.last);
  const seen = new Map<number, number>();

  if (moved > 0) {
    await w.tx.execute(sql`
      delete from task_agencies ta using merge_moved m
      where ta.task_id = m.task_id and not (ta.agency_id = any (m.new_coord))`);
    await w.tx.execute(sql`
      insert into task_agencies (task_id, agency_id, created_at)
      select m.task_id, c, ${w.now} from merge_moved m cross join unnest(m.new_coord) c
      where not (c = any (m.old_coord))`);
    // The tasks and their events in one statement: an event for exactly the rows changed, as a hand-over of
    // one task records it (before/after of what changed, and the reason).
    await w.eventsFrom(
      'task',
      sql`update tasks t
          set lead_agency_id = m.new_lead, agency_ids = array[m.new_lead] || m.new_coord,
            version = t.version + 1, updated_at = ${w.now}
          from merge_moved m where t.id = m.task_id
          returning t.id as entity_id, t.id as task_id, 'task.handover' as action,
            (case when m.old_lead <> m.new_lead then jsonb_build_object('leadAgencyId', m.old_lead) else '{}'::jsonb end)
              || (case when m.old_coord <> m.new_coord
                    then jsonb_build_object('coordinatingAgencyIds', to_jsonb(m.old_coord)) else '{}'::jsonb end)
              as before,
            (case when m.old_lead <> m.new_lead then jsonb_build_object('leadAgencyId', m.new_lead) else '{}'::jsonb end)
              || (case when m.old_coord <> m.new_coord
                    then jsonb_build_object('coordinatingAgencyIds', to_jsonb(m.new_coord)) else '{}'::jsonb end)
              || jsonb_build_object('reason', ${reason}::text)
              as after`,
    );
    await w.tx.execute(sql`
      update task_snapshots s set valid_to = ${w.now}
      where s.task_id = any(array(select task_id from merge_moved)) and s.valid_to is null`);
    await openSnapshots(w.tx, w.now, sql`t.id = any(array(select task_id from merge_moved))`);
    // What each of the successor's users may see of them now (the policy's rule: drafts stay with the Office).
    const recipients = await rows<{ id: number }>(
      w.tx,
      sql`select id from users where agency_id = ${to} and is_active
          and role in (${sql.raw(AGENCY_ROLES.map((r) => `'${r}'`).join(', '))}) order by id`,
    );
    const ids = await rows<{ task_id: number }>(w.tx, sql`select task_id from merge_moved`);
    for (const [u, n] of await countsTheyMaySee(
      w.tx,
      ids.map((m) => Number(m.task_id)),
      recipients.map((r) => Number(r.id)),
    ))
      seen.set(u, n);
  }
  // Gone now rather than at the commit, so that one transaction may hand over several batches or agencies.
  await w.tx.execute(sql`drop table merge_moved`);
  return { moved, lastId, seen };
}

/**
 * The end of a hand-over, once no open task is left with the ended agency: one summary notice to each of the
 * successor's users (before its new users arrive), counting the moved tasks each may see, then the ended
 * agency's users move to the successor, so nobody is left without tasks to see; one event each.
 */
async function finishHandover(w: CommandCtx, h: Handover, seen: Map<number, number>): Promise<number> {
  const reason = reasonOf(h);
  const message = (count: number) =>
    messageOf('agency.merged', { count, from: h.fromName, to: h.toName, endDate: h.endDate });
  for (const n of new Set(seen.values()))
    if (n > 0)
      await w.notify(
        [...seen].filter(([, c]) => c === n).map(([u]) => u),
        { kind: 'task.handover', message: message(n) },
      );
  return w.eventsFrom(
    'user',
    sql`update users u set agency_id = ${h.to}, version = u.version + 1, updated_at = ${w.now}
        where u.agency_id = ${h.from}
        returning u.id as entity_id, null::int as task_id, 'user.update' as action,
          jsonb_build_object('agencyId', ${h.from}::int) as before,
          jsonb_build_object('agencyId', ${h.to}::int, 'reason', ${reason}::text) as after`,
  );
}

/**
 * How a merger's hand-over job stands: null when the agency's merger needed none. One statement, so that the
 * number moved (the job's state) and the number left are read as of the same moment, between two batches.
 */
export async function handoverOf(ex: Executor, agencyId: number) {
  const [j] = await rows<{
    status: string;
    progress: number;
    moved: number | null;
    left: number;
    error: string | null;
  }>(
    ex,
    sql`select status, progress, (payload->>'handedOver')::int as moved, last_error as error,
          (select count(*)::int from tasks where ${openOf(agencyId)}) as left
        from jobs
        where kind = ${HANDOVER_JOB} and dedupe_key = ${handoverKey(agencyId)} order by id desc limit 1`,
  );
  if (!j) return null;
  const status = j.status as 'queued' | 'running' | 'done' | 'failed';
  return {
    status,
    progress: status === 'done' ? 100 : Number(j.progress),
    handedOver: Number(j.moved ?? 0),
    remaining: Number(j.left),
    error: status === 'failed' ? j.error : null,
  };
}

/** The hand-overs not finished yet (waiting, running or failed), by the ended agency's id. */
export async function unfinishedHandovers(
  ex: Executor,
): Promise<Map<number, { status: 'queued' | 'running' | 'failed'; progress: number }>> {
  const list = await rows<{ agency_id: number; status: 'queued' | 'running' | 'failed'; progress: number }>(
    ex,
    sql`select (payload->>'from')::int as agency_id, status, progress from jobs
        where kind = ${HANDOVER_JOB} and status in ('queued', 'running', 'failed')`,
  );
  return new Map(list.map((j) => [Number(j.agency_id), { status: j.status, progress: Number(j.progress) }]));
}

/**
 * Starts a failed hand-over again (a batch kept failing, say while a long write held its tasks): the job is
 * queued again with its attempts reset and goes on from its last committed batch.
 */
export async function retryHandover(w: WriteCtx, agencyId: number): Promise<void> {
  authorize(w.actor, 'agency.write');
  const [j] = await rows<{ id: number; status: string }>(
    w.tx,
    sql`select id, status from jobs where kind = ${HANDOVER_JOB} and dedupe_key = ${handoverKey(agencyId)}
        order by id desc limit 1 for update`,
  );
  if (!j) throw notFound(HANDOVER_NOT_FOUND);
  if (j.status !== 'failed')
    throw conflict(
      'Việc chuyển nhiệm vụ không bị lỗi: không cần chạy lại.',
      'The hand-over has not failed: there is nothing to start again.',
    );
  await w.tx.execute(
    sql`update jobs set status = 'queued', attempts = 0, run_at = ${w.now}, last_error = null, locked_until = null,
          updated_at = ${w.now}
        where id = ${j.id}`,
  );
  await w.event({ entityType: 'agency', entityId: agencyId, action: 'agency.handover_retry', after: { jobId: j.id } });
}

const isHandoverState = (p: unknown): p is HandoverState => {
  const s = p as Partial<HandoverState> | null;
  return (
    !!s &&
    Number.isInteger(s.from) &&
    Number.isInteger(s.to) &&
    typeof s.fromName === 'string' &&
    typeof s.toName === 'string' &&
    typeof s.endDate === 'string' &&
    Number.isInteger(s.handedOver) &&
    Number.isInteger(s.after) &&
    typeof s.seen === 'object' &&
    s.seen !== null
  );
};

/**
 * The job that finishes a large merger: a batch of open tasks per command (on behalf of the admin who merged,
 * as long as they are active), the state kept in the job's payload by each batch's own transaction, requests
 * let first between batches on PGlite; when none is left, the notices and the users, and an
 * `agency.handover_done` event with the totals.
 */
export function registerHandoverJob(jobs: JobRunner): void {
  jobs.register({
    kind: HANDOVER_JOB,
    maxAttempts: 5,
    async run({ deps, job, signal, progress }) {
      if (!isHandoverState(job.payload)) throw new PermanentJobError('a merger hand-over needs its agencies');
      const state: HandoverState = { ...job.payload, seen: { ...job.payload.seen } };
      const actor = job.createdBy === null ? null : await loadActor(deps.db, job.createdBy);
      const who = systemWho(HANDOVER_JOB, actor);
      const total = state.handedOver + (await openTasksOf(deps.db, state.from));
      const n = handoverBatch(deps);
      for (;;) {
        if (signal.aborted) throw new Error('hand-over stopped: the server is shutting down');
        const done = await runCommand(deps, who, async (w) => {
          const from = state.after;
          const batch = await handOverBatch(w, state, n, from);
          state.handedOver += batch.moved;
          state.after = batch.lastId;
          for (const [u, c] of batch.seen) state.seen[u] = (state.seen[u] ?? 0) + c;
          let finished = false;
          // The last ids reached: done, unless an open task of a lower id is with the agency again — then once
          // more from the first id. (A safeguard: a reopened task goes to the successor itself, tasks.reopenTask,
          // and a merged agency is given no task, tasks.checkReferences.)
          if (batch.moved < n) {
            const left = await openTasksOf(w.tx, state.from);
            if (left > 0 && from === 0 && batch.moved === 0)
              throw new Error(`${left} open tasks of agency ${state.from} could not be taken`);
            if (left > 0) state.after = 0;
            else {
              const seen = new Map(Object.entries(state.seen).map(([u, c]) => [Number(u), c]));
              const usersMoved = await finishHandover(w, state, seen);
              await w.event({
                entityType: 'agency',
                entityId: state.from,
                action: 'agency.handover_done',
                after: { successorId: state.to, handedOver: state.handedOver, usersMoved },
              });
              finished = true;
            }
          }
          await w.tx.execute(sql`update jobs set payload = ${JSON.stringify(state)}::jsonb where id = ${job.id}`);
          return finished;
        });
        if (done) return { handedOver: state.handedOver };
        await progress(Math.min(99, (state.handedOver * 100) / Math.max(1, total)));
        await deps.database.yieldToRequests(YIELD_MAX_MS);
      }
    },
  });
}
