/**
 * The report engine (ADR 0011): one computation behind `GET /api/reports/{by}`, the home pages' figures
 * and every export. The tasks counted are those of the task list with the same filters and the same
 * policy scope (`buildWhere` + `taskScope`), read through the as-of engine (services/asof.ts); every
 * figure says how it opens that list (`drill`), and the list's total equals it.
 *
 * One aggregate statement per report (two for agencies in any role, whose rows overlap): counts per
 * group, the sum of the overdue days, and the extension facts from one aggregated pass over the requests.
 * Rates, averages and grades are derived from the counts here, in integers, truncated to two decimals
 * of a percentage as the national reports write them (16 051 ÷ 16 274 = 98.62 %).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { vnDateOf } from '../../domain/dates.js';
import { OPEN_STATUSES } from '../../domain/workflow.js';
import {
  agencyNamesAsOf,
  assignedDaySql,
  col,
  extensionsJoin,
  extensionsLateral,
  type Moment,
} from '../../services/asof.js';
import type { AppDeps } from '../../services/deps.js';
import { referenceNames } from '../../services/reference-cache.js';
import { loadSettings, type Settings } from '../../services/settings.js';
import { buildWhere, type TaskFilter } from '../tasks/list.js';
import { countsFromSummary } from './counts.js';
import { DEFINITIONS } from './definitions.js';
import { keepReport, keptReport } from './kept.js';
import { RAW_KEYS, reportMeasures, type Measures, type RawCounts } from './measures.js';
import type { Report, ReportFigures, ReportParams, ReportRow } from './types.js';
import { compareVietnamese } from '../../domain/text.js';

export type { Measures, RawCounts } from './measures.js';

/** Truncates num ÷ den to four decimals (two of a percentage), in integers: never rounds up. */
export function truncatedRatio(num: number, den: number): number | null {
  if (den === 0) return null;
  return Math.floor((num * 10_000) / den) / 10_000;
}

/** Truncates to two decimals. */
function truncated2(num: number, den: number): number | null {
  if (den === 0) return null;
  return Math.floor((num * 100) / den) / 100;
}

export function gradeOf(onTimeRate: number | null, t: Settings['gradingThresholds']): ReportFigures['grade'] {
  if (onTimeRate === null) return null;
  if (onTimeRate >= t.excellent) return 'excellent';
  if (onTimeRate >= t.good) return 'good';
  if (onTimeRate >= t.fair) return 'fair';
  return 'poor';
}

/** The figures of one row from its counts. */
export function figuresOf(c: RawCounts, thresholds: Settings['gradingThresholds']): ReportFigures {
  const done = c.doneOnTime + c.doneLate;
  const fallenDue = done + c.overdue;
  const onTimeRate = truncatedRatio(c.doneOnTime, fallenDue);
  return {
    assigned: c.assigned,
    fallenDue,
    doneOnTime: c.doneOnTime,
    doneLate: c.doneLate,
    inTime: c.inTime,
    overdue: c.overdue,
    overdueUpTo30: c.overdueUpTo30,
    overdue31To90: c.overdue31To90,
    overdueOver90: c.overdueOver90,
    noDeadline: c.noDeadline,
    routine: c.routine,
    open: c.open,
    notUpdated: c.notUpdated,
    completionRate: truncatedRatio(done, fallenDue),
    onTimeRate,
    updateRate: truncatedRatio(c.open - c.notUpdated, c.open),
    extensionsRequested: c.extensionsRequested,
    extensionsGranted: c.extensionsGranted,
    averageDaysOverdue: truncated2(c.overdueDays, c.overdue),
    grade: gradeOf(onTimeRate, thresholds),
  };
}

/** The task-list filter a report's parameters mean (the drill-down's base, as a filter). */
export function filterOf(params: ReportParams, today: string, staleAfterDays: number): TaskFilter {
  const period =
    params.periodBy === 'due'
      ? { dueFrom: params.from, dueTo: params.to }
      : { assignedFrom: params.from, assignedTo: params.to };
  return {
    asOf: params.asOf,
    today,
    against: params.against,
    counted: true,
    agencyRole: params.role,
    agencyKind: params.agencyKind?.length ? params.agencyKind : undefined,
    agencyId: params.agencyId ? [params.agencyId] : undefined,
    leaderId: params.leaderId ? [params.leaderId] : undefined,
    ...period,
    staleAfterDays,
    sort: 'due',
    page: 1,
    pageSize: 1,
  };
}

/** The drill-down: the list's query for the whole report, per column, and the parameter a row fills. */
export function drillOf(params: ReportParams): Report['drill'] {
  const base: Record<string, string> = {
    asOf: params.asOf,
    against: params.against,
    counted: 'true',
    agencyRole: params.role,
  };
  if (params.from) base[params.periodBy === 'due' ? 'dueFrom' : 'assignedFrom'] = params.from;
  if (params.to) base[params.periodBy === 'due' ? 'dueTo' : 'assignedTo'] = params.to;
  if (params.agencyKind?.length) base.agencyKind = params.agencyKind.join(',');
  if (params.agencyId) base.agencyId = String(params.agencyId);
  if (params.leaderId) base.leaderId = String(params.leaderId);
  const rowParam = {
    agency: 'agencyId',
    leader: 'leaderId',
    field: 'fieldId',
    specialist: 'specialistId',
    document: 'documentId',
    month: 'assignedMonth',
  }[params.by];
  return {
    base,
    rowParam,
    columns: {
      assigned: {},
      fallenDue: { timeliness: 'done_on_time,done_late,overdue' },
      doneOnTime: { timeliness: 'done_on_time' },
      doneLate: { timeliness: 'done_late' },
      inTime: { timeliness: 'in_progress_on_time' },
      overdue: { timeliness: 'overdue' },
      overdueUpTo30: { timeliness: 'overdue', overdueMax: '30' },
      overdue31To90: { timeliness: 'overdue', overdueMin: '31', overdueMax: '90' },
      overdueOver90: { timeliness: 'overdue', overdueMin: '91' },
      noDeadline: { deadlineKind: 'none' },
      routine: { deadlineKind: 'routine' },
      open: { status: OPEN_STATUSES.join(',') },
      notUpdated: { notUpdated: 'true' },
      extensionsRequested: { extensionRequested: 'true' },
      extensionsGranted: { extensionGranted: 'true' },
    },
  };
}

function selectList(ms: Measures): SQL {
  return sql.join(
    Object.entries(ms).map(([name, c]) => {
      const as = sql.raw(`"${name}"`);
      if (c === null) return sql`count(*)::int as ${as}`;
      if ('sum' in c) return sql`coalesce(sum(${c.sum}) filter (where ${c.where}), 0)::int as ${as}`;
      return sql`count(*) filter (where ${c})::int as ${as}`;
    }),
    sql`, `,
  );
}

/**
 * THE aggregate over the task list's filter and scope (`buildWhere`): the reports and the home pages'
 * statistics both count through it. `group` gives the key of a row (alias `key`); without it one row.
 */
export async function aggregate(
  ex: Executor,
  actor: Actor,
  f: TaskFilter,
  measures: (m: Moment) => Measures,
  opts: { joins?: (m: Moment) => SQL; group?: (m: Moment) => SQL; lateral?: SQL; only?: SQL } = {},
): Promise<{ rows: Record<string, unknown>[]; m: Moment }> {
  const { from, where, m } = buildWhere(actor, f);
  const joins = opts.joins ? opts.joins(m) : sql``;
  const lateral = opts.lateral ?? sql``;
  const only = opts.only ? sql` and ${opts.only}` : sql``;
  const cols = selectList(measures(m));
  const list = opts.group
    ? await rows<Record<string, unknown>>(
        ex,
        sql`select ${opts.group(m)} as key, ${cols} from ${from} ${joins} ${lateral} where ${where}${only} group by 1`,
      )
    : await rows<Record<string, unknown>>(ex, sql`select ${cols} from ${from} ${joins} where ${where}`);
  return { rows: list, m };
}

type RawRow = RawCounts & { key: number | string | null };

const num = (r: Record<string, unknown>): RawCounts =>
  Object.fromEntries(RAW_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as unknown as RawCounts;

function sum(list: RawCounts[]): RawCounts {
  const out = Object.fromEntries(RAW_KEYS.map((k) => [k, 0])) as unknown as RawCounts;
  for (const r of list) for (const k of RAW_KEYS) out[k] += r[k];
  return out;
}

/** The raw counts per group and in total, for the report's filter and the actor's scope. */
export async function countGroups(
  ex: Executor,
  actor: Actor,
  params: ReportParams,
  f: TaskFilter,
  opts: { fewRows?: boolean } = {},
): Promise<{ groups: RawRow[]; totals: RawCounts; m: Moment }> {
  const measures = (m: Moment) => reportMeasures(m, f.staleAfterDays);
  // For a few rows (a few days of a month), the extension facts are looked up per row.
  const joins = () => (opts.fewRows ? extensionsLateral() : extensionsJoin());
  if (params.by === 'agency' && params.role === 'any') {
    // A task counts for its lead and for each coordinating agency: rows overlap, the total counts it once.
    const only: SQL[] = [];
    if (params.agencyId) only.push(sql`g.k = ${params.agencyId}`);
    if (params.agencyKind?.length)
      only.push(sql`g.k in (select a.id from agencies a where a.kind in ${params.agencyKind})`);
    const { rows: groups, m } = await aggregate(ex, actor, f, measures, {
      joins,
      lateral: sql`cross join lateral unnest(${col('agency_ids')}) as g(k)`,
      group: () => sql`g.k`,
      only: only.length ? sql.join(only, sql` and `) : undefined,
    });
    const { rows: total } = await aggregate(ex, actor, f, measures, { joins });
    return { groups: groups.map((r) => ({ ...num(r), key: keyOf(r.key) })), totals: num(total[0] ?? {}), m };
  }
  const key = {
    agency: () => col('lead_agency_id'),
    leader: () => col('leader_id'),
    field: () => col('field_id'),
    specialist: () => col('specialist_id'),
    document: () => col('document_id'),
    month: () => sql`to_char(${assignedDaySql()}, 'YYYY-MM')`,
  }[params.by];
  const { rows: list, m } = await aggregate(ex, actor, f, measures, { joins, group: key });
  const groups = list.map((r) => ({ ...num(r), key: keyOf(r.key) }));
  return { groups, totals: sum(groups), m };
}

const keyOf = (k: unknown): number | string | null =>
  k === null || k === undefined ? null : typeof k === 'string' && /^\d{4}-\d{2}$/.test(k) ? k : Number(k);

/** Row labels: agencies under their name as of D, the others under today's name. */
async function labels(
  deps: AppDeps,
  ex: Executor,
  params: ReportParams,
  m: Moment,
  keys: (number | string | null)[],
): Promise<Map<number | string | null, string>> {
  const out = new Map<number | string | null, string>();
  const ids = keys.filter((k): k is number => typeof k === 'number');
  const none = {
    agency: '(không rõ cơ quan)',
    leader: '(chưa có lãnh đạo giao)',
    field: '(chưa có lĩnh vực)',
    specialist: '(chưa có chuyên viên theo dõi)',
    document: '(không thuộc văn bản)',
    month: '(không rõ tháng)',
  }[params.by];
  out.set(null, none);
  if (params.by === 'agency') {
    const names = await agencyNamesAsOf(deps, ex, m, ids);
    for (const id of ids) out.set(id, names.get(id) ?? '');
  } else if (params.by === 'month') {
    for (const k of keys) if (typeof k === 'string') out.set(k, `Tháng ${k.slice(5)}/${k.slice(0, 4)}`);
  } else if (params.by === 'document') {
    if (ids.length) {
      const docs = await rows<{ id: number; number_text: string | null; abstract: string | null }>(
        ex,
        sql`select id, number_text, abstract from documents where id = any(${sql.raw(`array[${ids.map(Number).join(',')}]::int[]`)})`,
      );
      for (const d of docs)
        out.set(Number(d.id), [d.number_text, d.abstract].filter(Boolean).join(' — ') || `#${Number(d.id)}`);
    }
  } else {
    const names = await referenceNames(deps, ex);
    const map = params.by === 'leader' ? names.leaders : params.by === 'field' ? names.fields : names.users;
    for (const id of ids) out.set(id, map.get(id) ?? `#${id}`);
  }
  return out;
}

/** Computes the report afresh (no kept result). */
export async function computeFresh(
  deps: AppDeps,
  ex: Executor,
  actor: Actor,
  params: ReportParams,
  settings?: Settings,
): Promise<Report> {
  const s = settings ?? (await loadSettings(deps, ex));
  const today = vnDateOf(deps.now());
  const f = filterOf(params, today, s.staleAfterDays);
  // Today's report for a scope of every task: from the summary kept by each write (counts.ts), with the days
  // of partly covered months counted here; otherwise counted here in full.
  const { groups, totals, m } =
    (await countsFromSummary(deps, ex, actor, params, f, s, (edge) =>
      countGroups(ex, actor, params, edge, { fewRows: true }),
    )) ?? (await countGroups(ex, actor, params, f));
  const names = await labels(
    deps,
    ex,
    params,
    m,
    groups.map((g) => g.key),
  );
  const list: ReportRow[] = groups.map((g) => ({
    key: g.key,
    label: names.get(g.key) ?? String(g.key),
    ...figuresOf(g, s.gradingThresholds),
  }));
  list.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
    if (params.by === 'month') return String(a.key).localeCompare(String(b.key));
    return compareVietnamese(a.label, b.label) || String(a.key).localeCompare(String(b.key));
  });
  return {
    params,
    rows: list,
    totals: figuresOf(totals, s.gradingThresholds),
    definitions: DEFINITIONS,
    computedAt: deps.now().toISOString(),
    drill: drillOf(params),
  };
}

/**
 * The report for `params` as `actor` may see it: a kept result when there is one (a day that has ended:
 * for ever; today: until the next write), else computed and kept. Kept results are read and written only
 * through the main handle (`deps.db`); inside a transaction the report is computed afresh.
 */
export async function computeReport(deps: AppDeps, ex: Executor, actor: Actor, params: ReportParams): Promise<Report> {
  const settings = await loadSettings(deps, ex);
  if (ex !== deps.db) return computeFresh(deps, ex, actor, params, settings);
  const today = vnDateOf(deps.now());
  const f = filterOf(params, today, settings.staleAfterDays);
  const kept = await keptReport(deps, actor, params, f, settings);
  if (kept.body) return kept.body;
  const report = await computeFresh(deps, ex, actor, params, settings);
  await keepReport(deps, kept, report);
  return report;
}
