/**
 * The task list as an Excel sheet: every row of the filter (not one page), read in keyset batches from the
 * same query as the JSON list (tasks/list.ts, through the as-of engine and the policy's scope) and written
 * as they come (xlsx.ts).
 */
import type { Writable } from 'node:stream';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { classify, type Timeliness } from '../../domain/timeliness.js';
import type { TaskStatus } from '../../domain/workflow.js';
import { statusText } from '../../policies/index.js';
import type { WithCaches } from '../../services/caches.js';
import { referenceNames } from '../../services/reference-cache.js';
import { listTaskBatches, type TaskFilter, type TaskListRow } from '../tasks/list.js';
import { vnDate, writeSheet, type XlsxColumn } from './xlsx.js';

export const TIMELINESS_TEXT: Record<Timeliness, string> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  in_progress_on_time: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn',
};
/** The kinds of agencies in words, as the interface names them (web/src/i18n.tsx `agencyKind`). */
export const AGENCY_KIND_TEXT: Record<string, string> = {
  department: 'Sở, ban, ngành',
  district: 'UBND cấp huyện',
  commune: 'UBND cấp xã',
  mass_org: 'MTTQ, đoàn thể',
  service_unit: 'Đơn vị sự nghiệp',
  central: 'Cơ quan trung ương trên địa bàn',
  enterprise: 'Doanh nghiệp',
  office: 'Văn phòng, UBND tỉnh',
  other: 'Khác',
};
export const agencyKindsText = (kinds: readonly string[]) => kinds.map((k) => AGENCY_KIND_TEXT[k] ?? k).join('; ');

export const DEADLINE_KIND_TEXT: Record<string, string> = {
  fixed: 'Có thời hạn',
  none: 'Không thời hạn',
  recurring: 'Định kỳ',
  routine: 'Thường xuyên',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface ExportRow extends TaskListRow {
  overdueDays: number | null;
}

const dateOf = (v: Date | string | null): string | null => {
  if (v === null) return null;
  const d = v instanceof Date ? v : new Date(v);
  // A report instant shown as its Vietnam date.
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
};

export const TASK_COLUMNS: XlsxColumn<ExportRow>[] = [
  { header: 'Mã nhiệm vụ', width: 14, kind: 'text', value: (r) => r.code },
  { header: 'Nội dung nhiệm vụ', width: 60, kind: 'text', value: (r) => r.content },
  { header: 'Số, ký hiệu văn bản', width: 18, kind: 'text', value: (r) => r.document_number },
  { header: 'Cơ quan chủ trì', width: 28, kind: 'text', value: (r) => r.lead_agency_name },
  { header: 'Lãnh đạo giao', width: 22, kind: 'text', value: (r) => r.leader_name },
  { header: 'Lĩnh vực', width: 20, kind: 'text', value: (r) => r.field_name },
  { header: 'Chuyên viên theo dõi', width: 22, kind: 'text', value: (r) => r.specialist_name },
  {
    header: 'Loại thời hạn',
    width: 14,
    kind: 'text',
    value: (r) => DEADLINE_KIND_TEXT[r.deadline_kind] ?? r.deadline_kind,
  },
  { header: 'Thời hạn', width: 12, kind: 'date', value: (r) => r.current_deadline },
  { header: 'Hạn tính thống kê', width: 12, kind: 'date', value: (r) => r.current_due },
  { header: 'Hạn ban đầu', width: 12, kind: 'date', value: (r) => r.original_due },
  { header: 'Ngày giao', width: 12, kind: 'date', value: (r) => r.assigned_on },
  { header: 'Ngày hoàn thành', width: 12, kind: 'date', value: (r) => r.completed_on },
  { header: 'Trạng thái', width: 18, kind: 'text', value: (r) => capital(statusText(r.status as TaskStatus).vi) },
  {
    header: 'Tình hình thực hiện',
    width: 22,
    kind: 'text',
    value: (r) => (r.timeliness ? TIMELINESS_TEXT[r.timeliness] : 'Không tính thống kê'),
  },
  { header: 'Số ngày quá hạn', width: 10, kind: 'int', value: (r) => r.overdueDays },
  { header: 'Số lần gia hạn', width: 10, kind: 'int', value: (r) => r.extension_count },
  { header: 'Báo cáo gần nhất', width: 12, kind: 'date', value: (r) => dateOf(r.last_report_at) },
];

type ExportFilter = Omit<TaskFilter, 'page' | 'pageSize'>;

/** The filter in words, for the line under the title. */
export async function describeFilter(deps: WithCaches, ex: Executor, f: ExportFilter): Promise<string> {
  const names = await referenceNames(deps, ex);
  const pick = (m: Map<number, string>, ids?: number[] | 'none') =>
    ids === 'none' ? 'chưa có' : ids?.map((i) => m.get(i) ?? `#${i}`).join(', ');
  const parts: [string, string | undefined][] = [
    ['Tình hình', f.timeliness?.map((t) => TIMELINESS_TEXT[t]).join(', ')],
    [
      f.agencyRole === 'lead' ? 'Cơ quan chủ trì' : f.agencyRole === 'coordinating' ? 'Cơ quan phối hợp' : 'Cơ quan',
      pick(names.agencies, f.agencyId),
    ],
    ['Lãnh đạo giao', pick(names.leaders, f.leaderId)],
    ['Lĩnh vực', pick(names.fields, f.fieldId)],
    ['Chuyên viên', pick(names.users, f.specialistId)],
    ['Trạng thái', f.status?.map((s) => statusText(s as TaskStatus).vi).join(', ')],
    ['Loại thời hạn', f.deadlineKind?.map((k) => DEADLINE_KIND_TEXT[k] ?? k).join(', ')],
    ['Hạn từ ngày', f.dueFrom && vnDate(f.dueFrom)],
    ['Hạn đến ngày', f.dueTo && vnDate(f.dueTo)],
    ['Gắn sao', f.starred === undefined ? undefined : f.starred ? 'có' : 'không'],
    ['Chưa cập nhật', f.notUpdated ? `quá ${f.staleAfterDays} ngày` : undefined],
    ['Có đề nghị gia hạn chờ quyết định', f.pendingExtension ? 'có' : undefined],
    ['Báo cáo hoàn thành bị trả lại, chưa gửi lại', f.returned === undefined ? undefined : f.returned ? 'có' : 'không'],
    ['Tìm', f.q ? `"${f.q}"` : undefined],
    ['Văn bản', f.documentId === 'none' ? 'không thuộc văn bản nào' : f.documentId ? `#${f.documentId}` : undefined],
    ['Loại cơ quan', f.agencyKind && agencyKindsText(f.agencyKind)],
    ['Chỉ nhiệm vụ tính trong báo cáo', f.counted ? 'có' : undefined],
    ['Giao từ ngày', f.assignedFrom && vnDate(f.assignedFrom)],
    ['Giao đến ngày', f.assignedTo && vnDate(f.assignedTo)],
    ['Tháng giao', f.assignedMonth && `${f.assignedMonth.slice(5)}/${f.assignedMonth.slice(0, 4)}`],
    ['Số ngày quá hạn từ', f.overdueMin?.toString()],
    ['Số ngày quá hạn đến', f.overdueMax?.toString()],
    ['Có đề nghị gia hạn', f.extensionRequested === undefined ? undefined : f.extensionRequested ? 'có' : 'không'],
    ['Được gia hạn', f.extensionGranted === undefined ? undefined : f.extensionGranted ? 'có' : 'không'],
    ['Tính theo', f.against === 'original' ? 'thời hạn ban đầu' : undefined],
  ];
  const text = parts.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`);
  return text.length ? `Bộ lọc: ${text.join('; ')}` : 'Bộ lọc: tất cả nhiệm vụ';
}

/**
 * Writes the filtered list to `out` as .xlsx. `onRows(n)` follows the progress. Returns the number of rows.
 */
export async function writeTasksXlsx(
  deps: WithCaches,
  ex: Executor,
  actor: Actor,
  f: ExportFilter,
  out: Writable,
  onRows?: (n: number) => Promise<void>,
): Promise<number> {
  const batches = async function* () {
    for await (const { rows, m } of listTaskBatches(deps, ex, actor, f, 500)) {
      // The rows are the batch's own: the days overdue are added to each, not copied into new objects.
      for (const r of rows as ExportRow[]) {
        const counted = m.against === 'original' ? r.original_due : r.current_due;
        r.overdueDays =
          r.timeliness && counted
            ? classify({ deadlineKind: 'fixed', dueDate: counted, completedOn: r.completed_on, asOf: m.asOf })
                .overdueDays || null
            : null;
      }
      yield rows as ExportRow[];
    }
  };
  return writeSheet(
    out,
    {
      sheetName: 'Danh sách nhiệm vụ',
      title: 'DANH SÁCH NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO',
      lines: [await describeFilter(deps, ex, f), `Số liệu tính đến ngày ${vnDate(f.asOf)}`],
      columns: TASK_COLUMNS,
    },
    readAhead(batches()),
    onRows,
  );
}

/**
 * Asks for the next batch as soon as one is handed on: the database reads it while the writer writes the
 * one before (two processes, two cores). One batch ahead at most; when the writer stops (a download
 * abandoned), the read under way is let finish and the source is closed.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  // Handled here so that a read failing while the writer is busy is not an unhandled rejection: it is
  // thrown when the writer asks for that batch.
  next.catch(() => undefined);
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    await next.catch(() => undefined);
    await it.return?.(undefined);
  }
}

/** The file name of a task list export. */
export const tasksFileName = (asOf: string) => `Danh sách nhiệm vụ đến ngày ${vnDate(asOf).replaceAll('/', '-')}.xlsx`;
