import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/services/caches.js';

/** The caches on the app's dependencies follow the app's clock: tests move it past their lifetime. */
describe('TtlCache', () => {
  const clock = (start: number) => {
    let t = start;
    return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
  };

  it('keeps a value for its lifetime by the given clock, then loads again', async () => {
    const c = clock(1_000_000);
    const cache = new TtlCache<number>(5_000, c.now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get(load)).toBe(1);
    c.advance(5_000);
    expect(await cache.get(load)).toBe(1); // exactly the lifetime: still fresh
    c.advance(1);
    expect(await cache.get(load)).toBe(2);
  });

  it('shares one load between concurrent readers', async () => {
    const cache = new TtlCache<number>(5_000, clock(0).now);
    let loads = 0;
    const load = () => new Promise<number>((ok) => setImmediate(() => ok(++loads)));
    expect(await Promise.all([cache.get(load), cache.get(load), cache.get(load)])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('loads again after forget, after a failed load, and when the clock went back', async () => {
    const c = clock(1_000_000);
    const cache = new TtlCache<number>(5_000, c.now);
    let loads = 0;
    expect(await cache.get(async () => ++loads)).toBe(1);
    cache.forget();
    expect(await cache.get(async () => ++loads)).toBe(2);
    cache.forget();
    await expect(cache.get(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get(async () => ++loads)).toBe(3);
    c.advance(-60_000);
    expect(await cache.get(async () => ++loads)).toBe(4);
  });
});
