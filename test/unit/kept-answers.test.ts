/** The bounded stores of kept results: one computation shared by concurrent readers, failures not kept, a byte bound. */
import { describe, expect, it } from 'vitest';
import { KeptAnswers } from '../../src/services/kept-answers.js';
import { VersionedCache } from '../../src/services/data-version.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('KeptAnswers', () => {
  it('computes once for readers asking at the same time, then answers from what it kept', async () => {
    const kept = new KeptAnswers(1 << 20);
    let runs = 0;
    const d = deferred<string>();
    const compute = () => {
      runs += 1;
      return d.promise;
    };
    const waiting = Array.from({ length: 16 }, () => kept.getOrCompute('k', compute));
    d.resolve('{"a":1}');
    expect(await Promise.all(waiting)).toEqual(Array(16).fill('{"a":1}'));
    expect(await kept.getOrCompute('k', compute)).toBe('{"a":1}');
    expect(runs).toBe(1);
  });

  it('keeps no failure: every waiter gets the error, the next reader computes again', async () => {
    const kept = new KeptAnswers(1 << 20);
    const d = deferred<string>();
    const a = kept.getOrCompute('k', () => d.promise);
    const b = kept.getOrCompute('k', () => Promise.resolve('never'));
    d.reject(new Error('busy'));
    await expect(a).rejects.toThrow('busy');
    await expect(b).rejects.toThrow('busy');
    expect(kept.size).toBe(0);
    expect(await kept.getOrCompute('k', async () => 'ok')).toBe('ok');
  });

  it('stays within its bytes: the least recently read leave first, an answer too large is not kept', async () => {
    // 2 bytes a character: room for 10 answers of 100 characters.
    const kept = new KeptAnswers(2_000);
    const body = (n: number) => String(n).padEnd(100, '.');
    for (let i = 0; i < 10; i++) await kept.getOrCompute(`k${i}`, async () => body(i));
    expect(kept.size).toBe(10);
    // k0 is read again: k1 is now the oldest and leaves when k10 comes.
    await kept.getOrCompute('k0', async () => 'recomputed');
    await kept.getOrCompute('k10', async () => body(10));
    expect(kept.size).toBe(10);
    expect(await kept.getOrCompute('k0', async () => 'recomputed')).toBe(body(0));
    expect(await kept.getOrCompute('k1', async () => 'recomputed')).toBe('recomputed');
    // Over a quarter of the room: sent, not kept.
    expect(await kept.getOrCompute('big', async () => 'x'.repeat(300))).toHaveLength(300);
    expect(await kept.getOrCompute('big', async () => 'again')).toBe('again');
  });
});

describe('KeptAnswers age', () => {
  it('computes again past its age, and when the clock goes back', async () => {
    let now = Date.parse('2026-03-02T09:00:00+07:00');
    const kept = new KeptAnswers(1 << 20, 300_000, () => new Date(now));
    expect(await kept.getOrCompute('k', async () => 'first')).toBe('first');
    now += 299_000;
    expect(await kept.getOrCompute('k', async () => 'second')).toBe('first');
    now += 2_000;
    expect(await kept.getOrCompute('k', async () => 'third')).toBe('third');
    now -= 60_000;
    expect(await kept.getOrCompute('k', async () => 'fourth')).toBe('fourth');
  });
});

describe('VersionedCache.getOrLoad', () => {
  it('loads once for concurrent readers and not at all once kept', async () => {
    const cache = new VersionedCache<number>(10);
    let loads = 0;
    const d = deferred<number>();
    const all = Array.from({ length: 16 }, () =>
      cache.getOrLoad('q', () => {
        loads += 1;
        return d.promise;
      }),
    );
    d.resolve(42);
    expect(await Promise.all(all)).toEqual(Array(16).fill(42));
    expect(await cache.getOrLoad('q', async () => 0)).toBe(42);
    expect(loads).toBe(1);
  });

  it('keeps no failed load', async () => {
    const cache = new VersionedCache<number>(10);
    await expect(cache.getOrLoad('q', () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(await cache.getOrLoad('q', async () => 7)).toBe(7);
  });
});
