/**
 * Task commands: every change of a task, each one a transition with its own permission check (policies),
 * its own event, a version check (409 when stale) and a new snapshot row for point-in-time reports.
 */
import { and, desc, eq } from 'drizzle-orm';
import {
  agencies,
  extensionRequests,
  reportReviews,
  reports,
  taskAgencies,
  taskMessages,
  tasks,
  type RecurrenceRule,
  type TaskStatus,
} from '../../db/schema.js';
import { addDays, vnDateOf } from '../../domain/dates.js';
import { periodsBetween } from '../../domain/recurrence.js';
import { checkBody, checkRoom, countCreation } from '../../services/limits.js';
import { foldVietnamese } from '../../domain/text.js';
import { badRequest, conflict, pastDeadline, staleVersion } from '../../errors.js';
import { authorizeTask, type TaskAction } from '../../policies/index.js';
import { loadSettings } from '../../services/settings.js';
import type { WriteCtx } from '../../services/write.js';
import {
  agencyName,
  agencyUserIds,
  extensionDeciderIds,
  notifyAssigned,
  officeFollowerIds,
  taskRef,
} from './notify.js';
import { message } from '../../services/messages.js';
import {
  begin,
  change,
  checkReferences,
  currentSuccessors,
  documentContext,
  factsOf,
  mergerReason,
  nextCode,
  policySettingsOf,
  snapshot,
  takesNoTasks,
  type DocContext,
  type LoadedTask,
  type TaskPatch,
  type TaskRow,
} from './repository.js';

/**
 * A deadline already past when it is set counts overdue at once: the request must say that the user
 * confirms it (`confirmPastDeadline`), else 409 `past_deadline` naming the field (ADR 0008). `due` is the
 * deadline moved to a working day: a deadline last Sunday that moves to today is not past.
 */
function checkPastDeadline(due: string, today: string, confirmed: boolean | undefined, field: string, what = '') {
  if (confirmed || due >= today) return;
  throw pastDeadline(
    `Thời hạn ${due}${what ? ` (${what})` : ''} đã qua (hôm nay ${today}): nhiệm vụ sẽ bị tính quá hạn ngay. Hãy kiểm tra lại, hoặc xác nhận để vẫn ghi thời hạn này.`,
    `The deadline ${due}${what ? ` (${what})` : ''} is already past (today is ${today}): the task would count as overdue at once. Check it, or confirm to record it anyway.`,
    field,
  );
}

// ---- creating --------------------------------------------------------------------------------------

export interface NewTask {
  content: string;
  leadAgencyId: number;
  coordinatingAgencyIds?: number[];
  fieldId?: number | null;
  leaderId?: number | null;
  specialistId?: number | null;
  deadlineKind: 'fixed' | 'none' | 'recurring' | 'routine';
  deadline?: string | null;
  /** "trong N ngày làm việc kể từ ngày ban hành": counted on the working calendar from the document's date. */
  withinWorkingDays?: number | null;
  recurrence?: RecurrenceRule | null;
  starred?: boolean;
  /** false keeps the task as a draft, not yet visible to the agency. */
  assign?: boolean;
}

export const searchTextOf = (content: string, doc?: { numberText: string; abstract: string } | null) =>
  foldVietnamese([content, doc?.numberText ?? '', doc?.abstract ?? ''].join(' '));

/** Creates one task (and, for a recurring one, its periods), returning the new task rows. */
export async function createTask(
  w: WriteCtx,
  input: NewTask,
  ctx: {
    doc: DocContext | null;
    parentId?: number | null;
    field: string;
    /** The user confirmed deadlines already past (asked by the interface after a `past_deadline` answer). */
    confirmPastDeadline?: boolean;
    /** A recurring period: its key and first day (the task counts only from then). */
    period?: { key: string; start: string };
  },
): Promise<TaskRow[]> {
  countCreation(w, new Set(input.coordinatingAgencyIds ?? []).size, ctx.field);
  await checkReferences(w, input, ctx.field);
  const calendar = await w.deps.calendar.get(w.tx);
  const today = vnDateOf(w.now);
  let deadline: string | null = null;
  if (input.deadlineKind === 'fixed') {
    if (input.deadline && input.withinWorkingDays != null)
      throw badRequest(
        'Chỉ ghi một trong hai: thời hạn (ngày) hoặc số ngày làm việc.',
        'Give either a deadline date or a number of working days, not both.',
        `${ctx.field}.deadline`,
      );
    if (input.withinWorkingDays != null)
      deadline = calendar.addWorkingDays(ctx.doc?.issuedOn ?? today, input.withinWorkingDays);
    else if (input.deadline) deadline = input.deadline;
    else
      throw badRequest(
        'Nhiệm vụ có thời hạn cần ghi thời hạn (ngày) hoặc số ngày làm việc.',
        'A task with a deadline needs a deadline date or a number of working days.',
        `${ctx.field}.deadline`,
      );
    if (ctx.doc && deadline < ctx.doc.issuedOn)
      throw badRequest(
        `Thời hạn ${deadline} sớm hơn ngày ban hành văn bản ${ctx.doc.issuedOn}.`,
        `The deadline ${deadline} is before the document's issue date ${ctx.doc.issuedOn}.`,
        `${ctx.field}.deadline`,
      );
  } else if (input.deadline || input.withinWorkingDays != null) {
    throw badRequest(
      'Chỉ nhiệm vụ có thời hạn mới ghi thời hạn.',
      'Only a task of kind "fixed" takes a deadline.',
      `${ctx.field}.deadline`,
    );
  }
  if (input.deadlineKind === 'recurring' && !input.recurrence)
    throw badRequest(
      'Nhiệm vụ định kỳ cần chu kỳ (recurrence).',
      'A recurring task needs a recurrence rule.',
      `${ctx.field}.recurrence`,
    );
  if (input.deadlineKind !== 'recurring' && input.recurrence)
    throw badRequest(
      'Chỉ nhiệm vụ định kỳ mới có chu kỳ.',
      'Only a recurring task takes a recurrence rule.',
      `${ctx.field}.recurrence`,
    );

  const due = deadline ? calendar.nextWorkingDay(deadline) : null;
  if (due)
    checkPastDeadline(
      due,
      today,
      ctx.confirmPastDeadline,
      `${ctx.field}.deadline`,
      ctx.period ? `kỳ ${ctx.period.key}` : '',
    );
  const assign = input.assign !== false;
  const status: TaskStatus = assign ? 'assigned' : 'draft';
  const { id, code } = await nextCode(w.tx, w.now);
  const [row] = await w.tx
    .insert(tasks)
    .values({
      id,
      code,
      documentId: ctx.doc?.id ?? null,
      parentId: ctx.parentId ?? null,
      content: input.content,
      searchFolded: searchTextOf(input.content, ctx.doc),
      fieldId: input.fieldId ?? null,
      leaderId: input.leaderId ?? ctx.doc?.signerId ?? null,
      leadAgencyId: input.leadAgencyId,
      specialistId: input.specialistId ?? (w.actor.role === 'office_specialist' ? w.actor.id : null),
      starred: input.starred ?? false,
      deadlineKind: input.deadlineKind,
      recurrence: input.recurrence ?? null,
      periodKey: ctx.period?.key ?? null,
      startsOn: ctx.period?.start ?? null,
      originalDeadline: deadline,
      currentDeadline: deadline,
      originalDue: due,
      currentDue: due,
      status,
      assignedOn: assign ? today : null,
      createdBy: w.actor.id,
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  const task = row!;
  const co = [...new Set(input.coordinatingAgencyIds ?? [])];
  if (co.length)
    await w.tx.insert(taskAgencies).values(co.map((agencyId) => ({ taskId: task.id, agencyId, createdAt: w.now })));
  await snapshot(w.tx, task.id, w.now);
  await w.event({
    entityType: 'task',
    entityId: task.id,
    taskId: task.id,
    action: 'task.create',
    // Every field as registered, so that the history alone tells what was assigned, to whom and by when.
    after: {
      code: task.code,
      content: task.content,
      status: task.status,
      documentId: task.documentId,
      parentId: task.parentId,
      leadAgencyId: task.leadAgencyId,
      coordinatingAgencyIds: co,
      leaderId: task.leaderId,
      fieldId: task.fieldId,
      specialistId: task.specialistId,
      starred: task.starred,
      deadlineKind: task.deadlineKind,
      ...(input.withinWorkingDays != null ? { withinWorkingDays: input.withinWorkingDays } : {}),
      originalDeadline: task.originalDeadline,
      originalDue: task.originalDue,
      currentDeadline: task.currentDeadline,
      currentDue: task.currentDue,
      recurrence: task.recurrence,
      periodKey: task.periodKey,
      startsOn: task.startsOn,
      assignedOn: task.assignedOn,
      ...(due && due < today ? { confirmedPastDeadline: true } : {}),
    },
  });
  const created = [task];
  if (assign) await notifyAssigned(w, task, co);
  if (input.deadlineKind === 'recurring' && input.recurrence) {
    // Each period is an obligation of its own: the periods of the coming year are created now.
    const until = input.recurrence.until ?? addDays(today, 366);
    const periods = periodsBetween(
      input.recurrence,
      ctx.doc?.issuedOn ?? today,
      until < addDays(today, 366) ? until : addDays(today, 366),
    );
    if (periods.length === 0 && input.recurrence.until) {
      const from = ctx.doc?.issuedOn ?? today;
      const first = periodsBetween(input.recurrence, from, addDays(from, 800))[0]!.deadline;
      throw badRequest(
        `Ngày kết thúc (until) ${until} trước hạn của kỳ đầu tiên (${first}): nhiệm vụ định kỳ sẽ không có kỳ nào.`,
        `The end date (until) ${until} is before the first period's deadline (${first}): the recurring task would have no period.`,
        `${ctx.field}.recurrence.until`,
      );
    }
    checkRoom(w, periods.length, periods.length * co.length, `${ctx.field}.recurrence`);
    // A period counts only from its first day (`starts_on`): the coming ones exist ahead but are not due,
    // not "in time" and not "not updated" before they start.
    for (const p of periods) {
      const children = await createTask(
        w,
        {
          ...input,
          content: `${input.content} (kỳ ${p.key})`,
          deadlineKind: 'fixed',
          deadline: p.deadline,
          recurrence: null,
          withinWorkingDays: null,
        },
        { ...ctx, parentId: task.id, period: { key: p.key, start: p.start } },
      );
      created.push(...children);
    }
  }
  return created;
}

/** POST /tasks: the tasks of one request, of one document or of none, checked against the request's limits. */
export async function createTasks(
  w: WriteCtx,
  body: { documentId?: number | null; tasks: NewTask[]; confirmPastDeadline?: boolean },
): Promise<TaskRow[]> {
  checkBody(w, body.tasks);
  const doc = body.documentId ? await documentContext(w.tx, body.documentId) : null;
  const out = [];
  for (const [i, t] of body.tasks.entries())
    out.push(
      ...(await createTask(w, t, {
        doc,
        field: `tasks.${i}`,
        confirmPastDeadline: body.confirmPastDeadline,
      })),
    );
  return out;
}

// ---- the workflow ------------------------------------------------------------------------------------

export async function assignTask(w: WriteCtx, id: number, version: number) {
  const l = await begin(w, id, 'assign', version);
  const t = await change(w, l, { status: 'assigned', assignedOn: vnDateOf(w.now) }, 'task.assign');
  await notifyAssigned(w, t, l.coordinating);
  return t;
}

export async function receiveTask(w: WriteCtx, id: number, version: number, handlerName?: string | null) {
  const l = await begin(w, id, 'receive', version);
  return change(w, l, { status: 'received', ...(handlerName ? { handlerName } : {}) }, 'task.receive');
}

export interface ReportInput {
  kind: 'progress' | 'completion' | 'explanation';
  content: string;
  difficulties?: string | null;
  proposals?: string | null;
  agencyDocNumber?: string | null;
  version: number;
}

export async function submitReport(w: WriteCtx, id: number, input: ReportInput) {
  const action: TaskAction =
    input.kind === 'completion'
      ? 'report_completion'
      : input.kind === 'explanation'
        ? 'report_explanation'
        : 'report_progress';
  const l = await begin(w, id, action, input.version);
  const t = l.task;
  const agencyId = w.actor.agencyId;
  const [report] = await w.tx
    .insert(reports)
    .values({
      taskId: t.id,
      agencyId,
      kind: input.kind,
      content: input.content,
      difficulties: input.difficulties ?? null,
      proposals: input.proposals ?? null,
      agencyDocNumber: input.agencyDocNumber ?? null,
      reportedOn: vnDateOf(w.now),
      createdBy: w.actor.id,
      createdAt: w.now,
    })
    .returning();
  const patch: TaskPatch = { lastReportAt: w.now };
  if (input.kind === 'completion') patch.status = 'completion_reported';
  else if (
    input.kind === 'progress' &&
    (t.status === 'assigned' || t.status === 'received') &&
    agencyId === t.leadAgencyId
  )
    patch.status = 'in_progress';
  const updated = await change(w, l, patch, `task.report_${input.kind}`, {
    after: { reportId: report!.id, kind: input.kind },
  });
  await w.notify(await officeFollowerIds(w.tx, t), {
    taskId: t.id,
    message: message(`report.${input.kind}`, {
      task: await taskRef(w.tx, updated),
      reporter: await agencyName(w.tx, agencyId),
    }),
  });
  return { task: updated, report: report! };
}

export async function reviewCompletion(
  w: WriteCtx,
  id: number,
  input: { decision: 'accept' | 'return'; reason?: string | null; version: number },
) {
  const l = await begin(w, id, 'review', input.version);
  const [report] = await w.tx
    .select()
    .from(reports)
    .where(and(eq(reports.taskId, id), eq(reports.kind, 'completion'), eq(reports.status, 'submitted')))
    .orderBy(desc(reports.id))
    .limit(1);
  if (!report)
    throw conflict('Không có báo cáo hoàn thành nào chờ xác nhận.', 'No completion report is waiting for review.');
  if (input.decision === 'return' && !input.reason)
    throw badRequest('Trả lại báo cáo cần ghi rõ lý do.', 'Returning a report needs a reason.', 'reason');
  const accepted = input.decision === 'accept';
  await w.tx
    .update(reports)
    .set({ status: accepted ? 'accepted' : 'returned' })
    .where(eq(reports.id, report.id));
  const [review] = await w.tx
    .insert(reportReviews)
    .values({
      reportId: report.id,
      taskId: id,
      decision: accepted ? 'accepted' : 'returned',
      reason: input.reason ?? null,
      reviewerId: w.actor.id,
      createdAt: w.now,
    })
    .returning();
  // A task accepted as done has ended: an extension request still waiting ends with it, undecided, so that no
  // later decision can move the deadline its completion was measured against (ADR 0008).
  const ended =
    accepted && l.pendingExtension
      ? await w.tx
          .update(extensionRequests)
          .set({ status: 'withdrawn' })
          .where(and(eq(extensionRequests.id, l.pendingExtension.id), eq(extensionRequests.status, 'pending')))
          .returning({ id: extensionRequests.id })
      : [];
  const t = await change(
    w,
    l,
    accepted ? { status: 'done', completedOn: report.reportedOn } : { status: 'in_progress' },
    accepted ? 'task.accept' : 'task.return',
    {
      after: {
        reportId: report.id,
        reviewId: review!.id,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(ended.length ? { withdrawnExtensionRequestId: ended[0]!.id } : {}),
      },
    },
  );
  await w.notify(await agencyUserIds(w.tx, [l.task.leadAgencyId]), {
    taskId: id,
    message: accepted
      ? message('report.accepted', { task: await taskRef(w.tx, t) })
      : message('report.returned', { task: await taskRef(w.tx, t), reason: input.reason ?? null }),
  });
  return t;
}

export async function requestExtension(
  w: WriteCtx,
  id: number,
  input: { requestedDeadline: string; reason: string; version: number },
) {
  const l = await begin(w, id, 'request_extension', input.version);
  const settings = await loadSettings(w.deps, w.tx, true);
  const t = l.task;
  if (t.extensionCount >= settings.extensionCap)
    throw conflict(
      `Nhiệm vụ đã được gia hạn ${t.extensionCount} lần, bằng số lần tối đa cho phép (${settings.extensionCap}).`,
      `The task was already extended ${t.extensionCount} time(s), the maximum allowed (${settings.extensionCap}).`,
    );
  if (t.currentDeadline && input.requestedDeadline <= t.currentDeadline)
    throw badRequest(
      `Thời hạn đề nghị phải sau thời hạn hiện tại (${t.currentDeadline}).`,
      `The requested deadline must be after the current one (${t.currentDeadline}).`,
      'requestedDeadline',
    );
  const [req] = await w.tx
    .insert(extensionRequests)
    .values({
      taskId: id,
      agencyId: w.actor.agencyId,
      previousDeadline: t.currentDeadline,
      requestedDeadline: input.requestedDeadline,
      reason: input.reason,
      createdBy: w.actor.id,
      createdAt: w.now,
    })
    .returning();
  const updated = await change(w, l, {}, 'task.extension_request', {
    after: { extensionRequestId: req!.id, requestedDeadline: input.requestedDeadline, reason: input.reason },
  });
  const deciders = await extensionDeciderIds(w.tx, t, settings);
  await w.notify([...new Set([...(await officeFollowerIds(w.tx, t)), ...deciders])], {
    taskId: id,
    message: message('extension.requested', {
      task: await taskRef(w.tx, updated),
      requested: input.requestedDeadline,
      reason: input.reason,
    }),
  });
  return { task: updated, request: req! };
}

export async function decideExtension(
  w: WriteCtx,
  id: number,
  input: { decision: 'approve' | 'reject'; deadline?: string | null; note?: string | null; version: number },
) {
  const l = await begin(w, id, 'decide_extension', input.version);
  const req = l.pendingExtension!;
  const approve = input.decision === 'approve';
  const newDeadline = input.deadline ?? req.requestedDeadline;
  if (approve && l.task.currentDeadline && newDeadline <= l.task.currentDeadline)
    throw badRequest(
      `Thời hạn mới phải sau thời hạn hiện tại (${l.task.currentDeadline}).`,
      `The new deadline must be after the current one (${l.task.currentDeadline}).`,
      'deadline',
    );
  if (!approve && !input.note)
    throw badRequest('Không đồng ý gia hạn cần ghi lý do.', 'Rejecting an extension needs a reason.', 'note');
  const [decided] = await w.tx
    .update(extensionRequests)
    .set({
      status: approve ? 'approved' : 'rejected',
      decidedBy: w.actor.id,
      decidedAt: w.now,
      decisionNote: input.note ?? null,
      requestedDeadline: req.requestedDeadline,
      version: req.version + 1,
    })
    .where(and(eq(extensionRequests.id, req.id), eq(extensionRequests.version, req.version)))
    .returning();
  if (!decided) throw staleVersion();
  const calendar = await w.deps.calendar.get(w.tx);
  const patch: TaskPatch = approve
    ? {
        currentDeadline: newDeadline,
        currentDue: calendar.nextWorkingDay(newDeadline),
        extensionCount: l.task.extensionCount + 1,
      }
    : {};
  const t = await change(w, l, patch, approve ? 'task.extension_approve' : 'task.extension_reject', {
    after: { extensionRequestId: req.id, ...(input.note ? { note: input.note } : {}) },
  });
  await w.notify([...(await agencyUserIds(w.tx, [l.task.leadAgencyId])), ...(await officeFollowerIds(w.tx, l.task))], {
    taskId: id,
    message: approve
      ? message('extension.approved', { task: await taskRef(w.tx, t), deadline: newDeadline, note: input.note ?? null })
      : message('extension.rejected', { task: await taskRef(w.tx, t), note: input.note ?? null }),
  });
  return t;
}

export async function closeTask(
  w: WriteCtx,
  id: number,
  kind: 'cancel' | 'withdraw',
  input: { reason: string; version: number },
) {
  const l = await begin(w, id, kind, input.version);
  const t = await change(w, l, { status: kind === 'cancel' ? 'cancelled' : 'withdrawn' }, `task.${kind}`, {
    after: { reason: input.reason },
  });
  // A pending extension request ends with the task.
  await w.tx
    .update(extensionRequests)
    .set({ status: 'withdrawn' })
    .where(and(eq(extensionRequests.taskId, id), eq(extensionRequests.status, 'pending')));
  if (l.task.status !== 'draft')
    await w.notify(await agencyUserIds(w.tx, [l.task.leadAgencyId, ...l.coordinating]), {
      taskId: id,
      message: message(`task.${kind}`, { task: await taskRef(w.tx, t), reason: input.reason }),
    });
  return t;
}

export async function starTask(w: WriteCtx, id: number, input: { starred: boolean; version: number }) {
  const l = await begin(w, id, 'star', input.version);
  return change(w, l, { starred: input.starred }, input.starred ? 'task.star' : 'task.unstar');
}

export async function addMessage(w: WriteCtx, id: number, input: { kind: 'direction' | 'comment'; content: string }) {
  const l = await begin(w, id, input.kind === 'direction' ? 'direct' : 'comment', null);
  const [msg] = await w.tx
    .insert(taskMessages)
    .values({ taskId: id, kind: input.kind, content: input.content, authorId: w.actor.id, createdAt: w.now })
    .returning();
  await w.event({
    entityType: 'task',
    entityId: id,
    taskId: id,
    action: `task.${input.kind === 'direction' ? 'direct' : 'comment'}`,
    after: { messageId: msg!.id, content: input.content },
  });
  const audience =
    input.kind === 'direction'
      ? [
          ...(await agencyUserIds(w.tx, [l.task.leadAgencyId, ...l.coordinating])),
          ...(await officeFollowerIds(w.tx, l.task)),
        ]
      : await officeFollowerIds(w.tx, l.task);
  await w.notify(audience, {
    taskId: id,
    message: message(`task.${input.kind}`, { task: await taskRef(w.tx, l.task), message: input.content }),
  });
  return msg!;
}

/** Hands the task to another lead agency (a successor after a merger, or a correction). */
export async function handOver(
  w: WriteCtx,
  id: number,
  input: { toAgencyId: number; reason: string; version: number | null },
) {
  const l = await begin(w, id, 'handover', input.version);
  if (input.toAgencyId === l.task.leadAgencyId)
    throw badRequest(
      'Cơ quan nhận bàn giao trùng với cơ quan chủ trì hiện tại.',
      'The task is already led by that agency.',
      'toAgencyId',
    );
  const [to] = await w.tx.select().from(agencies).where(eq(agencies.id, input.toAgencyId));
  if (!to)
    throw badRequest(
      `Không có cơ quan mã số ${input.toAgencyId}.`,
      `There is no agency with id ${input.toAgencyId}.`,
      'toAgencyId',
    );
  const today = vnDateOf(w.now);
  if (takesNoTasks(to, today))
    throw badRequest(
      `Cơ quan "${to.name}" đã thôi hoạt động hoặc đã sáp nhập; hãy chuyển cho cơ quan kế thừa.`,
      `The agency "${to.name}" has ended or merged; hand over to its successor.`,
      'toAgencyId',
    );
  await w.tx.delete(taskAgencies).where(and(eq(taskAgencies.taskId, id), eq(taskAgencies.agencyId, input.toAgencyId)));
  const t = await change(w, l, { leadAgencyId: input.toAgencyId }, 'task.handover', {
    after: { reason: input.reason },
  });
  await w.notify(await agencyUserIds(w.tx, [input.toAgencyId]), {
    taskId: id,
    message: message('task.handover', { task: await taskRef(w.tx, t), reason: input.reason }),
  });
  return t;
}

export async function updateTask(
  w: WriteCtx,
  id: number,
  input: {
    version: number;
    content?: string;
    fieldId?: number | null;
    leaderId?: number | null;
    deadline?: string;
    coordinatingAgencyIds?: number[];
    handlerName?: string | null;
    specialistId?: number | null;
    confirmPastDeadline?: boolean;
  },
) {
  // One edit may need several permissions: the Office edits content, the agency names its handler.
  const needed: TaskAction[] = [];
  if (
    ['content', 'fieldId', 'leaderId', 'deadline', 'coordinatingAgencyIds'].some(
      (k) => k in input && input[k as keyof typeof input] !== undefined,
    )
  )
    needed.push('update');
  if (input.specialistId !== undefined) needed.push('set_specialist');
  if (input.handlerName !== undefined) needed.push('set_handler');
  if (needed.length === 0) throw badRequest('Không có thay đổi nào được gửi.', 'No change was sent.');
  const l = await begin(w, id, needed[0]!, input.version);
  const ps = policySettingsOf(await loadSettings(w.deps, w.tx, true));
  for (const action of needed.slice(1)) authorizeTask(w.actor, action, factsOf(l), ps);
  const t = l.task;
  const patch: TaskPatch = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  await checkReferences(
    w,
    {
      content: '',
      deadlineKind: 'none',
      leadAgencyId: t.leadAgencyId,
      coordinatingAgencyIds: input.coordinatingAgencyIds ?? [],
      fieldId: input.fieldId,
      leaderId: input.leaderId,
      specialistId: input.specialistId,
    },
    'body',
  );
  if (input.content !== undefined) {
    patch.content = input.content;
    const doc = t.documentId ? await documentContext(w.tx, t.documentId) : null;
    patch.searchFolded = searchTextOf(input.content, doc);
  }
  if (input.fieldId !== undefined) patch.fieldId = input.fieldId;
  if (input.leaderId !== undefined) patch.leaderId = input.leaderId;
  if (input.handlerName !== undefined) patch.handlerName = input.handlerName;
  if (input.specialistId !== undefined) patch.specialistId = input.specialistId;
  // Sending the deadline unchanged (a form that posts every field) is not a change of it.
  if (input.deadline !== undefined && !(t.deadlineKind === 'fixed' && input.deadline === t.currentDeadline)) {
    if (t.deadlineKind !== 'fixed')
      throw badRequest(
        'Chỉ nhiệm vụ có thời hạn mới ghi thời hạn.',
        'Only a task of kind "fixed" takes a deadline.',
        'deadline',
      );
    // Once assigned, the deadline moves only by an approved extension or by the Office lead's correction
    // of a registration error: an edit would bend the figures without anyone's decision (ADR 0008). A
    // draft counts nowhere yet, so its deadline is still part of the registration.
    if (t.status !== 'draft')
      throw conflict(
        'Nhiệm vụ đã giao: thời hạn chỉ thay đổi khi đề nghị gia hạn được quyết định, hoặc khi lãnh đạo Văn phòng đính chính sai sót lúc vào sổ (ghi rõ lý do).',
        'The task has been assigned: its deadline changes only through a decided extension request, or a correction of a registration error by the Office lead (with a reason).',
      );
    const calendar = await w.deps.calendar.get(w.tx);
    patch.currentDeadline = input.deadline;
    patch.currentDue = calendar.nextWorkingDay(input.deadline);
    checkPastDeadline(patch.currentDue, vnDateOf(w.now), input.confirmPastDeadline, 'deadline');
    patch.originalDeadline = patch.currentDeadline;
    patch.originalDue = patch.currentDue;
  }
  if (input.coordinatingAgencyIds !== undefined) {
    const next = [...new Set(input.coordinatingAgencyIds)].sort((a, b) => a - b);
    if (await setCoordinating(w, l, next)) {
      before.coordinatingAgencyIds = l.coordinating;
      after.coordinatingAgencyIds = next;
    }
  }
  return change(w, l, patch, 'task.update', { before, after });
}

/**
 * The one way an original deadline changes after assignment: the Office lead corrects an error made when
 * the task was registered, with a reason. Its own event action and a counter on the task, so that the
 * history says it in words and reports can count such corrections apart (ADR 0008). Before any extension
 * the deadline in force is the original, so it moves with it; after one, only the original changes.
 */
export async function correctOriginalDeadline(
  w: WriteCtx,
  id: number,
  input: { deadline: string; reason: string; version: number; confirmPastDeadline?: boolean },
) {
  const l = await begin(w, id, 'correct_original_deadline', input.version);
  const t = l.task;
  if (input.deadline === t.originalDeadline)
    throw badRequest(
      `Thời hạn ban đầu đã là ${input.deadline}.`,
      `The original deadline is already ${input.deadline}.`,
      'deadline',
    );
  const doc = t.documentId ? await documentContext(w.tx, t.documentId) : null;
  if (doc && input.deadline < doc.issuedOn)
    throw badRequest(
      `Thời hạn ${input.deadline} sớm hơn ngày ban hành văn bản ${doc.issuedOn}.`,
      `The deadline ${input.deadline} is before the document's issue date ${doc.issuedOn}.`,
      'deadline',
    );
  const extended = t.extensionCount > 0;
  if (extended && t.currentDeadline && input.deadline > t.currentDeadline)
    throw badRequest(
      `Nhiệm vụ đã được gia hạn đến ${t.currentDeadline}; thời hạn ban đầu không thể muộn hơn thời hạn đã gia hạn.`,
      `The task was extended to ${t.currentDeadline}; the original deadline cannot be later than the extended one.`,
      'deadline',
    );
  const calendar = await w.deps.calendar.get(w.tx);
  const due = calendar.nextWorkingDay(input.deadline);
  checkPastDeadline(due, vnDateOf(w.now), input.confirmPastDeadline, 'deadline');
  const patch: TaskPatch = {
    originalDeadline: input.deadline,
    originalDue: due,
    originalDeadlineCorrections: t.originalDeadlineCorrections + 1,
    ...(extended ? {} : { currentDeadline: input.deadline, currentDue: due }),
  };
  const updated = await change(w, l, patch, 'task.correct_original_deadline', { after: { reason: input.reason } });
  await w.notify([...(await agencyUserIds(w.tx, [t.leadAgencyId])), ...(await officeFollowerIds(w.tx, t))], {
    taskId: id,
    message: message('task.correct_original_deadline', {
      task: await taskRef(w.tx, updated),
      deadline: input.deadline,
      reason: input.reason,
    }),
  });
  return updated;
}

/**
 * The Office lead reopens a task accepted as done whose result proves incomplete: back to in progress, the
 * completion date cleared, with a reason; the lead agency is told. The figures of past dates keep the
 * completion (they are read from the snapshots of those dates).
 */
export async function reopenTask(w: WriteCtx, id: number, input: { reason: string; version: number }) {
  const l = await begin(w, id, 'reopen', input.version);
  // A done task stays with the agencies that did it, even after they merged; open again, it goes where the
  // open tasks of a merged agency went — to its successor — as the merger's hand-over does (merger.ts).
  const moved = await successorsOfTask(w, l);
  const t = await change(
    w,
    l,
    { status: 'in_progress', completedOn: null, ...(moved ? { leadAgencyId: moved.lead } : {}) },
    'task.reopen',
    { after: { reason: input.reason } },
  );
  if (moved)
    await w.event({
      entityType: 'task',
      entityId: id,
      taskId: id,
      action: 'task.handover',
      before: moved.before,
      after: { ...moved.after, reason: moved.reason },
    });
  await w.notify(await agencyUserIds(w.tx, [t.leadAgencyId]), {
    taskId: id,
    message: message('task.reopen', { task: await taskRef(w.tx, t), reason: input.reason }),
  });
  return t;
}

/**
 * Writes the task's coordinating agencies (`next`: sorted, without duplicates) if they differ from the loaded
 * ones; says whether they did. The task's `agency_ids` follow at its snapshot (`change`).
 */
async function setCoordinating(w: WriteCtx, l: LoadedTask, next: number[]): Promise<boolean> {
  if (JSON.stringify(next) === JSON.stringify(l.coordinating)) return false;
  await w.tx.delete(taskAgencies).where(eq(taskAgencies.taskId, l.task.id));
  if (next.length)
    await w.tx.insert(taskAgencies).values(next.map((agencyId) => ({ taskId: l.task.id, agencyId, createdAt: w.now })));
  return true;
}

/**
 * When a task's lead or coordinating agencies include merged ones: their current successors take their
 * places (once, never beside the lead), its coordinating agencies are written, and what changed is returned
 * for the hand-over event; null when none of its agencies merged.
 */
async function successorsOfTask(w: WriteCtx, l: LoadedTask) {
  const { task } = l;
  const succ = await currentSuccessors(w.tx, [task.leadAgencyId, ...l.coordinating]);
  if (succ.size === 0) return null;
  const lead = succ.get(task.leadAgencyId)?.id ?? task.leadAgencyId;
  const coordinating = [...new Set(l.coordinating.map((a) => succ.get(a)?.id ?? a))]
    .filter((a) => a !== lead)
    .sort((a, b) => a - b);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (lead !== task.leadAgencyId) {
    before.leadAgencyId = task.leadAgencyId;
    after.leadAgencyId = lead;
  }
  if (await setCoordinating(w, l, coordinating)) {
    before.coordinatingAgencyIds = l.coordinating;
    after.coordinatingAgencyIds = coordinating;
  }
  const reason = [...succ.values()].map((s) => mergerReason(s.fromName, s.name, s.endDate)).join('; ');
  return { lead, before, after, reason };
}

/** Splits a task into subtasks, one per agency acting in its own area; the parent shows their progress. */
export async function splitTask(w: WriteCtx, id: number, subtasks: NewTask[], confirmPastDeadline?: boolean) {
  const l = await begin(w, id, 'split', null);
  const doc = l.task.documentId ? await documentContext(w.tx, l.task.documentId) : null;
  const created: TaskRow[] = [];
  for (const [i, s] of subtasks.entries()) {
    created.push(
      ...(await createTask(
        w,
        {
          ...s,
          leaderId: s.leaderId ?? l.task.leaderId,
          fieldId: s.fieldId ?? l.task.fieldId,
          specialistId: s.specialistId ?? l.task.specialistId,
        },
        { doc, parentId: id, field: `subtasks.${i}`, confirmPastDeadline },
      )),
    );
  }
  await w.event({
    entityType: 'task',
    entityId: id,
    taskId: id,
    action: 'task.split',
    after: { subtaskIds: created.map((c) => c.id) },
  });
  return created;
}

/** A manual urge: the lead agency's users are told, and the task records who was urged, when and how. */
export async function urgeTask(w: WriteCtx, id: number, text: string) {
  const l = await begin(w, id, 'urge', null);
  const recipients = await agencyUserIds(w.tx, [l.task.leadAgencyId]);
  await w.event({
    entityType: 'task',
    entityId: id,
    taskId: id,
    action: 'task.urge',
    after: { agencyId: l.task.leadAgencyId, channel: 'in_app', recipients: recipients.length, message: text },
  });
  await w.notify(recipients, {
    taskId: id,
    message: message('task.urge', { task: await taskRef(w.tx, l.task), message: text }),
  });
  return l.task;
}
