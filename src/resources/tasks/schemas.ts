/** The zod schemas of /api/tasks shared by several endpoints (and by /documents and /stats). */
import { z } from 'zod';
import { DEADLINE_KINDS } from '../../db/schema.js';
import { recurrenceSchema } from '../../domain/recurrence.js';
import { TIMELINESS_CATEGORIES } from '../../domain/timeliness.js';
import { TASK_STATUSES } from '../../domain/workflow.js';
import { idParam, isoDate, qBool, qIds, text, version } from '../../http/validation.js';
import { CREATE_LIMITS } from '../../services/limits.js';
import { SORTS } from './list.js';
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
    leaderId: qIds.optional(),
    fieldId: qIds.optional(),
    specialistId: qIds.optional(),
    documentId: idParam.optional(),
    parentId: idParam.optional(),
    status: csvEnum(TASK_STATUSES).optional(),
    deadlineKind: csvEnum(DEADLINE_KINDS).optional(),
    dueFrom: isoDate().optional(),
    dueTo: isoDate().optional(),
    starred: qBool.optional(),
    notUpdated: qBool.optional(),
    pendingExtension: qBool.optional().describe('Chỉ nhiệm vụ có đề nghị gia hạn chờ quyết định'),
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
