/**
 * Loading modelled task histories straight into the database, as the commands would have written them: the
 * task with its last state, its coordinating agencies, one snapshot per state (each valid until the next),
 * and extension requests. The property tests (timeliness, reports) build the histories with their own model
 * and read every number back over HTTP; this is their one raw loader.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { extensionRequests, taskAgencies, tasks, taskSnapshots } from '../../src/db/schema.js';
import { foldVietnamese } from '../../src/domain/text.js';

/** A task's state from one instant on (times in ms since the epoch). */
export interface ModelState {
  status: string;
  lead: number;
  coord: number[];
  kind: string;
  /** The deadlines as written; the due dates (moved off days off) when absent. */
  originalDeadline?: string | null;
  currentDeadline?: string | null;
  originalDue: string | null;
  currentDue: string | null;
  assignedOn: string | null;
  completedOn: string | null;
  lastReportAt: number | null;
  extensionCount: number;
}

export interface ModelTask {
  id: number;
  code: string;
  content: string;
  createdAt: number;
  startsOn?: string | null;
  leaderId?: number | null;
  fieldId?: number | null;
  specialistId?: number | null;
  /** In time order; the first from the creation. */
  states: { from: number; s: ModelState }[];
  exts?: { createdAt: number; status: 'pending' | 'approved' | 'rejected'; decidedAt: number | null }[];
}

const chunks = <T>(list: T[], n = 500) =>
  Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, (i + 1) * n));
const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Replaces every task (and what hangs off them: snapshots, coordinating agencies, extension requests, kept
 * report results) with `list`. Extension requests are made by `extensionsBy` (a user id), for the lead agency.
 */
export async function loadHistories(db: Database['db'], list: ModelTask[], extensionsBy?: number): Promise<void> {
  for (const t of ['report_results', 'extension_requests', 'task_snapshots', 'task_agencies', 'tasks'])
    await db.execute(sql.raw(`delete from ${t}`));
  const taskRows: (typeof tasks.$inferInsert)[] = [];
  const coordRows: (typeof taskAgencies.$inferInsert)[] = [];
  const snapRows: (typeof taskSnapshots.$inferInsert)[] = [];
  const extRows: (typeof extensionRequests.$inferInsert)[] = [];
  for (const t of list) {
    const last = t.states[t.states.length - 1]!;
    const s = last.s;
    const people = { leaderId: t.leaderId ?? null, fieldId: t.fieldId ?? null, specialistId: t.specialistId ?? null };
    taskRows.push({
      id: t.id,
      code: t.code,
      content: t.content,
      searchFolded: foldVietnamese(t.content),
      leadAgencyId: s.lead,
      agencyIds: [s.lead, ...s.coord],
      ...people,
      deadlineKind: s.kind as never,
      originalDeadline: 'originalDeadline' in s ? s.originalDeadline : s.originalDue,
      currentDeadline: 'currentDeadline' in s ? s.currentDeadline : s.currentDue,
      originalDue: s.originalDue,
      currentDue: s.currentDue,
      status: s.status as never,
      assignedOn: s.assignedOn,
      completedOn: s.completedOn,
      lastReportAt: at(s.lastReportAt),
      extensionCount: s.extensionCount,
      startsOn: t.startsOn ?? null,
      version: t.states.length,
      createdAt: new Date(t.createdAt),
      updatedAt: new Date(last.from),
    });
    for (const a of s.coord) coordRows.push({ taskId: t.id, agencyId: a, createdAt: new Date(last.from) });
    t.states.forEach((x, j) => {
      snapRows.push({
        taskId: t.id,
        validFrom: new Date(x.from),
        validTo: at(t.states[j + 1]?.from ?? null),
        status: x.s.status as never,
        leadAgencyId: x.s.lead,
        coordinatingAgencyIds: x.s.coord,
        ...people,
        starred: false,
        deadlineKind: x.s.kind as never,
        originalDue: x.s.originalDue,
        currentDue: x.s.currentDue,
        assignedOn: x.s.assignedOn,
        completedOn: x.s.completedOn,
        lastReportAt: at(x.s.lastReportAt),
        extensionCount: x.s.extensionCount,
        startsOn: t.startsOn ?? null,
      });
    });
    for (const e of t.exts ?? []) {
      if (extensionsBy === undefined) throw new Error('extension requests need the user who made them');
      extRows.push({
        taskId: t.id,
        agencyId: s.lead,
        requestedDeadline: '2027-01-01',
        reason: 'Thử',
        status: e.status,
        decidedAt: at(e.decidedAt),
        createdBy: extensionsBy,
        createdAt: new Date(e.createdAt),
      });
    }
  }
  for (const c of chunks(taskRows)) await db.insert(tasks).values(c);
  for (const c of chunks(coordRows)) if (c.length) await db.insert(taskAgencies).values(c);
  for (const c of chunks(snapRows)) await db.insert(taskSnapshots).values(c);
  for (const c of chunks(extRows)) if (c.length) await db.insert(extensionRequests).values(c);
  // Like every write, the load leaves an event: results kept against the data version are not reused.
  await db.execute(sql`insert into events (entity_type, entity_id, action) values ('test', 'load', 'test.load')`);
}
