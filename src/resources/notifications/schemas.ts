/** The request inputs of /api/notifications. */
import { z } from 'zod';
import { idParam, qBool } from '../../http/validation.js';

export const listQuery = z
  .object({
    unread: qBool.optional(),
    before: idParam.optional().describe('Trang tiếp: id nhỏ nhất của trang trước'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const readBody = z
  .object({ ids: z.array(idParam).min(1).max(500).optional(), all: z.literal(true).optional() })
  .strict();
