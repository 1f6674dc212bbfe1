import { describe, expect, it } from 'vitest';
import { SearchCache } from './search-cache.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('search cache', () => {
  const make = (generation: { value: string }, opts: Partial<{ ttlMs: number; maxEntries: number; checkEveryMs: number }> = {}) =>
    new SearchCache<number>({ ttlMs: 10_000, maxEntries: 100, checkEveryMs: 0, readGeneration: async () => generation.value, ...opts });

  it('answers a repeated question from memory and shares one computation between simultaneous ones', async () => {
    const cache = make({ value: '1' });
    let runs = 0;
    const compute = async () => {
      runs++;
      await sleep(10);
      return 42;
    };
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)])).toEqual([42, 42, 42]);
    expect(await cache.get('k', compute)).toBe(42);
    expect(runs).toBe(1);
  });

  it('forgets everything when the catalogue generation moves on', async () => {
    const generation = { value: '1' };
    const cache = make(generation);
    let n = 0;
    const compute = async () => ++n;
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('k', compute)).toBe(1);
    generation.value = '2';
    expect(await cache.get('k', compute)).toBe(2);
  });

  it('checks the generation at most once per interval', async () => {
    let reads = 0;
    const cache = new SearchCache<number>({ ttlMs: 10_000, maxEntries: 100, checkEveryMs: 60_000, readGeneration: async () => String(++reads) });
    for (let i = 0; i < 5; i++) await cache.get(`k${i}`, async () => i);
    expect(reads).toBe(1);
  });

  it('expires entries, keeps at most maxEntries and does not keep failures', async () => {
    const cache = make({ value: '1' }, { ttlMs: 20, maxEntries: 2 });
    let n = 0;
    const compute = async () => ++n;
    await cache.get('a', compute);
    await sleep(30);
    expect(await cache.get('a', compute)).toBe(2);
    await cache.get('b', compute);
    await cache.get('c', compute); // pushes out the oldest, "a"
    expect(await cache.get('a', compute)).toBe(5);
    await expect(cache.get('x', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('x', async () => 7)).toBe(7);
  });
});
