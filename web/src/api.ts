/**
 * The one way the interface talks to the server: JSON over fetch, the session cookie, the CSRF token on
 * every write, the chosen language in Accept-Language, and errors as `ApiError` carrying the server's
 * message (already in the user's language) and per-field issues for inline display.
 */
export interface ApiIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

/** Someone else changed the record since it was read: reload and redo (not a wrong state, `conflict`). */
export const isStaleVersion = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'stale_version';

/** The deadline given is already past: ask the user, then send again with `confirmPastDeadline: true`. */
export const isPastDeadline = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'past_deadline';

let csrfToken: string | null = null;
let language: 'vi' | 'en' = 'vi';
let onUnauthorized: (() => void) | null = null;

export const setCsrf = (t: string | null) => {
  csrfToken = t;
};
export const setApiLanguage = (l: 'vi' | 'en') => {
  language = l;
};
export const setOnUnauthorized = (f: (() => void) | null) => {
  onUnauthorized = f;
};

type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

export function qs(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

const WAIT_MS = 45_000;
const UPLOAD_WAIT_MS = 300_000;

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  // The server answers within its own limits (503 when busy); past this the user is told, not left waiting.
  const waitMs = body instanceof FormData ? UPLOAD_WAIT_MS : WAIT_MS;
  try {
    res = await fetch(`/api${url}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(waitMs),
    });
  } catch (e) {
    if ((e as Error).name === 'TimeoutError')
      throw new ApiError(
        0,
        'timeout',
        language === 'vi'
          ? `Máy chủ không phản hồi sau ${waitMs / 1000} giây. Thao tác có thể chưa được ghi: hãy tải lại trang để kiểm tra trước khi làm lại.`
          : `The server did not answer within ${waitMs / 1000} seconds. The action may not have been saved: reload the page to check before trying again.`,
      );
    throw new ApiError(
      0,
      'network',
      language === 'vi'
        ? 'Không kết nối được máy chủ; hãy kiểm tra mạng rồi thử lại.'
        : 'Cannot reach the server; check the network and try again.',
    );
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | null)?.error;
    if (res.status === 401 && url !== '/auth/login' && url !== '/auth/me') onUnauthorized?.();
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? (language === 'vi' ? `Lỗi máy chủ (${res.status}).` : `Server error (${res.status}).`),
      err?.issues ?? [],
    );
  }
  return data as T;
}

export const api = {
  get: <T>(url: string, q?: Query) => request<T>('GET', url + qs(q)),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(targetType: 'task' | 'report' | 'document', targetId: number, file: File) => {
    const fd = new FormData();
    fd.append('targetType', targetType);
    fd.append('targetId', String(targetId));
    fd.append('file', file, file.name);
    return request<T>('POST', '/files', fd);
  },
};

// ---- the shapes the server returns (see src/resources/*/presenter.ts) ----

export interface Me {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  agencyId: number;
  agencyName: string;
  leaderId: number | null;
  language: 'vi' | 'en';
  /** The account's version, sent with a change of one's own profile. */
  version: number;
  csrfToken: string | null;
}
export type Role = 'admin' | 'office_specialist' | 'office_lead' | 'leader' | 'agency_lead' | 'agency_staff';
export type Timeliness = 'done_on_time' | 'done_late' | 'in_progress_on_time' | 'overdue';
export interface Named {
  id: number;
  name: string;
}
export interface TaskSummary {
  id: number;
  code: string;
  content: string;
  status: string;
  deadlineKind: string;
  deadline: string | null;
  dueDate: string | null;
  originalDueDate: string | null;
  completedOn: string | null;
  timeliness: Timeliness | null;
  overdueDays: number;
  starred: boolean;
  leadAgency: Named | null;
  coordinatingAgencyIds: number[];
  leader: Named | null;
  field: Named | null;
  specialist: Named | null;
  document: { id: number; number: string } | null;
  parentId: number | null;
  periodKey: string | null;
  assignedOn: string | null;
  lastReportAt: string | null;
  extensionCount: number;
  hasPendingExtension: boolean;
  version: number;
  actions: string[];
}
export interface FileInfo {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}
export interface TaskDetail extends TaskSummary {
  handlerName: string | null;
  recurrence: unknown;
  originalDeadline: string | null;
  /** Corrections of a registration error by the Office lead, counted apart. */
  originalDeadlineCorrections: number;
  /** A recurring period's first day: before it the task counts nowhere. */
  startsOn: string | null;
  coordinatingAgencies: Named[];
  documentAbstract: string | null;
  createdAt: string;
  updatedAt: string;
  reports: {
    id: number;
    kind: string;
    agency: Named;
    content: string;
    difficulties: string | null;
    proposals: string | null;
    agencyDocNumber: string | null;
    reportedOn: string;
    status: string;
    createdBy: string;
    createdAt: string;
    review: { decision: string; reason: string | null; reviewer: string; at: string } | null;
    files: FileInfo[];
  }[];
  extensionRequests: {
    id: number;
    previousDeadline: string | null;
    requestedDeadline: string;
    reason: string;
    status: string;
    requestedBy: string;
    requestedAt: string;
    decidedBy: string | null;
    decidedAt: string | null;
    decisionNote: string | null;
  }[];
  messages: { id: number; kind: string; content: string; author: string; createdAt: string }[];
  files: FileInfo[];
  parent: { id: number; code: string } | null;
  subtasks: {
    id: number;
    code: string;
    content: string;
    status: string;
    leadAgency: string;
    dueDate: string | null;
    completedOn: string | null;
  }[];
}
export interface HistoryItem {
  id: number;
  at: string;
  action: string;
  actor: string | null;
  actorIp: string | null;
  before: unknown;
  after: unknown;
}
export interface TaskList {
  items: TaskSummary[];
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
}
export interface Agency {
  id: number;
  code: string;
  name: string;
  shortName: string;
  kind: string;
  parentId: number | null;
  sortOrder: number;
  validFrom: string;
  validTo: string | null;
  successorId: number | null;
  active: boolean;
  version: number;
}
export interface Leader {
  id: number;
  fullName: string;
  position: string;
  userId: number | null;
  sortOrder: number;
  isActive: boolean;
  version: number;
}
export interface Field {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  sortOrder: number;
  isActive: boolean;
  version: number;
}
export interface User {
  id: number;
  username: string;
  fullName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  role: Role;
  agencyId: number;
  isActive: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}
export interface Doc {
  id: number;
  numberText: string;
  docType: string;
  issuedOn: string;
  signer: { id: number; name: string; position: string } | null;
  abstract: string;
  urgency: string;
  secret: boolean;
  source: string;
  taskCount: number;
  openTaskCount: number;
  version: number;
  createdAt: string;
  actions: string[];
}
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
  fallenDue: number;
  completionRate: number | null;
  onTimeRate: number | null;
}
export interface Notification {
  id: number;
  kind: string;
  taskId: number | null;
  title: string;
  body: string | null;
  readAt: string | null;
  createdAt: string;
}
export interface SavedView {
  id: number;
  name: string;
  kind?: 'tasks' | 'report';
  query: Record<string, string>;
  columns: string[];
}
export interface Settings {
  reminderDaysBefore: number[];
  overdueReminderEveryDays: number;
  extensionCap: number;
  staleAfterDays: number;
  reportCutoffDay: number;
  officeLeadDecidesExtensions: boolean;
  gradingThresholds: { excellent: number; good: number; fair: number };
  publicResults?: boolean;
}
export interface CalendarDay {
  date: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  corrected: boolean;
}

/** Reports: the shape the engine answers (src/resources/reports/types.ts, the contract). */
export type {
  Report,
  ReportDimension,
  ReportFigures,
  ReportParams,
  ReportRow,
} from '../../src/resources/reports/types.js';
