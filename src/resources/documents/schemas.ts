/** The request bodies of /api/documents. */
import { z } from 'zod';
import { DOC_SOURCES, DOC_TYPES, URGENCIES } from '../../db/schema.js';
import { idParam, isoDate, optionalText, qIds, text, version } from '../../http/validation.js';
import { CREATE_LIMITS } from '../../services/limits.js';
import { confirmPastDeadline, newTaskSchema } from '../tasks/schemas.js';

export const confirmDuplicate = z
  .boolean()
  .optional()
  .describe(
    'true: người dùng xác nhận đăng ký số, ký hiệu đã có trong năm (nếu không, trả lời 409 duplicate_document)',
  );

export const docBody = z
  .object({
    numberText: text(100).describe('Số, ký hiệu: 8164/UBND-VP, 19/2015/QĐ-UBND…'),
    docType: z.enum(DOC_TYPES).optional().describe('Loại văn bản; mặc định đoán từ ký hiệu'),
    issuedOn: isoDate(),
    signerId: idParam.nullish(),
    abstract: text(2000).describe('Trích yếu'),
    urgency: z.enum(URGENCIES).default('normal'),
    secret: z.boolean().default(false).describe('Văn bản mật: chỉ tham chiếu, không lưu tệp'),
    source: z.enum(DOC_SOURCES).default('manual'),
    externalId: optionalText(200).describe('Mã của văn bản trong hệ thống quản lý văn bản (khi đẩy qua API)'),
  })
  .strict();

/** POST /documents: a document with the tasks it carries. */
export const newDocumentBody = docBody
  .extend({
    tasks: z.array(newTaskSchema).max(CREATE_LIMITS.tasksPerRequest).default([]),
    confirmPastDeadline,
    confirmDuplicate,
  })
  .strict();

/** PATCH /documents/:id: any of the document's fields, with the version the user saw. */
export const updateDocumentBody = docBody.partial().extend({ version, confirmDuplicate }).strict();

/** DELETE /documents/{id}?version=: the version the user saw. */
export const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }).strict();

/** GET /documents. */
export const documentListQuery = z
  .object({
    q: z.string().trim().max(200).optional().describe('Tìm theo số ký hiệu, trích yếu (có hoặc không dấu)'),
    docType: z.enum(DOC_TYPES).optional(),
    signerId: qIds.optional(),
    issuedFrom: isoDate().optional(),
    issuedTo: isoDate().optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export type DocumentListQuery = z.infer<typeof documentListQuery>;
