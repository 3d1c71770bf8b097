/**
 * Deterministic bulk generator of realistic data: the demonstration data seeded on first start
 * (~5 000 tasks) and the benchmark data (200 000 and 1 000 000 tasks).
 *
 * It fills an EMPTY database (after migrations) straight through SQL: reference data (agencies and their
 * names over time, fields, leaders, users), then directive documents over the two years before `today`
 * and their tasks with a full, consistent history — `events`, `task_snapshots`, `reports`,
 * `report_reviews`, `extension_requests`, `task_messages` — simulated action by action at office hours on
 * working days and cut at the end of `today`. The same seed and `today` give the same data.
 *
 * Loading: rows are generated and written in batches of ~2 000 tasks (one batch written while the next is
 * generated, so memory stays bounded whatever the number of tasks), with `INSERT … SELECT FROM unnest(…)`
 * (one array parameter per column) or, on PGlite with a data folder, COPY. Everything runs in one
 * transaction (a failure leaves the database empty); the secondary indexes of the loaded tables are
 * dropped for the load and rebuilt from their own definitions, and per-row foreign-key triggers are
 * skipped when the role may (`session_replication_role = replica`): the generated rows are consistent
 * by construction, which the unit test checks.
 *
 * Ids are assigned here (the database is empty) and the sequences are moved past them at the end.
 */
import { PGliteThread } from '../db/pglite-thread.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { SNAPSHOT_COLUMNS, snapshotRow, type SnapshotState } from '../db/snapshots.js';
import {
  agencies,
  agencyNames,
  fields,
  leaders,
  users,
  type AgencyKind,
  type DocType,
  type RecurrenceRule,
  type Role,
  type TaskStatus,
} from '../db/schema.js';
import { WorkingCalendar } from '../domain/calendar.js';
import { daysInMonth, fromEpochDay, toEpochDay } from '../domain/dates.js';
import { parseDocNumber } from '../domain/docnumber.js';
import { periodsBetween, type Recurrence } from '../domain/recurrence.js';
import { foldVietnamese } from '../domain/text.js';
import { TERMINAL_STATUSES, WORKING_STATUSES } from '../domain/workflow.js';
import {
  ABSTRACTS,
  ADMIN_SEED,
  AGENCY_SEEDS,
  AGENCY_USER_SEEDS,
  CANCEL_REASONS,
  COMMENTS,
  COMPLETION_TEXTS,
  DATA_ENTRY_SEED,
  DIFFICULTIES,
  DIRECTIONS,
  EXPLANATION_TEXTS,
  EXTENSION_APPROVE_NOTES,
  EXTENSION_REASONS,
  EXTENSION_REJECT_NOTES,
  FIELD_SEEDS,
  FIXED_TEMPLATES,
  GROUP_CHILD_TEMPLATES,
  GROUP_LABELS,
  GROUP_PARENT_TEMPLATE,
  LEADER_SEEDS,
  NO_DEADLINE_TEMPLATES,
  OFFICE_LEAD_SEEDS,
  PERIOD_TEMPLATE,
  PROGRESS_TEXTS,
  PROJECT_TEMPLATES,
  PROJECTS,
  PROPOSALS,
  RECURRING_TEMPLATES,
  REORGANISATION_DAY,
  RETURN_REASONS,
  ROUTINE_TEMPLATES,
  SPECIALIST_SEEDS,
  WITHDRAW_REASONS,
  type AgencySeed,
  type FieldSeed,
  type UserSeed,
} from './names.js';

// ---------------------------------------------------------------------------------------------------------------
// Public API

export interface GenerateOptions {
  /** Number of tasks to create (exactly). */
  tasks: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** The generation's "today", 'YYYY-MM-DD' (Vietnam): nothing happens after the end of this day. */
  today: string;
  /** Password hash given to every created account. */
  passwordHash: string;
  /**
   * Create the demo accounts (default true): admin, office specialists and leads, agency accounts.
   * Leaders always get their account; without demo accounts the history is authored by an inactive
   * data-entry account.
   */
  withUsers?: boolean;
  /** Called after each inserted batch with the number of tasks written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoLogin {
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string;
  agencyName: string;
}

export interface GenerateSummary {
  seed: number;
  today: string;
  /** Rows inserted per table (SQL table names). */
  counts: Record<TableName, number>;
  /** Tasks per current status. */
  tasksByStatus: Partial<Record<TaskStatus, number>>;
  /** Active accounts that can log in (all share `passwordHash`). */
  logins: DemoLogin[];
  elapsedMs: number;
}

export type TableName =
  | 'agencies'
  | 'agency_names'
  | 'fields'
  | 'leaders'
  | 'users'
  | 'documents'
  | 'tasks'
  | 'task_agencies'
  | 'task_snapshots'
  | 'reports'
  | 'report_reviews'
  | 'extension_requests'
  | 'task_messages'
  | 'events';

/** Tasks buffered before a batch is written. */
const BATCH_TASKS = 2_000;
/** Rows per INSERT statement (one parameter per column, so far from the 65 535 parameter limit). */
const ROWS_PER_STATEMENT = 5_000;

// ---------------------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32)

class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `items`, with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** `k` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < k && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(copy[i] as T);
      copy.splice(i, 1);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Days and instants (Vietnam time, UTC+7)

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const VN_OFFSET_MS = 7 * 3_600_000;
/** Office hours: 07:30–11:30 and 13:30–17:00, i.e. 450 "office minutes" a day. */
const OFFICE_MINUTES = 450;
const MORNING_MINUTES = 240;

function officeMinuteOfDay(slot: number): number {
  return slot < MORNING_MINUTES ? 450 + slot : 810 + (slot - MORNING_MINUTES);
}

/** Epoch day (Vietnam) of an instant. */
function dayOf(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** The office minute an instant falls in: -1 before office hours, 450 after, lunch counts as the morning's end. */
function slotOf(ms: number): number {
  const minute = Math.floor(((((ms + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  if (minute < 450) return -1;
  if (minute < 690) return minute - 450;
  if (minute < 810) return MORNING_MINUTES - 1;
  if (minute < 1020) return MORNING_MINUTES + minute - 810;
  return OFFICE_MINUTES;
}

function isoDay(day: number): string {
  return fromEpochDay(day);
}

/** 'YYYY-MM-DD' → '15/7/2025'. */
function vnShortDate(iso: string): string {
  return `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
}

/** 'YYYY-MM-DD' → '15/07/2025'. */
function vnLongDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * Working days of the generation window, precomputed from the statutory calendar: `pos(d)` is the index
 * (in the list of working days) of the first working day on or after d.
 */
class WorkDays {
  private readonly first: number;
  private readonly nextPos: Int32Array;
  private readonly list: Int32Array;

  constructor(calendar: WorkingCalendar, firstDay: number, lastDay: number) {
    this.first = firstDay;
    const span = lastDay - firstDay + 1;
    const list: number[] = [];
    const isWork = new Uint8Array(span);
    for (let i = 0; i < span; i++) {
      if (calendar.isWorkingDay(isoDay(firstDay + i))) {
        isWork[i] = 1;
        list.push(firstDay + i);
      }
    }
    this.list = Int32Array.from(list);
    this.nextPos = new Int32Array(span);
    let p = list.length;
    for (let i = span - 1; i >= 0; i--) {
      if (isWork[i] === 1) p--;
      this.nextPos[i] = p;
    }
  }

  get count(): number {
    return this.list.length;
  }

  /** Index of the first working day on or after `day`. */
  pos(day: number): number {
    const i = day - this.first;
    if (i < 0) return 0;
    if (i >= this.nextPos.length) return this.list.length;
    return this.nextPos[i] as number;
  }

  /** The working day at index `p` (clamped to the window). */
  at(p: number): number {
    const i = Math.min(Math.max(p, 0), this.list.length - 1);
    return this.list[i] as number;
  }

  /** The first working day on or after `day`. */
  next(day: number): number {
    return this.at(this.pos(day));
  }

  isWorking(day: number): boolean {
    return this.next(day) === day;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Batched inserts

type ColumnType = 'int' | 'bigint' | 'text' | 'date' | 'timestamptz' | 'bool' | 'jsonb' | 'int[]';

/** Rows of one table, column by column, written with `INSERT … SELECT FROM unnest($1::type[], …)`. */
class TableBuffer {
  private cols: unknown[][];
  private readonly statementHead: SQL;
  private readonly selectList: SQL;
  private readonly alias: SQL;
  inserted = 0;

  constructor(
    readonly table: TableName,
    private readonly spec: readonly (readonly [string, ColumnType])[],
  ) {
    this.cols = spec.map(() => []);
    this.statementHead = sql.raw(`insert into ${table} (${spec.map(([n]) => n).join(', ')})`);
    this.selectList = sql.raw(
      spec
        .map(([, type], i) => (type === 'int[]' ? `c${i}::int[]` : type === 'jsonb' ? `c${i}::jsonb` : `c${i}`))
        .join(', '),
    );
    this.alias = sql.raw(spec.map((_, i) => `c${i}`).join(', '));
  }

  get size(): number {
    return this.cols[0]?.length ?? 0;
  }

  push(...values: unknown[]): void {
    if (values.length !== this.spec.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.spec.length} columns`);
    }
    for (let i = 0; i < values.length; i++) (this.cols[i] as unknown[]).push(values[i]);
  }

  /** Overwrites a value of a buffered row (a report reviewed, an extension decided before the batch is written). */
  set(row: number, col: number, value: unknown): void {
    (this.cols[col] as unknown[])[row] = value;
  }

  /**
   * Hands the buffered rows to an insert and starts a new buffer, so the next batch can be generated while
   * this one is written.
   */
  take(): (sink: Sink) => Promise<void> {
    const cols = this.cols;
    const total = this.size;
    this.cols = this.spec.map(() => []);
    this.inserted += total;
    return async ({ ex, copy }: Sink) => {
      if (total === 0) return;
      if (copy) {
        await copy(this.copyStatement, copyText(cols, total));
        return;
      }
      for (let start = 0; start < total; start += ROWS_PER_STATEMENT) {
        const end = Math.min(total, start + ROWS_PER_STATEMENT);
        const params = this.spec.map(([, type], i) => {
          const arrayType = type === 'int[]' || type === 'jsonb' ? 'text[]' : `${type}[]`;
          const column = cols[i] as unknown[];
          const values = start === 0 && end === total ? column : column.slice(start, end);
          return sql`${sql.param(values)}::${sql.raw(arrayType)}`;
        });
        await ex.execute(
          sql`${this.statementHead} select ${this.selectList} from unnest(${sql.join(params, sql`, `)}) as u(${this.alias})`,
        );
      }
    };
  }

  private get copyStatement(): string {
    return `copy ${this.table} (${this.spec.map(([n]) => n).join(', ')}) from '/dev/blob'`;
  }
}

/** Where a batch goes: SQL inserts, or COPY when the driver offers it (embedded PGlite). */
interface Sink {
  ex: Executor;
  copy: ((statement: string, data: string) => Promise<void>) | null;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (!COPY_SPECIAL.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function copyText(cols: unknown[][], rowCount: number): string {
  const lines: string[] = new Array<string>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    let line = '';
    for (let c = 0; c < cols.length; c++) {
      if (c > 0) line += '\t';
      line += copyField((cols[c] as unknown[])[r]);
    }
    lines[r] = line;
  }
  return lines.join('\n') + '\n';
}

interface Target {
  /** Embedded PGlite: a single session, so BEGIN/COMMIT bracket everything sent through the client. */
  pglite: boolean;
  copy: Sink['copy'];
}

/**
 * How to write to `db`. COPY from a blob is about a third faster than INSERT on PGlite with a data folder.
 * On an in-memory PGlite it is not used: COPY extends tables 64 pages at a time, and the in-memory file
 * system reallocates and copies the whole file on each such extension, so inserts slow down linearly with
 * the table's size; plain INSERT extends a page at a time and the file grows geometrically.
 */
function targetOf(db: Db): Target {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof PGliteThread)) return { pglite: false, copy: null };
  const dir = client.dataDir;
  if (!dir || dir.startsWith('memory://')) return { pglite: true, copy: null };
  return {
    pglite: true,
    copy: async (statement, data) => {
      await client.query(statement, [], { blob: new Blob([data]) });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data as the generator sees it

interface AgencyInfo {
  id: number;
  seed: AgencySeed;
  fromDay: number;
  toDay: number;
  /** Names over time, oldest first: [lastDay, name, shortName]. */
  names: { lastDay: number; name: string; shortName: string }[];
  successorIds: number[];
  /** Instant (first working morning after the end) when open tasks are handed over. */
  handoverDay: number | null;
  staffUsers: number[];
  leadUsers: number[];
}

interface FieldInfo {
  id: number;
  seed: FieldSeed;
  leaderIndex: number;
}

type TaskKind = 'fixed' | 'none' | 'routine' | 'recurring';

/** A task's state as the generator follows it: what a snapshot keeps (db/snapshots.ts), and its deadlines. */
interface TaskState extends Omit<SnapshotState, 'deadlineKind' | 'lastReportAt' | 'startsOn'> {
  deadlineKind: TaskKind;
  originalDeadline: string | null;
  currentDeadline: string | null;
  /** Epoch milliseconds. */
  lastReportAt: number | null;
}

/** What the task's snapshot keeps of a generated state (db/snapshots.ts: the one definition). */
function snapshotStateOf(s: TaskState): SnapshotState {
  // The generator's tasks have no later start (it writes no `starts_on`): their periods count from assignment.
  return { ...s, lastReportAt: s.lastReportAt === null ? null : new Date(s.lastReportAt), startsOn: null };
}

type Fate =
  | 'draft'
  | 'not_received'
  | 'received_only'
  | 'on_time'
  | 'late'
  | 'never'
  | 'waiting_review'
  | 'returned_open'
  | 'cancel'
  | 'withdraw';

type Act =
  | { k: 'assign' }
  | { k: 'receive' }
  | { k: 'progress' }
  | { k: 'explanation' }
  | { k: 'completion' }
  | { k: 'review'; accept: boolean }
  | { k: 'star' }
  | { k: 'direct' }
  | { k: 'comment' }
  | { k: 'set_specialist'; to: number }
  | { k: 'ext_request'; requested: string; approve: boolean }
  | { k: 'ext_decide' }
  | { k: 'cancel' }
  | { k: 'withdraw' }
  | { k: 'handover'; to: number };

interface TimedAct {
  ms: number;
  seq: number;
  act: Act;
}

interface DocInfo {
  id: number;
  numberText: string;
  abstract: string;
  createdMs: number;
  signerId: number;
  year: number;
}

interface NewTask {
  parentId: number | null;
  doc: DocInfo | null;
  content: string;
  field: FieldInfo;
  leaderId: number;
  lead: AgencyInfo;
  coord: AgencyInfo[];
  kind: TaskKind;
  deadline: string | null;
  recurrence: RecurrenceRule | null;
  periodKey: string | null;
  createMs: number;
  fate: Fate;
  draftFirst: boolean;
  /** Successor chosen for a hand-over (else a random successor of the lead agency). */
  handoverTo?: number;
}

interface SimResult {
  id: number;
  /** Lead agency over time: [fromMs, agencyId]. */
  leads: [number, number][];
  /** Successor the task was handed over to, if it was. */
  handedOverTo: number | null;
}

const TERMINAL: ReadonlySet<TaskStatus> = new Set<TaskStatus>(TERMINAL_STATUSES);
const WORKING_ON: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['received', 'in_progress']);
const OPEN_FOR_REQUEST: ReadonlySet<TaskStatus> = new Set<TaskStatus>(WORKING_STATUSES);

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in vars ? String(vars[key]) : m));
}

function jsonValue(key: keyof TaskState, value: unknown): unknown {
  if (key === 'lastReportAt' && typeof value === 'number') return new Date(value).toISOString();
  return value;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

function periodLabel(key: string): string {
  const q = /^(\d{4})-Q(\d)$/.exec(key);
  if (q) return `quý ${ROMAN[Number(q[2]) - 1] ?? q[2]}/${q[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `tháng ${Number(m[2])}/${m[1]}`;
  return key;
}

// ---------------------------------------------------------------------------------------------------------------
// The generator

class Generator {
  private readonly rng: Rng;
  private readonly days: WorkDays;
  private readonly todayDay: number;
  /** Nothing happens at or after this instant (end of `today`, Vietnam). */
  private readonly cutoff: number;
  /** Window of document issue days, as working-day positions. */
  private readonly firstPos: number;
  private readonly lastPos: number;
  /** End of office hours on the last working day up to `today`: the latest a task is created. */
  private readonly lastMs: number;
  private readonly calendar = new WorkingCalendar();

  private agencies: AgencyInfo[] = [];
  private agencyByCode = new Map<string, AgencyInfo>();
  private agencyById = new Map<number, AgencyInfo>();
  private fieldInfos: FieldInfo[] = [];
  private leaderIds: number[] = [];
  private leaderUserIds = new Map<number, number>();
  private specialistUserIds: number[] = [];
  private officeLeadUserIds: number[] = [];
  /** Author of everything when no demo account exists for the role. */
  private fallbackUserId = 0;
  private logins: DemoLogin[] = [];

  // id counters
  private nextDocId = 1;
  private nextTaskId = 1;
  private nextReportId = 1;
  private nextReviewId = 1;
  private nextExtensionId = 1;
  private nextMessageId = 1;
  private codeCounters = new Map<number, number>();
  private docNumberCounters = new Map<string, number>();

  private produced = 0;
  private statusCounts: Partial<Record<TaskStatus, number>> = {};
  /** Fates forced once each so that every status shows up even in small data sets. */
  private recentFatesToCover: Fate[] = ['draft', 'not_received', 'waiting_review', 'received_only', 'returned_open'];
  private oldFatesToCover: Fate[] = ['withdraw', 'cancel'];
  private itemsToCover: ('recurring' | 'group')[] = ['recurring', 'group'];

  private readonly documents = new TableBuffer('documents', [
    ['id', 'int'],
    ['number_text', 'text'],
    ['number', 'int'],
    ['number_suffix', 'text'],
    ['number_year', 'int'],
    ['type_code', 'text'],
    ['issuer', 'text'],
    ['doc_type', 'text'],
    ['issued_on', 'date'],
    ['signer_id', 'int'],
    ['abstract', 'text'],
    ['urgency', 'text'],
    ['search_folded', 'text'],
    ['created_by', 'int'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  private readonly tasks = new TableBuffer('tasks', [
    ['id', 'int'],
    ['code', 'text'],
    ['document_id', 'int'],
    ['parent_id', 'int'],
    ['content', 'text'],
    ['search_folded', 'text'],
    ['field_id', 'int'],
    ['leader_id', 'int'],
    ['lead_agency_id', 'int'],
    ['specialist_id', 'int'],
    ['starred', 'bool'],
    ['deadline_kind', 'text'],
    ['recurrence', 'jsonb'],
    ['period_key', 'text'],
    ['original_deadline', 'date'],
    ['current_deadline', 'date'],
    ['original_due', 'date'],
    ['current_due', 'date'],
    ['status', 'text'],
    ['assigned_on', 'date'],
    ['completed_on', 'date'],
    ['last_report_at', 'timestamptz'],
    ['extension_count', 'int'],
    ['created_by', 'int'],
    ['version', 'int'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  private readonly taskAgencies = new TableBuffer('task_agencies', [
    ['task_id', 'int'],
    ['agency_id', 'int'],
    ['created_at', 'timestamptz'],
  ]);
  private readonly snapshots = new TableBuffer('task_snapshots', SNAPSHOT_COLUMNS);
  private readonly reports = new TableBuffer('reports', [
    ['id', 'int'],
    ['task_id', 'int'],
    ['agency_id', 'int'],
    ['kind', 'text'],
    ['content', 'text'],
    ['difficulties', 'text'],
    ['proposals', 'text'],
    ['agency_doc_number', 'text'],
    ['reported_on', 'date'],
    ['status', 'text'],
    ['created_by', 'int'],
    ['created_at', 'timestamptz'],
  ]);
  private readonly reviews = new TableBuffer('report_reviews', [
    ['id', 'int'],
    ['report_id', 'int'],
    ['task_id', 'int'],
    ['decision', 'text'],
    ['reason', 'text'],
    ['reviewer_id', 'int'],
    ['created_at', 'timestamptz'],
  ]);
  private readonly extensions = new TableBuffer('extension_requests', [
    ['id', 'int'],
    ['task_id', 'int'],
    ['agency_id', 'int'],
    ['previous_deadline', 'date'],
    ['requested_deadline', 'date'],
    ['reason', 'text'],
    ['status', 'text'],
    ['decided_by', 'int'],
    ['decided_at', 'timestamptz'],
    ['decision_note', 'text'],
    ['created_by', 'int'],
    ['created_at', 'timestamptz'],
    ['version', 'int'],
  ]);
  private readonly messages = new TableBuffer('task_messages', [
    ['id', 'int'],
    ['task_id', 'int'],
    ['kind', 'text'],
    ['content', 'text'],
    ['author_id', 'int'],
    ['created_at', 'timestamptz'],
  ]);
  private readonly events = new TableBuffer('events', [
    ['at', 'timestamptz'],
    ['entity_type', 'text'],
    ['entity_id', 'text'],
    ['task_id', 'int'],
    ['action', 'text'],
    ['actor_id', 'int'],
    ['before', 'jsonb'],
    ['after', 'jsonb'],
  ]);
  /** Flush order respects the foreign keys. */
  private readonly buffers: TableBuffer[] = [
    this.documents,
    this.tasks,
    this.taskAgencies,
    this.reports,
    this.reviews,
    this.extensions,
    this.messages,
    this.snapshots,
    this.events,
  ];
  private referenceCounts: Partial<Record<TableName, number>> = {};

  constructor(
    private readonly db: Db,
    private readonly opts: GenerateOptions,
  ) {
    this.rng = new Rng(opts.seed ?? 1);
    this.todayDay = toEpochDay(opts.today);
    this.cutoff = (this.todayDay + 1) * DAY_MS - VN_OFFSET_MS;
    this.days = new WorkDays(this.calendar, this.todayDay - 800, this.todayDay + 1500);
    this.lastPos = this.days.pos(this.todayDay + 1) - 1;
    this.firstPos = this.days.pos(this.todayDay - 730);
    this.lastMs = Math.min(this.cutoff - 1, this.days.at(this.lastPos) * DAY_MS + 1020 * MINUTE_MS - VN_OFFSET_MS);
  }

  // ---- instants ----

  /** A random office-hours instant on working day `p`, from office minute `minSlot` on. */
  private instantAt(p: number, minSlot = 0, maxSlot = OFFICE_MINUTES - 1): number {
    const day = this.days.at(p);
    const slot = this.rng.int(Math.max(0, minSlot), Math.max(minSlot, maxSlot));
    return (
      day * DAY_MS +
      officeMinuteOfDay(Math.min(slot, OFFICE_MINUTES - 1)) * MINUTE_MS +
      this.rng.int(0, 59) * 1000 -
      VN_OFFSET_MS
    );
  }

  /** An instant after `ms`: `minWd`–`maxWd` working days later (0 = later the same day when possible). */
  private after(ms: number, minWd: number, maxWd: number): number {
    const day = dayOf(ms);
    const p = this.days.pos(day);
    let k = this.rng.int(minWd, maxWd);
    if (this.days.at(p) === day) {
      const slot = slotOf(ms);
      if (k === 0) {
        if (slot < OFFICE_MINUTES - 3) {
          const from = Math.max(0, slot + 1);
          return this.instantAt(p, from, Math.min(OFFICE_MINUTES - 1, from + 150));
        }
        k = 1;
      }
      return this.instantAt(p + k);
    }
    // `ms` is not on a working day: the next working day counts as day 0.
    return this.instantAt(p + k);
  }

  /**
   * `seconds` of office time after `ms` (continuing the next working morning after 17:00); an instant
   * outside office hours counts from the next office minute.
   */
  private officeAdvance(ms: number, seconds: number): number {
    const day = dayOf(ms);
    let p = this.days.pos(day);
    let offset = 0; // office seconds into working day p
    if (this.days.at(p) === day) {
      const slot = slotOf(ms);
      if (slot >= OFFICE_MINUTES) p++;
      else if (slot >= 0) offset = slot * 60 + (Math.floor(ms / 1000) % 60);
    }
    const perDay = OFFICE_MINUTES * 60;
    const target = offset + seconds;
    p += Math.floor(target / perDay);
    const within = target % perDay;
    const result =
      this.days.at(p) * DAY_MS +
      officeMinuteOfDay(Math.floor(within / 60)) * MINUTE_MS +
      (within % 60) * 1000 -
      VN_OFFSET_MS;
    return result > ms ? result : ms + seconds * 1000;
  }

  /** A random office-hours instant strictly between `a` and `b`, or null. */
  private between(a: number, b: number): number | null {
    if (!(b > a)) return null;
    const pa = this.days.pos(dayOf(a));
    const pb = this.days.pos(dayOf(b));
    for (let attempt = 0; attempt < 4; attempt++) {
      const ms = this.instantAt(this.rng.int(pa, pb));
      if (ms > a && ms < b) return ms;
    }
    const ms = this.after(a, 0, 0);
    return ms < b ? ms : null;
  }

  private dueOf(deadline: string): string {
    return isoDay(this.days.next(toEpochDay(deadline)));
  }

  // ---- reference data ----

  private async insertReference(): Promise<void> {
    const withUsers = this.opts.withUsers ?? true;
    const dataStartMs = this.instantAt(this.firstPos - 10, 0, 60);
    const created = new Date(dataStartMs);

    // agencies
    AGENCY_SEEDS.forEach((seed, i) => {
      const info: AgencyInfo = {
        id: i + 1,
        seed,
        fromDay: toEpochDay(seed.validFrom),
        toDay: seed.validTo ? toEpochDay(seed.validTo) : Number.MAX_SAFE_INTEGER,
        names: [
          ...(seed.formerNames ?? []).map((n) => ({
            lastDay: toEpochDay(n.validTo),
            name: n.name,
            shortName: n.shortName,
          })),
          { lastDay: Number.MAX_SAFE_INTEGER, name: seed.name, shortName: seed.shortName },
        ],
        successorIds: [],
        handoverDay: null,
        staffUsers: [],
        leadUsers: [],
      };
      this.agencies.push(info);
      this.agencyByCode.set(seed.code, info);
      this.agencyById.set(info.id, info);
    });
    for (const a of this.agencies) {
      a.successorIds = (a.seed.successors ?? []).map((code) => this.agency(code).id);
      if (a.seed.validTo && a.successorIds.length > 0) a.handoverDay = this.days.next(a.toDay + 1);
    }
    await this.ex.insert(agencies).values(
      this.agencies.map((a, i) => ({
        id: a.id,
        code: a.seed.code,
        name: a.seed.name,
        shortName: a.seed.shortName,
        nameFolded: foldVietnamese(a.seed.name),
        kind: a.seed.kind,
        parentId: a.seed.parent ? this.agency(a.seed.parent).id : null,
        sortOrder: (i + 1) * 10,
        validFrom: a.seed.validFrom,
        validTo: a.seed.validTo ?? null,
        successorId: a.successorIds[0] ?? null,
        createdAt: created,
        updatedAt: created,
      })),
    );
    const nameRows: (typeof agencyNames.$inferInsert)[] = [];
    for (const a of this.agencies) {
      let from = a.seed.validFrom;
      for (const n of a.names) {
        const last = n.lastDay === Number.MAX_SAFE_INTEGER ? (a.seed.validTo ?? null) : isoDay(n.lastDay);
        nameRows.push({
          id: nameRows.length + 1,
          agencyId: a.id,
          name: n.name,
          shortName: n.shortName,
          validFrom: from,
          validTo: last,
        });
        if (last) from = isoDay(toEpochDay(last) + 1);
      }
    }
    await this.ex.insert(agencyNames).values(nameRows);
    this.referenceCounts.agencies = this.agencies.length;
    this.referenceCounts.agency_names = nameRows.length;

    // fields
    this.fieldInfos = FIELD_SEEDS.map((seed, i) => ({
      id: i + 1,
      seed,
      leaderIndex: Math.max(
        0,
        LEADER_SEEDS.findIndex((l) => l.fields.includes(seed.code)),
      ),
    }));
    await this.ex.insert(fields).values(
      this.fieldInfos.map((f, i) => ({
        id: f.id,
        code: f.seed.code,
        name: f.seed.name,
        nameEn: f.seed.nameEn,
        sortOrder: (i + 1) * 10,
        createdAt: created,
        updatedAt: created,
      })),
    );
    this.referenceCounts.fields = this.fieldInfos.length;

    // users: demo accounts (or the data-entry account), then one per leader
    const userSeeds: { seed: UserSeed; active: boolean }[] = [];
    if (withUsers) {
      userSeeds.push({ seed: ADMIN_SEED, active: true });
      for (const s of SPECIALIST_SEEDS) userSeeds.push({ seed: s, active: true });
      for (const s of OFFICE_LEAD_SEEDS) userSeeds.push({ seed: s, active: true });
    } else {
      userSeeds.push({ seed: DATA_ENTRY_SEED, active: false });
    }
    for (const l of LEADER_SEEDS) {
      userSeeds.push({
        seed: { username: l.username, fullName: l.fullName, title: l.position, role: 'leader', agency: 'UBND' },
        active: true,
      });
    }
    if (withUsers) for (const s of AGENCY_USER_SEEDS) userSeeds.push({ seed: s, active: true });

    const userRows: (typeof users.$inferInsert)[] = userSeeds.map(({ seed, active }, i) => ({
      id: i + 1,
      username: seed.username,
      passwordHash: this.opts.passwordHash,
      fullName: seed.fullName,
      title: seed.title,
      email: active ? `${seed.username}@example.com` : null,
      role: seed.role,
      agencyId: this.agency(seed.agency).id,
      isActive: active,
      createdAt: created,
      updatedAt: created,
    }));
    await this.ex.insert(users).values(userRows);
    this.referenceCounts.users = userRows.length;

    userSeeds.forEach(({ seed, active }, i) => {
      const id = i + 1;
      const agency = this.agency(seed.agency);
      if (seed.role === 'office_specialist') {
        if (active) this.specialistUserIds.push(id);
        else this.fallbackUserId = id;
      }
      if (seed.role === 'office_lead') this.officeLeadUserIds.push(id);
      if (seed.role === 'agency_staff') agency.staffUsers.push(id);
      if (seed.role === 'agency_lead') agency.leadUsers.push(id);
      if (active) {
        this.logins.push({
          username: seed.username,
          fullName: seed.fullName,
          role: seed.role,
          agencyCode: seed.agency,
          agencyName: seed.agency === 'UBND' || seed.agency === 'VPUBND' ? agency.seed.shortName : agency.seed.name,
        });
      }
    });
    if (this.fallbackUserId === 0) this.fallbackUserId = this.specialistUserIds[0] ?? 1;

    // leaders
    const leaderRows = LEADER_SEEDS.map((l, i) => {
      const userIndex = userSeeds.findIndex((u) => u.seed.username === l.username);
      return {
        id: i + 1,
        fullName: l.fullName,
        position: l.position,
        userId: userIndex + 1,
        sortOrder: (i + 1) * 10,
        createdAt: created,
        updatedAt: created,
      };
    });
    await this.ex.insert(leaders).values(leaderRows);
    this.referenceCounts.leaders = leaderRows.length;
    for (const l of leaderRows) {
      this.leaderIds.push(l.id);
      this.leaderUserIds.set(l.id, l.userId);
    }
  }

  private agency(code: string): AgencyInfo {
    const a = this.agencyByCode.get(code);
    if (!a) throw new Error(`Unknown agency code ${code}`);
    return a;
  }

  private agencyOf(id: number): AgencyInfo {
    const a = this.agencyById.get(id);
    if (!a) throw new Error(`Unknown agency id ${id}`);
    return a;
  }

  private validOn(a: AgencyInfo, day: number): boolean {
    return a.fromDay <= day && day <= a.toDay;
  }

  /** The agency doing `code`'s work on `day` (following successors of ended agencies), or null. */
  private resolve(code: string, day: number): AgencyInfo | null {
    let a: AgencyInfo | undefined = this.agency(code);
    for (let hops = 0; a && hops < 4; hops++) {
      if (this.validOn(a, day)) return a;
      if (day < a.fromDay) return null;
      a = a.successorIds[0] === undefined ? undefined : this.agencyOf(a.successorIds[0]);
    }
    return null;
  }

  private nameOn(a: AgencyInfo, day: number): string {
    for (const n of a.names) if (day <= n.lastDay) return n.name;
    return a.seed.name;
  }

  private shortNameOn(a: AgencyInfo, day: number): string {
    for (const n of a.names) if (day <= n.lastDay) return n.shortName;
    return a.seed.shortName;
  }

  private localAgencies(day: number): AgencyInfo[] {
    const kind: AgencyKind = day >= toEpochDay(REORGANISATION_DAY) ? 'commune' : 'district';
    return this.agencies.filter((a) => a.seed.kind === kind && this.validOn(a, day));
  }

  private departments(day: number): AgencyInfo[] {
    return this.agencies.filter((a) => a.seed.kind === 'department' && this.validOn(a, day));
  }

  // ---- documents ----

  private nextNumber(key: string, year: number, day: number, annual: number): number {
    const counterKey = `${year}|${key}`;
    const prev = this.docNumberCounters.get(counterKey) ?? 0;
    const dayOfYear = day - toEpochDay(`${year}-01-01`);
    const target = Math.floor((dayOfYear / 365) * annual) + this.rng.int(1, 3);
    const n = Math.max(prev + 1, target);
    this.docNumberCounters.set(counterKey, n);
    return n;
  }

  private makeDocument(docType: DocType, field: FieldInfo, p: number, signerId: number): DocInfo {
    const issueDay = this.days.at(p);
    const issued = isoDay(issueDay);
    const year = Number(issued.slice(0, 4));
    let numberText: string;
    switch (docType) {
      case 'conclusion_notice':
        numberText = `${this.nextNumber('TB', year, issueDay, 700)}/TB-UBND`;
        break;
      case 'directive':
        numberText = `${this.nextNumber('CT', year, issueDay, 30)}/CT-UBND`;
        break;
      case 'plan':
        numberText = `${this.nextNumber('KH', year, issueDay, 320)}/KH-UBND`;
        break;
      case 'programme':
        numberText = `${this.nextNumber('CTr', year, issueDay, 20)}/CTr-UBND`;
        break;
      case 'decision':
        numberText = this.rng.chance(0.06)
          ? `${this.nextNumber('QPPL', year, issueDay, 45)}/${year}/QĐ-UBND`
          : `${this.nextNumber('QĐ', year, issueDay, 3200)}/QĐ-UBND`;
        break;
      default:
        numberText = `${this.nextNumber('CV', year, issueDay, 9000)}/UBND-${field.seed.officeUnit}`;
    }
    const parsed = parseDocNumber(numberText);
    if (!parsed.ok) throw new Error(`Generated an unparsable document number ${numberText}: ${parsed.reason}`);
    const leaderSeed = LEADER_SEEDS[signerId - 1];
    const leaderText = leaderSeed
      ? `${leaderSeed.position.replace('Thường trực ', '')} ${leaderSeed.fullName}`
      : 'Chủ tịch UBND tỉnh';
    const lead = this.resolve(this.rng.pick(field.seed.agencies), issueDay) ?? this.agency('VPUBND');
    const topic = this.topic(field, year);
    const templates = ABSTRACTS[docType as keyof typeof ABSTRACTS] ?? ABSTRACTS.official_letter;
    const abstractText = fill(this.rng.pick(templates), {
      topic,
      leader: leaderText,
      agency: this.nameOn(lead, issueDay),
      month: `${Number(issued.slice(5, 7))}/${year}`,
      date: vnLongDate(issued),
      year,
      nextYear: year + 1,
    });
    const abstract = abstractText.charAt(0).toUpperCase() + abstractText.slice(1);
    const createdP = this.rng.chance(0.6) ? p : Math.min(p + this.rng.int(1, 2), this.lastPos);
    let createdMs = this.instantAt(createdP);
    if (createdMs >= this.cutoff) createdMs = this.instantAt(this.lastPos, 0, 200);
    const creator = this.specialistFor(field);
    const doc: DocInfo = { id: this.nextDocId++, numberText, abstract, createdMs, signerId, year };
    const urgency = this.rng.weighted([
      ['normal', 85],
      ['urgent', 10],
      ['very_urgent', 4],
      ['immediate', 1],
    ] as const);
    const at = new Date(createdMs).toISOString();
    this.documents.push(
      doc.id,
      numberText,
      parsed.value.number,
      parsed.value.suffix === '' ? null : parsed.value.suffix,
      parsed.value.year ?? year,
      parsed.value.typeCode,
      parsed.value.issuer,
      docType,
      issued,
      signerId,
      abstract,
      urgency,
      foldVietnamese(`${numberText} ${abstract}`),
      creator,
      at,
      at,
    );
    this.events.push(
      at,
      'document',
      String(doc.id),
      null,
      'document.create',
      creator,
      null,
      JSON.stringify({ numberText, docType, issuedOn: issued, signerId, urgency }),
    );
    return doc;
  }

  /** A topic of the field; `timeless` ones (no year in them) for recurring reports. */
  private topic(field: FieldInfo, year: number, timeless = false): string {
    const topics = timeless
      ? field.seed.topics.filter((t) => !t.includes('Year}') && !t.includes('{year}'))
      : field.seed.topics;
    return fill(this.rng.pick(topics.length > 0 ? topics : field.seed.topics), {
      year,
      prevYear: year - 1,
      nextYear: year + 1,
    });
  }

  private specialistFor(field: FieldInfo): number {
    return (
      this.specialistUserIds[field.seed.specialist % Math.max(1, this.specialistUserIds.length)] ?? this.fallbackUserId
    );
  }

  // ---- units: a document (or a meeting direction) and its tasks ----

  private fieldWeights: readonly (readonly [number, number])[] = FIELD_SEEDS.map((f, i) => [
    i,
    ['TCNS', 'DTC', 'DD', 'XD'].includes(f.code) ? 1.6 : ['NN', 'YT', 'GD', 'NC'].includes(f.code) ? 1.2 : 1,
  ]);

  private pickField(): FieldInfo {
    return this.fieldInfos[this.rng.weighted(this.fieldWeights)] as FieldInfo;
  }

  private signerFor(field: FieldInfo): number {
    const r = this.rng.next();
    if (r < 0.72) return (this.leaderIds[field.leaderIndex] ?? 1) as number;
    if (r < 0.9) return this.leaderIds[0] ?? 1;
    return this.rng.pick(this.leaderIds);
  }

  private makeUnit(): void {
    // Chronological: documents spread over the two years, denser towards today.
    const frac = this.produced / this.opts.tasks;
    const s = (-0.6 + Math.sqrt(0.36 + 1.6 * frac)) / 0.8;
    const p = Math.min(this.lastPos, this.firstPos + Math.floor(s * (this.lastPos - this.firstPos + 1)));
    const field = this.pickField();
    const signerId = this.signerFor(field);

    const docType = this.rng.weighted<DocType | null>([
      ['official_letter', 40],
      ['conclusion_notice', 30],
      ['decision', 12],
      ['plan', 8],
      ['directive', 5],
      ['programme', 2],
      [null, 3],
    ]);
    let doc: DocInfo | null = null;
    let baseMs: number;
    if (docType) {
      doc = this.makeDocument(docType, field, p, signerId);
      baseMs = doc.createdMs;
    } else {
      baseMs = this.instantAt(p);
      if (baseMs >= this.cutoff) baseMs = this.instantAt(this.lastPos, 0, 200);
    }
    const count = (() => {
      switch (docType) {
        case 'conclusion_notice':
          return this.rng.int(3, 9);
        case 'plan':
          return this.rng.int(3, 8);
        case 'directive':
          return this.rng.int(4, 9);
        case 'programme':
          return this.rng.int(5, 12);
        case 'decision':
          return this.rng.int(1, 3);
        case 'official_letter':
          return this.rng.weighted([
            [1, 60],
            [2, 30],
            [3, 10],
          ]);
        default:
          return this.rng.int(2, 5);
      }
    })();

    let createMs = this.after(baseMs, 0, this.rng.chance(0.6) ? 0 : 2);
    if (createMs >= this.cutoff) createMs = Math.min(baseMs + 2 * MINUTE_MS, this.lastMs);
    for (let i = 0; i < count && this.produced < this.opts.tasks; i++) {
      const itemField = i === 0 || this.rng.chance(0.7) ? field : this.pickField();
      const leaderId = this.rng.chance(0.85) ? signerId : (this.leaderIds[itemField.leaderIndex] ?? signerId);
      this.makeItem(doc, itemField, leaderId, createMs, this.opts.tasks - this.produced);
      const next = this.officeAdvance(createMs, this.rng.int(60, 420));
      createMs = next <= this.lastMs ? next : Math.min(createMs + 1000, this.lastMs);
    }
  }

  /**
   * One direction of a document: a single task, a parent with one subtask per agency, or a recurring task
   * with its period obligations. `budget` is the number of tasks still to create. About 14% of the tasks
   * belong to per-agency groups and 6% to recurring tasks.
   */
  private makeItem(doc: DocInfo | null, field: FieldInfo, leaderId: number, createMs: number, budget: number): number {
    const day = dayOf(createMs);
    const year = Number(isoDay(day).slice(0, 4));
    const r = this.rng.next();
    const reorganised = day >= toEpochDay(REORGANISATION_DAY);

    // per-agency subtasks under a common parent (60 communes after the reorganisation, 10 districts before)
    const localP = reorganised ? 0.002 : 0.008;
    // small data sets still get one of each: the first items old enough are made a recurring task and a group
    const cover = this.itemsToCover[0];
    if (cover !== undefined && this.todayDay - day > 90 && budget >= 4) {
      this.itemsToCover.shift();
      return cover === 'recurring'
        ? this.makeRecurring(doc, field, leaderId, createMs, budget)
        : this.makeGroup(doc, field, leaderId, createMs, budget, 'departments');
    }
    if (r < localP && budget >= 4) return this.makeGroup(doc, field, leaderId, createMs, budget, 'local');
    if (r < localP + 0.01 && budget >= 3) {
      return this.makeGroup(doc, field, leaderId, createMs, budget, 'departments');
    }
    if (r < localP + 0.019 && budget >= 2 && this.todayDay - day > 40) {
      return this.makeRecurring(doc, field, leaderId, createMs, budget);
    }

    const kind = this.rng.weighted<TaskKind>([
      ['fixed', 75],
      ['none', 12.5],
      ['routine', 12.5],
    ]);
    const lead = this.pickLead(field, day);
    const coord = this.pickCoordinators(field, day, lead);
    const topic = this.topic(field, year);
    let deadline: string | null = null;
    let content: string;
    const coordText = this.coordText(coord, day);
    if (kind === 'fixed') {
      deadline = this.makeDeadline(day);
      const template =
        field.seed.projects && this.rng.chance(0.45)
          ? this.rng.pick(PROJECT_TEMPLATES)
          : this.rng.pick(FIXED_TEMPLATES);
      content = fill(template, {
        topic,
        project: this.rng.pick(PROJECTS),
        coord: coordText,
        deadline: this.deadlineText(deadline),
      });
    } else if (kind === 'none') {
      content = fill(this.rng.pick(NO_DEADLINE_TEMPLATES), { topic, coord: coordText });
    } else {
      content = fill(this.rng.pick(ROUTINE_TEMPLATES), { topic, coord: coordText });
    }
    this.simulate({
      parentId: null,
      doc,
      content,
      field,
      leaderId,
      lead,
      coord,
      kind,
      deadline,
      recurrence: null,
      periodKey: null,
      createMs,
      fate: this.pickFate(kind, createMs, true),
      draftFirst: this.rng.chance(0.3),
    });
    return 1;
  }

  private makeGroup(
    doc: DocInfo | null,
    field: FieldInfo,
    leaderId: number,
    createMs: number,
    budget: number,
    kind: 'local' | 'departments',
  ): number {
    const day = dayOf(createMs);
    const year = Number(isoDay(day).slice(0, 4));
    const parentLead =
      this.resolve(field.seed.agencies[0] ?? 'SNV', day) ?? this.resolve('SNV', day) ?? this.agency('VPUBND');
    let members: AgencyInfo[];
    let label: string;
    if (kind === 'local') {
      members = this.localAgencies(day);
      label = day >= toEpochDay(REORGANISATION_DAY) ? GROUP_LABELS.communes : GROUP_LABELS.districts;
    } else {
      members = this.rng.sample(
        this.departments(day).filter((a) => a.id !== parentLead.id),
        this.rng.int(4, 8),
      );
      members.sort((a, b) => a.id - b.id);
      label = GROUP_LABELS.departments;
    }
    members = members.slice(0, Math.max(0, budget - 1));
    const topic = this.topic(field, year);
    const deadline = this.makeDeadline(day, 15);
    const parentContent = fill(GROUP_PARENT_TEMPLATE, { group: label, topic, deadline: this.deadlineText(deadline) });
    const parent = this.simulate({
      parentId: null,
      doc,
      content: parentContent,
      field,
      leaderId,
      lead: parentLead,
      coord: [],
      kind: 'fixed',
      deadline,
      recurrence: null,
      periodKey: null,
      createMs,
      fate: this.pickFate('fixed', createMs, false),
      draftFirst: false,
    });
    const childDeadlineDay = toEpochDay(deadline) - 5 >= day + 5 ? toEpochDay(deadline) - 5 : toEpochDay(deadline);
    const childDeadline = isoDay(childDeadlineDay);
    const childContent = fill(GROUP_CHILD_TEMPLATES[kind], {
      topic,
      parent: this.nameOn(parentLead, day),
      deadline: this.deadlineText(childDeadline),
    });
    let ms = createMs;
    for (const member of members) {
      const next = this.officeAdvance(ms, this.rng.int(20, 90));
      ms = next <= this.lastMs ? next : Math.min(ms + 1000, this.lastMs);
      this.simulate({
        parentId: parent.id,
        doc,
        content: childContent,
        field,
        leaderId,
        lead: member,
        coord: [],
        kind: 'fixed',
        deadline: childDeadline,
        recurrence: null,
        periodKey: null,
        createMs: ms,
        fate: this.pickFate('fixed', ms, false),
        draftFirst: false,
      });
    }
    return 1 + members.length;
  }

  private makeRecurring(
    doc: DocInfo | null,
    field: FieldInfo,
    leaderId: number,
    createMs: number,
    budget: number,
  ): number {
    const day = dayOf(createMs);
    const year = Number(isoDay(day).slice(0, 4));
    const monthly = this.rng.chance(0.6);
    const rule: Recurrence = monthly
      ? { freq: 'monthly', day: this.rng.pick([5, 10, 15, 20, 25]) }
      : { freq: 'quarterly', day: this.rng.pick([10, 15, 20]), monthOffset: 0 };
    const lead = this.pickLead(field, day, 0);
    const topic = this.topic(field, year, true);
    const content = fill(monthly ? RECURRING_TEMPLATES.monthly : RECURRING_TEMPLATES.quarterly, {
      day: rule.day,
      topic,
    });
    const parent = this.simulate({
      parentId: null,
      doc,
      content,
      field,
      leaderId,
      lead,
      coord: this.pickCoordinators(field, day, lead),
      kind: 'recurring',
      deadline: null,
      recurrence: { ...rule } as RecurrenceRule,
      periodKey: null,
      createMs,
      fate: 'never',
      draftFirst: false,
    });
    const periods = periodsBetween(rule, isoDay(day + 7), isoDay(this.todayDay + 40));
    let used = 1;
    let prevMs = createMs;
    for (const period of periods) {
      if (used >= budget) break;
      const startDay = toEpochDay(period.start);
      let ms = startDay <= day ? this.after(createMs, 0, 0) : this.instantAt(this.days.pos(startDay), 0, 60);
      if (ms <= prevMs) ms = this.officeAdvance(prevMs, 60);
      if (ms >= this.cutoff) break;
      prevMs = ms;
      const childLead = leadAt(parent.leads, ms);
      const r = this.rng.next();
      const fate: Fate = r < 0.8 ? 'on_time' : r < 0.95 ? 'late' : 'never';
      this.simulate({
        parentId: parent.id,
        doc,
        content: fill(PERIOD_TEMPLATE, { topic, period: periodLabel(period.key) }),
        field,
        leaderId,
        lead: this.agencyOf(childLead),
        coord: [],
        kind: 'fixed',
        deadline: period.deadline,
        recurrence: null,
        periodKey: period.key,
        createMs: ms,
        fate,
        draftFirst: false,
        handoverTo: parent.handedOverTo ?? undefined,
      });
      used++;
    }
    return used;
  }

  private pickLead(field: FieldInfo, day: number, localShare = field.seed.local): AgencyInfo {
    if (this.rng.chance(localShare)) {
      const locals = this.localAgencies(day);
      if (locals.length > 0) return this.rng.pick(locals);
    }
    return (
      this.resolve(this.rng.pick(field.seed.agencies), day) ?? this.resolve('VPUBND', day) ?? this.agency('VPUBND')
    );
  }

  private pickCoordinators(field: FieldInfo, day: number, lead: AgencyInfo): AgencyInfo[] {
    const k = this.rng.weighted([
      [0, 35],
      [1, 30],
      [2, 20],
      [3, 15],
    ]);
    if (k === 0) return [];
    const codes = [...field.seed.agencies, 'STC', 'SKHDT', 'SNV', 'STP', 'SXD', 'SNNMT', 'STNMT', 'CAT', 'THUE'];
    const candidates: AgencyInfo[] = [];
    for (const code of codes) {
      const a = this.resolve(code, day);
      if (a && a.id !== lead.id && a.seed.kind !== 'office' && !candidates.includes(a)) candidates.push(a);
    }
    return this.rng.sample(candidates, k).sort((a, b) => a.id - b.id);
  }

  private coordText(coord: AgencyInfo[], day: number): string {
    if (coord.length === 0) return 'các cơ quan, đơn vị liên quan';
    return `${coord.map((a) => this.nameOn(a, day)).join(', ')} và các cơ quan liên quan`;
  }

  /** A deadline as written, some days to months after `day`. */
  private makeDeadline(day: number, minDays = 3): string {
    const r = this.rng.next();
    let d: number;
    if (r < 0.22) d = day + this.rng.int(Math.max(3, minDays), Math.max(12, minDays + 5));
    else if (r < 0.55) d = day + this.rng.int(Math.max(13, minDays), 60);
    else if (r < 0.82) {
      // end of a month ("trong tháng 7/2025")
      const target = isoDay(day + this.rng.int(Math.max(20, minDays), 100));
      const y = Number(target.slice(0, 4));
      const m = Number(target.slice(5, 7));
      d = toEpochDay(`${target.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`);
    } else {
      const target = isoDay(day + this.rng.int(Math.max(30, minDays), 180));
      d = toEpochDay(`${target.slice(0, 7)}-${this.rng.pick(['10', '15', '20', '25'])}`);
      if (d < day + minDays) d = day + minDays + 7;
    }
    return isoDay(d);
  }

  private deadlineText(deadline: string): string {
    const y = Number(deadline.slice(0, 4));
    const m = Number(deadline.slice(5, 7));
    const d = Number(deadline.slice(8, 10));
    if (d === daysInMonth(y, m) && this.rng.chance(0.7)) return `trong tháng ${m}/${y}`;
    return `trước ngày ${vnShortDate(deadline)}`;
  }

  private pickFate(kind: TaskKind, createMs: number, cover: boolean): Fate {
    const p = this.days.pos(dayOf(createMs));
    const recent = p >= this.lastPos - 20 && p <= this.lastPos - 4;
    if (cover && kind === 'fixed') {
      if (recent && this.recentFatesToCover.length > 0) return this.recentFatesToCover.shift() as Fate;
      if (p < this.lastPos - 60 && this.oldFatesToCover.length > 0) return this.oldFatesToCover.shift() as Fate;
    }
    if (kind === 'recurring') return 'never';
    if (kind === 'routine') {
      return this.rng.weighted<Fate>([
        ['never', 80],
        ['on_time', 16],
        ['cancel', 3],
        ['withdraw', 1],
      ]);
    }
    const weights: [Fate, number][] = [
      ['cancel', 2],
      ['withdraw', 1],
      ['never', kind === 'none' ? 12 : 6],
      ['late', kind === 'none' ? 0 : 20],
      ['on_time', kind === 'none' ? 85 : 71],
    ];
    if (p >= this.lastPos - 15) {
      weights.push(
        ['draft', 12],
        ['not_received', 8],
        ['received_only', 10],
        ['waiting_review', 8],
        ['returned_open', 3],
      );
    }
    return this.rng.weighted(weights);
  }

  // ---- one task: plan its actions, play them up to the cut-off, write its rows ----

  private simulate(t: NewTask): SimResult {
    const rng = this.rng;
    const id = this.nextTaskId++;
    const createDay = dayOf(t.createMs);
    const year = Number(isoDay(createDay).slice(0, 4));
    const seq = (this.codeCounters.get(year) ?? 0) + 1;
    this.codeCounters.set(year, seq);
    const code = `NV-${year}-${String(seq).padStart(6, '0')}`;
    const specialist = this.specialistUserIds.length > 0 ? this.specialistFor(t.field) : null;
    const due = t.deadline ? this.dueOf(t.deadline) : null;

    // ---------------- plan ----------------
    const acts: TimedAct[] = [];
    let seqNo = 0;
    const add = (ms: number | null, act: Act): void => {
      if (ms !== null && Number.isFinite(ms)) acts.push({ ms, seq: seqNo++, act });
    };
    const fate = t.fate;
    const draftFirst = fate === 'draft' || t.draftFirst;
    let tAssign = t.createMs;
    if (fate !== 'draft') {
      if (draftFirst) {
        tAssign = this.after(t.createMs, 0, rng.chance(0.7) ? 0 : 2);
        add(tAssign, { k: 'assign' });
      }
    }
    let tEnd = Infinity; // when the task's work ends (accepted or closed), for side actions
    if (fate !== 'draft') {
      const tReceive = this.after(tAssign, 0, rng.chance(0.5) ? 0 : 3);
      if (fate !== 'not_received') add(tReceive, { k: 'receive' });
      const dueDay = due ? toEpochDay(due) : null;

      // extension request (fixed deadlines only)
      let ext: { requested: string; approve: boolean } | null = null;
      if (
        t.kind === 'fixed' &&
        t.deadline &&
        dueDay !== null &&
        t.periodKey === null &&
        fate !== 'received_only' &&
        fate !== 'not_received' &&
        rng.chance(0.12) &&
        this.days.pos(dueDay) - this.days.pos(dayOf(tReceive)) >= 8
      ) {
        const base = toEpochDay(t.deadline) + rng.int(10, 60);
        ext = { requested: isoDay(base), approve: rng.chance(0.7) };
      }
      const targetDueDay = ext?.approve ? this.days.next(toEpochDay(ext.requested)) : dueDay;

      // completion
      let tComplete: number | null = null;
      const pR = this.days.pos(dayOf(tReceive));
      if (fate === 'on_time' || fate === 'late' || fate === 'cancel' || fate === 'withdraw') {
        if (t.kind === 'routine') {
          tComplete = this.instantAt(pR + rng.int(40, 220));
        } else if (targetDueDay === null) {
          tComplete = this.instantAt(pR + rng.int(3, 110));
        } else if (fate === 'late') {
          const extra = 1 + Math.min(200, Math.floor(-Math.log(1 - rng.next()) * 18));
          tComplete = this.instantAt(this.days.pos(targetDueDay) + extra);
        } else {
          const pDue = this.days.pos(targetDueDay);
          // on or before the due day, more often near it
          const span = Math.max(0, pDue - pR);
          tComplete = this.instantAt(pR + 1 + Math.floor(span * Math.sqrt(rng.next())));
        }
        if (tComplete <= tReceive) tComplete = this.after(tReceive, 0, 1);
      } else if (fate === 'waiting_review') {
        tComplete = this.between(tReceive, this.instantAt(this.lastPos, 0, 100));
      } else if (fate === 'returned_open') {
        tComplete = this.between(tReceive, this.instantAt(this.lastPos - 3, 0, 100));
      }

      if (fate === 'cancel' || fate === 'withdraw') {
        const stop = this.between(
          tAssign,
          Math.min(tComplete ?? Infinity, this.instantAt(this.days.pos(dayOf(tAssign)) + 60)),
        );
        if (stop !== null) {
          add(stop, { k: fate });
          tEnd = stop;
        }
      }

      if (tComplete !== null && fate !== 'not_received' && fate !== 'received_only') {
        add(tComplete, { k: 'completion' });
        if (fate === 'returned_open') {
          add(this.after(tComplete, 1, 3), { k: 'review', accept: false });
        } else if (fate !== 'waiting_review') {
          let tReview = this.after(tComplete, 0, rng.chance(0.5) ? 1 : 4);
          if (rng.chance(0.08)) {
            add(tReview, { k: 'review', accept: false });
            const again = this.after(tReview, 2, 12);
            add(again, { k: 'completion' });
            tReview = this.after(again, 0, 3);
          }
          add(tReview, { k: 'review', accept: true });
          tEnd = Math.min(tEnd, tReview);
        }
      }

      // progress reports between reception and completion (or today)
      if (fate !== 'not_received' && fate !== 'received_only') {
        const until = Math.min(tComplete ?? this.cutoff, this.cutoff);
        const spanWd = this.days.pos(dayOf(until)) - pR;
        let n: number;
        if (t.kind === 'routine' || t.kind === 'recurring' || fate === 'never') {
          n = Math.min(8, Math.floor(spanWd / rng.int(40, 80)));
        } else {
          n = Math.min(3, Math.floor(spanWd / 25)) + (rng.chance(0.35) ? 1 : 0);
        }
        for (let i = 0; i < n; i++) add(this.between(tReceive, until), { k: 'progress' });
      }

      // explanation of a delay, after the deadline passed
      if (dueDay !== null && (fate === 'late' || fate === 'never') && rng.chance(0.5)) {
        const ms = this.instantAt(this.days.pos(dueDay) + rng.int(1, 10));
        if (tComplete === null || ms < tComplete) add(ms, { k: 'explanation' });
      }

      // extension: requested before the deadline, decided within days, before the completion
      if (ext && dueDay !== null) {
        const windowEnd = Math.min(dueDay * DAY_MS - VN_OFFSET_MS, tComplete ?? Infinity);
        const request = this.between(tReceive, windowEnd);
        if (request !== null) {
          const decision = this.after(request, 1, 4);
          if (tComplete === null || decision < tComplete) {
            add(request, { k: 'ext_request', requested: ext.requested, approve: ext.approve });
            add(decision, { k: 'ext_decide' });
          }
        }
      }

      // leaders' attention, directions, comments, re-assignment of the specialist
      const sideEnd = Math.min(tEnd, tComplete ?? Infinity, this.cutoff);
      if (rng.chance(0.08)) add(this.between(tAssign, sideEnd), { k: 'star' });
      if (rng.chance(0.1)) add(this.between(tAssign, sideEnd), { k: 'direct' });
      if (rng.chance(0.1)) add(this.between(tAssign, sideEnd), { k: 'comment' });
      if (specialist !== null && this.specialistUserIds.length > 1 && rng.chance(0.03)) {
        const to = rng.pick(this.specialistUserIds.filter((u) => u !== specialist));
        add(this.between(tAssign, sideEnd), { k: 'set_specialist', to });
      }
    }

    // hand-over when the lead agency ends (districts on 1/7/2025, merged departments on 1/3/2025)
    let handedOverTo: number | null = null;
    if (t.lead.handoverDay !== null && t.lead.successorIds.length > 0) {
      const to = t.handoverTo ?? rng.pick(t.lead.successorIds);
      const ms = this.instantAt(this.days.pos(t.lead.handoverDay), 10, 120);
      if (ms > t.createMs) add(ms, { k: 'handover', to });
      handedOverTo = to;
    }

    acts.sort((a, b) => a.ms - b.ms || a.seq - b.seq);

    // ---------------- play ----------------
    const state: TaskState = {
      status: draftFirst ? 'draft' : 'assigned',
      leadAgencyId: t.lead.id,
      coordinatingAgencyIds: t.coord.map((a) => a.id),
      leaderId: t.leaderId,
      fieldId: t.field.id,
      specialistId: specialist,
      documentId: t.doc?.id ?? null,
      parentId: t.parentId,
      starred: false,
      deadlineKind: t.kind,
      originalDeadline: t.deadline,
      currentDeadline: t.deadline,
      originalDue: due,
      currentDue: due,
      assignedOn: draftFirst ? null : isoDay(createDay),
      completedOn: null,
      lastReportAt: null,
      extensionCount: 0,
    };
    const officeActor = (): number => state.specialistId ?? this.fallbackUserId;
    const leadActor = (): number =>
      this.officeLeadUserIds.length > 0 ? rng.pick(this.officeLeadUserIds) : officeActor();
    const leaderActor = (): number =>
      (state.leaderId !== null ? this.leaderUserIds.get(state.leaderId) : undefined) ?? officeActor();
    const agencyActor = (preferLead: boolean): number => {
      const a = this.agencyOf(state.leadAgencyId);
      const pool =
        preferLead && a.leadUsers.length > 0 ? a.leadUsers : a.staffUsers.length > 0 ? a.staffUsers : a.leadUsers;
      return pool.length > 0 ? rng.pick(pool) : officeActor();
    };

    const snapFrom: number[] = [];
    const snapStates: TaskState[] = [];
    const leads: [number, number][] = [[t.createMs, t.lead.id]];
    let version = 0;
    let lastChange = t.createMs;
    const taskIdText = String(id);

    const event = (ms: number, action: string, actor: number, before: object | null, after: object | null): void => {
      this.events.push(
        new Date(ms).toISOString(),
        'task',
        taskIdText,
        id,
        action,
        actor,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
      );
    };
    const change = (
      ms: number,
      action: string,
      actor: number,
      patch: Partial<TaskState>,
      extra: Record<string, unknown> = {},
    ): void => {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of Object.keys(patch) as (keyof TaskState)[]) {
        before[key] = jsonValue(key, state[key]);
        after[key] = jsonValue(key, patch[key]);
      }
      Object.assign(state, patch);
      event(ms, action, actor, before, { ...after, ...extra });
      snapFrom.push(ms);
      snapStates.push({ ...state });
      version++;
      lastChange = ms;
    };

    // creation
    const createdAfter: Record<string, unknown> = {
      code,
      status: state.status,
      leadAgencyId: state.leadAgencyId,
      coordinatingAgencyIds: state.coordinatingAgencyIds,
      leaderId: state.leaderId,
      fieldId: state.fieldId,
      specialistId: state.specialistId,
      documentId: state.documentId,
      parentId: state.parentId,
      deadlineKind: state.deadlineKind,
      originalDeadline: state.originalDeadline,
      currentDeadline: state.currentDeadline,
    };
    if (state.assignedOn) createdAfter.assignedOn = state.assignedOn;
    if (t.periodKey) createdAfter.periodKey = t.periodKey;
    if (t.recurrence) createdAfter.recurrence = t.recurrence;
    const creator = officeActor();
    event(t.createMs, 'task.create', creator, null, createdAfter);
    snapFrom.push(t.createMs);
    snapStates.push({ ...state });
    version++;

    let prevMs = t.createMs;
    let pendingCompletion: { id: number; reportedOn: string; statusIndex: number } | null = null;
    let pendingExt: { id: number; requested: string; approve: boolean; index: number } | null = null;
    let approvedExt = false;

    for (const { ms: plannedMs, act } of acts) {
      let ms = plannedMs;
      if (ms <= prevMs) ms = this.officeAdvance(prevMs, 60);
      if (ms >= this.cutoff) break;
      const st = state.status;
      switch (act.k) {
        case 'assign':
          if (st !== 'draft') continue;
          change(ms, 'task.assign', officeActor(), { status: 'assigned', assignedOn: isoDay(dayOf(ms)) });
          break;
        case 'receive':
          if (st !== 'assigned') continue;
          change(ms, 'task.receive', agencyActor(false), { status: 'received' });
          break;
        case 'progress':
        case 'explanation': {
          if (!WORKING_ON.has(st)) continue;
          if (act.k === 'explanation' && !(state.currentDue !== null && isoDay(dayOf(ms)) > state.currentDue)) continue;
          const actor = agencyActor(rng.chance(0.3));
          const reportId = this.report(id, state.leadAgencyId, act.k, ms, actor, 'submitted');
          const patch: Partial<TaskState> = { lastReportAt: ms };
          if (st === 'received') patch.status = 'in_progress';
          change(ms, act.k === 'progress' ? 'task.report_progress' : 'task.report_explanation', actor, patch, {
            reportId,
            kind: act.k,
          });
          break;
        }
        case 'completion': {
          if (!WORKING_ON.has(st)) continue;
          const actor = agencyActor(rng.chance(0.5));
          const statusIndex = this.reports.size;
          const reportId = this.report(id, state.leadAgencyId, 'completion', ms, actor, 'submitted');
          pendingCompletion = { id: reportId, reportedOn: isoDay(dayOf(ms)), statusIndex };
          change(
            ms,
            'task.report_completion',
            actor,
            { status: 'completion_reported', lastReportAt: ms },
            {
              reportId,
              kind: 'completion',
            },
          );
          break;
        }
        case 'review': {
          if (st !== 'completion_reported' || pendingCompletion === null) continue;
          const reviewer = officeActor();
          const rep = pendingCompletion;
          pendingCompletion = null;
          const reason = act.accept ? null : rng.pick(RETURN_REASONS);
          this.setReportStatus(rep.statusIndex, act.accept ? 'accepted' : 'returned');
          this.reviews.push(
            this.nextReviewId++,
            rep.id,
            id,
            act.accept ? 'accepted' : 'returned',
            reason,
            reviewer,
            new Date(ms).toISOString(),
          );
          if (act.accept) {
            change(
              ms,
              'task.accept',
              reviewer,
              { status: 'done', completedOn: rep.reportedOn },
              { reportId: rep.id, kind: 'completion' },
            );
          } else {
            change(
              ms,
              'task.return',
              reviewer,
              { status: 'in_progress' },
              { reportId: rep.id, kind: 'completion', reason },
            );
          }
          break;
        }
        case 'star':
          if (state.starred || st === 'draft' || TERMINAL.has(st)) continue;
          change(ms, 'task.star', leaderActor(), { starred: true });
          break;
        case 'direct':
        case 'comment': {
          if (st === 'draft' || TERMINAL.has(st)) continue;
          const direction = act.k === 'direct';
          const author = direction ? leaderActor() : officeActor();
          const text = direction
            ? fill(rng.pick(DIRECTIONS), { agency: this.shortNameOn(this.agencyOf(state.leadAgencyId), dayOf(ms)) })
            : rng.pick(COMMENTS);
          const messageId = this.nextMessageId++;
          this.messages.push(
            messageId,
            id,
            direction ? 'direction' : 'comment',
            text,
            author,
            new Date(ms).toISOString(),
          );
          event(ms, direction ? 'task.direct' : 'task.comment', author, null, {
            messageId,
            kind: direction ? 'direction' : 'comment',
          });
          break;
        }
        case 'set_specialist':
          if (TERMINAL.has(st) || state.specialistId === act.to) continue;
          change(ms, 'task.set_specialist', leadActor(), { specialistId: act.to });
          break;
        case 'ext_request': {
          if (!OPEN_FOR_REQUEST.has(st) || approvedExt || pendingExt !== null || state.currentDue === null) continue;
          if (isoDay(dayOf(ms)) > state.currentDue) continue;
          const actor = agencyActor(true);
          const extId = this.nextExtensionId++;
          const index = this.extensions.size;
          this.extensions.push(
            extId,
            id,
            state.leadAgencyId,
            state.currentDeadline,
            act.requested,
            rng.pick(EXTENSION_REASONS),
            'pending',
            null,
            null,
            null,
            actor,
            new Date(ms).toISOString(),
            1,
          );
          pendingExt = { id: extId, requested: act.requested, approve: act.approve, index };
          event(ms, 'task.extension_request', actor, null, {
            extensionRequestId: extId,
            requestedDeadline: act.requested,
          });
          break;
        }
        case 'ext_decide': {
          if (pendingExt === null || TERMINAL.has(st)) continue;
          const req = pendingExt;
          pendingExt = null;
          const decider = rng.chance(0.7) ? leaderActor() : leadActor();
          const note = rng.pick(req.approve ? EXTENSION_APPROVE_NOTES : EXTENSION_REJECT_NOTES);
          this.decideExtension(req.index, req.approve ? 'approved' : 'rejected', decider, ms, note);
          const extra = { extensionRequestId: req.id, requestedDeadline: req.requested };
          if (req.approve) {
            approvedExt = true;
            change(
              ms,
              'task.extension_approve',
              decider,
              {
                currentDeadline: req.requested,
                currentDue: this.dueOf(req.requested),
                extensionCount: state.extensionCount + 1,
              },
              extra,
            );
          } else {
            event(ms, 'task.extension_reject', decider, null, extra);
          }
          break;
        }
        case 'cancel':
        case 'withdraw':
          if (!OPEN_FOR_REQUEST.has(st)) continue;
          change(
            ms,
            act.k === 'cancel' ? 'task.cancel' : 'task.withdraw',
            leadActor(),
            { status: act.k === 'cancel' ? 'cancelled' : 'withdrawn' },
            { reason: rng.pick(act.k === 'cancel' ? CANCEL_REASONS : WITHDRAW_REASONS) },
          );
          break;
        case 'handover': {
          if (TERMINAL.has(st) || state.leadAgencyId === act.to) continue;
          const from = this.agencyOf(state.leadAgencyId);
          // As the command does: an agency that takes the lead is no longer among the coordinating ones.
          const coordinating = state.coordinatingAgencyIds.includes(act.to)
            ? { coordinatingAgencyIds: state.coordinatingAgencyIds.filter((a) => a !== act.to) }
            : {};
          change(
            ms,
            'task.handover',
            officeActor(),
            { leadAgencyId: act.to, ...coordinating },
            {
              reason: `${from.seed.name} kết thúc hoạt động từ ngày ${vnLongDate(isoDay(from.toDay + 1))}; chuyển giao nhiệm vụ cho cơ quan kế thừa.`,
            },
          );
          leads.push([ms, act.to]);
          break;
        }
      }
      prevMs = ms;
    }

    // ---------------- rows ----------------
    const createdAt = new Date(t.createMs).toISOString();
    for (let i = 0; i < snapStates.length; i++) {
      const s = snapStates[i] as TaskState;
      const to = snapFrom[i + 1];
      this.snapshots.push(
        ...snapshotRow(id, new Date(snapFrom[i] as number), to === undefined ? null : new Date(to), snapshotStateOf(s)),
      );
    }
    const searchText = t.doc ? `${t.content} ${t.doc.numberText} ${t.doc.abstract}` : t.content;
    this.tasks.push(
      id,
      code,
      state.documentId,
      state.parentId,
      t.content,
      foldVietnamese(searchText),
      state.fieldId,
      state.leaderId,
      state.leadAgencyId,
      state.specialistId,
      state.starred,
      state.deadlineKind,
      t.recurrence ? JSON.stringify(t.recurrence) : null,
      t.periodKey,
      state.originalDeadline,
      state.currentDeadline,
      state.originalDue,
      state.currentDue,
      state.status,
      state.assignedOn,
      state.completedOn,
      state.lastReportAt === null ? null : new Date(state.lastReportAt).toISOString(),
      state.extensionCount,
      creator,
      version,
      createdAt,
      new Date(lastChange).toISOString(),
    );
    for (const a of t.coord)
      if (state.coordinatingAgencyIds.includes(a.id)) this.taskAgencies.push(id, a.id, createdAt);
    this.statusCounts[state.status] = (this.statusCounts[state.status] ?? 0) + 1;
    this.produced++;
    return { id, leads, handedOverTo };
  }

  private report(
    taskId: number,
    agencyId: number,
    kind: 'progress' | 'completion' | 'explanation',
    ms: number,
    actor: number,
    status: 'submitted' | 'accepted' | 'returned',
  ): number {
    const rng = this.rng;
    const id = this.nextReportId++;
    const day = dayOf(ms);
    const iso = isoDay(day);
    const agency = this.agencyOf(agencyId);
    const doy = day - toEpochDay(`${iso.slice(0, 4)}-01-01`);
    const docno = `${Math.floor(doy * 2.4) + rng.int(1, 30)}/BC-${agency.seed.symbol}`;
    const nextMonth = isoDay(day + 30);
    let content: string;
    let difficulties: string | null = null;
    let proposals: string | null = null;
    let agencyDocNumber: string | null = null;
    if (kind === 'progress') {
      content = fill(rng.pick(PROGRESS_TEXTS), { pct: rng.int(4, 18) * 5, n: rng.int(2, 12) });
      if (rng.chance(0.3)) difficulties = rng.pick(DIFFICULTIES);
      if (rng.chance(0.2)) proposals = rng.pick(PROPOSALS);
      if (rng.chance(0.3)) agencyDocNumber = docno;
    } else if (kind === 'completion') {
      content = fill(rng.pick(COMPLETION_TEXTS), { docno, date: vnLongDate(iso) });
      if (rng.chance(0.05)) proposals = rng.pick(PROPOSALS);
      if (rng.chance(0.7)) agencyDocNumber = docno;
    } else {
      content = fill(rng.pick(EXPLANATION_TEXTS), {
        month: `${Number(nextMonth.slice(5, 7))}/${nextMonth.slice(0, 4)}`,
      });
      if (rng.chance(0.8)) difficulties = rng.pick(DIFFICULTIES);
      if (rng.chance(0.6)) proposals = rng.pick(PROPOSALS);
      if (rng.chance(0.5)) agencyDocNumber = docno;
    }
    this.reports.push(
      id,
      taskId,
      agencyId,
      kind,
      content,
      difficulties,
      proposals,
      agencyDocNumber,
      iso,
      status,
      actor,
      new Date(ms).toISOString(),
    );
    return id;
  }

  /** Column indexes in the buffers, to update a row still waiting to be written. */
  private static readonly REPORT_STATUS_COLUMN = 9;

  private setReportStatus(index: number, status: 'accepted' | 'returned'): void {
    this.reports.set(index, Generator.REPORT_STATUS_COLUMN, status);
  }

  private decideExtension(
    index: number,
    status: 'approved' | 'rejected',
    decider: number,
    ms: number,
    note: string,
  ): void {
    this.extensions.set(index, 6, status);
    this.extensions.set(index, 7, decider);
    this.extensions.set(index, 8, new Date(ms).toISOString());
    this.extensions.set(index, 9, note);
    this.extensions.set(index, 12, 2);
  }

  // ---- driver ----

  /**
   * Everything is written in one transaction: a failure leaves the database empty. Embedded PGlite has a
   * single session, so BEGIN/COMMIT there bracket the COPY statements too.
   */
  async run(): Promise<GenerateSummary> {
    const started = performance.now();
    const target = targetOf(this.db);
    if (target.pglite) {
      await this.db.execute(sql`begin`);
      try {
        await this.load(this.db, target.copy);
        await this.db.execute(sql`commit`);
      } catch (err) {
        await this.db.execute(sql`rollback`).catch(() => undefined);
        throw err;
      }
    } else {
      await this.db.transaction((tx) => this.load(tx, null));
    }
    // Planner statistics for the freshly loaded tables (outside the transaction, so the new rows count).
    await this.db.execute(sql`analyze`);
    const counts = {} as Record<TableName, number>;
    for (const name of ['agencies', 'agency_names', 'fields', 'leaders', 'users'] as const) {
      counts[name] = this.referenceCounts[name] ?? 0;
    }
    for (const b of this.buffers) counts[b.table] = b.inserted;
    return {
      seed: this.opts.seed ?? 1,
      today: this.opts.today,
      counts,
      tasksByStatus: this.statusCounts,
      logins: this.logins,
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  private async load(ex: Executor, copy: Sink['copy']): Promise<void> {
    this.ex = ex;
    this.sink = { ex, copy };
    await this.ensureEmpty();
    // The rows are consistent by construction: skip the per-row foreign-key triggers when allowed to.
    if (await this.isSuperuser()) await ex.execute(sql`set local session_replication_role = replica`);
    await this.insertReference();
    const indexes = await this.dropIndexes();
    let sinceYield = 0;
    while (this.produced < this.opts.tasks) {
      const before = this.produced;
      this.makeUnit();
      sinceYield += this.produced - before;
      if (this.tasks.size >= BATCH_TASKS) {
        sinceYield = 0;
        await this.flush();
      } else if (sinceYield >= 50) {
        // let the previous batch's insert make progress while this one is generated
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await this.flush();
    await this.writing;
    await this.restoreIndexes(indexes);
    await this.finish();
  }

  private async isSuperuser(): Promise<boolean> {
    const res = (await this.ex.execute(
      sql`select coalesce((select rolsuper from pg_roles where rolname = current_user), false) as su`,
    )) as unknown as { rows: { su: boolean }[] };
    return res.rows[0]?.su === true;
  }

  private async ensureEmpty(): Promise<void> {
    const res = (await this.ex.execute(
      sql`select (select count(*) from agencies)::int + (select count(*) from users)::int + (select count(*) from tasks)::int + (select count(*) from documents)::int as n`,
    )) as unknown as { rows: { n: number }[] };
    if (Number(res.rows[0]?.n ?? 0) > 0) {
      throw new Error('generate() needs an empty database: agencies, users, documents or tasks already exist');
    }
  }

  private ex!: Executor;
  private sink!: Sink;

  /** The insert of the previous batch, still running while the next one is generated. */
  private writing: Promise<void> = Promise.resolve();

  /** Starts writing the buffered batch once the previous one is written (foreign keys need the order). */
  /**
   * Starts writing the buffered batch once the previous one is written (foreign keys need the order), and
   * returns as soon as it started: at most one batch is being written while the next is generated.
   */
  private async flush(): Promise<void> {
    await this.writing;
    const inserts = this.buffers.map((b) => b.take());
    const done = this.produced;
    this.writing = (async () => {
      for (const insert of inserts) await insert(this.sink);
      this.opts.onProgress?.(done, this.opts.tasks);
    })();
    // Failures surface when `writing` is awaited; do not report them as unhandled meanwhile.
    this.writing.catch(() => undefined);
  }

  /**
   * Secondary indexes of the bulk-loaded tables are dropped for the load and rebuilt afterwards from
   * their own definitions (`pg_indexes`): building an index once is much faster than maintaining it
   * row by row (the trigram index on tasks above all). Constraint indexes (primary keys) stay.
   */
  private async dropIndexes(): Promise<string[]> {
    const tables = this.buffers.map((b) => sql`${b.table}`);
    const res = (await this.ex.execute(sql`
      select i.indexname as name, i.indexdef as def
      from pg_indexes i
      where i.schemaname = current_schema()
        and i.tablename in (${sql.join(tables, sql`, `)})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
      order by i.tablename, i.indexname`)) as unknown as { rows: { name: string; def: string }[] };
    for (const { name } of res.rows) await this.ex.execute(sql.raw(`drop index if exists "${name}"`));
    return res.rows.map((r) => r.def);
  }

  private async restoreIndexes(definitions: string[]): Promise<void> {
    if (definitions.length === 0) return;
    await this.ex.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const def of definitions) await this.ex.execute(sql.raw(def));
  }

  private async finish(): Promise<void> {
    for (const table of [
      'agencies',
      'agency_names',
      'users',
      'leaders',
      'fields',
      'documents',
      'tasks',
      'reports',
      'report_reviews',
      'extension_requests',
      'task_messages',
    ]) {
      await this.ex.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
        ),
      );
    }
  }
}

/** Lead agency as of instant `ms`, from a task's hand-over history. */
function leadAt(leads: [number, number][], ms: number): number {
  let current = (leads[0] as [number, number])[1];
  for (const [from, agencyId] of leads) if (from <= ms) current = agencyId;
  return current;
}

/**
 * Fills an empty, migrated database with `opts.tasks` tasks and everything around them, as of `opts.today`.
 * Deterministic: the same options give the same rows.
 */
export async function generate(db: Db, opts: GenerateOptions): Promise<GenerateSummary> {
  if (!Number.isInteger(opts.tasks) || opts.tasks < 0)
    throw new RangeError(`tasks must be an integer ≥ 0: ${opts.tasks}`);
  toEpochDay(opts.today);
  return new Generator(db, opts).run();
}
