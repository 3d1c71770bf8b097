/**
 * The task list: every filter the Office, agencies and leaders use, sorted and paginated, limited to what
 * the user may see (policies.taskScope). Timeliness is computed as of a date, never read from a stored flag:
 * for today from the tasks themselves, for a past date from the snapshot valid at the end of that day.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';
import { addDays, endOfDayVn } from '../domain/dates.js';
import { foldVietnamese } from '../domain/text.js';
import type { Timeliness } from '../domain/timeliness.js';
import type { Actor } from '../http/context.js';
import { taskScope } from '../policies/index.js';
import { referenceNames } from './reference-cache.js';

export const SORTS = ['due', '-due', 'created', '-created', 'code', '-code', 'updated', '-updated'] as const;
export type Sort = (typeof SORTS)[number];

export interface TaskFilter {
  asOf: string;
  today: string;
  timeliness?: Timeliness[];
  /** Count against the original deadline instead of the one in force. */
  against?: 'current' | 'original';
  agencyId?: number[];
  agencyRole?: 'lead' | 'coordinating' | 'any';
  leaderId?: number[];
  fieldId?: number[];
  documentId?: number;
  parentId?: number;
  specialistId?: number[];
  status?: string[];
  deadlineKind?: string[];
  dueFrom?: string;
  dueTo?: string;
  starred?: boolean;
  notUpdated?: boolean;
  /** Only tasks with an extension request waiting for a decision. */
  pendingExtension?: boolean;
  staleAfterDays: number;
  q?: string;
  sort: Sort;
  page: number;
  pageSize: number;
}

const OPEN = sql.raw(`('assigned','received','in_progress','completion_reported')`);
/**
 * The list counts at most this many pages beyond the one shown, and then says "more than": exact totals
 * are the statistics' job (GET /api/stats/overview), and counting every match on every page is not cheap.
 */
const COUNT_PAGES_AHEAD = 10;

/**
 * The columns the filters read, from today's rows or from the snapshot valid at the end of `asOf`.
 * `tasks` is always joined (content, code, search text, visibility).
 */
function source(f: TaskFilter) {
  const past = f.asOf < f.today;
  if (!past) {
    return {
      from: sql`tasks`,
      s: (col: string) => sql.raw(`tasks.${col}`),
      coordinating: (ids: number[]) =>
        sql`exists (select 1 from task_agencies ta where ta.task_id = tasks.id and ta.agency_id in ${ids})`,
    };
  }
  const end = endOfDayVn(f.asOf);
  return {
    from: sql`task_snapshots s join tasks on tasks.id = s.task_id and s.valid_from < ${end} and (s.valid_to is null or s.valid_to >= ${end})`,
    s: (col: string) => sql.raw(`s.${col}`),
    coordinating: (ids: number[]) =>
      sql`s.coordinating_agency_ids && ${sql.raw(`array[${ids.map(Number).join(',')}]::int[]`)}`,
  };
}

/**
 * Rule `hasStarted` (domain/timeliness.ts) in SQL: a task whose obligation begins after `asOf` (a coming
 * recurring period, created ahead) counts nowhere as of `asOf` — no category, not open, not "not updated".
 * `starts_on` never changes, so it is read from `tasks` (joined in both sources) for past dates too.
 * [rules branch: the only addition to this file, with its three uses below marked "startedSql".]
 */
export const startedSql = (asOf: string): SQL => sql`(tasks.starts_on is null or tasks.starts_on <= ${asOf}::date)`;

/** SQL that evaluates to the timeliness category of a row (null when outside the statistics). */
export function timelinessSql(col: (c: string) => SQL, asOf: string, against: 'current' | 'original' = 'current'): SQL {
  const due = col(against === 'original' ? 'original_due' : 'current_due');
  return sql`(case
    when ${col('deadline_kind')} <> 'fixed' or ${col('status')} not in ('done','assigned','received','in_progress','completion_reported') then null
    when not ${startedSql(asOf)} then null
    when ${col('completed_on')} is not null then case when ${col('completed_on')} <= ${due} then 'done_on_time' else 'done_late' end
    when ${asOf}::date <= ${due} then 'in_progress_on_time'
    else 'overdue' end)`;
}

function timelinessCondition(
  col: (c: string) => SQL,
  asOf: string,
  cats: Timeliness[],
  against: 'current' | 'original',
): SQL {
  const due = col(against === 'original' ? 'original_due' : 'current_due');
  const fixed = sql`${col('deadline_kind')} = 'fixed' and ${startedSql(asOf)}`;
  const parts = cats.map((c) => {
    switch (c) {
      case 'done_on_time':
        return sql`(${col('completed_on')} is not null and ${col('completed_on')} <= ${due} and ${col('status')} = 'done')`;
      case 'done_late':
        return sql`(${col('completed_on')} is not null and ${col('completed_on')} > ${due} and ${col('status')} = 'done')`;
      case 'in_progress_on_time':
        return sql`(${col('status')} in ${OPEN} and ${due} >= ${asOf}::date)`;
      case 'overdue':
        return sql`(${col('status')} in ${OPEN} and ${due} < ${asOf}::date)`;
    }
  });
  return sql`(${fixed} and (${sql.join(parts, sql` or `)}))`;
}

function orderBy(sort: Sort, col: (c: string) => SQL): SQL {
  const dir = sort.startsWith('-') ? sql.raw('desc') : sql.raw('asc');
  switch (sort.replace('-', '')) {
    case 'due':
      return sql`${col('current_due')} ${dir} nulls last, tasks.id ${dir}`;
    case 'created':
      return sql`tasks.created_at ${dir}, tasks.id ${dir}`;
    case 'code':
      return sql`tasks.id ${dir}`;
    default:
      return sql`tasks.updated_at ${dir}, tasks.id ${dir}`;
  }
}

export function buildWhere(actor: Actor, f: TaskFilter): { from: SQL; where: SQL; col: (c: string) => SQL } {
  const src = source(f);
  const col = src.s;
  const conds: SQL[] = [taskScope(actor)];
  if (f.timeliness?.length) conds.push(timelinessCondition(col, f.asOf, f.timeliness, f.against ?? 'current'));
  if (f.agencyId?.length) {
    const role = f.agencyRole ?? 'any';
    const lead = sql`${col('lead_agency_id')} in ${f.agencyId}`;
    const co = src.coordinating(f.agencyId);
    conds.push(role === 'lead' ? lead : role === 'coordinating' ? co : sql`(${lead} or ${co})`);
  }
  if (f.leaderId?.length) conds.push(sql`${col('leader_id')} in ${f.leaderId}`);
  if (f.fieldId?.length) conds.push(sql`${col('field_id')} in ${f.fieldId}`);
  if (f.specialistId?.length) conds.push(sql`${col('specialist_id')} in ${f.specialistId}`);
  if (f.documentId) conds.push(sql`${col('document_id')} = ${f.documentId}`);
  if (f.parentId) conds.push(sql`${col('parent_id')} = ${f.parentId}`);
  if (f.status?.length) conds.push(sql`${col('status')} in ${f.status}`);
  if (f.deadlineKind?.length) conds.push(sql`${col('deadline_kind')} in ${f.deadlineKind}`);
  if (f.dueFrom) conds.push(sql`${col('current_due')} >= ${f.dueFrom}::date`);
  if (f.dueTo) conds.push(sql`${col('current_due')} <= ${f.dueTo}::date`);
  if (f.starred !== undefined) conds.push(sql`${col('starred')} = ${f.starred}`);
  if (f.notUpdated) {
    // Open, and no report for longer than the threshold (counted from assignment when there is none).
    const limit = addDays(f.asOf, -f.staleAfterDays);
    conds.push(
      // startedSql: a period is counted from its start (greatest ignores a null starts_on).
      sql`(${col('status')} in ${OPEN} and greatest(coalesce((${col('last_report_at')} at time zone 'Asia/Ho_Chi_Minh')::date, ${col('assigned_on')}), tasks.starts_on) < ${limit}::date)`,
    );
  }
  if (f.pendingExtension)
    conds.push(sql`exists (select 1 from extension_requests er where er.task_id = tasks.id and er.status = 'pending')`);
  if (f.q) {
    // The folded phrase, as typed (with or without diacritics); the trigram index finds it.
    const phrase = foldVietnamese(f.q).replace(/[\\%_]/g, (m) => `\\${m}`);
    if (phrase) conds.push(sql`tasks.search_folded like ${`%${phrase}%`}`);
  }
  // A task created after the cut-off did not exist yet.
  if (f.asOf < f.today) conds.push(sql`tasks.created_at < ${endOfDayVn(f.asOf)}`);
  return { from: src.from, where: sql.join(conds, sql` and `), col };
}

export interface TaskListRow {
  id: number;
  code: string;
  content: string;
  status: string;
  deadline_kind: string;
  current_deadline: string | null;
  current_due: string | null;
  original_due: string | null;
  completed_on: string | null;
  starred: boolean;
  lead_agency_id: number;
  lead_agency_name: string;
  leader_id: number | null;
  leader_name: string | null;
  field_id: number | null;
  field_name: string | null;
  specialist_id: number | null;
  specialist_name: string | null;
  document_id: number | null;
  document_number: string | null;
  parent_id: number | null;
  period_key: string | null;
  last_report_at: Date | string | null;
  assigned_on: string | null;
  extension_count: number;
  version: number;
  timeliness: Timeliness | null;
  coordinating_agency_ids: number[] | null;
  has_pending_extension: boolean;
}

/**
 * Two cheap queries instead of one wide one: first the page of ids (one table, or the snapshots joined to
 * tasks for a past date), then those rows with their names. PGlite plans every query afresh and the
 * planning of a six-table join costs more than running it.
 */
export async function listTasks(
  ex: Executor,
  actor: Actor,
  f: TaskFilter,
): Promise<{ items: TaskListRow[]; total: number; totalCapped: boolean }> {
  const { from, where, col } = buildWhere(actor, f);
  const offset = (f.page - 1) * f.pageSize;
  const page = await rows<TaskListRow>(
    ex,
    sql`select tasks.id, ${col('status')} as status, ${col('deadline_kind')} as deadline_kind,
          ${col('current_due')} as current_due, ${col('original_due')} as original_due, ${col('completed_on')} as completed_on,
          ${col('starred')} as starred, ${col('lead_agency_id')} as lead_agency_id, ${col('leader_id')} as leader_id,
          ${col('field_id')} as field_id, ${col('specialist_id')} as specialist_id, ${col('document_id')} as document_id,
          ${col('parent_id')} as parent_id, ${col('last_report_at')} as last_report_at, ${col('assigned_on')} as assigned_on,
          ${col('extension_count')}::int as extension_count, ${timelinessSql(col, f.asOf, f.against)} as timeliness
        from ${from} where ${where} order by ${orderBy(f.sort, col)} limit ${f.pageSize} offset ${offset}`,
  );
  const cap = offset + COUNT_PAGES_AHEAD * f.pageSize;
  let total: number;
  if (page.length < f.pageSize && (page.length > 0 || offset === 0)) total = offset + page.length;
  else {
    const [counted] = await rows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from (select 1 from ${from} where ${where} limit ${cap + 1}) x`,
    );
    total = Number(counted?.n ?? 0);
  }
  const capped = total > cap;
  if (capped) total = cap;
  if (page.length === 0) return { items: [], total, totalCapped: capped };

  // The rest of the page by id, in plain queries (PGlite plans every statement; joins and subqueries cost
  // more to plan than to run), and names of reference records from a small in-process cache.
  const ids = sql.raw(`array[${page.map((r) => Number(r.id)).join(',')}]::int[]`);
  // Coordinating agencies come from `agency_ids` (lead + coordinating), the document number and a waiting
  // extension from two lookups by primary key / index: cheap to plan.
  const details = await rows<{
    id: number;
    code: string;
    content: string;
    current_deadline: string | null;
    period_key: string | null;
    version: number;
    lead_agency_id: number;
    agency_ids: number[];
    document_number: string | null;
    has_pending_extension: boolean;
  }>(
    ex,
    sql`select id, code, content, current_deadline, period_key, version, lead_agency_id, agency_ids,
          (select number_text from documents d where d.id = tasks.document_id) as document_number,
          exists (select 1 from extension_requests er where er.task_id = tasks.id and er.status = 'pending') as has_pending_extension
        from tasks where id = any(${ids})`,
  );
  const names = await referenceNames(ex);
  const byId = new Map(details.map((d) => [Number(d.id), d]));
  const items = page.map((r): TaskListRow => {
    const d = byId.get(Number(r.id))!;
    const id = Number(r.id);
    return {
      ...r,
      id,
      code: d.code,
      content: d.content,
      current_deadline: d.current_deadline,
      period_key: d.period_key,
      version: d.version,
      lead_agency_name: names.agencies.get(r.lead_agency_id) ?? '',
      leader_name: r.leader_id ? (names.leaders.get(r.leader_id) ?? null) : null,
      field_name: r.field_id ? (names.fields.get(r.field_id) ?? null) : null,
      specialist_name: r.specialist_id ? (names.users.get(r.specialist_id) ?? null) : null,
      document_number: d.document_number,
      coordinating_agency_ids: d.agency_ids.filter((a) => a !== d.lead_agency_id),
      has_pending_extension: d.has_pending_extension,
    };
  });
  return { items, total, totalCapped: capped };
}
