/**
 * Counts behind the home pages: tasks per timeliness category as of a date, with rates, and the same per
 * lead agency. Built on the task list's filters (same scope, same as-of rule), so every number drills down
 * to `GET /api/tasks` with the same query plus `timeliness=…`.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';
import { addDays } from '../domain/dates.js';
import { rates, type Timeliness } from '../domain/timeliness.js';
import type { Actor } from '../http/context.js';
import { buildWhere, startedSql, timelinessSql, type TaskFilter } from './task-list.js';

export interface Counts {
  done_on_time: number;
  done_late: number;
  in_progress_on_time: number;
  overdue: number;
  notUpdated: number;
  open: number;
  dueSoon: number;
  waitingReview: number;
  pendingExtensions: number;
  total: number;
}

function countColumns(f: TaskFilter, col: (c: string) => ReturnType<typeof sql.raw>) {
  const cat = timelinessSql(col, f.asOf, f.against);
  // startedSql: a coming recurring period is not open yet (nor due soon, nor "not updated").
  const open = sql`${col('status')} in ('assigned','received','in_progress','completion_reported') and ${startedSql(f.asOf)}`;
  const stale = addDays(f.asOf, -f.staleAfterDays);
  return sql`
    count(*) filter (where ${cat} = 'done_on_time')::int as done_on_time,
    count(*) filter (where ${cat} = 'done_late')::int as done_late,
    count(*) filter (where ${cat} = 'in_progress_on_time')::int as in_progress_on_time,
    count(*) filter (where ${cat} = 'overdue')::int as overdue,
    count(*) filter (where ${open} and greatest(coalesce((${col('last_report_at')} at time zone 'Asia/Ho_Chi_Minh')::date, ${col('assigned_on')}), tasks.starts_on) < ${stale}::date)::int as "notUpdated",
    count(*) filter (where ${open})::int as open,
    count(*) filter (where ${open} and ${col('current_due')} between ${f.asOf}::date and ${addDays(f.asOf, 7)}::date)::int as "dueSoon",
    count(*) filter (where ${col('status')} = 'completion_reported')::int as "waitingReview",
    count(*) filter (where exists (select 1 from extension_requests er where er.task_id = tasks.id and er.status = 'pending'))::int as "pendingExtensions",
    count(*)::int as total`;
}

const withRates = <C extends Counts>(c: C) => ({ ...c, ...rates(c as unknown as Record<Timeliness, number>) });

export async function overview(ex: Executor, actor: Actor, f: TaskFilter) {
  const { from, where, col } = buildWhere(actor, f);
  const [counts] = await rows<Counts>(ex, sql`select ${countColumns(f, col)} from ${from} where ${where}`);
  return withRates(counts!);
}

export async function byAgency(ex: Executor, actor: Actor, f: TaskFilter) {
  const { from, where, col } = buildWhere(actor, f);
  const list = await rows<Counts & { agencyId: number; agencyName: string }>(
    ex,
    sql`select ${col('lead_agency_id')} as "agencyId", a.name as "agencyName", ${countColumns(f, col)}
        from ${from} join agencies a on a.id = ${col('lead_agency_id')}
        where ${where} group by 1, 2 order by 2`,
  );
  return list.map(withRates);
}
