/**
 * Work a transaction must do just before it commits, registered by what it touched (e.g. the report summary's
 * net change for the tasks a command changed, resources/reports/counts.ts). `runCommand` runs the hooks of
 * its transaction after the command's own work, inside the transaction, in the order they were registered;
 * a hook may register no further hooks. Keyed by the transaction's executor, so code that only has `tx` can
 * register one.
 */
import type { Executor } from '../db/client.js';

type Hook = () => Promise<void>;

const pending = new WeakMap<Executor, Map<string, Hook>>();

/** Registers `hook` under `key` once per transaction; returns false when one is already registered. */
export function beforeCommit(tx: Executor, key: string, hook: Hook): boolean {
  let hooks = pending.get(tx);
  if (!hooks) pending.set(tx, (hooks = new Map()));
  if (hooks.has(key)) return false;
  hooks.set(key, hook);
  return true;
}

/** Runs (and forgets) the transaction's hooks. Called by `runCommand` before it commits. */
export async function runBeforeCommit(tx: Executor): Promise<void> {
  const hooks = pending.get(tx);
  if (!hooks) return;
  pending.delete(tx);
  for (const hook of hooks.values()) await hook();
}

/** Forgets the hooks of a transaction that will not commit. */
export function dropBeforeCommit(tx: Executor): void {
  pending.delete(tx);
}
