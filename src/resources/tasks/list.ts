/**
 * The task list: every filter the Office, agencies and leaders use, sorted and paginated, limited to what
 * the user may see (policies.taskScope). Every column is read through the as-of engine (services/asof.ts):
 * for today the tasks themselves, for a past date the state valid at the end of that day.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rows, type Executor } from '../../db/client.js';
import { foldVietnamese } from '../../domain/text.js';
import type { Timeliness } from '../../domain/timeliness.js';
import type { TaskStatus } from '../../domain/workflow.js';
import type { DEADLINE_KINDS } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { taskScope } from '../../policies/index.js';
import {
  agencyNamesAsOf,
  assignedDaySql,
  countedSql,
  dueOf,
  extensionGrantedSql,
  extensionRequestedSql,
  overdueDaysSql,
  categorySql,
  col,
  coordinatedBy,
  inCategories,
  momentOf,
  notUpdatedSql,
  pendingExtensionSql,
  returnedSql,
  rowDetails,
  taskState,
  type Moment,
} from '../../services/asof.js';
import type { WithCaches } from '../../services/caches.js';
import { dataVersion } from '../../services/data-version.js';
import { referenceNames } from '../../services/reference-cache.js';

const dialect = new PgDialect();

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
  /** Agencies of these kinds, in the role of `agencyRole` (lead; coordinating; any, the default). */
  agencyKind?: string[];
  /** 'none': tasks without one. */
  leaderId?: number[] | 'none';
  fieldId?: number[] | 'none';
  documentId?: number | 'none';
  parentId?: number;
  specialistId?: number[] | 'none';
  /** Only the tasks a report counts (ADR 0011): in the statistics, begun, not a recurring parent. */
  counted?: boolean;
  /** Assignment date (a recurring period: its start, if later) within [from, to]. */
  assignedFrom?: string;
  assignedTo?: string;
  /** Assignment date (as above) in this month, 'YYYY-MM'. */
  assignedMonth?: string;
  /** Days past the deadline (`classify`'s overdueDays) within [min, max]. */
  overdueMin?: number;
  overdueMax?: number;
  /** With (true) or without (false) an extension requested / granted by the end of D. */
  extensionRequested?: boolean;
  extensionGranted?: boolean;
  status?: string[];
  deadlineKind?: string[];
  dueFrom?: string;
  dueTo?: string;
  starred?: boolean;
  notUpdated?: boolean;
  /** Only tasks with an extension request waiting for a decision. */
  pendingExtension?: boolean;
  /** Open with its latest completion report returned (by the end of D) and not yet resubmitted. */
  returned?: boolean;
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
    // Lead or coordinating: the agencies array, GIN-indexed (today's row keeps it; a snapshot builds it).
    const either = sql`${col('agency_ids')} && ${sql.raw(`array[${f.agencyId.map(Number).join(',')}]::int[]`)}`;
    conds.push(role === 'lead' ? lead : role === 'coordinating' ? co : either);
  }
  if (f.agencyKind?.length) {
    const role = f.agencyRole ?? 'any';
    const kinds = sql`(select coalesce(array_agg(a.id), '{}') from agencies a where a.kind in ${f.agencyKind})`;
    conds.push(
      role === 'lead'
        ? sql`${col('lead_agency_id')} in (select a.id from agencies a where a.kind in ${f.agencyKind})`
        : role === 'coordinating'
          ? m.past
            ? sql`${col('coordinating_agency_ids')} && ${kinds}`
            : sql`exists (select 1 from task_agencies ta join agencies a on a.id = ta.agency_id
                where ta.task_id = tasks.id and a.kind in ${f.agencyKind})`
          : sql`${col('agency_ids')} && ${kinds}`,
    );
  }
  const ids = (c: string, v: number[] | 'none' | undefined) => {
    if (v === 'none') conds.push(sql`${col(c)} is null`);
    else if (v?.length) conds.push(sql`${col(c)} in ${v}`);
  };
  ids('leader_id', f.leaderId);
  ids('field_id', f.fieldId);
  ids('specialist_id', f.specialistId);
  ids('document_id', f.documentId === undefined ? undefined : f.documentId === 'none' ? 'none' : [f.documentId]);
  if (f.counted) conds.push(countedSql(m));
  if (f.assignedFrom) conds.push(sql`${assignedDaySql()} >= ${f.assignedFrom}::date`);
  if (f.assignedTo) conds.push(sql`${assignedDaySql()} <= ${f.assignedTo}::date`);
  if (f.assignedMonth) {
    const first = `${f.assignedMonth}-01`;
    conds.push(
      sql`${assignedDaySql()} >= ${first}::date and ${assignedDaySql()} < (${first}::date + interval '1 month')::date`,
    );
  }
  if (f.overdueMin !== undefined) conds.push(sql`${overdueDaysSql(m)} >= ${f.overdueMin}`);
  if (f.overdueMax !== undefined) conds.push(sql`${overdueDaysSql(m)} <= ${f.overdueMax}`);
  if (f.extensionRequested !== undefined)
    conds.push(f.extensionRequested ? extensionRequestedSql(m) : sql`not ${extensionRequestedSql(m)}`);
  if (f.extensionGranted !== undefined)
    conds.push(f.extensionGranted ? extensionGrantedSql(m) : sql`not ${extensionGrantedSql(m)}`);
  if (f.parentId) conds.push(sql`${col('parent_id')} = ${f.parentId}`);
  if (f.status?.length) conds.push(sql`${col('status')} in ${f.status}`);
  if (f.deadlineKind?.length) conds.push(sql`${col('deadline_kind')} in ${f.deadlineKind}`);
  // The deadline counted against (`against`): in force as of D, or the original.
  if (f.dueFrom) conds.push(sql`${dueOf(m)} >= ${f.dueFrom}::date`);
  if (f.dueTo) conds.push(sql`${dueOf(m)} <= ${f.dueTo}::date`);
  if (f.starred !== undefined) conds.push(sql`${col('starred')} = ${f.starred}`);
  if (f.notUpdated) conds.push(notUpdatedSql(m, f.staleAfterDays));
  if (f.pendingExtension) conds.push(pendingExtensionSql(m));
  if (f.returned !== undefined) conds.push(f.returned ? returnedSql(m) : sql`not ${returnedSql(m)}`);
  if (f.q) {
    // The folded phrase, as typed (with or without diacritics); the trigram index finds it. The search text
    // holds the document's number and symbol ("123/UBND-KT"); a task's code, as people copy it
    // ("NV-2026-005004"), is matched exactly.
    const phrase = foldVietnamese(f.q).replace(/[\\%_]/g, (x) => `\\${x}`);
    const code = f.q.trim().toUpperCase();
    if (phrase) conds.push(sql`(tasks.search_folded like ${`%${phrase}%`} or tasks.code = ${code})`);
  }
  // A task created after the cut-off did not exist yet: it has no snapshot valid then (its first one begins
  // when it is created), so the past state (`taskState`) holds none of them without a condition here.
  return { from: taskState(m), where: sql.join(conds, sql` and `), m };
}

export interface TaskListRow {
  id: number;
  code: string;
  content: string;
  status: TaskStatus;
  deadline_kind: (typeof DEADLINE_KINDS)[number];
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

type PageRow = Omit<
  TaskListRow,
  | 'content'
  | 'current_deadline'
  | 'version'
  | 'lead_agency_name'
  | 'leader_name'
  | 'field_name'
  | 'specialist_name'
  | 'document_number'
  | 'coordinating_agency_ids'
> & { agency_ids: number[] };

/** The state columns of a list row, as of the moment. */
const pageColumns = (m: Moment): SQL =>
  sql`tasks.id, tasks.code, tasks.period_key, ${col('status')} as status, ${col('deadline_kind')} as deadline_kind,
          ${col('current_due')} as current_due, ${col('original_due')} as original_due, ${col('completed_on')} as completed_on,
          ${col('starred')} as starred, ${col('lead_agency_id')} as lead_agency_id, ${col('agency_ids')} as agency_ids,
          ${col('leader_id')} as leader_id, ${col('field_id')} as field_id, ${col('specialist_id')} as specialist_id,
          ${col('document_id')} as document_id, ${col('parent_id')} as parent_id, ${col('last_report_at')} as last_report_at,
          ${col('assigned_on')} as assigned_on, ${col('extension_count')}::int as extension_count,
          ${categorySql(m)} as timeliness, ${pendingExtensionSql(m)} as has_pending_extension`;

/** What a page shows besides the state: content, deadline as written, document number, names as of D. */
async function withDetails(deps: WithCaches, ex: Executor, m: Moment, page: PageRow[]): Promise<TaskListRow[]> {
  if (page.length === 0) return [];
  const ids = page.map((r) => Number(r.id));
  const details = await rowDetails(ex, m, ids);
  const agencyNames = await agencyNamesAsOf(deps, ex, m, [...new Set(page.map((r) => Number(r.lead_agency_id)))]);
  const names = await referenceNames(deps, ex);
  // Each row is built field by field: an object rest (`{ agency_ids, ...r }`) takes V8's slow generic path,
  // which was a third of a 300 000-row export's time.
  return page.map((r): TaskListRow => {
    const id = Number(r.id);
    const d = details.get(id)!;
    const lead = Number(r.lead_agency_id);
    return {
      id,
      code: r.code,
      content: d.content,
      status: r.status,
      deadline_kind: r.deadline_kind,
      current_deadline: d.currentDeadline,
      current_due: r.current_due,
      original_due: r.original_due,
      completed_on: r.completed_on,
      starred: r.starred,
      lead_agency_id: r.lead_agency_id,
      lead_agency_name: agencyNames.get(lead) ?? '',
      leader_id: r.leader_id,
      leader_name: r.leader_id ? (names.leaders.get(r.leader_id) ?? null) : null,
      field_id: r.field_id,
      field_name: r.field_id ? (names.fields.get(r.field_id) ?? null) : null,
      specialist_id: r.specialist_id,
      specialist_name: r.specialist_id ? (names.users.get(r.specialist_id) ?? null) : null,
      document_id: r.document_id,
      document_number: d.documentNumber,
      parent_id: r.parent_id,
      period_key: r.period_key,
      last_report_at: r.last_report_at,
      assigned_on: r.assigned_on,
      extension_count: r.extension_count,
      version: d.version,
      timeliness: r.timeliness,
      coordinating_agency_ids: (r.agency_ids ?? []).map(Number).filter((a) => a !== lead),
      has_pending_extension: r.has_pending_extension,
    };
  });
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
  const page = await rows<PageRow>(
    ex,
    sql`select ${pageColumns(m)} from ${from} where ${where} order by ${orderBy(f.sort)} limit ${f.pageSize} offset ${offset}`,
  );
  let total: number;
  if (page.length < f.pageSize && (page.length > 0 || offset === 0)) total = offset + page.length;
  else {
    // The exact total, counted once per query, scope and data version (ADR 0011).
    const q = dialect.sqlToQuery(sql`select count(*)::int as n from ${from} where ${where}`);
    const dv = await dataVersion(ex);
    const key = createHash('sha256')
      .update(JSON.stringify([q.sql, q.params, dv]))
      .digest('hex');
    // A write committed meanwhile moves the version for good: the entry is then simply never read.
    total = await deps.caches.listTotals.getOrLoad(key, async () => {
      const [counted] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from ${from} where ${where}`);
      return Number(counted?.n ?? 0);
    });
  }
  if (page.length === 0) return { items: [], total, m };

  const items = await withDetails(deps, ex, m, page);
  return { items, total, m };
}

/**
 * The keyset walk of a sort: one or two phases (for the deadline: the tasks that have one, then those
 * without, as `orderBy` puts them last in either direction), each with its condition, its order (the one
 * an index on (key, id) serves) and how to go past the last row read. Timestamps are read back as text: a
 * JS Date would lose the microseconds and the walk would skip or repeat rows.
 */
interface Phase {
  cond: SQL | null;
  order: SQL;
  key: SQL;
  after: (k: string | null, id: number) => SQL;
}

function phasesOf(sort: Sort): Phase[] {
  const desc = sort.startsWith('-');
  const dir = sql.raw(desc ? 'desc' : 'asc');
  const cmp = sql.raw(desc ? '<' : '>');
  const byId: Phase = {
    cond: null,
    order: sql`tasks.id ${dir}`,
    key: sql`null::text`,
    after: (_k, id) => sql`tasks.id ${cmp} ${id}`,
  };
  const byKey = (c: SQL, type: SQL): Phase => ({
    cond: null,
    order: sql`${c} ${dir}, tasks.id ${dir}`,
    key: sql`${c}::text`,
    after: (k, id) => sql`(${c}, tasks.id) ${cmp} (${k}::${type}, ${id})`,
  });
  switch (sort.replace('-', '')) {
    case 'due': {
      const due = col('current_due');
      return [
        { ...byKey(due, sql.raw('date')), cond: sql`${due} is not null` },
        { ...byId, cond: sql`${due} is null` },
      ];
    }
    case 'created':
      return [byKey(sql`tasks.created_at`, sql.raw('timestamptz'))];
    case 'code':
      return [byId];
    default:
      return [byKey(sql`tasks.updated_at`, sql.raw('timestamptz'))];
  }
}

/**
 * Every row of the filtered list (not one page), in the list's order, a batch at a time: keyset pages, so
 * the cost of a batch does not grow with its position and no more than one batch is held (exports). Each
 * batch is read on its own (no long transaction holds the database): a task changed while the export runs
 * appears as it is when its batch is read.
 */
export async function* listTaskBatches(
  deps: WithCaches,
  ex: Executor,
  actor: Actor,
  f: Omit<TaskFilter, 'page' | 'pageSize'>,
  batchSize = 2000,
): AsyncGenerator<{ rows: TaskListRow[]; m: Moment }> {
  const { from, where, m } = buildWhere(actor, { ...f, page: 1, pageSize: batchSize });
  for (const phase of phasesOf(f.sort)) {
    let after: SQL | null = null;
    for (;;) {
      const conds = [where, phase.cond, after].filter((c): c is SQL => c !== null);
      const page: (PageRow & { sort_key: string | null })[] = await rows<PageRow & { sort_key: string | null }>(
        ex,
        sql`select ${pageColumns(m)}, ${phase.key} as sort_key from ${from} where ${sql.join(conds, sql` and `)}
            order by ${phase.order} limit ${batchSize}`,
      );
      if (page.length === 0) break;
      const last = page[page.length - 1]!;
      after = phase.after(last.sort_key, Number(last.id));
      yield {
        // withDetails copies the fields it shows: the sort key stays behind.
        rows: await withDetails(deps, ex, m, page),
        m,
      };
      if (page.length < batchSize) break;
    }
  }
}

/** The number of rows of the filtered list (to choose between a direct download and a job). */
export async function countTasks(
  ex: Executor,
  actor: Actor,
  f: Omit<TaskFilter, 'page' | 'pageSize'>,
): Promise<number> {
  const { from, where } = buildWhere(actor, { ...f, page: 1, pageSize: 1 });
  const [r] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from ${from} where ${where}`);
  return Number(r?.n ?? 0);
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
    sql`select to_char(${dueOf(m)}, 'YYYY-MM-DD') as date, count(*)::int as count,
          (count(*) filter (where ${categorySql(m)} = 'overdue'))::int as overdue,
          (count(*) filter (where ${categorySql(m)} in ('done_on_time', 'done_late')))::int as done
        from ${src} where ${where} group by 1 order by 1`,
  );
  return list.map((r) => ({ date: r.date, count: Number(r.count), overdue: Number(r.overdue), done: Number(r.done) }));
}
