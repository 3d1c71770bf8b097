/**
 * The data version. Every write runs through a command that leaves at least one event in its transaction
 * (ADR 0006), so a figure computed under version v stays exact until the version moves; results kept
 * against it (today's report results, the list's totals) are reused only under the same v.
 *
 * The version is the last event's id together with the number of events among the last 1 000 ids. Ids are
 * taken before commit: a transaction still running may hold a smaller id than the last one committed. When
 * it commits, the last id may stay the same but the number of events in the window grows, so the version
 * moves all the same. (Only a transaction holding an id more than 1 000 events back, still open while a
 * thousand later events are committed, could slip through; a kept result would then be late until the
 * next write.)
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.js';
import { SingleFlight } from './single-flight.js';

const WINDOW = 1_000;

export async function dataVersion(ex: Executor): Promise<string> {
  const [r] = await rows<{ v: string }>(
    ex,
    sql`with last as (select coalesce(max(id), 0) as id from events)
        select last.id::text || ':' || (select count(*) from events e where e.id > last.id - ${WINDOW})::text as v
        from last`,
  );
  return r?.v ?? '0:0';
}

/**
 * A bounded map of results kept against a data version (oldest entries go first). `getOrLoad` shares one
 * load between concurrent readers of the same key (sixteen requests missing at once count once), and a
 * load that fails is not kept.
 */
export class VersionedCache<T> {
  private readonly map = new Map<string, T>();
  private readonly loading = new SingleFlight<T>();
  constructor(private readonly max: number) {}
  get(key: string): T | undefined {
    return this.map.get(key);
  }
  set(key: string, value: T): void {
    if (this.map.has(key)) this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  getOrLoad(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.map.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return this.loading.run(key, async () => {
      const value = await load();
      this.set(key, value);
      return value;
    });
  }
}
