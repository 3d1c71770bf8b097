/**
 * The one way the interface talks to the server: JSON over fetch, the session cookie, the CSRF token on
 * every write, the chosen language in Accept-Language, and errors as `ApiError` carrying the server's
 * message (already in the user's language) and per-field issues for inline display.
 */
import type { paths } from './api-types.js';

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

export type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

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

// ---- the shapes the server returns: generated from its OpenAPI document (api-types.ts, `npm run api:types`) ----

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** The JSON body of a path's 200 answer, as the server's response schema declares it. */
export type Ok<P extends keyof paths, M extends Method = 'get'> = paths[P] extends {
  [K in M]: { responses: { 200: { content: { 'application/json': infer R } } } };
}
  ? R
  : never;
/** The JSON body a path takes. */
export type Body<P extends keyof paths, M extends Method = 'post'> = paths[P] extends {
  [K in M]: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type Me = Ok<'/api/auth/me'>;
export type Role = Me['role'];
export type TaskList = Ok<'/api/tasks'>;
export type TaskSummary = TaskList['items'][number];
export type TaskStatus = TaskSummary['status'];
export type Timeliness = NonNullable<TaskSummary['timeliness']>;
export type TaskDetail = Ok<'/api/tasks/{id}'>;
export type TaskReport = TaskDetail['reports'][number];
export type ExtensionRequest = TaskDetail['extensionRequests'][number];
export type FileInfo = TaskDetail['files'][number];
export type HistoryItem = Ok<'/api/tasks/{id}/history'>['items'][number];
export type DeadlineDay = Ok<'/api/tasks/calendar'>['days'][number];
export interface Named {
  id: number;
  name: string;
}
export type Agency = Ok<'/api/agencies'>['items'][number];
export type AgencyKind = Agency['kind'];
/** How the hand-over of a large merger goes on (ADR 0024). */
export type Handover = Ok<'/api/agencies/{id}/handover'>;
export type MergeResult = Ok<'/api/agencies/{id}/merge', 'post'>;
export type Leader = Ok<'/api/leaders'>['items'][number];
export type Field = Ok<'/api/fields'>['items'][number];
export type User = Ok<'/api/users'>['items'][number];
export type DocList = Ok<'/api/documents'>;
export type Doc = Ok<'/api/documents/{id}'>;
export type Overview = Ok<'/api/stats/overview'>;
export type Counts = Omit<Overview, 'asOf'>;
export type AgencyCounts = Ok<'/api/stats/agencies'>;
export type NotificationList = Ok<'/api/notifications'>;
export type Notification = NotificationList['items'][number];
export type SavedView = Ok<'/api/views'>['items'][number];
export type Settings = Ok<'/api/settings'>;
export type CalendarYear = Ok<'/api/calendar/{year}'>;
export type CalendarDay = CalendarYear['days'][number];
export type ExportJob = Ok<'/api/exports'>['items'][number];
/** What `POST /api/exports` takes: a task list (kind tasks) or a report (report-xlsx, report-docx). */
export type ExportRequest = Body<'/api/exports'>;
export type ReportExportRequest = Extract<ExportRequest, { by: unknown }>;
export type ReportExportQuery = NonNullable<ReportExportRequest['query']>;
export type PublicResults = Ok<'/api/public/results'>;

/** Reports: what the engine answers (ADR 0011), as `GET /api/reports/{by}` declares it. */
export type Report = Ok<'/api/reports/{by}'>;
export type ReportParams = Report['params'];
export type ReportDimension = ReportParams['by'];
export type ReportFigures = Report['totals'];
export type ReportRow = Report['rows'][number];
