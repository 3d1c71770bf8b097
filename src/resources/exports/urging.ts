/**
 * The urging letter (văn bản đôn đốc) to one agency: its tasks (as lead agency) overdue as of D, and those
 * in time but due within 7 days of D — read with the task list's own filters (so the letter and the list
 * opened with the same filters show the same tasks), limited to what the requester may see.
 */
import type { Executor } from '../../db/client.js';
import { addDays, diffDays } from '../../domain/dates.js';
import { classify } from '../../domain/timeliness.js';
import type { Actor } from '../../domain/actor.js';
import { agencyNamesAsOf, momentOf } from '../../services/asof.js';
import type { WithCaches } from '../../services/caches.js';
import type { Settings } from '../../services/settings.js';
import { listTaskBatches, type TaskFilter, type TaskListRow } from '../tasks/list.js';
import { bodyParagraph, bodyRun, dataTable, nd30Buffer, type DataColumn } from './nd30.js';
import { vnDate } from './xlsx.js';

export const DUE_SOON_DAYS = 7;

export interface UrgingData {
  agencyName: string;
  asOf: string;
  overdue: TaskListRow[];
  dueSoon: TaskListRow[];
}

async function all(deps: WithCaches, ex: Executor, actor: Actor, f: Omit<TaskFilter, 'page' | 'pageSize'>) {
  const out: TaskListRow[] = [];
  for await (const b of listTaskBatches(deps, ex, actor, f, 500)) out.push(...b.rows);
  return out;
}

export async function urgingData(
  deps: WithCaches,
  ex: Executor,
  actor: Actor,
  agencyId: number,
  asOf: string,
  today: string,
  settings: Settings,
): Promise<UrgingData> {
  const base = {
    asOf,
    today,
    agencyId: [agencyId],
    agencyRole: 'lead' as const,
    staleAfterDays: settings.staleAfterDays,
    sort: 'due' as const,
  };
  const overdue = await all(deps, ex, actor, { ...base, timeliness: ['overdue'] });
  const dueSoon = await all(deps, ex, actor, {
    ...base,
    timeliness: ['in_progress_on_time'],
    dueFrom: asOf,
    dueTo: addDays(asOf, DUE_SOON_DAYS),
  });
  const names = await agencyNamesAsOf(deps, ex, momentOf(asOf, today), [agencyId]);
  return { agencyName: names.get(agencyId) ?? '', asOf, overdue, dueSoon };
}

const COLUMNS = (last: string): DataColumn[] => [
  { header: 'STT', width: 5, align: 'center' },
  { header: 'Mã nhiệm vụ', width: 12 },
  { header: 'Nội dung nhiệm vụ', width: 40 },
  { header: 'Văn bản giao', width: 14 },
  { header: 'Thời hạn', width: 12, align: 'center' },
  { header: last, width: 10, align: 'center' },
];

/** The deadline shown: as written, else the one counted. */
const deadlineOf = (r: TaskListRow) => r.current_deadline ?? r.current_due;

export function urgingLetter(d: UrgingData, s: Settings, today: string): Promise<Buffer> {
  const name = d.agencyName;
  const overdueRows = d.overdue.map((r, i) => [
    String(i + 1),
    r.code,
    r.content,
    r.document_number ?? '',
    deadlineOf(r) ? vnDate(deadlineOf(r)!) : '',
    r.current_due
      ? String(classify({ deadlineKind: 'fixed', dueDate: r.current_due, completedOn: null, asOf: d.asOf }).overdueDays)
      : '',
  ]);
  const soonRows = d.dueSoon.map((r, i) => [
    String(i + 1),
    r.code,
    r.content,
    r.document_number ?? '',
    deadlineOf(r) ? vnDate(deadlineOf(r)!) : '',
    r.current_due ? String(diffDays(d.asOf, r.current_due)) : '',
  ]);
  const body = [
    bodyParagraph(
      `Theo dõi trên Hệ thống theo dõi nhiệm vụ, tính đến ngày ${vnDate(d.asOf)}, ${name} còn ${d.overdue.length} nhiệm vụ ` +
        `do UBND tỉnh, Chủ tịch UBND tỉnh giao đã quá hạn nhưng chưa hoàn thành và ${d.dueSoon.length} nhiệm vụ ` +
        `sẽ đến hạn trong ${DUE_SOON_DAYS} ngày tới, cụ thể như sau:`,
    ),
    bodyParagraph(`1. Nhiệm vụ đã quá hạn (${d.overdue.length} nhiệm vụ)`, { bold: true }),
    ...(overdueRows.length
      ? [dataTable(COLUMNS('Số ngày quá hạn'), overdueRows)]
      : [bodyParagraph('Không có nhiệm vụ quá hạn.')]),
    bodyParagraph(`2. Nhiệm vụ sắp đến hạn (${d.dueSoon.length} nhiệm vụ)`, { bold: true }),
    ...(soonRows.length
      ? [dataTable(COLUMNS('Số ngày còn lại'), soonRows)]
      : [bodyParagraph(`Không có nhiệm vụ đến hạn trong ${DUE_SOON_DAYS} ngày tới.`)]),
    bodyParagraph([
      bodyRun(
        `Để bảo đảm tiến độ thực hiện các nhiệm vụ được giao, Ủy ban nhân dân tỉnh ` +
          `đề nghị ${name} khẩn trương tập trung chỉ đạo, hoàn thành các nhiệm vụ nêu trên; trường hợp không thể hoàn thành ` +
          `đúng thời hạn, báo cáo rõ nguyên nhân, khó khăn, vướng mắc và đề xuất gia hạn theo quy định, gửi về Văn phòng ` +
          `UBND tỉnh để tổng hợp, báo cáo Chủ tịch UBND tỉnh.`,
      ),
    ]),
  ];
  return nd30Buffer({
    issuingBody: s.issuingBody,
    symbol: 'Số:        /UBND-TH',
    place: s.issuingPlace,
    date: today,
    excerpt: `V/v đôn đốc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao`,
    to: [`${name}.`],
    body,
    signer: { authority: 'TL. CHỦ TỊCH', position: 'CHÁNH VĂN PHÒNG' },
    recipients: ['Như trên;', 'Chủ tịch, các PCT UBND tỉnh (để b/c);', 'Lưu: VT, TH.'],
  });
}

export const urgingFileName = (agencyName: string, asOf: string) =>
  `Đôn đốc ${agencyName} ${vnDate(asOf).replaceAll('/', '-')}.docx`;
