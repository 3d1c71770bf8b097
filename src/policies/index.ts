/**
 * Who may do what — the one place where authorisation is decided (DESIGN §1). Default deny: an action is
 * allowed only when a rule below says so. Every record returned to a user carries `actions`, the list this
 * module allows, so the interface shows exactly the buttons the API accepts.
 *
 * Two questions are kept apart: may this person act on this record at all (403 when not), and is the
 * record in a state where the action makes sense (409 when not). `taskActions` answers both together.
 */
import { sql, type SQL } from 'drizzle-orm';
import { conflict, forbidden, notFound } from '../errors.js';
import type { Actor } from '../domain/actor.js';
import type { Role, TaskStatus } from '../db/schema.js';
import { canTransition, EDITABLE_STATUSES, OPEN_STATUSES, WORKING_STATUSES } from '../domain/workflow.js';

export const OFFICE_ROLES: readonly Role[] = ['office_specialist', 'office_lead'];
export const AGENCY_ROLES: readonly Role[] = ['agency_lead', 'agency_staff'];

export const isOffice = (a: Actor) => OFFICE_ROLES.includes(a.role);
export const isAgencyUser = (a: Actor) => AGENCY_ROLES.includes(a.role);
export const isLeader = (a: Actor) => a.role === 'leader';
export const isAdmin = (a: Actor) => a.role === 'admin';

export const TASK_ACTIONS = [
  'view',
  'update',
  'assign',
  'receive',
  'report_progress',
  'report_completion',
  'report_explanation',
  'review',
  'reopen',
  'request_extension',
  'decide_extension',
  'correct_original_deadline',
  'cancel',
  'withdraw',
  'star',
  'direct',
  'comment',
  'handover',
  'split',
  'set_specialist',
  'set_handler',
  'attach_file',
  'urge',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** What the policy needs to know about a task. */
export interface TaskFacts {
  status: TaskStatus;
  leadAgencyId: number;
  coordinatingAgencyIds: number[];
  specialistId: number | null;
  leaderId: number | null;
  deadlineKind: string;
  hasPendingExtension: boolean;
}

export interface PolicySettings {
  /** The leaders delegated deciding extensions to the Office leadership. */
  officeLeadDecidesExtensions: boolean;
}

const OPEN: readonly TaskStatus[] = OPEN_STATUSES;
const WORKING: readonly TaskStatus[] = WORKING_STATUSES;
const EDITABLE: readonly TaskStatus[] = EDITABLE_STATUSES;

function isLeadAgency(a: Actor, t: Pick<TaskFacts, 'leadAgencyId'>) {
  return isAgencyUser(a) && a.agencyId === t.leadAgencyId;
}
function isCoordinating(a: Actor, t: Pick<TaskFacts, 'coordinatingAgencyIds'>) {
  return isAgencyUser(a) && t.coordinatingAgencyIds.includes(a.agencyId);
}
/** An Office specialist acts on the tasks they follow (and on those nobody follows yet); the Office lead on all. */
function followsTask(a: Actor, t: TaskFacts) {
  return (
    a.role === 'office_lead' || (a.role === 'office_specialist' && (t.specialistId === null || t.specialistId === a.id))
  );
}

/**
 * Who may see a task — and with it everything that carries its content: its page, its reports and their
 * reviews, extension requests, directions and comments, files, history, its line in lists, searches and
 * counts, and notifications about it. A draft is the Office's working material: only the Office sees it
 * (not the leaders, not the agencies) until it is assigned. Leaders see every assigned task; an agency
 * user the tasks their agency leads or coordinates; the administrator no task content at all.
 */
export function canViewTask(
  a: Actor,
  t: Pick<TaskFacts, 'status' | 'leadAgencyId' | 'coordinatingAgencyIds'>,
): boolean {
  if (isOffice(a)) return true;
  if (t.status === 'draft') return false;
  if (isLeader(a)) return true;
  if (isAgencyUser(a)) return isLeadAgency(a, t) || isCoordinating(a, t);
  return false;
}

/**
 * Who is told about a task: a notification about a task reaches only those who may see it now (a
 * direction on a draft, the hand-over of a draft, tell no agency before the task is assigned). Every
 * notification passes through this rule (`services/audience.ts`), whoever the command meant to tell.
 */
export const mayBeToldAbout = canViewTask;

/** Whether the person's role and relation to the task allow the action (regardless of the task's state). */
function roleAllows(a: Actor, action: TaskAction, t: TaskFacts, s: PolicySettings): boolean {
  if (!canViewTask(a, t)) return false;
  switch (action) {
    case 'view':
    case 'comment':
      return true;
    case 'update':
    case 'assign':
    case 'review':
    case 'cancel':
    case 'withdraw':
    case 'handover':
    case 'split':
    case 'set_specialist':
    case 'urge':
      return followsTask(a, t);
    case 'receive':
    case 'report_completion':
    case 'report_explanation':
    case 'request_extension':
    case 'set_handler':
      return isLeadAgency(a, t);
    case 'report_progress':
    case 'attach_file':
      return isLeadAgency(a, t) || isCoordinating(a, t) || followsTask(a, t);
    case 'decide_extension':
      return (
        (isLeader(a) && a.leaderId !== null && a.leaderId === t.leaderId) ||
        (a.role === 'office_lead' && (s.officeLeadDecidesExtensions || t.leaderId === null))
      );
    case 'star':
    case 'direct':
      return isLeader(a);
    case 'correct_original_deadline':
    case 'reopen':
      // Correcting a registration error or reopening an accepted result changes figures: the Office lead
      // only, with a reason (ADR 0008).
      return a.role === 'office_lead';
  }
}

/** Whether the task's state lets the action happen now. */
function stateAllows(action: TaskAction, t: TaskFacts): boolean {
  const periodic = t.deadlineKind === 'recurring';
  switch (action) {
    case 'view':
    case 'comment':
    case 'star':
    case 'direct':
    case 'attach_file':
      return true;
    case 'update':
    case 'set_specialist':
    case 'split':
      return EDITABLE.includes(t.status);
    case 'assign':
    case 'receive':
      return canTransition(action, t.status);
    case 'report_progress':
    case 'set_handler':
      return OPEN.includes(t.status);
    case 'report_explanation':
      return OPEN.includes(t.status);
    case 'report_completion':
      return canTransition(action, t.status) && !periodic;
    case 'review':
    case 'reopen':
      return canTransition(action, t.status);
    case 'request_extension':
      return WORKING.includes(t.status) && t.deadlineKind === 'fixed' && !t.hasPendingExtension;
    case 'decide_extension':
      // Never on a task that is completed, cancelled or withdrawn (it would bend a closed figure), nor
      // while a completion waits for review: the review comes first (ADR 0008).
      return t.hasPendingExtension && WORKING.includes(t.status);
    case 'cancel':
    case 'withdraw':
      return canTransition(action, t.status);
    case 'urge':
      return OPEN.includes(t.status);
    case 'handover':
      return EDITABLE.includes(t.status);
    case 'correct_original_deadline':
      // A draft's deadline is still edited as part of its registration; an ended task outside the
      // statistics (cancelled, withdrawn, merged) has no figure to correct.
      return t.deadlineKind === 'fixed' && (OPEN.includes(t.status) || t.status === 'done');
  }
}

export function taskActions(a: Actor, t: TaskFacts, s: PolicySettings): TaskAction[] {
  return TASK_ACTIONS.filter((action) => roleAllows(a, action, t, s) && stateAllows(action, t));
}

const STATE_TEXT: Record<TaskStatus, [string, string]> = {
  draft: ['dự thảo', 'draft'],
  assigned: ['đã giao', 'assigned'],
  received: ['đã tiếp nhận', 'received'],
  in_progress: ['đang thực hiện', 'in progress'],
  completion_reported: ['chờ xác nhận kết quả', 'completion reported'],
  done: ['đã hoàn thành', 'done'],
  cancelled: ['đã hủy', 'cancelled'],
  withdrawn: ['đã thu hồi', 'withdrawn'],
  merged: ['đã gộp', 'merged'],
};
export const statusText = (s: TaskStatus) => ({ vi: STATE_TEXT[s][0], en: STATE_TEXT[s][1] });

/**
 * Throws unless the actor may take the action now: 404 when the task is not theirs to see (its existence
 * is not revealed), 403 when they see it but may not act, 409 when the task's state forbids the action.
 */
export function authorizeTask(a: Actor, action: TaskAction, t: TaskFacts, s: PolicySettings): void {
  if (!canViewTask(a, t)) throw notFound({ vi: 'nhiệm vụ', en: 'Task' });
  if (!roleAllows(a, action, t, s)) throw forbidden();
  if (!stateAllows(action, t)) {
    const st = statusText(t.status);
    if ((action === 'decide_extension' || action === 'request_extension') && t.status === 'completion_reported')
      throw conflict(
        'Nhiệm vụ đang chờ xác nhận kết quả: hãy xác nhận hoặc trả lại báo cáo hoàn thành trước; chỉ khi báo cáo bị trả lại mới xét gia hạn.',
        'A completion report is waiting for review: accept or return it first; an extension is considered only if it is returned.',
      );
    if ((action === 'decide_extension' || action === 'request_extension') && !EDITABLE.includes(t.status))
      throw conflict(
        `Nhiệm vụ ${st.vi}: không thể đề nghị hay quyết định gia hạn trên nhiệm vụ đã kết thúc, để số liệu đã chốt không bị thay đổi.`,
        `The task is ${st.en}: no extension can be requested or decided on a task that has ended, so that its figures cannot change.`,
      );
    if (action === 'request_extension' && t.hasPendingExtension)
      throw conflict(
        'Nhiệm vụ đang có một đề nghị gia hạn chờ quyết định.',
        'An extension request is already waiting for a decision.',
      );
    if (action === 'request_extension' && t.deadlineKind !== 'fixed')
      throw conflict(
        'Chỉ nhiệm vụ có thời hạn cụ thể mới được đề nghị gia hạn.',
        'Only tasks with a fixed deadline can be extended.',
      );
    if (action === 'decide_extension')
      throw conflict('Không có đề nghị gia hạn nào chờ quyết định.', 'No extension request is waiting for a decision.');
    if (action === 'correct_original_deadline' && t.status === 'draft')
      throw conflict(
        'Nhiệm vụ còn là dự thảo: hãy sửa thời hạn trực tiếp.',
        'The task is still a draft: edit its deadline directly.',
      );
    if (action === 'correct_original_deadline' && t.deadlineKind !== 'fixed')
      throw conflict('Nhiệm vụ không có thời hạn cụ thể để đính chính.', 'The task has no fixed deadline to correct.');
    if (action === 'report_completion' && t.deadlineKind === 'recurring')
      throw conflict(
        'Nhiệm vụ định kỳ được báo cáo theo từng kỳ; hãy báo cáo trên nhiệm vụ của kỳ.',
        'A recurring task is reported period by period; report on the period task.',
      );
    throw conflict(
      `Nhiệm vụ đang ở trạng thái "${st.vi}", không thể thực hiện thao tác này.`,
      `The task is ${st.en}; this action is not possible now.`,
    );
  }
}

/**
 * The SQL condition that limits a list of tasks to those the actor may see — the same rule as
 * `canViewTask`, for queries. `tasks` is the alias of the tasks table in the query.
 */
export function taskScope(a: Actor): SQL {
  if (isOffice(a)) return sql`true`;
  if (isLeader(a)) return sql`(tasks.status <> 'draft')`;
  if (isAgencyUser(a))
    // tasks.agency_ids holds the lead and coordinating agencies (GIN-indexed).
    return sql`(tasks.status <> 'draft' and tasks.agency_ids @> ${sql.raw(`array[${Number(a.agencyId)}]::int[]`)})`;
  return sql`false`;
}

/**
 * `taskScope` as a cell of the home pages' summary (reports/home-cells.ts), or null when it is none: the
 * Office sees every task (`all`), a leader every task but drafts, an agency user the tasks its agency leads
 * or coordinates (`any` of its agency) but drafts. Must say exactly what `taskScope` says.
 */
export function scopeAsHomeCell(
  a: Actor,
): { dim: 'all'; key?: undefined; drafts: boolean } | { dim: 'any'; key: number; drafts: false } | null {
  if (isOffice(a)) return { dim: 'all', drafts: true };
  if (isLeader(a)) return { dim: 'all', drafts: false };
  if (isAgencyUser(a)) return { dim: 'any', key: Number(a.agencyId), drafts: false };
  return null;
}

/**
 * `taskScope` as the report summary's cells (reports/counts.ts) see it, for the counted tasks (never drafts,
 * `countedSql`), or null when they cannot: the Office and a leader see every counted task (`within: null`); an
 * agency user the tasks its agency leads or coordinates as of the cut-off — the cells within that agency (ADR
 * 0022): today's, or an ended day's, whose cells hold the agencies the tasks had that day, as the as-of
 * relation `taskScope` is applied to does (services/asof.ts). Must say exactly what `taskScope` says.
 */
export function scopeAsReportCells(a: Actor): { within: number | null } | null {
  if (isOffice(a) || isLeader(a)) return { within: null };
  if (isAgencyUser(a)) return { within: Number(a.agencyId) };
  return null;
}

/**
 * The reader of the published results (`/api/public`, no sign-in; ADR 0013): a leader's scope — every task
 * but drafts — handed to the report engine, whose public answer holds aggregates per agency only. Not a
 * user: id 0 owns nothing and is told nothing.
 */
export const PUBLIC_RESULTS_READER: Actor = Object.freeze({
  id: 0,
  username: 'public',
  fullName: 'Công khai kết quả',
  role: 'leader',
  agencyId: 0,
  leaderId: null,
});

/**
 * Notifications the actor may read (list, unread count, marking as read): their own, and of those about a
 * task only the ones about a task they may see today — a task handed to another agency takes its old
 * notifications with it. `notifications` is the alias of the notifications table in the query.
 */
export function notificationScope(a: Actor): SQL {
  return sql`(notifications.user_id = ${a.id} and (notifications.task_id is null or exists (select 1 from tasks where tasks.id = notifications.task_id and ${taskScope(a)})))`;
}

// ---- files ------------------------------------------------------------------------------------------

/** What a file belongs to, as the policy needs to know it. */
export type FileOwner =
  | { kind: 'task'; task: TaskFacts }
  | { kind: 'report'; task: TaskFacts; report: { agencyId: number; createdBy: number } }
  | { kind: 'document'; visible: boolean; visibleTaskCount: number };
export type FileAction = 'read' | 'attach';

/**
 * Files are read by whoever may see what they belong to (the task, the report's task, the document).
 * Attaching to a task needs `attach_file` on it; to a report, being its author or of its agency; to a
 * document, `attach_file` on the document.
 */
export function fileActions(a: Actor, o: FileOwner, s: PolicySettings): FileAction[] {
  if (o.kind === 'document') {
    if (!o.visible) return [];
    return documentActions(a, { visibleTaskCount: o.visibleTaskCount }).includes('attach_file')
      ? ['read', 'attach']
      : ['read'];
  }
  const actions = taskActions(a, o.task, s);
  if (!actions.includes('view')) return [];
  if (o.kind === 'task') return actions.includes('attach_file') ? ['read', 'attach'] : ['read'];
  return o.report.createdBy === a.id || o.report.agencyId === a.agencyId ? ['read', 'attach'] : ['read'];
}

export const FILE_OWNER_NAME = {
  task: { vi: 'nhiệm vụ', en: 'Task' },
  report: { vi: 'báo cáo', en: 'Report' },
  document: { vi: 'văn bản', en: 'Document' },
} as const;
export const FILE_NAME = { vi: 'tệp', en: 'File' };

/**
 * Throws unless the actor may read / attach. What they may not see answers exactly as what does not exist:
 * 404 with the name of the record asked for (`asked`: the file itself when a file was asked for by id).
 */
export function authorizeFile(
  a: Actor,
  action: FileAction,
  o: FileOwner,
  s: PolicySettings,
  asked: 'owner' | 'file' = 'owner',
): void {
  const allowed = fileActions(a, o, s);
  if (!allowed.includes('read')) throw notFound(asked === 'file' ? FILE_NAME : FILE_OWNER_NAME[o.kind]);
  if (!allowed.includes(action))
    throw o.kind === 'report'
      ? forbidden(
          'Chỉ cơ quan gửi báo cáo mới đính kèm tệp vào báo cáo.',
          'Only the reporting agency can attach files to its report.',
        )
      : forbidden();
}

// ---- other records ----------------------------------------------------------------------------------

export type DocumentAction = 'view' | 'update' | 'delete' | 'add_tasks' | 'attach_file';

/**
 * `assignedTaskCount`: the document's tasks that left the draft stage (all of them, not only the visible
 * ones). A document is deleted by the Office only while none has: an assigned task is someone's work and
 * counts in the figures; its drafts are cancelled with it.
 */
export function documentActions(
  a: Actor,
  ctx: { visibleTaskCount: number; assignedTaskCount?: number },
): DocumentAction[] {
  if (isOffice(a))
    return ctx.assignedTaskCount === 0
      ? ['view', 'update', 'delete', 'add_tasks', 'attach_file']
      : ['view', 'update', 'add_tasks', 'attach_file'];
  if (isLeader(a)) return ['view'];
  if (isAgencyUser(a) && ctx.visibleTaskCount > 0) return ['view'];
  return [];
}

export function documentScope(a: Actor): SQL {
  // A deleted document is seen by nobody (its events keep what it was).
  if (isOffice(a) || isLeader(a)) return sql`(documents.deleted_at is null)`;
  if (isAgencyUser(a))
    return sql`(documents.deleted_at is null and exists (select 1 from tasks where tasks.document_id = documents.id and ${taskScope(a)}))`;
  return sql`false`;
}

/** Reference data and administration. */
export type AdminAction =
  | 'agency.write'
  | 'user.read_all'
  | 'user.write'
  | 'leader.write'
  | 'field.write'
  | 'calendar.write'
  | 'setting.write'
  | 'token.manage'
  | 'token.create'
  | 'profile.update'
  | 'document.create'
  | 'task.create';

export function can(a: Actor, action: AdminAction): boolean {
  switch (action) {
    case 'agency.write':
    case 'user.write':
    case 'leader.write':
    case 'field.write':
    case 'calendar.write':
    case 'setting.write':
    case 'token.manage':
      return isAdmin(a);
    case 'token.create':
      // Every user may issue tokens acting as themselves (an integration under their name).
      return true;
    case 'profile.update':
      // Every signed-in user keeps their own preferences (the interface language); nobody else's.
      return true;
    case 'user.read_all':
      return isAdmin(a) || isOffice(a) || isLeader(a);
    case 'document.create':
    case 'task.create':
      return isOffice(a);
  }
}

export function authorize(a: Actor, action: AdminAction): void {
  if (!can(a, action)) throw forbidden();
}

/** Actions on reference records (agencies, users, fields, leaders), returned with each of them. */
export function referenceActions(
  a: Actor,
  kind: 'agency' | 'user' | 'field' | 'leader',
  ctx: { active?: boolean; merged?: boolean } = {},
): string[] {
  if (!isAdmin(a)) return [];
  // An agency merges once: not after it has ended, nor while its tasks are still moving to its successor.
  if (kind === 'agency') return ctx.active === false || ctx.merged ? ['update'] : ['update', 'merge'];
  return ['update'];
}

// ---- exports and background jobs ------------------------------------------------------------------

export const EXPORT_NAME = { vi: 'tệp xuất', en: 'Export' };

/**
 * An export job (its progress, its file) is its creator's: only they and the admin see it. Anyone else is
 * answered as if it did not exist (404). The file holds what its creator could see when it was made.
 */
export function canSeeJob(a: Actor, job: { createdBy: number | null }): boolean {
  return isAdmin(a) || (job.createdBy !== null && job.createdBy === a.id);
}

export function authorizeJob(a: Actor, job: { createdBy: number | null }): void {
  if (!canSeeJob(a, job)) throw notFound(EXPORT_NAME);
}

/**
 * The urging letter (văn bản đôn đốc) to one agency: the Office (who issues it) and the leaders for any
 * agency; an agency's own users for their agency (it lists only tasks they see anyway). The tasks listed
 * are further limited by `taskScope`.
 */
export function canGetUrgingLetter(a: Actor, agencyId: number): boolean {
  if (isOffice(a) || isLeader(a)) return true;
  return isAgencyUser(a) && a.agencyId === agencyId;
}

export function authorizeUrgingLetter(a: Actor, agencyId: number): void {
  if (!canGetUrgingLetter(a, agencyId))
    throw forbidden(
      'Chỉ Văn phòng, lãnh đạo UBND tỉnh và chính cơ quan được đôn đốc mới lấy được văn bản đôn đốc này.',
      'Only the Office, the leaders and the agency itself may get this urging letter.',
    );
}
