/**
 * What a task snapshot holds: THE list of `task_snapshots` columns that copy a task's state, each with the
 * SQL that reads it from the current row of `tasks t` and the field of a task state it comes from. The
 * commands (`openSnapshots` in resources/tasks/repository.ts, one task or many), the generator
 * (src/seed/generate.ts, through `snapshotRow`) and the benchmark (which loads the generator's rows) all use
 * it, so a column added here is written everywhere at once.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TaskStatus } from '../domain/workflow.js';

/** The state of a task that a snapshot keeps (dates as 'YYYY-MM-DD', instants as Date or ISO text). */
export interface SnapshotState {
  status: TaskStatus;
  leadAgencyId: number;
  coordinatingAgencyIds: number[];
  leaderId: number | null;
  fieldId: number | null;
  specialistId: number | null;
  documentId: number | null;
  parentId: number | null;
  starred: boolean;
  deadlineKind: string;
  originalDue: string | null;
  currentDue: string | null;
  assignedOn: string | null;
  completedOn: string | null;
  lastReportAt: Date | string | null;
  extensionCount: number;
  /** A recurring period's first day (the task's, never changing), or null. */
  startsOn: string | null;
}

export type SnapshotColumnType = 'int' | 'int[]' | 'text' | 'bool' | 'date' | 'timestamptz';

interface SnapshotColumn {
  column: string;
  type: SnapshotColumnType;
  field: keyof SnapshotState;
  /** Read from the current row of `tasks t`. */
  fromTask: string;
}

const COORDINATING_OF_T =
  "coalesce((select array_agg(ta.agency_id order by ta.agency_id) from task_agencies ta where ta.task_id = t.id), '{}')";

/** The state columns of a snapshot, in one order (after task_id, valid_from, valid_to). */
export const SNAPSHOT_STATE_COLUMNS: readonly SnapshotColumn[] = [
  { column: 'status', type: 'text', field: 'status', fromTask: 't.status' },
  { column: 'lead_agency_id', type: 'int', field: 'leadAgencyId', fromTask: 't.lead_agency_id' },
  { column: 'coordinating_agency_ids', type: 'int[]', field: 'coordinatingAgencyIds', fromTask: COORDINATING_OF_T },
  { column: 'leader_id', type: 'int', field: 'leaderId', fromTask: 't.leader_id' },
  { column: 'field_id', type: 'int', field: 'fieldId', fromTask: 't.field_id' },
  { column: 'specialist_id', type: 'int', field: 'specialistId', fromTask: 't.specialist_id' },
  { column: 'document_id', type: 'int', field: 'documentId', fromTask: 't.document_id' },
  { column: 'parent_id', type: 'int', field: 'parentId', fromTask: 't.parent_id' },
  { column: 'starred', type: 'bool', field: 'starred', fromTask: 't.starred' },
  { column: 'deadline_kind', type: 'text', field: 'deadlineKind', fromTask: 't.deadline_kind' },
  { column: 'original_due', type: 'date', field: 'originalDue', fromTask: 't.original_due' },
  { column: 'current_due', type: 'date', field: 'currentDue', fromTask: 't.current_due' },
  { column: 'assigned_on', type: 'date', field: 'assignedOn', fromTask: 't.assigned_on' },
  { column: 'completed_on', type: 'date', field: 'completedOn', fromTask: 't.completed_on' },
  { column: 'last_report_at', type: 'timestamptz', field: 'lastReportAt', fromTask: 't.last_report_at' },
  { column: 'extension_count', type: 'int', field: 'extensionCount', fromTask: 't.extension_count' },
  { column: 'starts_on', type: 'date', field: 'startsOn', fromTask: 't.starts_on' },
];

/** Every column of a snapshot row as the generator writes it, with its type. */
export const SNAPSHOT_COLUMNS: readonly (readonly [string, SnapshotColumnType])[] = [
  ['task_id', 'int'],
  ['valid_from', 'timestamptz'],
  ['valid_to', 'timestamptz'],
  ...SNAPSHOT_STATE_COLUMNS.map((c) => [c.column, c.type] as const),
];

const toText = (v: Date | string | null) => (v instanceof Date ? v.toISOString() : v);

/** A snapshot row in the order of SNAPSHOT_COLUMNS (arrays as PostgreSQL text, instants as ISO text). */
export function snapshotRow(
  taskId: number,
  validFrom: Date | string,
  validTo: Date | string | null,
  s: SnapshotState,
): unknown[] {
  return [
    taskId,
    toText(validFrom),
    toText(validTo),
    ...SNAPSHOT_STATE_COLUMNS.map((c) => {
      const v = s[c.field];
      if (c.type === 'int[]') return `{${(v as number[]).join(',')}}`;
      if (c.type === 'timestamptz') return toText(v as Date | string | null);
      return v;
    }),
  ];
}

/**
 * `insert … select` opening a snapshot, valid from `at`, for every task `t` that `where` selects, copying its
 * current row (its open snapshot must be closed first).
 */
export function openSnapshotsSql(at: Date, where: SQL): SQL {
  const columns = sql.raw(SNAPSHOT_STATE_COLUMNS.map((c) => c.column).join(', '));
  const values = sql.raw(SNAPSHOT_STATE_COLUMNS.map((c) => c.fromTask).join(', '));
  return sql`insert into task_snapshots (task_id, valid_from, valid_to, ${columns})
    select t.id, ${at}, null, ${values} from tasks t where ${where}`;
}
