import { describe, expect, it } from 'vitest';
import { badInput } from '../errors/index.js';
import { countingLoader, failingUpstream } from './cache.fixture.js';
import { cacheModeFromEnv, cacheOptionsFromConfig, createCache, parseCacheConfig } from './index.js';

const publicScope = { scope: 'public' } as const;

describe('cache with CACHE_MODE=off', () => {
  it('is read from the environment, defaults to on, and fails naming the variable', () => {
    expect(cacheModeFromEnv({})).toBe('on');
    expect(cacheModeFromEnv({ CACHE_MODE: 'off' })).toBe('off');
    expect(() => cacheModeFromEnv({ CACHE_MODE: 'maybe' })).toThrow(/CACHE_MODE/);
    expect(cacheOptionsFromConfig(parseCacheConfig({ CACHE_MODE: 'off' })).mode).toBe('off');
    expect(createCache({ namespace: 'off-env', ...cacheOptionsFromConfig(parseCacheConfig({ CACHE_MODE: 'off' })) }).mode).toBe('off');
  });

  it('calls the loader on every fetch, concurrent ones included', async () => {
    const cache = createCache({ namespace: 'off-fetch', mode: 'off' });
    const loader = countingLoader((call) => call);
    expect(await cache.fetch('offers', 'o1', loader.load, publicScope)).toBe(1);
    expect(await cache.fetch('offers', 'o1', loader.load, publicScope)).toBe(2);
    await Promise.all([1, 2, 3].map(() => cache.fetch('offers', 'o1', loader.load, publicScope)));
    expect(loader.calls).toBe(5);
  });

  it('calls the batch loader with every unique key, every time, and keeps the fetchMany contract', async () => {
    const cache = createCache({ namespace: 'off-many', mode: 'off' });
    const calls: string[][] = [];
    const load = async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.filter((key) => key !== 'gone').map((key) => [key, key.toUpperCase()] as const));
    };
    const first = await cache.fetchMany('catalogue', ['a', 'b', 'a', 'gone'], load, publicScope);
    expect(first).toEqual(new Map([['a', 'A'], ['b', 'B']]));
    await cache.fetchMany('catalogue', ['a'], load, publicScope);
    expect(calls).toEqual([['a', 'b', 'gone'], ['a']]);
    expect(await cache.fetchMany('catalogue', [], load, publicScope)).toEqual(new Map());
    expect(calls).toHaveLength(2);
  });

  it('turns an upstream failure into an Error per key and rethrows any other failure', async () => {
    const cache = createCache({ namespace: 'off-fail', mode: 'off' });
    const failed = await cache.fetchMany('offers', ['x', 'y'], failingUpstream, publicScope);
    expect([...failed.values()].every((value) => value instanceof Error)).toBe(true);
    await expect(
      cache.fetchMany('offers', ['x'], async () => {
        throw badInput('romeCode', 'bad');
      }, publicScope),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(cache.fetch('offers', 'x', failingUpstream, publicScope)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('still checks kinds and scopes, as with the cache on', async () => {
    const cache = createCache({ namespace: 'off-scope', mode: 'off' });
    const loader = async () => 1;
    await expect(cache.fetch('nope' as 'offers', 'k', loader, publicScope)).rejects.toThrow(/Unknown cache kind/);
    await expect(cache.fetch('personal', 'k', loader, publicScope as never)).rejects.toThrow(/personal data/);
    expect(await cache.fetch('personal', 'k', loader, { scope: { ownerId: 'W000001' } })).toBe(1);
  });
});
