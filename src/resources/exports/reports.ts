/**
 * A report of the engine (reports/engine.ts) as Excel (the table, its totals and the definitions of the
 * columns) and as the periodic Word report laid out by nd30.ts: monthly, quarterly, six-monthly or yearly,
 * with a summary generated from the figures (totals, rates, the groups with the most overdue tasks).
 * Both only present the `Report`: every figure comes from the engine.
 */
import type { Writable } from 'node:stream';
import { z } from 'zod';
import {
  MAX_YEAR,
  MIN_YEAR,
  PERIOD_KINDS,
  PERIODS_PER_YEAR,
  periodInSentence,
  periodOf,
  type Period,
  type PeriodKind,
} from '../../domain/periods.js';
import { badRequest, type Lang } from '../../errors.js';
import { definitionsOf } from '../reports/definitions.js';
import type { Settings } from '../../services/settings.js';
import { reportParamsOf, reportQuery } from '../reports/schemas.js';
import type { Report, ReportDimension, ReportFigures, ReportParams, ReportRow } from '../reports/types.js';
import { bodyParagraph, dataTable, nd30Buffer, type DataColumn } from './nd30.js';
import { vnDate, writeSheet, type XlsxColumn } from './xlsx.js';
import { compareVietnamese } from '../../domain/text.js';
import type { Executor } from '../../db/client.js';
import type { WithCaches } from '../../services/caches.js';
import { referenceNames } from '../../services/reference-cache.js';
import type { Actor } from '../../domain/actor.js';
import { scopeAsReportCells } from '../../policies/index.js';
import { agencyKindsText } from './tasks.js';

/** The report's own query, and for the Word report the period it covers. */
export const reportDocxQuery = reportQuery
  .extend({
    period: z
      .enum(PERIOD_KINDS)
      .optional()
      .describe('Kỳ báo cáo: month (tháng), quarter (quý), half (6 tháng), year (năm)'),
    year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional().describe('Năm của kỳ báo cáo'),
    number: z.coerce.number().int().min(1).max(12).optional().describe('Tháng (1–12), quý (1–4) hoặc 6 tháng (1–2)'),
  })
  .strict();
export type ReportDocxQuery = z.output<typeof reportDocxQuery>;

/** The period asked for (domain/periods.ts); 400 naming the field when the number does not fit the kind. */
export function periodAsked(kind: PeriodKind, year: number | undefined, n: number | undefined, today: string): Period {
  const p = periodOf(kind, year ?? Number(today.slice(0, 4)), kind === 'year' ? 1 : (n ?? 0));
  if (!p)
    throw badRequest(
      `Hãy chọn ${kind === 'month' ? 'tháng (1–12)' : kind === 'quarter' ? 'quý (1–4)' : '6 tháng đầu (1) hoặc cuối năm (2)'} của kỳ báo cáo.`,
      `Give the ${kind} of the report (1–${PERIODS_PER_YEAR[kind]}).`,
      'number',
    );
  return p;
}

/** The Word report's parameters: the period sets from/to and, unless given, the cut-off (its end, or today). */
export function docxParamsOf(
  by: ReportDimension,
  q: ReportDocxQuery,
  today: string,
): { params: ReportParams; period: Period | null } {
  const { period: kind, year, number, ...rest } = q;
  if (!kind) return { params: reportParamsOf(by, rest, today), period: null };
  if (rest.from || rest.to)
    throw badRequest(
      'Chọn kỳ báo cáo (period) hoặc khoảng từ ngày – đến ngày, không chọn cả hai.',
      'Give either the period or from/to, not both.',
      rest.from ? 'from' : 'to',
    );
  const period = periodAsked(kind, year, number, today);
  const asOf = rest.asOf ?? (period.to < today ? period.to : today);
  return { params: reportParamsOf(by, { ...rest, from: period.from, to: period.to, asOf }, today), period };
}

export const DIMENSION_TEXT: Record<ReportDimension, string> = {
  agency: 'Cơ quan',
  leader: 'Lãnh đạo giao',
  field: 'Lĩnh vực',
  specialist: 'Chuyên viên theo dõi',
  document: 'Văn bản',
  month: 'Tháng giao',
};
const BY_TEXT: Record<ReportDimension, string> = {
  agency: 'theo cơ quan',
  leader: 'theo lãnh đạo giao',
  field: 'theo lĩnh vực',
  specialist: 'theo chuyên viên theo dõi',
  document: 'theo văn bản',
  month: 'theo tháng giao',
};
// The same words as the interface and the settings page (web/src/i18n.tsx `grade`).
const GRADE_TEXT = { excellent: 'Xuất sắc', good: 'Tốt', fair: 'Đạt', poor: 'Chưa đạt' } as const;

const labelOf = (p: ReportParams, r: ReportRow) =>
  p.by === 'month' && typeof r.key === 'string' ? `${r.key.slice(5)}/${r.key.slice(0, 4)}` : r.label || 'Chưa xác định';

/** The parameters in words (title lines of both exports). */
export function describeParams(p: ReportParams): string {
  const parts = [
    p.from || p.to
      ? `Kỳ: ${p.from ? `từ ${vnDate(p.from)} ` : ''}${p.to ? `đến ${vnDate(p.to)}` : ''} (${p.periodBy === 'due' ? 'theo thời hạn' : 'theo ngày giao'})`
      : 'Kỳ: toàn bộ',
    p.against === 'original' ? 'tính theo thời hạn ban đầu' : 'tính theo thời hạn hiện hành',
    p.role === 'any' ? 'cơ quan chủ trì và phối hợp' : 'cơ quan chủ trì',
    ...(p.agencyKind?.length ? [`loại cơ quan: ${agencyKindsText(p.agencyKind)}`] : []),
    ...(p.agencyId ? [`một cơ quan (#${p.agencyId})`] : []),
    ...(p.leaderId ? [`một lãnh đạo (#${p.leaderId})`] : []),
  ];
  return parts.join('; ');
}

type Line = ReportRow & { n: number | null };
const fig =
  (k: keyof ReportFigures) =>
  (r: Line): number | null =>
    r[k] as number | null;

const COLUMNS = (by: ReportDimension, p: ReportParams): XlsxColumn<Line>[] => [
  { header: 'STT', width: 6, kind: 'int', value: (r) => r.n },
  { header: DIMENSION_TEXT[by], width: 36, kind: 'text', value: (r) => (r.n === null ? 'Tổng cộng' : labelOf(p, r)) },
  { header: 'Số nhiệm vụ giao', width: 11, kind: 'int', value: fig('assigned') },
  { header: 'Đã đến hạn', width: 11, kind: 'int', value: fig('fallenDue') },
  { header: 'Hoàn thành đúng hạn', width: 11, kind: 'int', value: fig('doneOnTime') },
  { header: 'Hoàn thành quá hạn', width: 11, kind: 'int', value: fig('doneLate') },
  { header: 'Đang thực hiện trong hạn', width: 11, kind: 'int', value: fig('inTime') },
  { header: 'Quá hạn chưa hoàn thành', width: 11, kind: 'int', value: fig('overdue') },
  { header: 'Quá hạn đến 30 ngày', width: 10, kind: 'int', value: fig('overdueUpTo30') },
  { header: 'Quá hạn 31–90 ngày', width: 10, kind: 'int', value: fig('overdue31To90') },
  { header: 'Quá hạn trên 90 ngày', width: 10, kind: 'int', value: fig('overdueOver90') },
  { header: 'Không thời hạn', width: 10, kind: 'int', value: fig('noDeadline') },
  { header: 'Thường xuyên', width: 10, kind: 'int', value: fig('routine') },
  { header: 'Đang mở', width: 10, kind: 'int', value: fig('open') },
  { header: 'Chưa cập nhật', width: 10, kind: 'int', value: fig('notUpdated') },
  { header: 'Tỷ lệ hoàn thành', width: 11, kind: 'percent', value: fig('completionRate') },
  { header: 'Tỷ lệ hoàn thành đúng hạn', width: 11, kind: 'percent', value: fig('onTimeRate') },
  { header: 'Tỷ lệ cập nhật', width: 11, kind: 'percent', value: fig('updateRate') },
  { header: 'Có đề nghị gia hạn', width: 10, kind: 'int', value: fig('extensionsRequested') },
  { header: 'Được gia hạn', width: 10, kind: 'int', value: fig('extensionsGranted') },
  { header: 'Số ngày quá hạn bình quân', width: 11, kind: 'number', value: fig('averageDaysOverdue') },
  { header: 'Xếp loại', width: 11, kind: 'text', value: (r) => (r.grade ? GRADE_TEXT[r.grade] : null) },
];

/** The column order of the definitions written under the table. */
const DEFINED: (keyof ReportFigures)[] = [
  'assigned',
  'fallenDue',
  'doneOnTime',
  'doneLate',
  'inTime',
  'overdue',
  'noDeadline',
  'routine',
  'open',
  'notUpdated',
  'completionRate',
  'onTimeRate',
  'updateRate',
  'averageDaysOverdue',
  'grade',
];

/**
 * The report's table as Excel. The sheet is a Vietnamese administrative table; the definitions under it are
 * in the language of the user who asked for it (`lang`).
 */
export async function writeReportXlsx(report: Report, out: Writable, lang: Lang = 'vi'): Promise<number> {
  const definitions = definitionsOf(lang);
  const p = report.params;
  const rows: Line[] = report.rows.map((r, i) => ({ ...r, n: i + 1 }));
  const totals: Line = { ...report.totals, key: null, label: 'Tổng cộng', n: null };
  return writeSheet(
    out,
    {
      sheetName: 'Báo cáo',
      title: `BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ${BY_TEXT[p.by].toUpperCase()}`,
      lines: [describeParams(p), `Số liệu tính đến ngày ${vnDate(p.asOf)}`],
      columns: COLUMNS(p.by, p),
      footer: totals,
      notes: [lang === 'en' ? 'Definitions:' : 'Giải thích:', ...DEFINED.map((k) => `- ${definitions[k]}`)],
    },
    (async function* () {
      yield rows;
    })(),
  );
}

/** "Báo cáo theo cơ quan, kỳ 01-01-2026 - 31-03-2026, đến ngày 14-04-2026.xlsx": two periods, two names. */
export function reportFileName(p: ReportParams, ext: 'xlsx' | 'docx'): string {
  const d = (x: string) => vnDate(x).replaceAll('/', '-');
  const span =
    p.from && p.to ? `kỳ ${d(p.from)} - ${d(p.to)}` : p.from ? `kỳ từ ${d(p.from)}` : p.to ? `kỳ đến ${d(p.to)}` : '';
  return span
    ? `Báo cáo ${BY_TEXT[p.by]}, ${span}, đến ngày ${d(p.asOf)}.${ext}`
    : `Báo cáo ${BY_TEXT[p.by]} đến ngày ${d(p.asOf)}.${ext}`;
}

// ---- the Word report --------------------------------------------------------------------------------------

/** 0.8249 → "82,49%" (the engine has already truncated to two decimals of a percentage). */
export const percentText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2).replace('.', ',')}%`);
const n = (x: number) => x.toLocaleString('vi-VN');

/** The summary of the figures, in sentences: totals, rates, the groups with the most overdue tasks. */
export function summaryOf(report: Report, span: string, scope: string | null = null): string[] {
  const t = report.totals;
  const p = report.params;
  // What the first figure counts: the tasks assigned in the period, or those whose deadline falls in it; for an
  // agency's own report, only the tasks it leads or coordinates.
  const byDue = p.periodBy === 'due' && Boolean(p.from || p.to);
  const to = scope ? ` cho ${scope} chủ trì hoặc phối hợp thực hiện` : '';
  const first = byDue
    ? `có ${n(t.assigned)} nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao${to} có thời hạn trong kỳ`
    : `UBND tỉnh, Chủ tịch UBND tỉnh đã giao${to} ${n(t.assigned)} nhiệm vụ`;
  const out = [
    `${span ? `Trong ${span}` : 'Tổng hợp'}, ${first}. ` +
      `Tính đến ngày ${vnDate(p.asOf)}, có ${n(t.fallenDue)} nhiệm vụ đã đến hạn; đã hoàn thành ${n(t.doneOnTime + t.doneLate)} ` +
      `nhiệm vụ (đúng hạn ${n(t.doneOnTime)}, quá hạn ${n(t.doneLate)}), đạt tỷ lệ hoàn thành ${percentText(t.completionRate)}, ` +
      `tỷ lệ hoàn thành đúng hạn ${percentText(t.onTimeRate)}; đang thực hiện trong hạn ${n(t.inTime)} nhiệm vụ; ` +
      `quá hạn chưa hoàn thành ${n(t.overdue)} nhiệm vụ (đến 30 ngày ${n(t.overdueUpTo30)}, từ 31 đến 90 ngày ${n(t.overdue31To90)}, ` +
      `trên 90 ngày ${n(t.overdueOver90)}). Ngoài ra có ${n(t.noDeadline)} nhiệm vụ không có thời hạn và ${n(t.routine)} nhiệm vụ thường xuyên.`,
  ];
  const worst = report.rows
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || compareVietnamese(a.label, b.label))
    .slice(0, 5);
  const what = p.by === 'agency' ? 'cơ quan' : DIMENSION_TEXT[p.by].toLowerCase();
  out.push(
    worst.length
      ? `${scope ? 'Trong các nhiệm vụ đó, ' : ''}${scope ? what : capitalise(what)} có nhiều nhiệm vụ quá hạn nhất: ${worst
          .map(
            (r) =>
              `${labelOf(p, r)} (${n(r.overdue)} nhiệm vụ${r.averageDaysOverdue !== null ? `, bình quân quá hạn ${r.averageDaysOverdue.toLocaleString('vi-VN')} ngày` : ''})`,
          )
          .join('; ')}.`
      : `Không có ${what} nào có nhiệm vụ quá hạn chưa hoàn thành.`,
  );
  if (t.extensionsRequested > 0)
    out.push(
      `Có ${n(t.extensionsRequested)} nhiệm vụ đã đề nghị gia hạn, trong đó ${n(t.extensionsGranted)} nhiệm vụ được chấp thuận gia hạn.`,
    );
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const DOC_COLUMNS = (by: ReportDimension): DataColumn[] => [
  { header: 'STT', width: 5, align: 'center' },
  { header: DIMENSION_TEXT[by], width: 26 },
  { header: 'Giao', width: 8, align: 'right' },
  { header: 'Đến hạn', width: 8, align: 'right' },
  { header: 'HT đúng hạn', width: 9, align: 'right' },
  { header: 'HT quá hạn', width: 9, align: 'right' },
  { header: 'Trong hạn', width: 9, align: 'right' },
  { header: 'Quá hạn', width: 8, align: 'right' },
  { header: 'Tỷ lệ đúng hạn', width: 11, align: 'right' },
];

const docRow = (f: ReportFigures) => [
  n(f.assigned),
  n(f.fallenDue),
  n(f.doneOnTime),
  n(f.doneLate),
  n(f.inTime),
  n(f.overdue),
  percentText(f.onTimeRate),
];

/**
 * The agency whose own tasks a user's report covers — an agency user's: those it leads or coordinates (the
 * policy's scope) — by name; null for the Office and the leaders, whose reports cover every task.
 */
export async function reportScopeOf(deps: WithCaches, ex: Executor, actor: Actor): Promise<string | null> {
  const within = scopeAsReportCells(actor)?.within ?? null;
  if (within === null) return null;
  return (await referenceNames(deps, ex)).agencies.get(within) ?? null;
}

export function reportDocx(
  report: Report,
  period: Period | null,
  s: Settings,
  today: string,
  scope: string | null = null,
): Promise<Buffer> {
  const p = report.params;
  const span = period
    ? periodInSentence(period)
    : p.from || p.to
      ? `kỳ ${p.from ? `từ ngày ${vnDate(p.from)} ` : ''}${p.to ? `đến ngày ${vnDate(p.to)}` : ''}`.trim()
      : '';
  const [authority, position] = (s.documentSigner || 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH').split('/').map((x) => x.trim());
  const body = [
    bodyParagraph('I. KẾT QUẢ THỰC HIỆN', { bold: true, indent: false }),
    ...summaryOf(report, span, scope).map((t) => bodyParagraph(t)),
    bodyParagraph(`Chi tiết ${BY_TEXT[p.by]} (${describeParams(p)}):`),
    dataTable(
      DOC_COLUMNS(p.by),
      report.rows.map((r, i) => [String(i + 1), labelOf(p, r), ...docRow(r)]),
      ['', 'Tổng cộng', ...docRow(report.totals)],
    ),
    bodyParagraph('II. NHIỆM VỤ THỜI GIAN TỚI', { bold: true, indent: false }),
    bodyParagraph(
      'Đề nghị các cơ quan, đơn vị tập trung thực hiện các nhiệm vụ còn quá hạn, đang thực hiện; báo cáo tiến độ đúng quy định; ' +
        'trường hợp không thể hoàn thành đúng hạn phải báo cáo rõ nguyên nhân và đề xuất gia hạn. Văn phòng UBND tỉnh tiếp tục ' +
        'theo dõi, đôn đốc và tổng hợp, báo cáo UBND tỉnh, Chủ tịch UBND tỉnh.',
    ),
  ];
  return nd30Buffer({
    issuingBody: s.issuingBody,
    symbol: 'Số:        /BC-UBND',
    place: s.issuingPlace,
    date: today,
    title: {
      name: 'BÁO CÁO',
      subject: [
        'Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao',
        `${span ? `${span}, ` : ''}tính đến ngày ${vnDate(p.asOf)}`,
        ...(scope ? [`(phạm vi: các nhiệm vụ ${scope} chủ trì hoặc phối hợp)`] : []),
      ],
    },
    body,
    signer: { authority: authority ?? 'TM. ỦY BAN NHÂN DÂN', position: position ?? 'CHỦ TỊCH' },
    recipients: ['Chủ tịch, các PCT UBND tỉnh;', 'Các sở, ban, ngành, UBND các xã, phường;', 'Lưu: VT, TH.'],
  });
}
