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
/** The transactions of commands under way: only they run their hooks. */
const commands = new WeakSet<Executor>();

/** Marks `tx` as a command's transaction (runCommand, when it opens it). */
export function openHooks(tx: Executor): void {
  commands.add(tx);
}

/**
 * Registers `hook` under `key` once per transaction; returns false when one is already registered. Outside a
 * command's transaction it throws: nothing would run the hook, and what it keeps would silently drift.
 */
export function beforeCommit(tx: Executor, key: string, hook: Hook): boolean {
  if (!commands.has(tx)) throw new Error(`"${key}" needs a command's transaction (runCommand)`);
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

/** Forgets the hooks of a transaction that ends (committed or not). */
export function dropBeforeCommit(tx: Executor): void {
  pending.delete(tx);
  commands.delete(tx);
}
