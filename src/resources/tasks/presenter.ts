/**
 * Presenters: the explicit list of fields a task is returned with, including the actions the user may
 * take on it, and the whole task page (reports, reviews, extensions, directions, files, subtasks).
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import {
  DEADLINE_KINDS,
  EXTENSION_STATUSES,
  MESSAGE_KINDS,
  REPORT_KINDS,
  REPORT_STATUSES,
  agencies,
  documents,
  events,
  extensionRequests,
  fields,
  files,
  leaders,
  reportReviews,
  reports,
  taskMessages,
  tasks,
  users,
} from '../../db/schema.js';
import { vnDateOf, iso } from '../../domain/dates.js';
import { classify } from '../../domain/timeliness.js';
import { isInStatistics, TASK_STATUSES } from '../../domain/workflow.js';
import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../errors.js';
import { canViewTask, taskActions, type PolicySettings, type TaskFacts } from '../../policies/index.js';
import type { Moment } from '../../services/asof.js';
import type { TaskListRow } from './list.js';
import { factsOf, loadTask, TASK_NOT_FOUND, type LoadedTask } from './repository.js';
import { presentFile } from '../files/presenter.js';
import { tasksVisibleTo } from '../../services/visibility.js';

const named = z.object({ id: z.number(), name: z.string() }).nullable();

export const taskSummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  content: z.string(),
  status: z.enum(TASK_STATUSES),
  deadlineKind: z.enum(DEADLINE_KINDS),
  deadline: z.string().nullable().describe('Thời hạn đang có hiệu lực, như đã ghi'),
  dueDate: z
    .string()
    .nullable()
    .describe('Thời hạn tính thống kê: chuyển sang ngày làm việc kế tiếp nếu rơi vào ngày nghỉ'),
  originalDueDate: z.string().nullable(),
  completedOn: z.string().nullable(),
  timeliness: z.enum(['done_on_time', 'done_late', 'in_progress_on_time', 'overdue']).nullable(),
  overdueDays: z.number(),
  starred: z.boolean(),
  leadAgency: named,
  coordinatingAgencyIds: z.array(z.number()),
  leader: named,
  field: named,
  specialist: named,
  document: z.object({ id: z.number(), number: z.string() }).nullable(),
  parentId: z.number().nullable(),
  periodKey: z.string().nullable(),
  assignedOn: z.string().nullable(),
  lastReportAt: z.string().nullable(),
  extensionCount: z.number(),
  hasPendingExtension: z.boolean(),
  version: z.number(),
  actions: z.array(z.string()),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

const toIso = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

/**
 * A list row as of the moment `m`: overdue days against the deadline the categories count against; a
 * past row is a record of what was, and carries no actions.
 */
export function presentListRow(r: TaskListRow, actor: Actor, m: Moment, ps: PolicySettings): TaskSummary {
  const facts: TaskFacts = {
    status: r.status as TaskFacts['status'],
    leadAgencyId: r.lead_agency_id,
    coordinatingAgencyIds: r.coordinating_agency_ids ?? [],
    specialistId: r.specialist_id,
    leaderId: r.leader_id,
    deadlineKind: r.deadline_kind,
    hasPendingExtension: r.has_pending_extension,
  };
  const due = r.current_due;
  const counted = m.against === 'original' ? r.original_due : due;
  const result =
    r.timeliness && counted
      ? classify({ deadlineKind: 'fixed', dueDate: counted, completedOn: r.completed_on, asOf: m.asOf })
      : { overdueDays: 0 };
  return {
    id: r.id,
    code: r.code,
    content: r.content,
    status: r.status,
    deadlineKind: r.deadline_kind,
    deadline: r.current_deadline,
    dueDate: due,
    originalDueDate: r.original_due,
    completedOn: r.completed_on,
    timeliness: r.timeliness,
    overdueDays: result.overdueDays,
    starred: r.starred,
    leadAgency: { id: r.lead_agency_id, name: r.lead_agency_name },
    coordinatingAgencyIds: r.coordinating_agency_ids ?? [],
    leader: r.leader_id ? { id: r.leader_id, name: r.leader_name ?? '' } : null,
    field: r.field_id ? { id: r.field_id, name: r.field_name ?? '' } : null,
    specialist: r.specialist_id ? { id: r.specialist_id, name: r.specialist_name ?? '' } : null,
    document: r.document_id ? { id: r.document_id, number: r.document_number ?? '' } : null,
    parentId: r.parent_id,
    periodKey: r.period_key,
    assignedOn: r.assigned_on,
    lastReportAt: toIso(r.last_report_at),
    extensionCount: r.extension_count,
    hasPendingExtension: r.has_pending_extension,
    version: r.version,
    actions: m.past ? [] : taskActions(actor, facts, ps),
  };
}

/** A file as the API shows it (task page, uploads, a document's files). */
export const fileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const taskDetailSchema = taskSummarySchema.extend({
  handlerName: z.string().nullable(),
  recurrence: z.unknown().nullable(),
  originalDeadline: z.string().nullable(),
  originalDeadlineCorrections: z
    .number()
    .describe('Số lần lãnh đạo Văn phòng đính chính thời hạn ban đầu do sai sót khi vào sổ'),
  startsOn: z.string().nullable().describe('Kỳ định kỳ: ngày bắt đầu kỳ; trước ngày đó nhiệm vụ chưa được tính'),
  coordinatingAgencies: z.array(z.object({ id: z.number(), name: z.string() })),
  documentAbstract: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reports: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(REPORT_KINDS),
      agency: z.object({ id: z.number(), name: z.string() }),
      content: z.string(),
      difficulties: z.string().nullable(),
      proposals: z.string().nullable(),
      agencyDocNumber: z.string().nullable(),
      reportedOn: z.string(),
      status: z.enum(REPORT_STATUSES),
      createdBy: z.string(),
      createdAt: z.string(),
      review: z
        .object({
          decision: z.enum(['accepted', 'returned']),
          reason: z.string().nullable(),
          reviewer: z.string(),
          at: z.string(),
        })
        .nullable(),
      files: z.array(fileSchema),
    }),
  ),
  extensionRequests: z.array(
    z.object({
      id: z.number(),
      previousDeadline: z.string().nullable(),
      requestedDeadline: z.string(),
      reason: z.string(),
      status: z.enum(EXTENSION_STATUSES),
      requestedBy: z.string(),
      requestedAt: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decisionNote: z.string().nullable(),
    }),
  ),
  messages: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(MESSAGE_KINDS),
      content: z.string(),
      author: z.string(),
      createdAt: z.string(),
    }),
  ),
  files: z.array(fileSchema),
  parent: z.object({ id: z.number(), code: z.string() }).nullable().describe('Nhiệm vụ cha (khi được xem)'),
  subtasks: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      content: z.string(),
      status: z.enum(TASK_STATUSES),
      leadAgency: z.string(),
      dueDate: z.string().nullable(),
      completedOn: z.string().nullable(),
    }),
  ),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export async function presentTask(
  ex: Executor,
  actor: Actor,
  id: number,
  today: string,
  ps: PolicySettings,
  /** The task as already loaded by the caller, to avoid reading it twice. */
  preloaded?: LoadedTask,
): Promise<TaskDetail> {
  const loaded = preloaded ?? (await loadTask(ex, id));
  const t = loaded.task;
  const facts = factsOf(loaded);
  // Nothing of a task reaches someone who may not see it, whoever calls the presenter.
  if (!canViewTask(actor, facts)) throw notFound(TASK_NOT_FOUND);
  const agencyIds = [t.leadAgencyId, ...loaded.coordinating];
  const agencyList = await ex
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.id, agencyIds));
  const agencyName = (aid: number) => agencyList.find((a) => a.id === aid)?.name ?? '';
  const [doc] = t.documentId
    ? await ex
        .select({ id: documents.id, number: documents.numberText, abstract: documents.abstract })
        .from(documents)
        .where(eq(documents.id, t.documentId))
    : [];
  const [leader] = t.leaderId
    ? await ex.select({ id: leaders.id, name: leaders.fullName }).from(leaders).where(eq(leaders.id, t.leaderId))
    : [];
  const [field] = t.fieldId
    ? await ex.select({ id: fields.id, name: fields.name }).from(fields).where(eq(fields.id, t.fieldId))
    : [];
  const [specialist] = t.specialistId
    ? await ex.select({ id: users.id, name: users.fullName }).from(users).where(eq(users.id, t.specialistId))
    : [];

  const reportRows = await ex
    .select({ r: reports, agencyName: agencies.name, author: users.fullName })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .innerJoin(users, eq(users.id, reports.createdBy))
    .where(eq(reports.taskId, id))
    .orderBy(desc(reports.createdAt), desc(reports.id));
  const reviews = await ex
    .select({ v: reportReviews, reviewer: users.fullName })
    .from(reportReviews)
    .innerJoin(users, eq(users.id, reportReviews.reviewerId))
    .where(eq(reportReviews.taskId, id));
  const fileRows = await ex.select().from(files).where(eq(files.taskId, id)).orderBy(asc(files.createdAt));
  const reportFiles = reportRows.length
    ? await ex
        .select()
        .from(files)
        .where(
          inArray(
            files.reportId,
            reportRows.map((r) => r.r.id),
          ),
        )
    : [];
  const ext = await ex
    .select({ e: extensionRequests, by: users.fullName })
    .from(extensionRequests)
    .innerJoin(users, eq(users.id, extensionRequests.createdBy))
    .where(eq(extensionRequests.taskId, id))
    .orderBy(desc(extensionRequests.id));
  const deciderIds = ext.map((e) => e.e.decidedBy).filter((x): x is number => x !== null);
  const deciders = deciderIds.length
    ? await ex.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, deciderIds))
    : [];
  const msgs = await ex
    .select({ m: taskMessages, author: users.fullName })
    .from(taskMessages)
    .innerJoin(users, eq(users.id, taskMessages.authorId))
    .where(eq(taskMessages.taskId, id))
    .orderBy(asc(taskMessages.createdAt));
  const subs = await ex
    .select({
      id: tasks.id,
      code: tasks.code,
      content: tasks.content,
      status: tasks.status,
      leadAgency: agencies.name,
      dueDate: tasks.currentDue,
      completedOn: tasks.completedOn,
    })
    .from(tasks)
    .innerJoin(agencies, eq(agencies.id, tasks.leadAgencyId))
    .where(eq(tasks.parentId, id))
    .orderBy(asc(tasks.id));
  // Subtasks and the parent are shown only when the actor may see them too.
  const related = await tasksVisibleTo(ex, actor, [...subs.map((s) => s.id), ...(t.parentId ? [t.parentId] : [])]);
  const parentId = t.parentId && related.has(t.parentId) ? t.parentId : null;
  const [parentRow] = parentId
    ? await ex.select({ id: tasks.id, code: tasks.code }).from(tasks).where(eq(tasks.id, parentId))
    : [];

  const counted = t.deadlineKind === 'fixed' && isInStatistics(t.status);
  const result =
    counted && t.currentDue
      ? classify({
          deadlineKind: 'fixed',
          dueDate: t.currentDue,
          completedOn: t.completedOn,
          asOf: today,
          startsOn: t.startsOn,
        })
      : { category: null, overdueDays: 0 };
  return {
    id: t.id,
    code: t.code,
    content: t.content,
    status: t.status,
    deadlineKind: t.deadlineKind,
    deadline: t.currentDeadline,
    dueDate: t.currentDue,
    originalDueDate: t.originalDue,
    originalDeadline: t.originalDeadline,
    originalDeadlineCorrections: t.originalDeadlineCorrections,
    startsOn: t.startsOn,
    completedOn: t.completedOn,
    timeliness: result.category,
    overdueDays: result.overdueDays,
    starred: t.starred,
    leadAgency: { id: t.leadAgencyId, name: agencyName(t.leadAgencyId) },
    coordinatingAgencyIds: loaded.coordinating,
    coordinatingAgencies: loaded.coordinating.map((aid) => ({ id: aid, name: agencyName(aid) })),
    leader: leader ?? null,
    field: field ?? null,
    specialist: specialist ?? null,
    document: doc ? { id: doc.id, number: doc.number } : null,
    documentAbstract: doc?.abstract ?? null,
    parentId,
    periodKey: t.periodKey,
    assignedOn: t.assignedOn,
    lastReportAt: iso(t.lastReportAt),
    extensionCount: t.extensionCount,
    hasPendingExtension: facts.hasPendingExtension,
    version: t.version,
    actions: taskActions(actor, facts, ps),
    handlerName: t.handlerName,
    recurrence: t.recurrence ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    reports: reportRows.map(({ r, agencyName: an, author }) => {
      const rv = reviews.find((v) => v.v.reportId === r.id);
      return {
        id: r.id,
        kind: r.kind,
        agency: { id: r.agencyId, name: an },
        content: r.content,
        difficulties: r.difficulties,
        proposals: r.proposals,
        agencyDocNumber: r.agencyDocNumber,
        reportedOn: r.reportedOn,
        status: r.status,
        createdBy: author,
        createdAt: r.createdAt.toISOString(),
        review: rv
          ? { decision: rv.v.decision, reason: rv.v.reason, reviewer: rv.reviewer, at: rv.v.createdAt.toISOString() }
          : null,
        files: reportFiles.filter((f) => f.reportId === r.id).map(presentFile),
      };
    }),
    extensionRequests: ext.map(({ e, by }) => ({
      id: e.id,
      previousDeadline: e.previousDeadline,
      requestedDeadline: e.requestedDeadline,
      reason: e.reason,
      status: e.status,
      requestedBy: by,
      requestedAt: e.createdAt.toISOString(),
      decidedBy: deciders.find((d) => d.id === e.decidedBy)?.name ?? null,
      decidedAt: iso(e.decidedAt),
      decisionNote: e.decisionNote,
    })),
    messages: msgs.map(({ m, author }) => ({
      id: m.id,
      kind: m.kind,
      content: m.content,
      author,
      createdAt: m.createdAt.toISOString(),
    })),
    files: fileRows.filter((f) => f.reportId === null).map(presentFile),
    parent: parentRow ?? null,
    subtasks: subs.filter((sub) => related.has(sub.id)),
  };
}

export const historyItemSchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  actorIp: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

/**
 * The task's timeline, for someone who may see the task (404 otherwise). Tasks it names (subtasks created by
 * a split) are named only when the actor may see them.
 */
export async function taskHistory(ex: Executor, actor: Actor, id: number, preloaded?: LoadedTask) {
  const loaded = preloaded ?? (await loadTask(ex, id));
  if (!canViewTask(actor, factsOf(loaded))) throw notFound(TASK_NOT_FOUND);
  const list = await ex
    .select({ e: events, actor: users.fullName })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(eq(events.taskId, id))
    .orderBy(asc(events.id));
  // Other tasks an entry names: the subtasks of a split, the parent of a new subtask.
  type Entry = { subtaskIds?: unknown; parentId?: unknown };
  const entry = (v: unknown): Entry | null => (v && typeof v === 'object' ? (v as Entry) : null);
  const subtaskIdsOf = (v: unknown) => {
    const ids = entry(v)?.subtaskIds;
    return Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : null;
  };
  const parentOf = (v: unknown) => {
    const p = entry(v)?.parentId;
    return typeof p === 'number' ? p : null;
  };
  const mentioned = list.flatMap(({ e }) =>
    [e.before, e.after].flatMap((v) => [...(subtaskIdsOf(v) ?? []), ...(parentOf(v) !== null ? [parentOf(v)!] : [])]),
  );
  const visible = mentioned.length ? await tasksVisibleTo(ex, actor, mentioned) : new Set<number>();
  const shown = (v: unknown) => {
    if (!entry(v)) return v ?? null;
    const out: Record<string, unknown> = { ...(v as object) };
    const subs = subtaskIdsOf(v);
    if (subs) out.subtaskIds = subs.filter((x) => visible.has(x));
    const parent = parentOf(v);
    if (parent !== null && !visible.has(parent)) out.parentId = null;
    return out;
  };
  return list.map(({ e, actor: by }) => ({
    id: e.id,
    at: e.at.toISOString(),
    action: e.action,
    actor: by,
    actorIp: e.actorIp,
    before: shown(e.before),
    after: shown(e.after),
  }));
}

export const todayOf = (now: Date) => vnDateOf(now);
