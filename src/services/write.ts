/**
 * What a command sees (`WriteCtx`: a command of a signed-in user, services/command.ts) and `diff` for the
 * before/after of its events. The HTTP adapter `write(req, fn)` is in http/write.ts.
 */
import type { CommandCtx, UserWho } from './command.js';

export type WriteCtx = CommandCtx<UserWho>;

/** The fields that differ between two versions of a record: what an event stores as before/after. */
export function diff(
  before: object,
  after: object,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const from = before as Record<string, unknown>;
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, y] of Object.entries(after)) {
    if (JSON.stringify(from[key]) !== JSON.stringify(y)) {
      b[key] = from[key];
      a[key] = y;
    }
  }
  return { before: b, after: a };
}
