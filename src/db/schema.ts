/**
 * The one schema of Nhiệm vụ, for PostgreSQL and embedded PGlite alike.
 * Migrations in `drizzle/` are generated from this file (`npm run db:generate`) and committed.
 *
 * Conventions:
 * - plain dates (deadlines, issue dates, report dates) are `date` columns read as 'YYYY-MM-DD' strings;
 * - instants are `timestamptz` read as Date;
 * - every mutable record has `version` for optimistic locking;
 * - `*_folded` columns hold lower-case text without Vietnamese diacritics, for search.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Recurrence } from '../domain/recurrence.js';
import { TASK_STATUSES, type TaskStatus } from '../domain/workflow.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

export const AGENCY_KINDS = [
  'department', // sở, ban, ngành
  'district', // UBND cấp huyện (abolished 1/7/2025)
  'commune', // UBND cấp xã / phường / đặc khu
  'mass_org', // MTTQ, đoàn thể
  'service_unit', // đơn vị sự nghiệp
  'central', // cơ quan trung ương trên địa bàn
  'enterprise', // doanh nghiệp
  'office', // Văn phòng UBND tỉnh / UBND tỉnh
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

import { ROLES, type Role } from '../domain/actor.js';
export { ROLES, type Role };

export const DOC_TYPES = [
  'conclusion_notice',
  'official_letter',
  'directive',
  'decision',
  'plan',
  'programme',
  'meeting_direction',
  'handwritten_instruction',
  'other',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'immediate'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const DOC_SOURCES = ['manual', 'import', 'api'] as const;

export const DEADLINE_KINDS = ['fixed', 'none', 'recurring', 'routine'] as const;

// The statuses and their groups live in the workflow module; re-exported for the schema's users.
export { TASK_STATUSES, type TaskStatus } from '../domain/workflow.js';

export const REPORT_KINDS = ['progress', 'completion', 'explanation'] as const;
export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const MESSAGE_KINDS = ['direction', 'comment'] as const;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    nameFolded: text('name_folded').notNull(),
    kind: text('kind').$type<AgencyKind>().notNull(),
    parentId: integer('parent_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    successorId: integer('successor_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agencies_code_key').on(t.code),
    check('agencies_kind_check', inList('kind', AGENCY_KINDS)),
    index('agencies_parent_idx').on(t.parentId),
  ],
);

/** Names an agency carried over time, so old reports reproduce with the old names. */
export const agencyNames = pgTable(
  'agency_names',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
  },
  (t) => [index('agency_names_agency_idx').on(t.agencyId, t.validFrom)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    role: text('role').$type<Role>().notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The interface language the user chose on their profile; null: not chosen (the device's choice stands). */
    language: text('language').$type<'vi' | 'en'>(),
    isActive: boolean('is_active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    passwordChangedAt: ts('password_changed_at'),
    lastLoginAt: ts('last_login_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    check('users_role_check', inList('role', ROLES)),
    index('users_agency_idx').on(t.agencyId),
  ],
);

/** Chairman and Vice-Chairmen: they sign documents and assign tasks; a leader may have a user account. */
export const leaders = pgTable('leaders', {
  id: serial('id').primaryKey(),
  fullName: text('full_name').notNull(),
  position: text('position').notNull(),
  userId: integer('user_id').references(() => users.id),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fields = pgTable(
  'fields',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('fields_code_key').on(t.code)],
);

export const documents = pgTable(
  'documents',
  {
    id: serial('id').primaryKey(),
    numberText: text('number_text').notNull(),
    number: integer('number'),
    numberSuffix: text('number_suffix'),
    numberYear: integer('number_year'),
    typeCode: text('type_code'),
    issuer: text('issuer'),
    docType: text('doc_type').$type<DocType>().notNull(),
    issuedOn: day('issued_on').notNull(),
    signerId: integer('signer_id').references(() => leaders.id),
    abstract: text('abstract').notNull(),
    urgency: text('urgency').$type<Urgency>().notNull().default('normal'),
    secret: boolean('secret').notNull().default(false),
    source: text('source').$type<(typeof DOC_SOURCES)[number]>().notNull().default('manual'),
    externalId: text('external_id'),
    searchFolded: text('search_folded').notNull(),
    /** Deleted by the Office before any of its tasks was assigned (kept for the events that name it). */
    deletedAt: ts('deleted_at'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('documents_type_check', inList('doc_type', DOC_TYPES)),
    check('documents_urgency_check', inList('urgency', URGENCIES)),
    index('documents_issued_idx').on(t.issuedOn),
    index('documents_number_idx').on(t.numberText),
    uniqueIndex('documents_external_key').on(t.source, t.externalId),
  ],
);

export type RecurrenceRule = Recurrence & { until?: string };

export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    documentId: integer('document_id').references(() => documents.id),
    parentId: integer('parent_id'),
    content: text('content').notNull(),
    /** content + document number and abstract, folded: what the text search matches. */
    searchFolded: text('search_folded').notNull(),
    fieldId: integer('field_id').references(() => fields.id),
    leaderId: integer('leader_id').references(() => leaders.id),
    leadAgencyId: integer('lead_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Lead and coordinating agencies together, kept by `snapshot()`: what an agency user's list is scoped by. */
    agencyIds: integer('agency_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    specialistId: integer('specialist_id').references(() => users.id),
    handlerName: text('handler_name'),
    starred: boolean('starred').notNull().default(false),
    deadlineKind: text('deadline_kind').$type<(typeof DEADLINE_KINDS)[number]>().notNull(),
    recurrence: jsonb('recurrence').$type<RecurrenceRule>(),
    periodKey: text('period_key'),
    /** Deadlines as written, and moved to a working day (`*_due`), the latter being what counts. */
    originalDeadline: day('original_deadline'),
    currentDeadline: day('current_deadline'),
    originalDue: day('original_due'),
    currentDue: day('current_due'),
    status: text('status').$type<TaskStatus>().notNull(),
    assignedOn: day('assigned_on'),
    completedOn: day('completed_on'),
    lastReportAt: ts('last_report_at'),
    extensionCount: integer('extension_count').notNull().default(0),
    /**
     * The day the obligation begins: a recurring period's first day (periods are created ahead). Before it
     * the task counts nowhere (not due, not "in time", not "not updated"). Null: from its assignment.
     * Never changes, so past-date queries read it from `tasks`.
     */
    startsOn: day('starts_on'),
    /** Explicit corrections of the original deadline (a registration error, by the Office lead): counted apart. */
    originalDeadlineCorrections: integer('original_deadline_corrections').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tasks_code_key').on(t.code),
    check('tasks_status_check', inList('status', TASK_STATUSES)),
    check('tasks_deadline_kind_check', inList('deadline_kind', DEADLINE_KINDS)),
    check(
      'tasks_fixed_has_deadline',
      sql`deadline_kind <> 'fixed' or (current_deadline is not null and current_due is not null)`,
    ),
    index('tasks_lead_idx').on(t.leadAgencyId, t.currentDue),
    index('tasks_document_idx').on(t.documentId),
    index('tasks_parent_idx').on(t.parentId),
    index('tasks_leader_idx').on(t.leaderId),
    index('tasks_specialist_idx').on(t.specialistId),
    index('tasks_field_idx').on(t.fieldId),
    index('tasks_due_idx').on(t.currentDue, t.id),
    // The days of a month a report period only partly covers are counted from the tasks (reports/counts.ts).
    index('tasks_assigned_day_idx').on(sql`greatest(${t.assignedOn}, ${t.startsOn})`),
    index('tasks_original_due_idx').on(t.originalDue),
    index('tasks_created_idx').on(t.createdAt, t.id),
    index('tasks_status_idx').on(t.status),
    index('tasks_search_trgm').using('gin', sql`${t.searchFolded} gin_trgm_ops`),
    index('tasks_agency_ids_gin').using('gin', t.agencyIds),
  ],
);

/** Coordinating agencies of a task (the lead agency is `tasks.lead_agency_id`). */
export const taskAgencies = pgTable(
  'task_agencies',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.agencyId] }), index('task_agencies_agency_idx').on(t.agencyId)],
);

/**
 * What a task looked like over time: one row per state, valid in [valid_from, valid_to).
 * Written in the same transaction as every change of the task; point-in-time lists and reports
 * read it instead of today's rows (ADR 0003).
 */
export const taskSnapshots = pgTable(
  'task_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    validFrom: ts('valid_from').notNull(),
    validTo: ts('valid_to'),
    status: text('status').$type<TaskStatus>().notNull(),
    leadAgencyId: integer('lead_agency_id').notNull(),
    coordinatingAgencyIds: integer('coordinating_agency_ids').array().notNull(),
    leaderId: integer('leader_id'),
    fieldId: integer('field_id'),
    specialistId: integer('specialist_id'),
    documentId: integer('document_id'),
    parentId: integer('parent_id'),
    starred: boolean('starred').notNull(),
    deadlineKind: text('deadline_kind').notNull(),
    originalDue: day('original_due'),
    currentDue: day('current_due'),
    assignedOn: day('assigned_on'),
    completedOn: day('completed_on'),
    lastReportAt: ts('last_report_at'),
    extensionCount: integer('extension_count').notNull(),
    /** The task's own (it never changes): copied so that counting a past day needs no join to the tasks. */
    startsOn: day('starts_on'),
  },
  (t) => [
    index('task_snapshots_task_idx').on(t.taskId, t.validFrom),
    // One open snapshot per task: a change closes it and opens the next (also the merger's lookup of them).
    uniqueIndex('task_snapshots_open_key')
      .on(t.taskId)
      .where(sql`valid_to is null`),
    index('task_snapshots_range_idx').on(t.validFrom, t.validTo),
    // Past-date lists sorted by deadline walk this index and keep the rows valid at the cut-off.
    index('task_snapshots_due_idx').on(t.currentDue, t.taskId),
  ],
);

export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').$type<(typeof REPORT_KINDS)[number]>().notNull(),
    content: text('content').notNull(),
    difficulties: text('difficulties'),
    proposals: text('proposals'),
    agencyDocNumber: text('agency_doc_number'),
    /** The report's date (Vietnam): an accepted completion is done as of this date. */
    reportedOn: day('reported_on').notNull(),
    status: text('status').$type<(typeof REPORT_STATUSES)[number]>().notNull().default('submitted'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('reports_kind_check', inList('kind', REPORT_KINDS)),
    index('reports_task_idx').on(t.taskId, t.createdAt),
    index('reports_pending_idx').on(t.status, t.kind),
  ],
);

export const reportReviews = pgTable(
  'report_reviews',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    decision: text('decision').$type<'accepted' | 'returned'>().notNull(),
    reason: text('reason'),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('report_reviews_task_idx').on(t.taskId)],
);

export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    previousDeadline: day('previous_deadline'),
    requestedDeadline: day('requested_deadline').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<(typeof EXTENSION_STATUSES)[number]>().notNull().default('pending'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('extension_requests_task_idx').on(t.taskId), index('extension_requests_status_idx').on(t.status)],
);

/** Directions (ý kiến chỉ đạo) of leaders and comments on a task. */
export const taskMessages = pgTable(
  'task_messages',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind').$type<(typeof MESSAGE_KINDS)[number]>().notNull(),
    content: text('content').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('task_messages_task_idx').on(t.taskId)],
);

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    storageKey: text('storage_key').notNull(),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    documentId: integer('document_id').references(() => documents.id),
    taskId: integer('task_id').references(() => tasks.id),
    reportId: integer('report_id').references(() => reports.id),
    /** A file an export job wrote (ADR 0012): downloaded through /api/exports/{id}, never /api/files. */
    jobId: bigint('job_id', { mode: 'number' }).references((): AnyPgColumn => jobs.id),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('files_document_idx').on(t.documentId),
    index('files_task_idx').on(t.taskId),
    index('files_report_idx').on(t.reportId),
    index('files_job_idx').on(t.jobId),
  ],
);

/** Append-only history of every change of every record. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    taskId: integer('task_id'),
    action: text('action').notNull(),
    /** The user who acted; null when the system acted on its own (a job, a sweep). */
    actorId: integer('actor_id'),
    actorIp: text('actor_ip'),
    userAgent: text('user_agent'),
    /** The API token the actor used, if any (a token always acts as the user who issued it). */
    tokenId: integer('token_id'),
    /** The user a system command (an import, a job) was started by, when it acted for someone. */
    onBehalfOf: integer('on_behalf_of'),
    /** How the command arrived: 'web' (session), 'api' (token), 'sign_in', or 'system:<job>'. */
    source: text('source'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('events_task_idx').on(t.taskId, t.id), index('events_entity_idx').on(t.entityType, t.entityId, t.id)],
);

/** Admin corrections of the statutory working calendar (swaps, decided days off, removals). */
export const calendarDays = pgTable('calendar_days', {
  date: day('date').primaryKey(),
  kind: text('kind').$type<'holiday' | 'compensatory' | 'day_off' | 'working_day' | 'remove'>().notNull(),
  nameVi: text('name_vi'),
  nameEn: text('name_en'),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    taskId: integer('task_id').references(() => tasks.id),
    kind: text('kind').notNull(),
    /** The text's template (services/messages.ts) and its parameters: rendered in the reader's language. */
    template: text('template'),
    params: jsonb('params'),
    /** The Vietnamese text as written (rows from before templates have only this). */
    title: text('title').notNull(),
    body: text('body'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.id)],
);

/** Messages to send (e-mail now; other channels behind the same table). `dedupe_key` makes a send happen once. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    sentAt: ts('sent_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_dedupe_key').on(t.dedupeKey), index('outbox_due_idx').on(t.status, t.availableAt)],
);

/** Background jobs kept in the database, claimed atomically by any server process. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key'),
    payload: jsonb('payload').notNull().default({}),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    runAt: ts('run_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    attempts: integer('attempts').notNull().default(0),
    progress: integer('progress').notNull().default(0),
    result: jsonb('result'),
    lastError: text('last_error'),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('jobs_dedupe_key').on(t.dedupeKey), index('jobs_due_idx').on(t.status, t.runAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a leaked table does not leak sessions. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in throttling, shared by every server process: one row per (account name, client address) and one
 * per client address. Each attempt claims a slot with one conditional upsert; after the free attempts
 * each further one waits a growing delay (`blocked_until`). Unknown names get rows like real ones.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    /** Lower-cased account name; null on a per-address row. */
    username: text('username'),
    ip: text('ip').notNull(),
    attempts: integer('attempts').notNull(),
    blockedUntil: ts('blocked_until').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('sign_in_throttle_username_idx').on(t.username)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash)],
);

/** A user's saved task-list views: filters, columns and sort, by name. */
export const SAVED_VIEW_KINDS = ['tasks', 'report'] as const;
export type SavedViewKind = (typeof SAVED_VIEW_KINDS)[number];

export const savedViews = pgTable(
  'saved_views',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** 'tasks': a task-list view; 'report': the parameters of a report page (one mechanism for both). */
    kind: text('kind').$type<SavedViewKind>().notNull().default('tasks'),
    /** The list's query string (filters, sort) or the report's parameters, and chosen columns. */
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('saved_views_user_kind_name_key').on(t.userId, t.kind, t.name),
    check('saved_views_kind_check', inList('kind', SAVED_VIEW_KINDS)),
  ],
);

/**
 * Idempotency keys of creating requests (`Idempotency-Key` header): claimed inside the write's own
 * transaction, so a retry after a timeout replays the first answer instead of writing twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    /** Method, path and a hash of the body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** The first answer, stored once it is sent; null while the first request is still being handled. */
    status: integer('status'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/**
 * Kept report results (ADR 0011): a report for a day that has ended never changes, so it is computed once;
 * today's is kept until the next write (its key holds the data version). A cache, not a record: written
 * outside any command, no event; a row may be deleted at any time and is then computed again.
 */
export const reportResults = pgTable(
  'report_results',
  {
    /** SHA-256 of the normalised parameters, the actor's scope, the settings and reference data that matter. */
    key: text('key').primaryKey(),
    asOf: day('as_of').notNull(),
    body: jsonb('body').notNull(),
    computedAt: ts('computed_at').notNull().defaultNow(),
    /** When it was last read (at most a day late): results of past days not read for long are pruned. */
    lastReadAt: ts('last_read_at').notNull().defaultNow(),
  },
  (t) => [index('report_results_as_of_idx').on(t.asOf)],
);

/** The sums of the report engine's raw counts that a summary cell holds (today's and a past day's alike). */
const countColumns = () => ({
  assigned: integer('assigned').notNull().default(0),
  noDeadline: integer('no_deadline').notNull().default(0),
  routine: integer('routine').notNull().default(0),
  open: integer('open').notNull().default(0),
  notUpdated: integer('not_updated').notNull().default(0),
  extensionsRequested: integer('extensions_requested').notNull().default(0),
  extensionsGranted: integer('extensions_granted').notNull().default(0),
  doneOnTimeCur: integer('done_on_time_cur').notNull().default(0),
  doneLateCur: integer('done_late_cur').notNull().default(0),
  inTimeCur: integer('in_time_cur').notNull().default(0),
  overdueCur: integer('overdue_cur').notNull().default(0),
  overdueUpTo30Cur: integer('overdue_up_to_30_cur').notNull().default(0),
  overdue31To90Cur: integer('overdue_31_to_90_cur').notNull().default(0),
  overdueOver90Cur: integer('overdue_over_90_cur').notNull().default(0),
  overdueDaysCur: integer('overdue_days_cur').notNull().default(0),
  doneOnTimeOrig: integer('done_on_time_orig').notNull().default(0),
  doneLateOrig: integer('done_late_orig').notNull().default(0),
  inTimeOrig: integer('in_time_orig').notNull().default(0),
  overdueOrig: integer('overdue_orig').notNull().default(0),
  overdueUpTo30Orig: integer('overdue_up_to_30_orig').notNull().default(0),
  overdue31To90Orig: integer('overdue_31_to_90_orig').notNull().default(0),
  overdueOver90Orig: integer('overdue_over_90_orig').notNull().default(0),
  overdueDaysOrig: integer('overdue_days_orig').notNull().default(0),
});

/**
 * Today's report figures, kept up to date in the transaction of every write (ADR 0018): for each dimension
 * (`lead` agency, `any` agency — lead or coordinating —, `leader`, `field`, `specialist`, and `all`), each key
 * (0 for none), within all tasks (`agency` 0) or within one agency's (ADR 0022: `lead.field`, `any.leader`…
 * with `agency` the agency that leads, or leads or coordinates, the tasks), each period basis (`assigned`: the
 * month a task counts as assigned; `due` and `original`: the month of its current or original deadline) and
 * each month, the sums of the report engine's raw counts of the tasks in that cell as they are classified on
 * the summary's day (`report_counts_meta.day`), against the current (`_cur`) and the original (`_orig`)
 * deadline. A derived table: rebuilt from the tasks at any time.
 */
export const reportCounts = pgTable(
  'report_counts',
  {
    dim: text('dim').notNull(),
    agency: integer('agency').notNull().default(0),
    key: integer('key').notNull(),
    basis: text('basis').notNull(),
    month: day('month').notNull(),
    ...countColumns(),
  },
  (t) => [primaryKey({ columns: [t.dim, t.agency, t.basis, t.key, t.month] })],
);

/**
 * The home pages' counts of today (ADR 0021), kept with `report_counts` (same day, threshold and maintenance):
 * for each dimension (`lead`, `any`, `leader`, `specialist`, `all`) and key (0 for none), the tasks of every
 * status — drafts and closed ones too — in each of the home pages' counts.
 */
export const homeCounts = pgTable(
  'home_counts',
  {
    dim: text('dim').notNull(),
    key: integer('key').notNull(),
    total: integer('total').notNull().default(0),
    drafts: integer('drafts').notNull().default(0),
    doneOnTime: integer('done_on_time').notNull().default(0),
    doneLate: integer('done_late').notNull().default(0),
    inTime: integer('in_time').notNull().default(0),
    overdue: integer('overdue').notNull().default(0),
    notUpdated: integer('not_updated').notNull().default(0),
    open: integer('open').notNull().default(0),
    dueSoon: integer('due_soon').notNull().default(0),
    waitingReview: integer('waiting_review').notNull().default(0),
    pendingExtensions: integer('pending_extensions').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dim, t.key] })],
);

/**
 * The day and the "not updated" threshold the summary's cells are classified with (one row, id 1), and how far a
 * rebuild has come. Readers use the summary only when it is complete and both are today's; every write locks
 * this row for share, each step of a rebuild for update.
 */
export const reportCountsMeta = pgTable('report_counts_meta', {
  id: integer('id').primaryKey(),
  day: day('day').notNull(),
  staleAfterDays: integer('stale_after_days').notNull(),
  /** While a rebuild runs: the tasks with a smaller id are in the cells (null: the build is complete). */
  builtTo: integer('built_to'),
  builtAt: ts('built_at').notNull(),
});

/**
 * The cells of an ended day (ADR 0020): the same sums as `report_counts`, of the tasks as they stood at the end
 * of `day`, classified on that day. Built from the snapshots by a background job once the day has settled;
 * they never change after that. A derived table: any day can be built again from the snapshots.
 */
export const reportCountsPast = pgTable(
  'report_counts_past',
  {
    day: day('day').notNull(),
    dim: text('dim').notNull(),
    agency: integer('agency').notNull().default(0),
    key: integer('key').notNull(),
    basis: text('basis').notNull(),
    month: day('month').notNull(),
    ...countColumns(),
  },
  (t) => [primaryKey({ columns: [t.day, t.dim, t.agency, t.basis, t.key, t.month] })],
);

/**
 * The ended days whose cells are in `report_counts_past`, with the "not updated" threshold they were counted
 * with and how far the build has come (`built_to`: the tasks with a smaller id are in; null: complete).
 */
export const reportCountsDays = pgTable('report_counts_days', {
  day: day('day').primaryKey(),
  staleAfterDays: integer('stale_after_days').notNull(),
  builtTo: integer('built_to'),
  builtAt: ts('built_at').notNull(),
  /** When a report last read the day (at most a day late): a day that is not a month's end is pruned. */
  lastReadAt: ts('last_read_at').notNull().defaultNow(),
});
