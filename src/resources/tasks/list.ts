/**
 * The task list: every filter the Office, agencies and leaders use, sorted and paginated, limited to what
 * the user may see (policies.taskScope). Every column is read through the as-of engine (services/asof.ts):
 * for today the tasks themselves, for a past date the state valid at the end of that day.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client.js';
import { foldVietnamese } from '../../domain/text.js';
import type { Timeliness } from '../../domain/timeliness.js';
import type { Actor } from '../../domain/actor.js';
import { taskScope } from '../../policies/index.js';
import {
  agencyNamesAsOf,
  categorySql,
  col,
  coordinatedBy,
  inCategories,
  momentOf,
  notUpdatedSql,
  pendingExtensionSql,
  rowDetails,
  taskState,
  type Moment,
} from '../../services/asof.js';
import type { WithCaches } from '../../services/caches.js';
import { referenceNames } from '../../services/reference-cache.js';

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

function orderBy(sort: Sort): SQL {
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

/** The moment of a filter: its cut-off date, whether it is past, and the deadline counted against. */
export const momentOfFilter = (f: TaskFilter): Moment => momentOf(f.asOf, f.today, f.against ?? 'current');

/** The state as of the filter's date (`from`, alias `tasks`) and the conditions of the filter and scope. */
export function buildWhere(actor: Actor, f: TaskFilter): { from: SQL; where: SQL; m: Moment } {
  const m = momentOfFilter(f);
  const conds: SQL[] = [taskScope(actor)];
  if (f.timeliness?.length) conds.push(inCategories(m, f.timeliness));
  if (f.agencyId?.length) {
    const role = f.agencyRole ?? 'any';
    const lead = sql`${col('lead_agency_id')} in ${f.agencyId}`;
    const co = coordinatedBy(m, f.agencyId);
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
  if (f.notUpdated) conds.push(notUpdatedSql(m, f.staleAfterDays));
  if (f.pendingExtension) conds.push(pendingExtensionSql(m));
  if (f.q) {
    // The folded phrase, as typed (with or without diacritics); the trigram index finds it. The search text
    // holds the document's number and symbol ("123/UBND-KT"); a task's code, as people copy it
    // ("NV-2026-005004"), is matched exactly.
    const phrase = foldVietnamese(f.q).replace(/[\\%_]/g, (x) => `\\${x}`);
    const code = f.q.trim().toUpperCase();
    if (phrase) conds.push(sql`(tasks.search_folded like ${`%${phrase}%`} or tasks.code = ${code})`);
  }
  // A task created after the cut-off did not exist yet.
  if (m.past) conds.push(sql`tasks.created_at < ${m.end}`);
  return { from: taskState(m), where: sql.join(conds, sql` and `), m };
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
  coordinating_agency_ids: number[];
  has_pending_extension: boolean;
}

/**
 * Two cheap steps instead of one wide query: the page of rows with the state as of the date (one table, or
 * the snapshots joined to tasks for a past date), then what the page shows besides the state (content,
 * deadline as written, document number, names as of the date). The total is exact.
 */
export async function listTasks(
  deps: WithCaches,
  ex: Executor,
  actor: Actor,
  f: TaskFilter,
): Promise<{ items: TaskListRow[]; total: number; m: Moment }> {
  const { from, where, m } = buildWhere(actor, f);
  const offset = (f.page - 1) * f.pageSize;
  const page = await rows<TaskListRow & { agency_ids: number[] }>(
    ex,
    sql`select tasks.id, tasks.code, tasks.period_key, ${col('status')} as status, ${col('deadline_kind')} as deadline_kind,
          ${col('current_due')} as current_due, ${col('original_due')} as original_due, ${col('completed_on')} as completed_on,
          ${col('starred')} as starred, ${col('lead_agency_id')} as lead_agency_id, ${col('agency_ids')} as agency_ids,
          ${col('leader_id')} as leader_id, ${col('field_id')} as field_id, ${col('specialist_id')} as specialist_id,
          ${col('document_id')} as document_id, ${col('parent_id')} as parent_id, ${col('last_report_at')} as last_report_at,
          ${col('assigned_on')} as assigned_on, ${col('extension_count')}::int as extension_count,
          ${categorySql(m)} as timeliness, ${pendingExtensionSql(m)} as has_pending_extension
        from ${from} where ${where} order by ${orderBy(f.sort)} limit ${f.pageSize} offset ${offset}`,
  );
  let total: number;
  if (page.length < f.pageSize && (page.length > 0 || offset === 0)) total = offset + page.length;
  else {
    const [counted] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from ${from} where ${where}`);
    total = Number(counted?.n ?? 0);
  }
  if (page.length === 0) return { items: [], total, m };

  const ids = page.map((r) => Number(r.id));
  const details = await rowDetails(ex, m, ids);
  const agencyNames = await agencyNamesAsOf(deps, ex, m, [...new Set(page.map((r) => Number(r.lead_agency_id)))]);
  const names = await referenceNames(deps, ex);
  const items = page.map(({ agency_ids, ...r }): TaskListRow => {
    const id = Number(r.id);
    const d = details.get(id)!;
    return {
      ...r,
      id,
      content: d.content,
      current_deadline: d.currentDeadline,
      version: d.version,
      lead_agency_name: agencyNames.get(Number(r.lead_agency_id)) ?? '',
      leader_name: r.leader_id ? (names.leaders.get(r.leader_id) ?? null) : null,
      field_name: r.field_id ? (names.fields.get(r.field_id) ?? null) : null,
      specialist_name: r.specialist_id ? (names.users.get(r.specialist_id) ?? null) : null,
      document_number: d.documentNumber,
      coordinating_agency_ids: (agency_ids ?? []).map(Number).filter((a) => a !== Number(r.lead_agency_id)),
    };
  });
  return { items, total, m };
}

/**
 * The deadline calendar of a month: how many tasks of the list's filter and scope fall due on each day
 * (the deadline in force, as of the filter's date), with how many of them are overdue and done.
 */
export async function calendarCounts(
  ex: Executor,
  actor: Actor,
  f: TaskFilter,
  month: string,
): Promise<{ date: string; count: number; overdue: number; done: number }[]> {
  const first = `${month}-01`;
  const [y, mo] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
  const from = f.dueFrom && f.dueFrom > first ? f.dueFrom : first;
  const to = f.dueTo && f.dueTo < last ? f.dueTo : last;
  const { from: src, where, m } = buildWhere(actor, { ...f, dueFrom: from, dueTo: to });
  const list = await rows<{ date: string; count: number; overdue: number; done: number }>(
    ex,
    sql`select to_char(${col('current_due')}, 'YYYY-MM-DD') as date, count(*)::int as count,
          (count(*) filter (where ${categorySql(m)} = 'overdue'))::int as overdue,
          (count(*) filter (where ${categorySql(m)} in ('done_on_time', 'done_late')))::int as done
        from ${src} where ${where} group by 1 order by 1`,
  );
  return list.map((r) => ({ date: r.date, count: Number(r.count), overdue: Number(r.overdue), done: Number(r.done) }));
}
