/**
 * The life of a task (DESIGN §3): its statuses, the groups the rest of the system reasons with, and the
 * transitions. Server and web import these constants; nothing else writes a list of statuses out.
 *
 * draft → assigned → received → in_progress → completion_reported → done; a returned report goes back to
 * in_progress; the Office lead may reopen a done task whose result proves incomplete (back to in progress,
 * with a reason); cancelled / withdrawn / merged end a task outside the statistics.
 *
 * Who may take a transition is decided by the policy module (`policies/`), which reads the groups below.
 * This module imports nothing from the project.
 */

export const TASK_STATUSES = [
  'draft',
  'assigned',
  'received',
  'in_progress',
  'completion_reported',
  'done',
  'cancelled',
  'withdrawn',
  'merged',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Assigned and not finished: the agency owes something (the "open" tasks of the home pages). */
export const OPEN_STATUSES = ['assigned', 'received', 'in_progress', 'completion_reported'] as const;
/** Open and in the agency's hands (not waiting for the Office's review). */
export const WORKING_STATUSES = ['assigned', 'received', 'in_progress'] as const;
/** The Office may still edit, split, hand over or cancel the task. */
export const EDITABLE_STATUSES = ['draft', ...OPEN_STATUSES] as const;
/** Waiting for the Office to accept or return the completion report. */
export const WAITING_REVIEW_STATUS = 'completion_reported' as const;
export const DONE_STATUS = 'done' as const;
/** Closed, counted in the statistics. */
export const CLOSED_STATUSES = [DONE_STATUS] as const;
/** End a task outside the statistics. */
export const OUTSIDE_STATISTICS_STATUSES = ['cancelled', 'withdrawn', 'merged'] as const;
/** Counted in the on-time statistics (with a fixed deadline): open or done. Draft is not yet assigned. */
export const IN_STATISTICS_STATUSES = [...OPEN_STATUSES, DONE_STATUS] as const;
/** No further transition (except the Office lead's reopening of a done task). */
export const TERMINAL_STATUSES = [DONE_STATUS, ...OUTSIDE_STATISTICS_STATUSES] as const;

const has = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);
export const isOpen = (s: string) => has(OPEN_STATUSES, s);
export const isWorking = (s: string) => has(WORKING_STATUSES, s);
export const isEditable = (s: string) => has(EDITABLE_STATUSES, s);
export const isInStatistics = (s: string) => has(IN_STATISTICS_STATUSES, s);
export const isTerminal = (s: string) => has(TERMINAL_STATUSES, s);

/** Which side of the work takes a transition; the policy module decides who within it may. */
export type Side = 'office' | 'lead_agency';

export interface Transition {
  /** The action (as the policy module names it) that makes the change. */
  action: 'assign' | 'receive' | 'report_progress' | 'report_completion' | 'review' | 'reopen' | 'cancel' | 'withdraw';
  /** For an action with several outcomes (review: accept or return). */
  outcome?: 'accept' | 'return';
  from: readonly TaskStatus[];
  to: TaskStatus;
  by: Side;
}

/**
 * Every change of status, as an explicit action. (`merged` has no action yet: it is kept for the merger
 * of tasks.) A progress report may be sent in any open status; only the lead agency's first one moves
 * an assigned or received task to in progress.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'assign', from: ['draft'], to: 'assigned', by: 'office' },
  { action: 'receive', from: ['assigned'], to: 'received', by: 'lead_agency' },
  { action: 'report_progress', from: ['assigned', 'received'], to: 'in_progress', by: 'lead_agency' },
  { action: 'report_completion', from: WORKING_STATUSES, to: WAITING_REVIEW_STATUS, by: 'lead_agency' },
  { action: 'review', outcome: 'accept', from: [WAITING_REVIEW_STATUS], to: DONE_STATUS, by: 'office' },
  { action: 'review', outcome: 'return', from: [WAITING_REVIEW_STATUS], to: 'in_progress', by: 'office' },
  { action: 'reopen', from: [DONE_STATUS], to: 'in_progress', by: 'office' },
  { action: 'cancel', from: EDITABLE_STATUSES, to: 'cancelled', by: 'office' },
  { action: 'withdraw', from: OPEN_STATUSES, to: 'withdrawn', by: 'office' },
];

/** Whether the workflow has the transition `action` from `status`. */
export function canTransition(action: Transition['action'], status: string): boolean {
  return TRANSITIONS.some((t) => t.action === action && (t.from as readonly string[]).includes(status));
}
