/** The request bodies of /api/fields. */
import { z } from 'zod';
import { optionalText, sortOrder, text, version } from '../../http/validation.js';

export const newFieldBody = z
  .object({
    code: z
      .string()
      .trim()
      .max(40, { message: 'field_code' })
      .regex(/^[A-Z0-9_-]{1,40}$/, { message: 'field_code' }),
    name: text(200),
    nameEn: optionalText(200),
    sortOrder: sortOrder.default(0),
  })
  .strict();

export const fieldPatchBody = z
  .object({
    version,
    name: text(200).optional(),
    nameEn: optionalText(200),
    sortOrder: sortOrder.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
