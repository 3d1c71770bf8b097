/**
 * The data version: the id of the last event. Every write runs through a command that leaves at least one
 * event in its transaction (ADR 0006), so a figure computed while the version was v stays exact until the
 * version moves. Results kept against it (report results, list totals) are reused only under the same v.
 *
 * A transaction still running when the version is read may commit a smaller id later (ids are taken
 * before commit): `quiet` says none was running, and only then may a result computed now be kept.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';

export async function dataVersion(ex: Executor): Promise<{ v: string; quiet: boolean }> {
  const [r] = await rows<{ v: string | null; running: number }>(
    ex,
    sql`select (select max(id) from events)::text as v,
          (select count(*) from pg_snapshot_xip(pg_current_snapshot()))::int as running`,
  );
  return { v: r?.v ?? '0', quiet: Number(r?.running ?? 0) === 0 };
}

/** A bounded map of results kept against a data version (oldest entries go first). */
export class VersionedCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max: number) {}
  get(key: string): T | undefined {
    return this.map.get(key);
  }
  set(key: string, value: T): void {
    if (this.map.has(key)) this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}
