/**
 * The summary of today's figures (ADR 0018), kept up to date in the transaction of every write.
 *
 * A cell is (dimension, key, period basis, month): e.g. ('lead', agency 12, 'assigned', 2026-03-01) holds the
 * sums of the engine's raw counts (measures.ts) over the tasks that agency leads and that count as assigned in
 * March 2026, each classified as it stands on the summary's day (`report_counts_meta.day`), against the
 * current and against the original deadline. Every count the engine makes is a sum over tasks, so a report
 * whose period is made of whole months is the sum of its cells; the days of a month the period only partly
 * covers are counted by the engine directly (few tasks, found through an index).
 *
 * An ended day has its own cells (`report_counts_past`, ADR 0020): built once from the snapshots valid at its
 * end, after it has settled, by a background job (`buildPastCounts`), for the last weeks' days, the month ends
 * and any past day a report was asked for; a report for that cut-off reads them like today's.
 *
 * Maintenance: a command that changes a task (or its extension requests) first takes the cells the task is
 * in (`trackTasks`, when it locks the task); just before the command commits, the net change — the cells the
 * tracked tasks are in now minus those they were in — is added to the table in one statement, in the order
 * of the cells' keys (tx-hooks.ts). The state is read from the open snapshots, which equal the tasks' rows.
 * A command that only moves many tasks to other agencies (the merger) gives their change in one statement
 * instead (`trackMove`).
 *
 * The day: an open task's category changes with the date (in time today, overdue tomorrow), so the cells hold
 * the classification of one day. When the day has changed (or the "not updated" threshold), readers count
 * directly and a job rebuilds the summary for the new day (`rebuildReportCounts`). Every write takes the
 * meta row for share, the rebuild for update: a rebuild waits for the writes under way, and later writes wait
 * for it, so no change is counted twice or lost.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, YIELD_MAX_MS, type Executor } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { addDays, vnDateOf } from '../../domain/dates.js';
import { scopeAsReportCells } from '../../policies/index.js';
import {
  assignedDaySql,
  countedSql,
  extensionsJoin,
  extensionsLateral,
  hasSettled,
  momentOf,
  taskState,
  type Against,
  type Moment,
} from '../../services/asof.js';
import type { AppDeps } from '../../services/deps.js';
import { enqueueJob, PermanentJobError, type JobRunner } from '../../services/jobs.js';
import { loadSettings, type Settings } from '../../services/settings.js';
import { beforeCommit } from '../../services/tx-hooks.js';
import { momentOfFilter, type TaskFilter } from '../tasks/list.js';
import {
  addToHomeCells,
  HOME_COLUMNS,
  homeCellsSql,
  homeColumnList,
  homeMoveCellsSql,
  homeNonZero,
  homeRecordType,
  homeSums,
  type HomeColumn,
} from './home-cells.js';
import { RAW_KEYS, reportMeasures, type Measures, type RawCounts } from './measures.js';
import type { ReportParams } from './types.js';

/** The raw counts that depend on the deadline counted against; the others do not. */
const AGAINST_KEYS = [
  'doneOnTime',
  'doneLate',
  'inTime',
  'overdue',
  'overdueUpTo30',
  'overdue31To90',
  'overdueOver90',
  'overdueDays',
] as const satisfies readonly (keyof RawCounts)[];
const SHARED_KEYS = RAW_KEYS.filter((k) => !(AGAINST_KEYS as readonly string[]).includes(k));

const snake = (k: string) =>
  k
    .replace(/([A-Z])/g, '_$1')
    .replace(/(\d+)/g, '_$1')
    .toLowerCase();

/** The cell's count columns: the shared counts, then each against-dependent count for both deadlines. */
const COLUMNS: readonly { column: string; key: keyof RawCounts; against: Against | null }[] = [
  ...SHARED_KEYS.map((key) => ({ column: snake(key), key, against: null })),
  ...AGAINST_KEYS.map((key) => ({ column: `${snake(key)}_cur`, key, against: 'current' as const })),
  ...AGAINST_KEYS.map((key) => ({ column: `${snake(key)}_orig`, key, against: 'original' as const })),
];
const CELL_KEY = ['dim', 'agency', 'key', 'basis', 'month'] as const;
/** The cells' key in the order of their primary key (dim, agency, basis, key, month), by position in CELL_KEY. */
const KEY_ORDER = sql.raw('1, 2, 4, 3, 5');
/** A cell's columns with their types, for the temporary table of moves and the tracked cells read back. */
const CELL_RECORD = sql.raw(
  ['dim text', 'agency int', 'key int', 'basis text', 'month date', ...COLUMNS.map((c) => `"${c.column}" int`)].join(
    ', ',
  ),
);

const ident = (c: string) => sql.raw(`"${c}"`);
/** `on conflict … do update set`: each count of the cell in `table` plus the one being added (`excluded`). */
const addToCells = (table: string) =>
  sql.raw(COLUMNS.map((c) => `"${c.column}" = ${table}."${c.column}" + excluded."${c.column}"`).join(', '));
const columnList = (cs: readonly string[]) => sql.raw(cs.map((c) => `"${c}"`).join(', '));

/** One task's value of a measure (the aggregate's `count(*) filter` / `sum` per row). */
function valueOf(c: Measures[string]): SQL {
  if (c === null) return sql`1`;
  if ('sum' in c) return sql`(case when ${c.where} then ${c.sum} else 0 end)`;
  return sql`(case when ${c} then 1 else 0 end)`;
}

export interface SummaryDay {
  day: string;
  staleAfterDays: number;
}

/** The count columns of one task, classified on the summary's day (`tasks` and `ext` as in `cellsSql`). */
function taskValues(d: SummaryDay): { cur: Moment; values: SQL } {
  const cur = momentOf(d.day, d.day, 'current');
  const orig = momentOf(d.day, d.day, 'original');
  const byAgainst: Record<Against, Measures> = {
    current: reportMeasures(cur, d.staleAfterDays),
    original: reportMeasures(orig, d.staleAfterDays),
  };
  const values = sql.join(
    COLUMNS.map((c) => sql`${valueOf(byAgainst[c.against ?? 'current'][c.key]!)} as ${ident(c.column)}`),
    sql`, `,
  );
  return { cur, values };
}

const monthOf = (x: SQL) => sql`date_trunc('month', (${x})::timestamp)::date`;

interface GroupKeys {
  lead: SQL;
  ids: SQL;
  leader: SQL;
  field: SQL;
  specialist: SQL;
}

/**
 * The cells (dim, agency, key) a group of alike tasks is in: among all tasks, by lead agency, by each of its
 * agencies (lead and coordinating: `any`), by leader, field and specialist, and `all`; and within one agency
 * (ADR 0022) — within its lead agency (`lead.leader`, `lead.field`, `lead.specialist`, `lead.all`) and within
 * each of its agencies (`any.leader`, `any.field`, `any.specialist`, `any.all`, and `any.lead` by lead agency),
 * where `agency` is that agency. `agenciesOnly`: only the cells that depend on the agencies (a hand-over).
 */
function cellKeys(v: GroupKeys, agenciesOnly = false): SQL {
  const parts: SQL[] = [
    sql`select 'lead'::text as dim, 0 as agency, ${v.lead} as key`,
    sql`select 'any', 0, u from unnest(${v.ids}) u`,
    sql`select x.dim, ${v.lead}, x.key
        from (values ('lead.leader'::text, ${v.leader}), ('lead.field', ${v.field}), ('lead.specialist', ${v.specialist}),
          ('lead.all', 0)) x(dim, key)`,
    sql`select x.dim, u, x.key from unnest(${v.ids}) u
        cross join lateral (values ('any.leader'::text, ${v.leader}), ('any.field', ${v.field}),
          ('any.specialist', ${v.specialist}), ('any.all', 0), ('any.lead', ${v.lead})) x(dim, key)`,
  ];
  if (!agenciesOnly)
    parts.push(
      sql`select 'leader', 0, ${v.leader}`,
      sql`select 'field', 0, ${v.field}`,
      sql`select 'specialist', 0, ${v.specialist}`,
      sql`select 'all', 0, 0`,
    );
  return sql.join(parts, sql` union all `);
}

/**
 * The cells of the tasks of `source` (a relation aliased `tasks` with the state columns), classified on the
 * summary's day: rows (dim, agency, key, basis, month, …counts).
 */
function cellsSql(d: SummaryDay, source: SQL, ext: SQL): SQL {
  const { cur, values } = taskValues(d);
  const sums = sql.join(
    COLUMNS.map((c) => sql`sum(v.${ident(c.column)})::int as ${ident(c.column)}`),
    sql`, `,
  );
  const groupSums = sql.join(
    COLUMNS.map((c) => sql`sum(v.${ident(c.column)}) as ${ident(c.column)}`),
    sql`, `,
  );
  return sql`with v as (
      select tasks.lead_agency_id, tasks.agency_ids, coalesce(tasks.leader_id, 0) as leader,
        coalesce(tasks.field_id, 0) as field, coalesce(tasks.specialist_id, 0) as specialist,
        ${monthOf(assignedDaySql())} as m_assigned, ${monthOf(sql`tasks.current_due`)} as m_due,
        ${monthOf(sql`tasks.original_due`)} as m_original, ${values}
      from ${source} ${ext}
      where ${countedSql(cur)}),
    -- Tasks alike in every key first: far fewer rows to spread over the cells.
    g as (select lead_agency_id, agency_ids, leader, field, specialist, m_assigned, m_due, m_original, ${groupSums}
      from v group by 1, 2, 3, 4, 5, 6, 7, 8)
    select d.dim, d.agency, d.key, b.basis, b.month, ${sums}
    from g v
    cross join lateral (${cellKeys({
      lead: sql`v.lead_agency_id`,
      ids: sql`v.agency_ids`,
      leader: sql`v.leader`,
      field: sql`v.field`,
      specialist: sql`v.specialist`,
    })}) d(dim, agency, key)
    cross join lateral (values ('assigned'::text, v.m_assigned), ('due', v.m_due), ('original', v.m_original)) b(basis, month)
    where b.month is not null
    group by 1, 2, 3, 4, 5`;
}

/** The state of the tasks `where` selects (on `s.task_id`), from their open snapshots, aliased `tasks`. */
function stateOf(where: SQL): SQL {
  return sql`(select s.task_id as id, s.status, s.deadline_kind, s.lead_agency_id,
      array[s.lead_agency_id] || s.coordinating_agency_ids as agency_ids, s.leader_id, s.field_id, s.specialist_id,
      s.original_due, s.current_due, s.assigned_on, s.completed_on, s.last_report_at, s.starts_on
    from task_snapshots s
    where s.valid_to is null and ${where}) tasks`;
}

/**
 * The net change of the cells when the tasks of `moved` (task_id, new_lead, new_coord) go from the lead and
 * coordinating agencies of their open snapshots to the new ones, everything else alike: only the agencies'
 * dimensions (lead, any, and those within an agency) change, by the task's counts out of the old keys and
 * into the new. Only the tasks `where` selects (on `m.task_id`).
 */
function moveCellsSql(d: SummaryDay, moved: SQL, where: SQL): SQL {
  const { cur, values } = taskValues(d);
  const others = { leader: sql`v.leader`, field: sql`v.field`, specialist: sql`v.specialist` };
  const sums = sql.join(
    COLUMNS.map((c) => sql`sum(v.${ident(c.column)} * d.sign)::int as ${ident(c.column)}`),
    sql`, `,
  );
  const groupSums = sql.join(
    COLUMNS.map((c) => sql`sum(v.${ident(c.column)}) as ${ident(c.column)}`),
    sql`, `,
  );
  return sql`with v as (
      select tasks.lead_agency_id as old_lead, tasks.agency_ids as old_ids, m.new_lead,
        array[m.new_lead] || m.new_coord as new_ids, coalesce(tasks.leader_id, 0) as leader,
        coalesce(tasks.field_id, 0) as field, coalesce(tasks.specialist_id, 0) as specialist,
        ${monthOf(assignedDaySql())} as m_assigned, ${monthOf(sql`tasks.current_due`)} as m_due,
        ${monthOf(sql`tasks.original_due`)} as m_original, ${values}
      from ${moved} m
      join ${stateOf(sql`s.task_id = any(array(select task_id from ${moved}))`)} on tasks.id = m.task_id
      ${extensionsLateral()}
      where ${countedSql(cur)} and ${where}),
    g as (select old_lead, old_ids, new_lead, new_ids, leader, field, specialist, m_assigned, m_due, m_original,
        ${groupSums}
      from v group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    select d.dim, d.agency, d.key, b.basis, b.month, ${sums}
    from g v
    cross join lateral (
      select k.*, -1 from (${cellKeys({ ...others, lead: sql`v.old_lead`, ids: sql`v.old_ids` }, true)}) k
      union all select k.*, 1 from (${cellKeys({ ...others, lead: sql`v.new_lead`, ids: sql`v.new_ids` }, true)}) k
    ) d(dim, agency, key, sign)
    cross join lateral (values ('assigned'::text, v.m_assigned), ('due', v.m_due), ('original', v.m_original)) b(basis, month)
    where b.month is not null
    group by 1, 2, 3, 4, 5`;
}

const intArray = (ids: readonly number[]) => sql.raw(`array[${ids.map(Number).join(',')}]::int[]`);

type CellRow = Record<string, string | number>;

interface Tracker {
  d: SummaryDay;
  builtTo: number | null;
  ids: Set<number>;
  /** The cells the tracked tasks were in when first tracked. */
  before: CellRow[];
  /** The home cells they were in (home-cells.ts). */
  homeBefore: CellRow[];
  /** Moves between agencies already counted into the temporary table `report_counts_moves` (`trackMove`). */
  moves: boolean;
}

/** Per transaction: what it tracks, or null when there is no summary to keep. */
const trackers = new WeakMap<Executor, Tracker | null>();

interface Meta extends SummaryDay {
  /** While a rebuild runs: tasks with a smaller id are in the cells; null: all are. */
  builtTo: number | null;
  builtAt: string;
}

async function readMeta(ex: Executor, lock: 'share' | 'update' | null): Promise<Meta | null> {
  const forLock = lock ? sql.raw(` for ${lock}`) : sql``;
  const [r] = await rows<{ day: string; stale_after_days: number; built_to: number | null; built_at: string }>(
    ex,
    sql`select to_char(day, 'YYYY-MM-DD') as day, stale_after_days, built_to, built_at::text as built_at
        from report_counts_meta where id = 1${forLock}`,
  );
  return r
    ? {
        day: r.day,
        staleAfterDays: Number(r.stale_after_days),
        builtTo: r.built_to === null ? null : Number(r.built_to),
        builtAt: r.built_at,
      }
    : null;
}

/** The summary is complete and classified for `today` with `staleAfterDays`. */
const isCurrent = (m: Meta | null, today: string, staleAfterDays: number) =>
  m !== null && m.builtTo === null && m.day === today && m.staleAfterDays === staleAfterDays;

/**
 * Takes the cells of tasks the transaction is about to change (or has just created: they are in none yet).
 * Call it before the first change of a task or of its extension requests; calling it again is free. The net
 * change is added to the summary just before the command commits.
 */
export async function trackTasks(tx: Executor, ids: readonly number[]): Promise<void> {
  const t = await trackerOf(tx);
  if (!t) return;
  // While a rebuild runs, the tasks it has not reached yet are not in the cells: it will read them as they are.
  const fresh = [...new Set(ids.map(Number))].filter((id) => !t.ids.has(id) && (t.builtTo === null || id < t.builtTo));
  if (fresh.length === 0) return;
  for (const id of fresh) t.ids.add(id);
  const source = () => stateOf(sql`s.task_id = any(${intArray(fresh)})`);
  t.before.push(...(await rows<CellRow>(tx, cellsSql(t.d, source(), extensionsLateral()))));
  t.homeBefore.push(...(await rows<CellRow>(tx, homeCellsSql(t.d, source()))));
}

async function trackerOf(tx: Executor): Promise<Tracker | null> {
  let t = trackers.get(tx);
  if (t === undefined) {
    const d = await readMeta(tx, 'share');
    t = d ? { d, ids: new Set(), before: [], homeBefore: [], builtTo: d.builtTo, moves: false } : null;
    trackers.set(tx, t);
    if (t) {
      const tracker = t;
      beforeCommit(tx, 'report-counts', () => flush(tx, tracker));
    }
  }
  return t;
}

/**
 * For a command that hands many tasks over to other agencies and changes nothing else they are counted by
 * (the agency merger): their net change, the lead and coordinating agencies they are counted under now (their
 * open snapshots) minus those of `moved` (a relation with task_id, new_lead, new_coord), in one statement
 * over `moved` instead of the cells of each task before and after (`trackTasks`), kept in a temporary table
 * until the commit adds it with the rest. Call it before the tasks' snapshots change. A task the transaction
 * already tracks is left to `trackTasks` (its cells after are read at the commit); one tracked later starts
 * from its cells then, after the move, so nothing is counted twice.
 */
export async function trackMove(tx: Executor, moved: SQL): Promise<void> {
  const t = await trackerOf(tx);
  if (!t) return;
  const skip: SQL[] = [sql`true`];
  if (t.ids.size) skip.push(sql`m.task_id <> all(${intArray([...t.ids])})`);
  if (t.builtTo !== null) skip.push(sql`m.task_id < ${t.builtTo}`);
  const all = columnList([...CELL_KEY, ...COLUMNS.map((c) => c.column)]);
  if (!t.moves) {
    await tx.execute(sql`create temporary table report_counts_moves (${CELL_RECORD}) on commit drop`);
    await tx.execute(sql`create temporary table home_counts_moves (${homeRecordType()}) on commit drop`);
    t.moves = true;
  }
  await tx.execute(
    sql`insert into report_counts_moves (${all})
        ${moveCellsSql(t.d, moved, sql.join(skip, sql` and `))}`,
  );
  await tx.execute(
    sql`insert into home_counts_moves (${homeColumnList()})
        ${homeMoveCellsSql(
          t.d,
          moved,
          stateOf(sql`s.task_id = any(array(select task_id from ${moved}))`),
          sql.join(skip, sql` and `),
        )}`,
  );
}

/** Adds the tracked tasks' net change to the summary: one statement, cells in key order. */
async function flush(tx: Executor, t: Tracker): Promise<void> {
  trackers.delete(tx);
  if (t.ids.size === 0 && !t.moves) return;
  const negated = t.before.map((r) => {
    const out: CellRow = {};
    for (const k of CELL_KEY) out[k] = r[k]!;
    for (const c of COLUMNS) out[c.column] = -Number(r[c.column] ?? 0);
    return out;
  });
  const all = columnList([...CELL_KEY, ...COLUMNS.map((c) => c.column)]);
  const sums = sql.join(
    COLUMNS.map((c) => sql`sum(x.${ident(c.column)})::int as ${ident(c.column)}`),
    sql`, `,
  );
  const nonZero = sql.raw(COLUMNS.map((c) => `sum(x."${c.column}") <> 0`).join(' or '));
  const add = addToCells('report_counts');
  await tx.execute(sql`
    with after as (${cellsSql(t.d, stateOf(sql`s.task_id = any(${intArray([...t.ids])})`), extensionsLateral())}),
    x as (
      select ${all} from after
      union all
      select ${all} from jsonb_to_recordset(${JSON.stringify(negated)}::jsonb) as b(${CELL_RECORD})
      ${t.moves ? sql`union all select ${all} from report_counts_moves` : sql``}
    )
    insert into report_counts (${all})
    select x.dim, x.agency, x.key, x.basis, x.month, ${sums} from x
    group by 1, 2, 3, 4, 5 having ${nonZero}
    order by ${KEY_ORDER}
    on conflict (dim, agency, basis, key, month) do update set ${add}`);
  await flushHome(tx, t);
  if (t.moves) await tx.execute(sql`drop table report_counts_moves`);
  if (t.moves) await tx.execute(sql`drop table home_counts_moves`);
}

/** The same for the home cells: their state now minus the one tracked, plus the moves, in key order. */
async function flushHome(tx: Executor, t: Tracker): Promise<void> {
  const negated = t.homeBefore.map((r) => {
    const out: CellRow = { dim: r.dim!, key: r.key! };
    for (const c of HOME_COLUMNS) out[c] = -Number(r[c] ?? 0);
    return out;
  });
  const all = homeColumnList();
  await tx.execute(sql`
    with after as (${homeCellsSql(t.d, stateOf(sql`s.task_id = any(${intArray([...t.ids])})`))}),
    x as (
      select ${all} from after
      union all
      select ${all} from jsonb_to_recordset(${JSON.stringify(negated)}::jsonb) as b(${homeRecordType()})
      ${t.moves ? sql`union all select ${all} from home_counts_moves` : sql``}
    )
    insert into home_counts (${all})
    select x.dim, x.key, ${homeSums()} from x
    group by 1, 2 having ${homeNonZero()}
    order by 1, 2
    on conflict (dim, key) do update set ${addToHomeCells()}`);
}

/** Tasks (by id) built per step of a rebuild: each step is one short transaction. */
const REBUILD_STEP = 10_000;
/**
 * On PGlite a step holds the one database thread, and each query of a request waiting meanwhile waits for
 * it: far shorter steps (about a tenth of a second at 200 000 tasks), and before each one the requests
 * queued are served first — but for at most `YIELD_MAX_MS` (db/client.ts), so that a build goes on under
 * steady load.
 */
const PGLITE_STEP = 1_500;

/**
 * Builds the summary for `day` (today) from every task, unless it is already that day's with that threshold
 * (`force`: even then — after tasks were written outside the commands, by a bulk load; the ended days' cells are
 * then removed too). It empties the cells,
 * then adds the tasks step by step in order of id, each step one short transaction that locks the meta row for
 * update (so it waits for the writes under way, and writes wait only for one step). Meanwhile a write keeps
 * the cells of the tasks already built and leaves the others to the rebuild; readers count directly until it
 * is complete. A rebuild stopped half-way (the server stopped) is taken up where it was. Returns whether it
 * built anything.
 */
export async function rebuildReportCounts(
  ex: Executor,
  day: string,
  staleAfterDays: number,
  opts: {
    force?: boolean;
    signal?: AbortSignal;
    progress?: (percent: number) => Promise<void>;
    /** Tasks (by id) per step; the default suits a million tasks. */
    step?: number;
    /** Awaited before each step after the first (the job: the requests waiting for the database go first). */
    pause?: () => Promise<void>;
  } = {},
): Promise<boolean> {
  // The meta row exists (committed) before any build: every write from then on takes it for share.
  await ex.execute(
    sql`insert into report_counts_meta (id, day, stale_after_days, built_to, built_at)
        values (1, '1970-01-01', -1, 0, now()) on conflict (id) do nothing`,
  );
  const started = await ex.transaction(async (tx) => {
    const cur = await readMeta(tx, 'update');
    if (!opts.force && isCurrent(cur, day, staleAfterDays)) return false;
    // The same build left half-way is taken up; anything else starts again from nothing.
    if (!opts.force && cur && cur.builtTo !== null && cur.day === day && cur.staleAfterDays === staleAfterDays)
      return true;
    await tx.execute(sql`delete from report_counts`);
    await tx.execute(sql`delete from home_counts`);
    // Tasks written outside the commands may have changed what past days' snapshots say: built again when asked.
    if (opts.force) {
      await tx.execute(sql`delete from report_counts_past`);
      await tx.execute(sql`delete from report_counts_days`);
    }
    await tx.execute(
      sql`update report_counts_meta set day = ${day}::date, stale_after_days = ${staleAfterDays}, built_to = 0,
          built_at = now() where id = 1`,
    );
    return true;
  });
  if (!started) return false;
  const d = { day, staleAfterDays };
  const all = columnList([...CELL_KEY, ...COLUMNS.map((c) => c.column)]);
  const add = addToCells('report_counts');
  for (let n = 0; ; n++) {
    if (n > 0) await opts.pause?.();
    if (opts.signal?.aborted) return true;
    const step = await ex.transaction(async (tx) => {
      const cur = await readMeta(tx, 'update');
      // Another build for another day or threshold took over: it goes on, this one stops.
      if (!cur || cur.builtTo === null || cur.day !== day || cur.staleAfterDays !== staleAfterDays) return null;
      const from = cur.builtTo;
      const [last] = await rows<{ id: number | null }>(tx, sql`select max(id) as id from tasks`);
      const lastId = Number(last?.id ?? 0);
      if (from > lastId) {
        await tx.execute(sql`update report_counts_meta set built_to = null, built_at = now() where id = 1`);
        return null;
      }
      const to = from + (opts.step ?? REBUILD_STEP);
      await tx.execute(
        sql`insert into report_counts (${all})
            ${cellsSql(d, stateOf(sql`s.task_id >= ${from} and s.task_id < ${to}`), extensionsLateral())}
            order by ${KEY_ORDER}
            on conflict (dim, agency, basis, key, month) do update set ${add}`,
      );
      await tx.execute(
        sql`insert into home_counts (${homeColumnList()})
            ${homeCellsSql(d, stateOf(sql`s.task_id >= ${from} and s.task_id < ${to}`))}
            order by 1, 2
            on conflict (dim, key) do update set ${addToHomeCells()}`,
      );
      await tx.execute(sql`update report_counts_meta set built_to = ${to} where id = 1`);
      return { to, lastId };
    });
    if (!step) return true;
    await opts.progress?.(Math.min(99, Math.floor((step.to * 100) / Math.max(1, step.lastId))));
  }
}

export const REBUILD_JOB = 'report-counts.rebuild';

/** The job that rebuilds the summary for the app's today (enqueued at start and when a reader finds it old). */
export function registerReportCountsJob(jobs: JobRunner): void {
  jobs.register({
    kind: REBUILD_JOB,
    async run({ deps, signal, progress }) {
      const s = await loadSettings(deps, deps.db);
      const built = await rebuildReportCounts(deps.db, vnDateOf(deps.now()), s.staleAfterDays, {
        signal,
        progress,
        step: deps.database.kind === 'pglite' ? PGLITE_STEP : REBUILD_STEP,
        pause: () => deps.database.yieldToRequests(YIELD_MAX_MS),
      });
      return { built };
    },
  });
  jobs.register({
    kind: PAST_JOB,
    async run({ deps, job, signal }) {
      const p = job.payload as { day?: unknown; staleAfterDays?: unknown };
      if (typeof p.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.day) || typeof p.staleAfterDays !== 'number')
        throw new PermanentJobError('a past day and a threshold are needed');
      const s = await loadSettings(deps, deps.db);
      // The threshold changed since it was asked for: the day is built with today's, when asked for again.
      if (s.staleAfterDays !== p.staleAfterDays) return { day: p.day, skipped: 'threshold' };
      const state = await buildPastCounts(deps.db, p.day, deps.now(), p.staleAfterDays, {
        signal,
        step: deps.database.kind === 'pglite' ? PGLITE_STEP : PAST_STEP,
        pause: () => deps.database.yieldToRequests(YIELD_MAX_MS),
      });
      // A slice at a time, so that an export asked for meanwhile is not held up: the rest is queued after it.
      if (state === 'more' && !signal.aborted)
        await enqueueJob(deps.db, deps.now(), {
          kind: PAST_JOB,
          dedupeKey: `${PAST_JOB}:${p.day}:${p.staleAfterDays}:${job.id}`,
          payload: p,
        });
      return { day: p.day, state };
    },
  });
  jobs.registerRecurring({
    kind: PAST_DAYS_JOB,
    everyMs: 60 * 60_000,
    run: async ({ deps }) => planPastDays(deps),
  });
}

/** At start: asks for the summary of today if it is missing or old (the job runs once the app is ready). */
export async function requestTodaysCounts(deps: AppDeps): Promise<void> {
  try {
    const s = await loadSettings(deps, deps.db);
    const today = vnDateOf(deps.now());
    if (isCurrent(await readMeta(deps.db, null), today, s.staleAfterDays)) return;
    await requestRebuild(deps, today, s.staleAfterDays);
  } catch {
    // The server starts all the same: the first report counts directly and asks again.
  }
}

/** Asks for a rebuild for `today` (once per day, threshold and previous build). Never throws. */
export async function requestRebuild(deps: AppDeps, today: string, staleAfterDays: number): Promise<void> {
  try {
    const [m] = await rows<{ built: string | null }>(
      deps.db,
      sql`select built_at::text as built from report_counts_meta where id = 1`,
    );
    const job = await enqueueJob(deps.db, deps.now(), {
      kind: REBUILD_JOB,
      dedupeKey: `${REBUILD_JOB}:${today}:${staleAfterDays}:${m?.built ?? 'none'}`,
      payload: {},
    });
    // The same rebuild failed (its steps waited too long for a write): asked for again, it is tried again.
    if (job.status === 'failed')
      await deps.db.execute(
        sql`update jobs set status = 'queued', attempts = 0, run_at = ${deps.now()}, updated_at = ${deps.now()}
            where id = ${job.id} and status = 'failed'`,
      );
  } catch {
    // Readers count directly meanwhile; the next reader asks again.
  }
}

// ---- ended days ------------------------------------------------------------------------------------------

/** Tasks (by id) per statement of a past day's build, and how long one run of its job goes on (ADR 0020). */
const PAST_STEP = 25_000;
const PAST_SLICE_MS = 3_000;
/** A past day not built ahead nor read for this long is removed (a month's end is kept). */
const PAST_UNREAD_MS = 31 * 86_400_000;

export const PAST_JOB = 'report-counts.past';
export const PAST_DAYS_JOB = 'report-counts.past-days';

interface PastDay {
  day: string;
  staleAfterDays: number;
  builtTo: number | null;
  builtAt: string;
  lastReadAt: Date;
}

async function readPastDay(ex: Executor, day: string, lock = false): Promise<PastDay | null> {
  const [r] = await rows<{
    stale_after_days: number;
    built_to: number | null;
    built_at: string;
    last_read_at: Date | string;
  }>(
    ex,
    sql`select stale_after_days, built_to, built_at::text as built_at, last_read_at from report_counts_days
        where day = ${day}::date${lock ? sql.raw(' for update') : sql``}`,
  );
  return r
    ? {
        day,
        staleAfterDays: Number(r.stale_after_days),
        builtTo: r.built_to === null ? null : Number(r.built_to),
        builtAt: r.built_at,
        lastReadAt: new Date(r.last_read_at),
      }
    : null;
}

/**
 * Builds the cells of the ended day `day` from the tasks as they stood at its end (the snapshots valid then,
 * the extension requests made and decided by then), classified on that day: the figures a report for that
 * cut-off counts directly, for every dimension, basis and deadline at once. Only for a day that has settled
 * (`hasSettled`): from then on nothing more can be recorded as of it, so the cells never change. In steps of
 * task ids, each one short transaction; it stops after `sliceMs` (so that other jobs are not held up) and says
 * whether it is complete; called again, it goes on where it stopped. A build with another threshold starts
 * again from nothing.
 */
export async function buildPastCounts(
  ex: Executor,
  day: string,
  now: Date,
  staleAfterDays: number,
  opts: { step?: number; sliceMs?: number; signal?: AbortSignal; pause?: () => Promise<void> } = {},
): Promise<'done' | 'more'> {
  if (!hasSettled(day, now)) throw new Error(`the day ${day} has not settled yet`);
  const ready = await ex.transaction(async (tx) => {
    const cur = await readPastDay(tx, day, true);
    if (cur && cur.staleAfterDays === staleAfterDays) return cur.builtTo === null;
    await tx.execute(sql`delete from report_counts_past where day = ${day}::date`);
    // `built_at` stamps this build (the database's time); `last_read_at` is on the app's clock, as the pruning reads it.
    await tx.execute(
      sql`insert into report_counts_days (day, stale_after_days, built_to, built_at, last_read_at)
          values (${day}::date, ${staleAfterDays}, 0, now(), ${now})
          on conflict (day) do update set stale_after_days = excluded.stale_after_days, built_to = 0, built_at = now()`,
    );
    return false;
  });
  if (ready) return 'done';
  const d = { day, staleAfterDays };
  const m = momentOf(day, addDays(day, 1));
  const all = columnList([...CELL_KEY, ...COLUMNS.map((c) => c.column)]);
  const add = addToCells('report_counts_past');
  const started = Date.now();
  for (let n = 0; ; n++) {
    if (opts.signal?.aborted) return 'more';
    if (Date.now() - started > (opts.sliceMs ?? PAST_SLICE_MS)) return 'more';
    if (n > 0) await opts.pause?.();
    const done = await ex.transaction(async (tx) => {
      const cur = await readPastDay(tx, day, true);
      if (!cur || cur.staleAfterDays !== staleAfterDays) return true;
      if (cur.builtTo === null) return true;
      const from = cur.builtTo;
      const [last] = await rows<{ id: number | null }>(tx, sql`select max(id) as id from tasks`);
      if (from > Number(last?.id ?? 0)) {
        await tx.execute(sql`update report_counts_days set built_to = null, built_at = now() where day = ${day}::date`);
        return true;
      }
      const to = from + (opts.step ?? PAST_STEP);
      const source = taskState(m, sql`s.task_id >= ${from} and s.task_id < ${to}`);
      await tx.execute(
        sql`insert into report_counts_past (day, ${all})
            select ${day}::date, x.* from (${cellsSql(d, source, extensionsLateral())}) x
            order by 2, 3, 5, 4, 6
            on conflict (day, dim, agency, basis, key, month) do update set ${add}`,
      );
      await tx.execute(sql`update report_counts_days set built_to = ${to} where day = ${day}::date`);
      return false;
    });
    if (done) return 'done';
  }
}

const isMonthEnd = (d: string) => addDays(d, 1).endsWith('-01');

/**
 * The past days built ahead on `today`: the last `ahead.days` days and the ends of the last `ahead.months`
 * months, newest first, that have settled.
 */
export function pastDaysWanted(today: string, now: Date, ahead = { days: 31, months: 24 }): string[] {
  const out: string[] = [];
  for (let i = 1; i <= ahead.days; i++) out.push(addDays(today, -i));
  let end = addDays(firstOfMonth(today), -1);
  for (let i = 0; i < ahead.months; i++) {
    if (!out.includes(end)) out.push(end);
    end = addDays(firstOfMonth(end), -1);
  }
  return out.filter((d) => hasSettled(d, now)).sort((a, b) => (a < b ? 1 : -1));
}

/** Asks for the build of the past day `day` (one job per day and threshold). Never throws. */
export async function requestPastDay(deps: AppDeps, day: string, staleAfterDays: number, runAt?: Date): Promise<void> {
  try {
    const now = deps.now();
    const job = await enqueueJob(deps.db, now, {
      kind: PAST_JOB,
      runAt,
      // Once a day at most: a day pruned and asked for again later is built again.
      dedupeKey: `${PAST_JOB}:${day}:${staleAfterDays}:${vnDateOf(now)}`,
      payload: { day, staleAfterDays },
    });
    // Asked for by a reader while the day waits its turn among those built ahead: it is built now.
    if (runAt === undefined && job.status === 'queued' && job.runAt > now) {
      await deps.db.execute(
        sql`update jobs set run_at = ${now}, updated_at = ${now} where id = ${job.id} and status = 'queued'`,
      );
      deps.jobs.wake();
    }
  } catch {
    // Counted directly meanwhile; asked again by the next reader or the daily job.
  }
}

/**
 * The daily look at the ended days: the days wanted (`pastDaysWanted`) that are not built with today's
 * threshold are asked for, and the days that are neither wanted nor a month's end nor read for a month are
 * removed. Days before the first task are not built.
 */
export async function planPastDays(deps: AppDeps): Promise<{ requested: number; removed: number }> {
  const s = await loadSettings(deps, deps.db);
  const now = deps.now();
  const today = vnDateOf(now);
  const [first] = await rows<{ at: Date | string | null }>(deps.db, sql`select min(created_at) as at from tasks`);
  const since = first?.at ? vnDateOf(new Date(first.at)) : today;
  const built = await rows<{ day: string; stale_after_days: number; built_to: number | null }>(
    deps.db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, stale_after_days, built_to from report_counts_days`,
  );
  const have = new Set(
    built.filter((b) => b.built_to === null && Number(b.stale_after_days) === s.staleAfterDays).map((b) => b.day),
  );
  const ahead = { days: deps.config.REPORT_PAST_DAYS_AHEAD, months: deps.config.REPORT_PAST_MONTHS_AHEAD };
  const wanted = pastDaysWanted(today, now, ahead);
  let requested = 0;
  // One a minute, newest first: a day someone asks for (queued now) comes before them, and the first start on a
  // large database does not build them all at once.
  for (const day of wanted)
    if (day >= since && !have.has(day)) {
      await requestPastDay(deps, day, s.staleAfterDays, new Date(now.getTime() + requested * 60_000));
      requested++;
    }
  const old = await rows<{ day: string }>(
    deps.db,
    sql`select to_char(day, 'YYYY-MM-DD') as day from report_counts_days
        where last_read_at < ${new Date(now.getTime() - PAST_UNREAD_MS)}`,
  );
  const gone = old.map((o) => o.day).filter((d) => !wanted.includes(d) && !isMonthEnd(d));
  for (const day of gone)
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`delete from report_counts_past where day = ${day}::date`);
      await tx.execute(sql`delete from report_counts_days where day = ${day}::date`);
    });
  return { requested, removed: gone.length };
}

// ---- reading ---------------------------------------------------------------------------------------------

type Group = RawCounts & { key: number | string | null };

const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
const lastOfMonth = (d: string) => addDays(firstOfMonth(addDays(firstOfMonth(d), 32)), -1);

/**
 * The summary's cells for a report (dimension, agency within, keys), or null when the report cannot be read
 * from them: another dimension or filter. `within`: the agency whose tasks the actor sees (an agency user:
 * those it leads or coordinates), null for all.
 */
function dimOf(p: ReportParams, within: number | null): { dim: string; agency: number; keys: SQL | null } | null {
  const periodByDue = p.periodBy === 'due' && (p.from || p.to);
  let agencyId = p.agencyId;
  let role = p.role;
  if (within !== null) {
    if (p.agencyKind?.length) return null;
    if (agencyId === undefined) {
      // By agency: the lead agencies of the tasks it leads or coordinates; in both roles, pairs of agencies.
      if (p.by === 'agency')
        return p.role === 'lead' && !p.leaderId ? { dim: 'any.lead', agency: within, keys: null } : null;
      agencyId = within;
      role = 'any';
    } else if (agencyId !== within) return null; // tasks of another agency it also takes part in: pairs
  }
  if (p.by === 'agency') {
    if (p.leaderId) return null;
    if (role === 'any' && p.agencyKind?.length) return null;
    const keys: SQL[] = [];
    if (agencyId) keys.push(sql`c.key = ${agencyId}`);
    if (p.agencyKind?.length) keys.push(sql`c.key in (select a.id from agencies a where a.kind in ${p.agencyKind})`);
    return { dim: role === 'any' ? 'any' : 'lead', agency: 0, keys: keys.length ? sql.join(keys, sql` and `) : null };
  }
  if (p.agencyKind?.length) return null;
  // Within one agency's tasks (those it leads, or leads or coordinates): the cells within that agency.
  const prefix = agencyId ? `${role}.` : '';
  const agency = agencyId ?? 0;
  if (p.by === 'leader')
    return { dim: `${prefix}leader`, agency, keys: p.leaderId ? sql`c.key = ${p.leaderId}` : null };
  if (p.leaderId) return null;
  if (p.by === 'field' || p.by === 'specialist') return { dim: `${prefix}${p.by}`, agency, keys: null };
  if (p.by === 'month' && !periodByDue) return { dim: `${prefix}all`, agency, keys: null };
  return null;
}

/** The whole months of [from, to] (null: none), and the days before and after them that it also covers. */
export function splitPeriod(
  from: string | undefined,
  to: string | undefined,
): { months: { from?: string; to?: string } | null; edges: { from?: string; to?: string }[] } {
  const mFrom =
    from === undefined ? undefined : from === firstOfMonth(from) ? from : firstOfMonth(addDays(lastOfMonth(from), 1));
  const mTo =
    to === undefined
      ? undefined
      : to === lastOfMonth(to)
        ? firstOfMonth(to)
        : firstOfMonth(addDays(firstOfMonth(to), -1));
  if (mFrom !== undefined && mTo !== undefined && mFrom > mTo) return { months: null, edges: [{ from, to }] };
  const edges: { from?: string; to?: string }[] = [];
  if (from !== undefined && mFrom !== from) edges.push({ from, to: addDays(mFrom!, -1) });
  if (to !== undefined && mTo !== undefined && lastOfMonth(mTo) !== to)
    edges.push({ from: addDays(lastOfMonth(mTo), 1), to });
  return { months: { from: mFrom, to: mTo }, edges };
}

/** Where a report reads its cells from: a table (aliased `c`), the rows of it, and whether they still hold. */
interface CellSource {
  table: SQL;
  where: SQL[];
  /** The cells read are still those of the same complete build. */
  unchanged(): Promise<boolean>;
}

/** Today's cells, if complete and classified for today with today's threshold; else a rebuild is asked for. */
async function todaysCells(
  deps: AppDeps,
  ex: Executor,
  today: string,
  s: Pick<Settings, 'staleAfterDays'>,
): Promise<CellSource | null> {
  const meta = await readMeta(ex, null);
  if (!isCurrent(meta, today, s.staleAfterDays)) {
    // Old or still being built: counted directly; a rebuild is asked for (once: the job's key).
    if (ex === deps.db) await requestRebuild(deps, today, s.staleAfterDays);
    return null;
  }
  return {
    table: sql`report_counts`,
    where: [],
    async unchanged() {
      const after = await readMeta(ex, null);
      return !!after && after.builtAt === meta!.builtAt && isCurrent(after, today, s.staleAfterDays);
    },
  };
}

/**
 * The cells of the ended day `day`, if built (with today's threshold); else its build is asked for (a day that
 * has settled) and the report is counted directly meanwhile. A read is noted at most once a day.
 */
async function pastCells(deps: AppDeps, ex: Executor, day: string, s: Settings): Promise<CellSource | null> {
  const d = await readPastDay(ex, day);
  if (!d || d.builtTo !== null || d.staleAfterDays !== s.staleAfterDays) {
    if (
      ex === deps.db &&
      hasSettled(day, deps.now()) &&
      !(d && d.builtTo !== null && d.staleAfterDays === s.staleAfterDays)
    )
      await requestPastDay(deps, day, s.staleAfterDays);
    return null;
  }
  const now = deps.now();
  if (ex === deps.db && now.getTime() - d.lastReadAt.getTime() > 86_400_000)
    await ex
      .execute(sql`update report_counts_days set last_read_at = ${now} where day = ${day}::date`)
      .catch(() => undefined);
  return {
    table: sql`report_counts_past`,
    where: [sql`c.day = ${day}::date`],
    async unchanged() {
      const after = await readPastDay(ex, day);
      return (
        !!after && after.builtTo === null && after.builtAt === d.builtAt && after.staleAfterDays === s.staleAfterDays
      );
    },
  };
}

/**
 * The report's raw counts from the summary — today's cells for today, an ended day's cells (ADR 0020) for a
 * past cut-off — for the whole months of its period, plus `direct` for the days of partly covered months; null
 * when the report cannot be read from them (it is then counted directly): another shape or scope, a summary
 * that is old or still being built, a past day not built yet (its build is asked for).
 */
export async function countsFromSummary(
  deps: AppDeps,
  ex: Executor,
  actor: Actor,
  params: ReportParams,
  f: TaskFilter,
  s: Settings,
  direct: (edge: TaskFilter) => Promise<{ groups: Group[]; totals: RawCounts }>,
): Promise<{ groups: Group[]; totals: RawCounts; m: Moment } | null> {
  if (params.asOf > f.today) return null;
  const scope = scopeAsReportCells(actor);
  if (!scope) return null;
  const target = dimOf(params, scope.within);
  if (!target) return null;
  const cells =
    params.asOf === f.today ? await todaysCells(deps, ex, f.today, s) : await pastCells(deps, ex, params.asOf, s);
  if (!cells) return null;
  const hasPeriod = params.from !== undefined || params.to !== undefined;
  const basis =
    !hasPeriod || params.periodBy === 'assigned' ? 'assigned' : params.against === 'original' ? 'original' : 'due';
  // No task counted as of D was assigned after D (an assignment is dated the day it is made, a recurring
  // period's first day has come): a period by assignment date that runs past D ends, in effect, with D's month.
  const to =
    basis === 'assigned' && params.to !== undefined && params.to >= params.asOf ? lastOfMonth(params.asOf) : params.to;
  const split = hasPeriod ? splitPeriod(params.from, to) : { months: {}, edges: [] };
  const suffix = params.against === 'original' ? '_orig' : '_cur';
  const pick = sql.join(
    RAW_KEYS.map((k) => {
      const c = (AGAINST_KEYS as readonly string[]).includes(k) ? `${snake(k)}${suffix}` : snake(k);
      return sql`coalesce(sum(c."${sql.raw(c)}"), 0)::int as "${sql.raw(k)}"`;
    }),
    sql`, `,
  );
  const sumRow = (r: Record<string, unknown>): RawCounts =>
    Object.fromEntries(RAW_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as unknown as RawCounts;

  const cellsWhere = (dim: string, withKeys: boolean, agency = target.agency): SQL => {
    const conds: SQL[] = [...cells.where, sql`c.dim = ${dim}`, sql`c.agency = ${agency}`, sql`c.basis = ${basis}`];
    if (split.months?.from) conds.push(sql`c.month >= ${split.months.from}::date`);
    if (split.months?.to) conds.push(sql`c.month <= ${split.months.to}::date`);
    if (withKeys && target.keys) conds.push(target.keys);
    return sql.join(conds, sql` and `);
  };
  const byMonth = params.by === 'month';
  const merged = new Map<string, Group>();
  const add = (g: Group) => {
    const id = g.key === null ? 'null' : String(g.key);
    const cur = merged.get(id);
    if (!cur) merged.set(id, { ...g });
    else for (const k of RAW_KEYS) cur[k] += g[k];
  };
  // By agency in any role, a task counts in the row of each of its agencies: the total counts it once.
  const overlapping = params.by === 'agency' && params.role === 'any' && !params.agencyId;
  const zero = () => Object.fromEntries(RAW_KEYS.map((k) => [k, 0])) as unknown as RawCounts;
  const totals = zero();
  if (split.months) {
    const keyExpr = byMonth ? sql`to_char(c.month, 'YYYY-MM')` : sql`c.key`;
    const list = await rows<Record<string, unknown>>(
      ex,
      sql`select ${keyExpr} as key, ${pick} from ${cells.table} c where ${cellsWhere(target.dim, true)} group by 1`,
    );
    for (const r of list) {
      const key = byMonth ? String(r.key) : Number(r.key) === 0 && params.by !== 'agency' ? null : Number(r.key);
      add({ ...sumRow(r), key });
    }
    if (overlapping) {
      const [t] = await rows<Record<string, unknown>>(
        ex,
        sql`select ${pick} from ${cells.table} c where ${cellsWhere('all', false, 0)}`,
      );
      const whole = sumRow(t ?? {});
      for (const k of RAW_KEYS) totals[k] += whole[k];
    }
  }
  for (const e of split.edges) {
    const period =
      params.periodBy === 'due'
        ? { dueFrom: e.from, dueTo: e.to, assignedFrom: undefined, assignedTo: undefined }
        : { assignedFrom: e.from, assignedTo: e.to, dueFrom: undefined, dueTo: undefined };
    const part = await direct({ ...f, ...period });
    for (const g of part.groups) add(g);
    if (overlapping) for (const k of RAW_KEYS) totals[k] += part.totals[k];
  }
  // A rebuild that began meanwhile may have emptied the cells read above: then counted directly.
  if (!(await cells.unchanged())) return null;
  const groups = [...merged.values()].filter((g) => g.assigned > 0);
  if (!overlapping) for (const g of groups) for (const k of RAW_KEYS) totals[k] += g[k];
  return { groups, totals, m: momentOfFilter(f) };
}

/**
 * The summary as a rebuild would make it, compared with the table (tests and operations): the cells that
 * differ, none when the maintenance kept it right.
 */
export async function summaryDifferences(ex: Executor): Promise<CellRow[]> {
  const d = await readMeta(ex, null);
  if (!d) return [];
  if (d.builtTo !== null) throw new Error('the summary is being rebuilt');
  const all = columnList([...CELL_KEY, ...COLUMNS.map((c) => c.column)]);
  const nonZero = sql.raw(COLUMNS.map((c) => `sum(x."${c.column}") <> 0`).join(' or '));
  const sums = sql.join(
    COLUMNS.map((c) => sql`sum(x.${ident(c.column)})::int as ${ident(c.column)}`),
    sql`, `,
  );
  const negatedKept = sql.raw(COLUMNS.map((c) => `-"${c.column}"`).join(', '));
  const report = await rows<CellRow>(
    ex,
    sql`with fresh as (${cellsSql(d, stateOf(sql`true`), extensionsJoin())}),
      x as (select ${all} from fresh union all select dim, agency, key, basis, month, ${negatedKept} from report_counts)
      select x.dim, x.agency, x.key, x.basis, to_char(x.month, 'YYYY-MM-DD') as month, ${sums} from x
      group by 1, 2, 3, 4, 5 having ${nonZero} order by 1, 2, 3, 4, 5 limit 50`,
  );
  // The home cells, marked `basis: 'home'`.
  const home = await rows<CellRow>(
    ex,
    sql`with fresh as (${homeCellsSql(d, stateOf(sql`true`))}),
      x as (select ${homeColumnList()} from fresh
        union all select dim, key, ${sql.raw(HOME_COLUMNS.map((c) => `-"${c}"`).join(', '))} from home_counts)
      select x.dim, x.key, 'home' as basis, ${homeSums()} from x
      group by 1, 2 having ${homeNonZero()}
      order by 1, 2 limit 50`,
  );
  return [...report, ...home];
}

/** The home pages' counts of one cell (home-cells.ts). */
export type HomeCell = Record<HomeColumn, number> & { key: number };

/**
 * The home cells of `dim` (all its keys, or `key`) from today's summary; null when it is old or being rebuilt
 * (then a rebuild is asked for and the caller counts directly).
 */
export async function homeCellsToday(
  deps: AppDeps,
  ex: Executor,
  today: string,
  s: Pick<Settings, 'staleAfterDays'>,
  dim: 'lead' | 'any' | 'leader' | 'specialist' | 'all',
  key?: number,
): Promise<HomeCell[] | null> {
  const cells = await todaysCells(deps, ex, today, s);
  if (!cells) return null;
  const list = await rows<Record<string, unknown>>(
    ex,
    sql`select key, ${sql.raw(HOME_COLUMNS.map((c) => `"${c}"`).join(', '))} from home_counts
        where dim = ${dim}${key === undefined ? sql`` : sql` and key = ${key}`}`,
  );
  // A rebuild that began meanwhile may have emptied the cells read: then counted directly.
  if (!(await cells.unchanged())) return null;
  return list.map(
    (r) => Object.fromEntries([['key', Number(r.key)], ...HOME_COLUMNS.map((c) => [c, Number(r[c] ?? 0)])]) as HomeCell,
  );
}
