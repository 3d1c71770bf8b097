/** The request bodies of /api/agencies. */
import { z } from 'zod';
import { AGENCY_KINDS } from '../../db/schema.js';
import { idParam, isoDate, sortOrder, text, version } from '../../http/validation.js';

export const agencyBody = z
  .object({
    code: z
      .string()
      .trim()
      .max(40, { message: 'agency_code' })
      .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, { message: 'agency_code' }),
    name: text(300),
    shortName: text(100),
    kind: z.enum(AGENCY_KINDS),
    parentId: idParam.nullish(),
    sortOrder: sortOrder.default(0),
    validFrom: isoDate(),
  })
  .strict();

/** PATCH /agencies/:id: any of the fields except code and start date, with the version the user saw. */
export const agencyPatchBody = agencyBody.omit({ code: true, validFrom: true }).partial().extend({ version }).strict();

/** GET /agencies. */
export const agencyListQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    kind: z.enum(AGENCY_KINDS).optional(),
    active: z.enum(['true', 'false', 'all']).default('all'),
  })
  .strict();

export type AgencyListQuery = z.infer<typeof agencyListQuery>;

/** POST /agencies/:id/merge. */
export const mergeBody = z
  .object({ version, successorId: idParam, endDate: isoDate().describe('Ngày cuối cùng cơ quan hoạt động') })
  .strict();
