/**
 * What the published results (`GET /api/public/results`) answer: per lead agency, the aggregate figures of a
 * closed period, as of its last day. Never task content: no task, document or person is named, and there
 * is no drill-down.
 */
import type { ReportFigures } from '../reports/types.js';

export const PUBLIC_FIGURES = [
  'assigned',
  'fallenDue',
  'doneOnTime',
  'doneLate',
  'inTime',
  'overdue',
  'completionRate',
  'onTimeRate',
  'grade',
] as const satisfies readonly (keyof ReportFigures)[];

export type PublicFigures = Pick<ReportFigures, (typeof PUBLIC_FIGURES)[number]>;

export interface PublicResults {
  period: { key: string; from: string; to: string };
  /** The closed periods one may ask for, most recent first (quarters, half-years, years). */
  periods: string[];
  /** The figures are as of the period's last day. */
  asOf: string;
  rows: (PublicFigures & { key: number; label: string })[];
  totals: PublicFigures;
  definitions: Record<(typeof PUBLIC_FIGURES)[number], string>;
}
