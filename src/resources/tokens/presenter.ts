/** What the API shows of an API token (never the token itself after creation). */
import { z } from 'zod';
import { type apiTokens } from '../../db/schema.js';
import { iso } from '../../http/types.js';

export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  userId: z.number(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const presentToken = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  userId: t.userId,
  createdAt: t.createdAt.toISOString(),
  expiresAt: iso(t.expiresAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});
