/** The request bodies of /api/users. */
import { z } from 'zod';
import { ROLES } from '../../db/schema.js';
import { idParam, optionalText, text, version } from '../../http/validation.js';

export const newUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .max(60, { message: 'username' })
      .regex(/^[a-zA-Z0-9._-]{3,60}$/, { message: 'username' }),
    password: z.string().min(1).max(200),
    fullName: text(200),
    title: optionalText(200),
    email: z.email().max(254).nullish(),
    phone: optionalText(30),
    role: z.enum(ROLES),
    agencyId: idParam,
  })
  .strict();

export const userPatchBody = z
  .object({
    version,
    fullName: text(200).optional(),
    title: optionalText(200),
    email: z.email().max(254).nullish(),
    phone: optionalText(30),
    role: z.enum(ROLES).optional(),
    agencyId: idParam.optional(),
    isActive: z.boolean().optional(),
    unlock: z.boolean().optional(),
    newPassword: z.string().min(1).max(200).optional(),
  })
  .strict();

/** GET /users. */
export const userListQuery = z
  .object({
    role: z.enum(ROLES).optional(),
    agencyId: idParam.optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();

export type UserListQuery = z.infer<typeof userListQuery>;
