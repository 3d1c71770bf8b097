/**
 * The as-of engine: every list, count and statistic reads tasks through it (ADR 0007).
 *
 * "As of D" is what had been recorded by the end of day D in Vietnam (UTC+7). For today (or a later
 * date) the state is today's `tasks`; for a past date it is the `task_snapshots` row valid at the end of
 * D, joined to `tasks` only for what never changes (code) or is not part of the state (search text).
 * Both are offered under the one alias `tasks`, with the same columns, so that the filters, the policy's
 * list scope and the counters are written once and read the state of the chosen moment.
 *
 * The timeliness category is built here, once, from the workflow's status groups, and mirrors
 * `classify` (domain/timeliness.ts), which is the truth; a property test holds the two together.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';
import { addDays, endOfDayVn } from '../domain/dates.js';
import type { Timeliness } from '../domain/timeliness.js';
import {
  IN_STATISTICS_STATUSES,
  OPEN_STATUSES,
  OUTSIDE_STATISTICS_STATUSES,
  WAITING_REVIEW_STATUS,
  WORKING_STATUSES,
} from '../domain/workflow.js';
import type { WithCaches } from './caches.js';
import { referenceNames } from './reference-cache.js';

export type Against = 'current' | 'original';

/** The moment a query is about. */
export interface Moment {
  /** The data cut-off date D. */
  asOf: string;
  /** D is before today: the state comes from the snapshots. */
  past: boolean;
  /** The end of D (exclusive): D+1 00:00 in Vietnam. */
  end: Date;
  /** Which deadline the categories count against. */
  against: Against;
}

export function momentOf(asOf: string, today: string, against: Against = 'current'): Moment {
  return { asOf, past: asOf < today, end: endOfDayVn(asOf), against };
}

/**
 * A command that began before midnight may commit a little after it, its changes dated in the day before
 * (ADR 0020). A command runs within the statement and transaction limits (ADR 0009; an agency merger moves its
 * tasks a batch per transaction, ADR 0024), well inside this margin: once it has passed, nothing more can be
 * recorded as of that day.
 */
export const SETTLE_MS = 30 * 60_000;

/** Nothing more can be recorded as of `day`: its end, and the margin for commands still running, have passed. */
export const hasSettled = (day: string, now: Date): boolean => endOfDayVn(day).getTime() + SETTLE_MS <= now.getTime();

/** `('a','b',…)` of constant codes (the workflow's status groups), for `in`. */
export function codes(values: readonly string[]): SQL {
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`not a code: ${v}`);
  return sql.raw(`(${values.map((v) => `'${v}'`).join(',')})`);
}

const intArray = (ids: readonly number[]) => sql.raw(`array[${ids.map(Number).join(',')}]::int[]`);

/** A column of the task state. */
export const col = (c: string): SQL => sql.raw(`tasks.${c}`);

/**
 * The relation `tasks` as it stood at the end of D. For a past date: the snapshot valid then, with
 * `updated_at` its start and `agency_ids` its lead and coordinating agencies. `only` (a past date): a
 * condition on the snapshots `s` that narrows it (a range of task ids).
 */
export function taskState(m: Moment, only?: SQL): SQL {
  if (!m.past) {
    if (only) throw new Error('a narrowed state is for a past moment');
    return sql`tasks`;
  }
  // A left join on the tasks' key: a statement that reads none of the task's own columns (code, search text,
  // creation, period) — the counting of a report — reads the snapshots alone; the planner drops the join.
  return sql`(select s.task_id as id, t.code, t.search_folded, t.created_at, t.period_key, s.starts_on, s.valid_from as updated_at,
      s.status, s.lead_agency_id, s.coordinating_agency_ids, array[s.lead_agency_id] || s.coordinating_agency_ids as agency_ids,
      s.leader_id, s.field_id, s.specialist_id, s.document_id, s.parent_id, s.starred, s.deadline_kind,
      s.original_due, s.current_due, s.assigned_on, s.completed_on, s.last_report_at, s.extension_count
    from task_snapshots s left join tasks t on t.id = s.task_id
    where s.valid_from < ${m.end} and (s.valid_to is null or s.valid_to >= ${m.end})${only ? sql` and ${only}` : sql``}) tasks`;
}

/** Tasks whose coordinating agencies (as of D) include one of `ids`. */
export function coordinatedBy(m: Moment, ids: readonly number[]): SQL {
  if (m.past) return sql`tasks.coordinating_agency_ids && ${intArray(ids)}`;
  return sql`exists (select 1 from task_agencies ta where ta.task_id = tasks.id and ta.agency_id in ${[...ids]})`;
}

// ---- timeliness -----------------------------------------------------------------------------------------

/** The deadline the categories count against: in force as of D, or the original. */
export const dueOf = (m: Moment): SQL => col(m.against === 'original' ? 'original_due' : 'current_due');

/**
 * One predicate per category, mutually exclusive, each true only for tasks inside the statistics
 * (a fixed deadline, assigned and not cancelled, withdrawn or merged). Mirrors `classify`:
 * a completion counts only when dated by D; the deadline day is inclusive.
 */
export function categoryPredicates(m: Moment): Record<Timeliness, SQL> {
  const due = dueOf(m);
  const counted = sql`${col('deadline_kind')} = 'fixed' and ${col('status')} in ${codes(IN_STATISTICS_STATUSES)} and ${startedSql(m)}`;
  const done = sql`${col('completed_on')} is not null and ${col('completed_on')} <= ${m.asOf}::date`;
  const open = sql`(${col('completed_on')} is null or ${col('completed_on')} > ${m.asOf}::date)`;
  return {
    done_on_time: sql`(${counted} and ${done} and ${col('completed_on')} <= ${due})`,
    done_late: sql`(${counted} and ${done} and ${col('completed_on')} > ${due})`,
    in_progress_on_time: sql`(${counted} and ${open} and ${m.asOf}::date <= ${due})`,
    overdue: sql`(${counted} and ${open} and ${m.asOf}::date > ${due})`,
  };
}

const ORDER: readonly Timeliness[] = ['done_on_time', 'done_late', 'in_progress_on_time', 'overdue'];

/** The category of a row, or null outside the statistics. */
export function categorySql(m: Moment): SQL {
  const p = categoryPredicates(m);
  return sql`(case ${sql.join(
    ORDER.map((c) => sql`when ${p[c]} then ${sql.raw(`'${c}'`)}`),
    sql` `,
  )} else null end)`;
}

/** Rows in one of the categories. */
export function inCategories(m: Moment, cats: readonly Timeliness[]): SQL {
  const p = categoryPredicates(m);
  return sql`(${sql.join(
    cats.map((c) => p[c]),
    sql` or `,
  )})`;
}

/**
 * `hasStarted` (domain/timeliness.ts): an obligation that begins after D — a coming recurring period,
 * created ahead — counts nowhere as of D: no category, not open, not "not updated". `starts_on` never
 * changes, so the past state carries today's value.
 */
export const startedSql = (m: Moment): SQL =>
  sql`(${col('starts_on')} is null or ${col('starts_on')} <= ${m.asOf}::date)`;

/**
 * Inside a report (ADR 0011): in the statistics as of D (assigned, open or done: not a draft, not cancelled,
 * withdrawn or merged), begun by then (a recurring period counts from its start), and not the parent of a
 * recurring task (its periods are counted, each once).
 */
export const countedSql = (m: Moment): SQL =>
  sql`(${col('status')} in ${codes(IN_STATISTICS_STATUSES)} and ${startedSql(m)} and ${col('deadline_kind')} <> 'recurring')`;

/** The day a task counts as assigned: its assignment, or for a recurring period its first day if later. */
export const assignedDaySql = (): SQL => sql`greatest(${col('assigned_on')}, ${col('starts_on')})`;

/**
 * Days past the deadline as `classify` counts them: to D for an open overdue task, to the completion for
 * one done late; 0 otherwise (in time, on time, outside the statistics).
 */
export function overdueDaysSql(m: Moment): SQL {
  const p = categoryPredicates(m);
  const due = dueOf(m);
  return sql`(case when ${p.overdue} then ${m.asOf}::date - ${due} when ${p.done_late} then ${col('completed_on')} - ${due} else 0 end)`;
}

/** At least one extension requested by the end of D. */
export const extensionRequestedSql = (m: Moment): SQL =>
  sql`exists (select 1 from extension_requests er where er.task_id = tasks.id and er.created_at < ${m.end})`;

/** At least one extension granted (approved) by the end of D. */
export const extensionGrantedSql = (m: Moment): SQL =>
  sql`exists (select 1 from extension_requests er where er.task_id = tasks.id and er.status = 'approved' and er.decided_at < ${m.end})`;

/**
 * The same two facts for many rows at once: one aggregated pass over the requests joined by task (alias
 * `ext`), instead of a lookup per row. `requested` / `granted` mirror the two predicates above.
 */
export const extensionsJoin = (): SQL =>
  sql`left join (select er.task_id, min(er.created_at) as requested_at,
        min(er.decided_at) filter (where er.status = 'approved') as granted_at
      from extension_requests er group by er.task_id) ext on ext.task_id = tasks.id`;
/**
 * `extensionsJoin` for a few rows: the same columns under the same alias `ext`, looked up per row through the
 * requests' task index instead of aggregated over every request.
 */
export const extensionsLateral = (): SQL =>
  sql`left join lateral (select min(er.created_at) as requested_at,
        min(er.decided_at) filter (where er.status = 'approved') as granted_at
      from extension_requests er where er.task_id = tasks.id) ext on true`;
export const extensionsJoined = (m: Moment) => ({
  requested: sql`(ext.requested_at < ${m.end})`,
  granted: sql`(ext.granted_at < ${m.end})`,
});

/**
 * Pending extension as of D (`pendingExtensionSql`) for many rows: one aggregated pass over the requests
 * made by the end of D (alias `pext`), joined by task.
 */
export const pendingExtensionJoin = (m: Moment): SQL =>
  sql`left join (select er.task_id,
        bool_or(er.status = 'pending' or er.decided_at >= ${m.end}) as waiting,
        bool_or(er.decided_at is null and er.status = 'withdrawn') as withdrawn_undecided
      from extension_requests er where er.created_at < ${m.end} group by er.task_id) pext on pext.task_id = tasks.id`;
/** `pendingExtensionJoin` for a few rows: the same columns under the same alias, looked up per row. */
export const pendingExtensionLateral = (m: Moment): SQL =>
  sql`left join lateral (select
        bool_or(er.status = 'pending' or er.decided_at >= ${m.end}) as waiting,
        bool_or(er.decided_at is null and er.status = 'withdrawn') as withdrawn_undecided
      from extension_requests er where er.task_id = tasks.id and er.created_at < ${m.end}) pext on true`;
export const pendingExtensionJoined = (): SQL =>
  sql`(${col('status')} in ${codes(OPEN_STATUSES)} and (coalesce(pext.waiting, false)
    or (coalesce(pext.withdrawn_undecided, false) and ${col('status')} not in ${codes(OUTSIDE_STATISTICS_STATUSES)})))`;

// ---- the other counted states ----------------------------------------------------------------------------

/** Open as of D (and begun by then). */
export const isOpenSql = (m: Moment): SQL => sql`(${col('status')} in ${codes(OPEN_STATUSES)} and ${startedSql(m)})`;

export const waitingReviewSql = (): SQL => sql`${col('status')} = ${sql.raw(`'${WAITING_REVIEW_STATUS}'`)}`;

/** Open with its deadline within the coming week (D … D+7). */
export const dueSoonSql = (m: Moment): SQL =>
  sql`(${isOpenSql(m)} and ${col('current_due')} between ${m.asOf}::date and ${addDays(m.asOf, 7)}::date)`;

/**
 * "Chưa cập nhật" (`isStale` in domain/timeliness.ts): open, and more than `days` days since the last
 * report, or since the assignment (or the period's start) when there is none.
 */
export const notUpdatedSql = (m: Moment, days: number): SQL =>
  sql`(${isOpenSql(m)} and greatest((${col('last_report_at')} at time zone 'Asia/Ho_Chi_Minh')::date, ${col('assigned_on')}, ${col('starts_on')}) < ${addDays(m.asOf, -days)}::date)`;

/**
 * An extension request waiting for a decision at the end of D: made by then and not yet decided then.
 * A request withdrawn with its task (no decision instant) waited until the task was closed. Only an open
 * task has one waiting: nobody decides on a closed, cancelled or withdrawn task (ADR 0008).
 */
export const pendingExtensionSql = (m: Moment): SQL =>
  sql`(${col('status')} in ${codes(OPEN_STATUSES)} and exists (select 1 from extension_requests er where er.task_id = tasks.id and er.created_at < ${m.end}
    and (er.status = 'pending' or er.decided_at >= ${m.end}
      or (er.decided_at is null and er.status = 'withdrawn' and ${col('status')} not in ${codes(OUTSIDE_STATISTICS_STATUSES)}))))`;

/**
 * "Báo cáo bị trả lại": open, and its latest completion report made by the end of D had been returned by
 * then, with no completion report made since (ADR 0017). Read from the rows as they stood at the end of D:
 * reports are only ever added, a report is reviewed once, and the review's instant says when it was
 * returned, so a past date reads exactly what was true then (a report returned later was still waiting).
 */
export const returnedSql = (m: Moment): SQL =>
  sql`(${col('status')} in ${codes(WORKING_STATUSES)} and exists (select 1 from reports r
    join report_reviews rv on rv.report_id = r.id and rv.decision = 'returned' and rv.created_at < ${m.end}
    where r.task_id = tasks.id and r.kind = 'completion' and r.created_at < ${m.end}
      and not exists (select 1 from reports r2 where r2.task_id = tasks.id and r2.kind = 'completion'
        and r2.created_at < ${m.end} and r2.id > r.id)))`;

// ---- what a row shows besides the state ------------------------------------------------------------------

export interface RowDetails {
  content: string;
  /** The deadline in force as written (before the move to a working day). */
  currentDeadline: string | null;
  documentNumber: string | null;
  version: number;
}

/**
 * Fields that the snapshots do not keep (content, the deadline as written, the document's number) for a
 * page of rows: today's values, or for a past date the `before` of the first event after D that changed
 * them. The version as of D is the number of states the task had by then.
 */
export async function rowDetails(ex: Executor, m: Moment, ids: readonly number[]): Promise<Map<number, RowDetails>> {
  const out = new Map<number, RowDetails>();
  if (ids.length === 0) return out;
  const now = await rows<{
    id: number;
    content: string;
    current_deadline: string | null;
    document_id: number | null;
    document_number: string | null;
    version: number;
  }>(
    ex,
    sql`select id, content, current_deadline, document_id, version,
          (select number_text from documents d where d.id = tasks.document_id) as document_number
        from tasks where id = any(${intArray(ids)})`,
  );
  for (const r of now)
    out.set(Number(r.id), {
      content: r.content,
      currentDeadline: r.current_deadline,
      documentNumber: r.document_number,
      version: Number(r.version),
    });
  if (!m.past) return out;

  const later = await rows<{ task_id: number; key: string; value: string | null }>(
    ex,
    sql`select distinct on (e.task_id, k.key) e.task_id, k.key, e.before ->> k.key as value
        from events e cross join (values ('content'), ('currentDeadline')) as k(key)
        where e.task_id = any(${intArray(ids)}) and e.entity_type = 'task' and e.at >= ${m.end}
          and (e.before -> k.key) is not null
        order by e.task_id, k.key, e.id`,
  );
  for (const r of later) {
    const d = out.get(Number(r.task_id));
    if (!d) continue;
    if (r.key === 'content' && r.value !== null) d.content = r.value;
    if (r.key === 'currentDeadline') d.currentDeadline = r.value;
  }
  const docIds = [...new Set(now.map((r) => r.document_id).filter((x): x is number => x !== null))];
  if (docIds.length) {
    const docs = await rows<{ id: string; number: string }>(
      ex,
      sql`select distinct on (e.entity_id) e.entity_id as id, e.before ->> 'numberText' as number
          from events e
          where e.entity_type = 'document' and e.entity_id = any(${sql.raw(`array[${docIds.map((i) => `'${Number(i)}'`).join(',')}]::text[]`)})
            and e.at >= ${m.end} and (e.before -> 'numberText') is not null
          order by e.entity_id, e.id`,
    );
    const then = new Map(docs.map((d) => [Number(d.id), d.number]));
    for (const r of now) {
      const n = r.document_id === null ? undefined : then.get(Number(r.document_id));
      if (n !== undefined) out.get(Number(r.id))!.documentNumber = n;
    }
  }
  const versions = await rows<{ task_id: number; n: number }>(
    ex,
    sql`select task_id, count(*)::int as n from task_snapshots
        where task_id = any(${intArray(ids)}) and valid_from < ${m.end} group by task_id`,
  );
  for (const v of versions) {
    const d = out.get(Number(v.task_id));
    if (d) d.version = Number(v.n);
  }
  return out;
}

/** Agency names as they were at D (`agency_names`), else today's. */
export async function agencyNamesAsOf(
  deps: WithCaches,
  ex: Executor,
  m: Moment,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const names = await referenceNames(deps, ex);
  const out = new Map<number, string>();
  for (const id of ids) out.set(id, names.agencies.get(id) ?? '');
  if (!m.past || ids.length === 0) return out;
  const then = await rows<{ agency_id: number; name: string }>(
    ex,
    sql`select distinct on (agency_id) agency_id, name from agency_names
        where agency_id = any(${intArray(ids)}) and valid_from <= ${m.asOf}::date
        order by agency_id, valid_from desc, id desc`,
  );
  for (const r of then) out.set(Number(r.agency_id), r.name);
  return out;
}

/** SQL for an agency's name as of D (for grouped statistics). */
export function agencyNameSql(m: Moment, agencyId: SQL): SQL {
  if (!m.past) return sql`(select a.name from agencies a where a.id = ${agencyId})`;
  return sql`coalesce((select n.name from agency_names n where n.agency_id = ${agencyId} and n.valid_from <= ${m.asOf}::date
      order by n.valid_from desc, n.id desc limit 1), (select a.name from agencies a where a.id = ${agencyId}))`;
}
