/**
 * The shape of a report (ADR 0011): what `GET /api/reports/{by}` answers and what every export, page and
 * home-page figure is built from. The engine (`engine.ts`) fills it; the JSON route, the .xlsx and .docx
 * exports and the web pages only present it.
 */
import type { Against } from '../../services/asof.js';

export const REPORT_DIMENSIONS = ['agency', 'leader', 'field', 'specialist', 'document', 'month'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** The parameters of a report; every one of them is also a filter of the task list (drill-down). */
export interface ReportParams {
  by: ReportDimension;
  /** The data cut-off date D (default today, Vietnam). */
  asOf: string;
  /** The period: tasks whose assignment date (or deadline in force as of D) lies in [from, to]. */
  from?: string;
  to?: string;
  periodBy: 'assigned' | 'due';
  against: Against;
  /** 'lead': each task counts once, for its lead agency; 'any': also for each coordinating agency. */
  role: 'lead' | 'any';
  /** Only agencies of these kinds (for by=agency and as a filter). */
  agencyKind?: string[];
  /** One agency's tasks (its lead role, or any role per `role`). */
  agencyId?: number;
  /** One leader's tasks. */
  leaderId?: number;
}

/** The figures of one row (and of the totals row). Counts are numbers of tasks (periods, for recurring). */
export interface ReportFigures {
  assigned: number;
  fallenDue: number;
  doneOnTime: number;
  doneLate: number;
  inTime: number;
  overdue: number;
  overdueUpTo30: number;
  overdue31To90: number;
  overdueOver90: number;
  noDeadline: number;
  routine: number;
  /** Open as of D (any deadline kind), and of those not updated within the stale threshold (added for updateRate). */
  open: number;
  notUpdated: number;
  /** done / fallenDue and doneOnTime / fallenDue; null when nothing fell due. */
  completionRate: number | null;
  onTimeRate: number | null;
  /** Share of the open tasks updated within the stale threshold; null when none is open. */
  updateRate: number | null;
  /** Tasks with at least one extension requested (by D), and with one granted (by D). */
  extensionsRequested: number;
  extensionsGranted: number;
  /** Mean calendar days past the deadline of the overdue tasks as of D; null when none. */
  averageDaysOverdue: number | null;
  /** From the admin's thresholds on the on-time rate; null when nothing fell due. */
  grade: 'excellent' | 'good' | 'fair' | 'poor' | null;
}

export interface ReportRow extends ReportFigures {
  /** The group: an agency, leader, field, user or document id, or the month 'YYYY-MM'. Null: none set. */
  key: number | string | null;
  /** Its name as it was at D (agencies under the name they then had). */
  label: string;
}

export interface Report {
  params: ReportParams;
  rows: ReportRow[];
  totals: ReportFigures;
  /** Column → a short Vietnamese definition, shown on hover and in the exports' notes. */
  definitions: Record<keyof ReportFigures, string>;
  /** When the figures were computed; for a day that has ended they never change (kept, ADR 0011). */
  computedAt: string;
  /**
   * How each figure opens the task list filtered the same way (`GET /api/tasks` and the list page): the
   * query of the whole report, the extra query of each count column (null for rates and averages), and
   * the list parameter that a row's key fills (e.g. `agencyId`, or `assignedMonth` for by=month).
   * The list's total for base + column + row equals the figure.
   */
  drill: {
    base: Record<string, string>;
    columns: Partial<Record<keyof ReportFigures, Record<string, string>>>;
    rowParam: string;
  };
}
