/** The request bodies of /api/documents. */
import { z } from 'zod';
import { DOC_SOURCES, DOC_TYPES, URGENCIES } from '../../db/schema.js';
import { idParam, isoDate, optionalText, text } from '../../http/validation.js';
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
