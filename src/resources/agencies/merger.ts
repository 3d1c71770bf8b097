/**
 * The agency merger (sáp nhập, hợp nhất) as one command: an agency ends on a date, and its open tasks —
 * those it leads and those it coordinates — and its users go to the successor, with one event per moved
 * task and per moved user, in the caller's transaction: all of it, or nothing.
 *
 * Set-based: the moved tasks are collected once into a temporary table, then each kind of change (tasks,
 * coordinating agencies, snapshots, events, users) is one statement over that table, so the number of
 * statements does not depend on the number of tasks (bench/run.ts measures it at province scale). The report
 * summary takes the moved tasks' change of agencies in one statement too (reports/counts.ts `trackMove`).
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import { agencies } from '../../db/schema.js';
import { addDays, vnDateOf } from '../../domain/dates.js';
import { EDITABLE_STATUSES } from '../../domain/workflow.js';
import { badRequest, conflict, notFound, staleVersion } from '../../errors.js';
import { authorize, AGENCY_ROLES } from '../../policies/index.js';
import { trackMove } from '../reports/counts.js';
import { openSnapshots } from '../tasks/repository.js';
import { message } from '../../services/messages.js';
import { countsTheyMaySee } from '../../services/visibility.js';
import type { WriteCtx } from '../../services/write.js';

export const AGENCY_NOT_FOUND = { vi: 'cơ quan', en: 'Agency' };

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
  const reason = `${cur.name} hợp nhất vào ${succ.name} (từ ${endDate})`;

  // ---- the open tasks it leads or coordinates: collected once, locked ----
  const from = cur.id;
  const to = succ.id;
  // A task still open (a draft included) follows the agency to its successor.
  const open = sql.raw(EDITABLE_STATUSES.map((s) => `'${s}'`).join(', '));
  // At national scale one statement can pass the usual 15 s limit (ADR 0009): this command may take longer.
  if (w.deps.database.kind === 'postgres') await w.tx.execute(sql`set local statement_timeout = '10min'`);
  await w.tx.execute(sql`
    create temporary table merge_moved (
      task_id int primary key,
      status text not null,
      old_lead int not null,
      old_coord int[] not null,
      new_lead int not null,
      new_coord int[]
    ) on commit drop`);
  // The statements that read one table (the tasks, the snapshots) reach the moved ones through its index, by
  // `= any(array(select … from merge_moved))`, rather than reading all of it. (Not beside a join on the same
  // column: an index probed once per joined row would compare with the whole array each time.)
  await w.tx.execute(sql`
    with ids as (
      select id from tasks where lead_agency_id = ${from} and status in (${open})
      union
      select task_id from task_agencies where agency_id = ${from}
    )
    insert into merge_moved (task_id, status, old_lead, old_coord, new_lead)
    select t.id, t.status, t.lead_agency_id,
      coalesce((select array_agg(ta.agency_id order by ta.agency_id) from task_agencies ta where ta.task_id = t.id), '{}'),
      case when t.lead_agency_id = ${from} then ${to}::int else t.lead_agency_id end
    from tasks t where t.id = any(array(select id from ids)) and t.status in (${open})
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
  const [counts] = await rows<{ moved: number }>(w.tx, sql`select count(*)::int as moved from merge_moved`);
  const handedOver = Number(counts!.moved);

  if (handedOver > 0) {
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
  }
  // One summary notice to the successor's users (before its new users arrive), counting only the tasks each
  // may see now (the policy's rule: drafts stay with the Office).
  if (handedOver > 0) {
    const recipients = await rows<{ id: number }>(
      w.tx,
      sql`select id from users where agency_id = ${to} and is_active
          and role in (${sql.raw(AGENCY_ROLES.map((r) => `'${r}'`).join(', '))}) order by id`,
    );
    const moved = await rows<{ task_id: number }>(w.tx, sql`select task_id from merge_moved`);
    const seen = await countsTheyMaySee(
      w.tx,
      moved.map((m) => Number(m.task_id)),
      recipients.map((r) => Number(r.id)),
    );
    for (const n of new Set(seen.values()))
      if (n > 0)
        await w.notify(
          [...seen].filter(([, c]) => c === n).map(([u]) => u),
          {
            kind: 'task.handover',
            message: message('agency.merged', { count: n, from: cur.name, to: succ.name, endDate }),
          },
        );
  }

  // ---- its users move to the successor, so nobody is left without tasks to see; one event each ----
  const usersMoved = await w.eventsFrom(
    'user',
    sql`update users u set agency_id = ${to}, version = u.version + 1, updated_at = ${w.now}
        where u.agency_id = ${from}
        returning u.id as entity_id, null::int as task_id, 'user.update' as action,
          jsonb_build_object('agencyId', ${from}::int) as before,
          jsonb_build_object('agencyId', ${to}::int, 'reason', ${reason}::text) as after`,
  );

  // Gone now rather than at the commit, so that one transaction may merge several agencies.
  await w.tx.execute(sql`drop table merge_moved`);
  await w.event({
    entityType: 'agency',
    entityId: cur.id,
    action: 'agency.merge',
    before: { validTo: cur.validTo, successorId: cur.successorId },
    after: { validTo: endDate, successorId: succ.id, handedOver, usersMoved },
  });
  return { agency: ended, handedOver, usersMoved };
}
