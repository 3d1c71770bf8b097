/** The zod schemas of /api/tasks shared by several endpoints (and by /documents and /stats). */
import { z } from 'zod';
import { AGENCY_KINDS, DEADLINE_KINDS } from '../../db/schema.js';
import { recurrenceSchema } from '../../domain/recurrence.js';
import { TIMELINESS_CATEGORIES } from '../../domain/timeliness.js';
import { TASK_STATUSES } from '../../domain/workflow.js';
import { checkRange, cutOffOf, idParam, isoDate, qBool, qIds, text, version } from '../../http/validation.js';
import { CREATE_LIMITS } from '../../services/limits.js';
import { SORTS, type TaskFilter } from './list.js';
import { taskSummarySchema } from './presenter.js';

export const csvEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

/** A list of ids, or `none`: records without one. */
export const qIdsOrNone = z.union([z.literal('none'), qIds]);

export const newTaskSchema = z
  .object({
    content: text(4000).describe('Nội dung nhiệm vụ'),
    leadAgencyId: idParam.describe('Cơ quan chủ trì (đúng một)'),
    coordinatingAgencyIds: z
      .array(idParam)
      .max(CREATE_LIMITS.coordinatingPerTask)
      .default([])
      .describe('Các cơ quan phối hợp'),
    fieldId: idParam.nullish(),
    leaderId: idParam.nullish().describe('Lãnh đạo giao nhiệm vụ; mặc định là người ký văn bản'),
    specialistId: idParam.nullish().describe('Chuyên viên theo dõi'),
    deadlineKind: z
      .enum(DEADLINE_KINDS)
      .describe('fixed: có thời hạn; none: không thời hạn; recurring: định kỳ; routine: thường xuyên'),
    deadline: isoDate().nullish().describe('Thời hạn (YYYY-MM-DD), cho nhiệm vụ có thời hạn'),
    withinWorkingDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .nullish()
      .describe('Hoặc: trong N ngày làm việc kể từ ngày ban hành văn bản'),
    recurrence: recurrenceSchema.and(z.object({ until: isoDate().optional() })).nullish(),
    starred: z.boolean().optional(),
    assign: z.boolean().default(true).describe('false: lưu dự thảo, chưa giao'),
  })
  .strict();

export const listQuery = z
  .object({
    asOf: isoDate().optional().describe('Ngày chốt số liệu; mặc định hôm nay'),
    timeliness: csvEnum(TIMELINESS_CATEGORIES as unknown as readonly [string, ...string[]]).optional(),
    against: z.enum(['current', 'original']).optional(),
    agencyId: qIds.optional(),
    agencyRole: z.enum(['lead', 'coordinating', 'any']).optional(),
    agencyKind: csvEnum(AGENCY_KINDS)
      .optional()
      .describe('Loại cơ quan (department, district, commune, office…), theo vai trò agencyRole'),
    leaderId: qIdsOrNone.optional().describe('Lãnh đạo giao; none: chưa có'),
    fieldId: qIdsOrNone.optional().describe('Lĩnh vực; none: chưa có'),
    specialistId: qIdsOrNone.optional().describe('Chuyên viên theo dõi; none: chưa có'),
    documentId: z
      .union([z.literal('none'), idParam])
      .optional()
      .describe('Văn bản; none: không thuộc văn bản nào'),
    counted: qBool
      .optional()
      .describe(
        'true: chỉ nhiệm vụ được tính trong báo cáo (đã giao, chưa hủy/thu hồi, đã đến kỳ, không phải nhiệm vụ định kỳ gốc)',
      ),
    assignedFrom: isoDate().optional().describe('Ngày giao (kỳ định kỳ: ngày bắt đầu kỳ) từ ngày'),
    assignedTo: isoDate().optional().describe('Ngày giao đến ngày'),
    assignedMonth: z
      .string()
      .max(7)
      .regex(/^(199\d|20[0-4]\d)-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' })
      .optional()
      .describe('Tháng giao (YYYY-MM)'),
    overdueMin: z.coerce.number().int().min(0).max(100_000).optional().describe('Số ngày quá hạn từ'),
    overdueMax: z.coerce.number().int().min(0).max(100_000).optional().describe('Số ngày quá hạn đến'),
    extensionRequested: qBool.optional().describe('Có (true) / không có (false) đề nghị gia hạn đến ngày chốt'),
    extensionGranted: qBool
      .optional()
      .describe('Có (true) / không có (false) lần gia hạn được chấp thuận đến ngày chốt'),
    parentId: idParam.optional(),
    status: csvEnum(TASK_STATUSES).optional(),
    deadlineKind: csvEnum(DEADLINE_KINDS).optional(),
    dueFrom: isoDate().optional().describe('Hạn (theo against: hạn hiện hành hoặc hạn ban đầu) từ ngày'),
    dueTo: isoDate().optional(),
    starred: qBool.optional(),
    notUpdated: qBool.optional(),
    pendingExtension: qBool.optional().describe('Chỉ nhiệm vụ có đề nghị gia hạn chờ quyết định'),
    returned: qBool
      .optional()
      .describe(
        'true: đang mở, báo cáo hoàn thành gần nhất đã bị trả lại và chưa gửi lại (đến ngày chốt); false: các nhiệm vụ còn lại',
      ),
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Tìm trong nội dung, số ký hiệu và trích yếu văn bản (có hoặc không dấu), hoặc theo mã nhiệm vụ'),
    sort: z.enum(SORTS).default('due'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export type ListQuery = z.output<typeof listQuery>;

/** The list's filter from its query (the JSON list, the Excel export and its job read it the same way). */
export function taskFilterOf(q: ListQuery, today: string, staleAfterDays: number): TaskFilter {
  checkRange(q.dueFrom, q.dueTo, { from: 'dueFrom', to: 'dueTo', vi: ['Hạn từ ngày', 'hạn đến ngày'] });
  checkRange(q.assignedFrom, q.assignedTo, {
    from: 'assignedFrom',
    to: 'assignedTo',
    vi: ['Ngày giao từ ngày', 'ngày giao đến ngày'],
  });
  checkRange(q.overdueMin, q.overdueMax, {
    from: 'overdueMin',
    to: 'overdueMax',
    vi: ['Số ngày quá hạn từ', 'số ngày quá hạn đến'],
  });
  const asOf = cutOffOf(q.asOf, today);
  return { ...q, timeliness: q.timeliness as TaskFilter['timeliness'], asOf, today, staleAfterDays };
}

export const listResponse = z.object({
  items: z.array(taskSummarySchema),
  total: z.number().describe('Tổng số nhiệm vụ khớp bộ lọc (chính xác)'),
  page: z.number(),
  pageSize: z.number(),
  asOf: z.string(),
});

export const versionBody = z.object({ version }).strict();

/** Deadlines already past are recorded only when the request says the user confirmed them (ADR 0008). */
export const confirmPastDeadline = z
  .boolean()
  .optional()
  .describe('true: người dùng xác nhận ghi thời hạn đã qua (nếu không, trả lời 409 past_deadline)');
