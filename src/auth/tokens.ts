/** API tokens: each acts as the user who issued it, and ends with that user's password. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { apiTokens } from '../db/schema.js';

/** Ends every API token of a user (password changed or reset, account ended). */
export async function revokeTokensOf(tx: Executor, userId: number, now: Date): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}
