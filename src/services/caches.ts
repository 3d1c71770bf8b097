/**
 * The short-lived caches of one server process, hung on the app's dependencies (not module globals): the
 * settings and the names of the small reference tables, read on most requests. Each keeps its value for
 * a few seconds by the app's clock (so tests move past the lifetime), shares one load between concurrent
 * readers, and is dropped by a write in this process. Other servers see a change within the lifetime.
 *
 * A cache loads through the executor it is given; inside a transaction pass the transaction (or read
 * afresh): the database guard refuses the main handle there (db/guard.ts).
 */
import { VersionedCache } from './data-version.js';
import { KeptAnswers } from './kept-answers.js';
import type { ReferenceNames } from './reference-cache.js';
import type { Settings } from './settings.js';

export class TtlCache<T> {
  private entry: { at: number; value: Promise<T> } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  get(load: () => Promise<T>): Promise<T> {
    const t = this.now().getTime();
    if (!this.entry || t - this.entry.at > this.ttlMs || t < this.entry.at) {
      const value = load();
      const entry = { at: t, value };
      this.entry = entry;
      value.catch(() => {
        if (this.entry === entry) this.entry = undefined;
      });
    }
    return this.entry.value;
  }

  forget(): void {
    this.entry = undefined;
  }
}

export interface Caches {
  settings: TtlCache<Settings>;
  names: TtlCache<ReferenceNames>;
  /** Exact list totals per (query, scope, data version): paging through a list does not count again. */
  listTotals: VersionedCache<number>;
  /** Whole answers of the busiest read routes per (route, query, asker, language, day, data version). */
  answers: KeptAnswers;
}

export function createCaches(now: () => Date): Caches {
  return {
    settings: new TtlCache(5_000, now),
    names: new TtlCache(10_000, now),
    listTotals: new VersionedCache(5_000),
    answers: new KeptAnswers(32 * 1024 * 1024, 300_000, now),
  };
}

/** What the cached readers need of the dependencies. */
export interface WithCaches {
  caches: Caches;
}
