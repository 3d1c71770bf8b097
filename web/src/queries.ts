/**
 * Server state: every query key of the interface, in one place (a key factory per resource), with the
 * query that loads it and how long its data stays fresh. Pages call `useQuery(queries.x(...))`; actions
 * put the server's answer into the cache (`setQueryData`) and invalidate what depends on it (`invalidate`).
 * The keys nest so that one prefix reaches a whole resource: `['tasks']` is every list, detail and count.
 */
import { keepPreviousData, QueryClient, queryOptions, type QueryKey } from '@tanstack/react-query';
import {
  api,
  type ApiError,
  type Agency,
  type AgencyCounts,
  type CalendarYear,
  type DeadlineDay,
  type Doc,
  type DocList,
  type ExportJob,
  type Handover,
  type Field,
  type FileInfo,
  type HistoryItem,
  type Leader,
  type NotificationList,
  type Overview,
  type PublicResults,
  type Query,
  type Report,
  type ReportDimension,
  type SavedView,
  type Settings,
  type TaskDetail,
  type TaskList,
  type User,
} from './api.js';

declare module '@tanstack/react-query' {
  // Every failed query or mutation carries the server's message (api.ts turns any failure into one).
  interface Register {
    defaultError: ApiError;
  }
}

/** Reference data (agencies, fields, leaders, users) changes rarely and only through the admin pages. */
const REFERENCE_STALE_MS = 10 * 60_000;
/** Anything else is read again when a page using it mounts after this long. */
const DEFAULT_STALE_MS = 15_000;
/** The bell's count: polled while the interface is open, as before. */
export const NOTIFICATION_POLL_MS = 60_000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: DEFAULT_STALE_MS,
        // A failure is shown at once with its message and a retry button (LoadError), not retried silently.
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Query keys: the one place that names them. */
export const keys = {
  agencies: () => ['agencies'] as const,
  leaders: () => ['leaders'] as const,
  fields: () => ['fields'] as const,
  users: (q: Query = {}) => ['users', q] as const,
  settings: () => ['settings'] as const,
  workCalendar: (year: number) => ['work-calendar', year] as const,
  views: (kind: 'tasks' | 'report') => ['views', kind] as const,
  tasks: {
    all: () => ['tasks'] as const,
    lists: () => ['tasks', 'list'] as const,
    list: (q: Query) => ['tasks', 'list', q] as const,
    detail: (id: number) => ['tasks', 'detail', id] as const,
    history: (id: number) => ['tasks', 'history', id] as const,
    calendar: (q: Query) => ['tasks', 'calendar', q] as const,
  },
  documents: {
    all: () => ['documents'] as const,
    list: (q: Query) => ['documents', 'list', q] as const,
    detail: (id: number) => ['documents', 'detail', id] as const,
    files: (id: number) => ['documents', 'files', id] as const,
  },
  stats: {
    all: () => ['stats'] as const,
    overview: (q: Query = {}) => ['stats', 'overview', q] as const,
    agencies: (q: Query = {}) => ['stats', 'agencies', q] as const,
  },
  reports: {
    all: () => ['reports'] as const,
    one: (by: ReportDimension, q: Query = {}) => ['reports', by, q] as const,
  },
  notifications: {
    all: () => ['notifications'] as const,
    list: (limit: number) => ['notifications', 'list', limit] as const,
    unread: () => ['notifications', 'unread'] as const,
  },
  exports: () => ['exports'] as const,
  exportJob: (id: number) => ['exports', 'job', id] as const,
  handover: (agencyId: number) => ['agencies', 'handover', agencyId] as const,
  publicResults: (period: string | undefined) => ['public-results', period ?? null] as const,
};

const items = <T>(p: Promise<{ items: T[] }>) => p.then((r) => r.items);

/** The queries: key, loader and freshness together. */
export const queries = {
  agencies: () =>
    queryOptions({
      queryKey: keys.agencies(),
      queryFn: () => items(api.get<{ items: Agency[] }>('/agencies')),
      staleTime: REFERENCE_STALE_MS,
    }),
  leaders: () =>
    queryOptions({
      queryKey: keys.leaders(),
      queryFn: () => items(api.get<{ items: Leader[] }>('/leaders')),
      staleTime: REFERENCE_STALE_MS,
    }),
  fields: () =>
    queryOptions({
      queryKey: keys.fields(),
      queryFn: () => items(api.get<{ items: Field[] }>('/fields')),
      staleTime: REFERENCE_STALE_MS,
    }),
  users: (q: Query = {}) =>
    queryOptions({
      queryKey: keys.users(q),
      queryFn: () => items(api.get<{ items: User[] }>('/users', q)),
      staleTime: REFERENCE_STALE_MS,
      placeholderData: keepPreviousData,
    }),
  settings: () => queryOptions({ queryKey: keys.settings(), queryFn: () => api.get<Settings>('/settings') }),
  workCalendar: (year: number) =>
    queryOptions({
      queryKey: keys.workCalendar(year),
      queryFn: () => api.get<CalendarYear>(`/calendar/${year}`),
      placeholderData: keepPreviousData,
    }),
  views: (kind: 'tasks' | 'report') =>
    queryOptions({
      queryKey: keys.views(kind),
      queryFn: () => items(api.get<{ items: SavedView[] }>('/views', { kind })),
    }),
  tasks: (q: Query) =>
    queryOptions({
      queryKey: keys.tasks.list(q),
      queryFn: () => api.get<TaskList>('/tasks', q),
      placeholderData: keepPreviousData,
    }),
  task: (id: number) =>
    queryOptions({ queryKey: keys.tasks.detail(id), queryFn: () => api.get<TaskDetail>(`/tasks/${id}`) }),
  taskHistory: (id: number) =>
    queryOptions({
      queryKey: keys.tasks.history(id),
      queryFn: () => items(api.get<{ items: HistoryItem[] }>(`/tasks/${id}/history`)),
    }),
  deadlineCalendar: (q: Query) =>
    queryOptions({
      queryKey: keys.tasks.calendar(q),
      queryFn: () => api.get<{ days: DeadlineDay[] }>('/tasks/calendar', q).then((r) => r.days),
      placeholderData: keepPreviousData,
    }),
  documents: (q: Query) =>
    queryOptions({
      queryKey: keys.documents.list(q),
      queryFn: () => api.get<DocList>('/documents', q),
      placeholderData: keepPreviousData,
    }),
  document: (id: number) =>
    queryOptions({ queryKey: keys.documents.detail(id), queryFn: () => api.get<Doc>(`/documents/${id}`) }),
  documentFiles: (id: number) =>
    queryOptions({
      queryKey: keys.documents.files(id),
      // The files of a secret document are not listed; a failure leaves the list empty, not the page broken.
      queryFn: () => items(api.get<{ items: FileInfo[] }>(`/documents/${id}/files`)).catch(() => [] as FileInfo[]),
    }),
  overview: (q: Query = {}) =>
    queryOptions({ queryKey: keys.stats.overview(q), queryFn: () => api.get<Overview>('/stats/overview', q) }),
  agencyCounts: (q: Query = {}) =>
    queryOptions({ queryKey: keys.stats.agencies(q), queryFn: () => api.get<AgencyCounts>('/stats/agencies', q) }),
  report: (by: ReportDimension, q: Query = {}) =>
    queryOptions({
      queryKey: keys.reports.one(by, q),
      queryFn: () => api.get<Report>(`/reports/${by}`, q),
      placeholderData: keepPreviousData,
    }),
  notifications: (limit: number) =>
    queryOptions({
      queryKey: keys.notifications.list(limit),
      queryFn: () => api.get<NotificationList>('/notifications', { limit }),
    }),
  unreadCount: () =>
    queryOptions({
      queryKey: keys.notifications.unread(),
      queryFn: () => api.get<{ unread: number }>('/notifications/unread-count').then((r) => r.unread),
      refetchInterval: NOTIFICATION_POLL_MS,
      staleTime: 0,
    }),
  exports: () =>
    queryOptions({
      queryKey: keys.exports(),
      queryFn: () => items(api.get<{ items: ExportJob[] }>('/exports')),
      staleTime: 0,
    }),
  handover: (agencyId: number) =>
    queryOptions({
      queryKey: keys.handover(agencyId),
      queryFn: () => api.get<Handover>(`/agencies/${agencyId}/handover`),
      staleTime: 0,
    }),
  exportJob: (id: number) =>
    queryOptions({
      queryKey: keys.exportJob(id),
      queryFn: () => api.get<ExportJob>(`/exports/${id}`),
      staleTime: 0,
    }),
  publicResults: (period: string | undefined) =>
    queryOptions({
      queryKey: keys.publicResults(period),
      queryFn: () => api.get<PublicResults>('/public/results', { period }),
      placeholderData: keepPreviousData,
    }),
};

/** Marks the queries under each prefix stale; the ones on screen are read again at once. */
export function invalidate(qc: QueryClient, ...prefixes: QueryKey[]): Promise<void> {
  return Promise.all(prefixes.map((queryKey) => qc.invalidateQueries({ queryKey }))).then(() => undefined);
}

/**
 * A task's action answered with the task as it now is: that is the task page's data (no second read);
 * what depends on the task is marked stale — its history, the lists and counts, the home figures, the
 * reports, the document's task counts and the notifications the action may have sent.
 */
export function taskChanged(qc: QueryClient, task: TaskDetail): Promise<void> {
  qc.setQueryData(keys.tasks.detail(task.id), task);
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.tasks.all(), predicate: (q) => !isDetailOf(q.queryKey, task.id) }),
    invalidate(qc, keys.stats.all(), keys.reports.all(), keys.documents.all(), keys.notifications.all()),
  ]).then(() => undefined);
}

const isDetailOf = (key: QueryKey, id: number) => key[0] === 'tasks' && key[1] === 'detail' && key[2] === id;

/** Tasks were created, deleted or changed in bulk: everything about tasks is stale. */
export const tasksChanged = (qc: QueryClient) =>
  invalidate(
    qc,
    keys.tasks.all(),
    keys.stats.all(),
    keys.reports.all(),
    keys.documents.all(),
    keys.notifications.all(),
  );
