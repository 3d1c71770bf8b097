/**
 * The drill-down: the task-list query behind each figure of a report (`Report.drill`: the report's base, the
 * column's extra query, and the row's key in the row parameter). The list's total equals the figure.
 */
import { qs, type Report, type ReportFigures, type ReportRow } from '../../api';

const NONE_PARAMS = new Set(['leaderId', 'fieldId', 'specialistId', 'documentId']);

/** The task-list query behind one figure; null when the figure is not a count (rates, means, grade). */
export function drillQuery(
  report: Report,
  column: keyof ReportFigures,
  row?: Pick<ReportRow, 'key'>,
): Record<string, string> | null {
  const extra = report.drill.columns[column];
  if (!extra) return null;
  const q: Record<string, string> = { ...report.drill.base, ...extra };
  if (row) {
    if (row.key !== null && row.key !== undefined) q[report.drill.rowParam] = String(row.key);
    // A row of tasks without a leader, field, specialist or document: the list's `none`.
    else if (NONE_PARAMS.has(report.drill.rowParam)) q[report.drill.rowParam] = 'none';
    else return null;
  }
  return q;
}

export function drillHref(report: Report, column: keyof ReportFigures, row?: Pick<ReportRow, 'key'>): string | null {
  const q = drillQuery(report, column, row);
  return q ? `/tasks${qs(q)}` : null;
}
