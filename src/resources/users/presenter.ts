/** What the API shows of a user account: an explicit list of fields (never the password hash). */
import { z } from 'zod';
import { type users } from '../../db/schema.js';
import { referenceActions } from '../../policies/index.js';
import { ROLES, type Actor } from '../../domain/actor.js';
import { iso } from '../../http/types.js';

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  agencyId: z.number(),
  isActive: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
  actions: z.array(z.string()),
});
export const presentUser = (u: typeof users.$inferSelect, actor: Actor) => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  title: u.title,
  email: u.email,
  phone: u.phone,
  role: u.role,
  agencyId: u.agencyId,
  isActive: u.isActive,
  lockedUntil: iso(u.lockedUntil),
  lastLoginAt: iso(u.lastLoginAt),
  version: u.version,
  actions: referenceActions(actor, 'user'),
});
