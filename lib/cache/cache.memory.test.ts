import { describe, expect, it } from 'vitest';
import { badInput, upstreamTimeout } from '../errors/index.js';
import { staleSources, withRequestId } from '../logging/index.js';
import { registry } from '../metrics/index.js';
import { sourcesSeen, withSourceLog } from '../provenance/sources.js';
import { countingLoader, failingUpstream, manualClock } from './cache.fixture.js';
import { createCache } from './index.js';

const publicScope = { scope: 'public' } as const;

describe('cache in memory (no REDIS_URL)', () => {
  it('misses, then hits, then reloads once the TTL has passed', async () => {
    const clock = manualClock();
    const cache = createCache({ namespace: 'mem-ttl', now: clock.now });
    const loader = countingLoader((call) => ({ version: call }));
    expect(cache.mode).toBe('memory');
    expect(await cache.fetch('offers', '123', loader.load, publicScope)).toEqual({ version: 1 });
    expect(await cache.fetch('offers', '123', loader.load, publicScope)).toEqual({ version: 1 });
    clock.advance(89);
    expect(await cache.fetch('offers', '123', loader.load, publicScope)).toEqual({ version: 1 });
    clock.advance(2);
    expect(await cache.fetch('offers', '123', loader.load, publicScope)).toEqual({ version: 2 });
    expect(loader.calls).toBe(2);
  });

  it('honours a per-call TTL', async () => {
    const clock = manualClock();
    const cache = createCache({ namespace: 'mem-ttl-override', now: clock.now });
    const loader = countingLoader((call) => call);
    await cache.fetch('reference', 'rome', loader.load, { scope: 'public', ttlSeconds: 5 });
    clock.advance(6);
    expect(await cache.fetch('reference', 'rome', loader.load, { scope: 'public', ttlSeconds: 5 })).toBe(2);
  });

  it('shares one loader call between 100 concurrent misses', async () => {
    const cache = createCache({ namespace: 'mem-flight' });
    const loader = countingLoader(() => 'value');
    loader.hold();
    const all = Promise.all(Array.from({ length: 100 }, () => cache.fetch('catalogue', 'hot', loader.load, publicScope)));
    await new Promise((resolve) => setImmediate(resolve));
    loader.release();
    expect(new Set(await all)).toEqual(new Set(['value']));
    expect(loader.calls).toBe(1);
  });

  it('serves a stale value within grace when the upstream fails, and flags it in every sharing request', async () => {
    const clock = manualClock();
    const cache = createCache({ namespace: 'mem-stale', now: clock.now });
    await cache.fetch('offers', 'o1', async () => ({ title: 'Boulanger' }), publicScope);
    clock.advance(91);
    const [first, second] = await Promise.all(
      ['r1', 'r2'].map((id) =>
        withRequestId(id, async () => {
          const value = await cache.fetch('offers', 'o1', failingUpstream, publicScope);
          return { value, stale: staleSources() };
        }),
      ),
    );
    expect(first).toEqual({ value: { title: 'Boulanger' }, stale: ['france-travail'] });
    expect(second).toEqual({ value: { title: 'Boulanger' }, stale: ['france-travail'] });
    const text = await registry.getSingleMetricAsString('cache_requests_total');
    expect(text).toMatch(/cache_requests_total\{kind="offers",result="stale"\} [1-9]/);
  });

  it('does not serve stale past the grace, nor for errors that are not the upstream failing', async () => {
    const clock = manualClock();
    const cache = createCache({ namespace: 'mem-stale-limits', now: clock.now });
    await cache.fetch('offers', 'o1', async () => 'old', publicScope);
    clock.advance(91);
    await expect(cache.fetch('offers', 'o1', async () => Promise.reject(badInput('id', 'bad id')), publicScope)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    clock.advance(600);
    await expect(cache.fetch('offers', 'o1', failingUpstream, publicScope)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('never caches a loader error', async () => {
    const cache = createCache({ namespace: 'mem-error' });
    let calls = 0;
    const loader = async () => {
      calls += 1;
      if (calls === 1) throw upstreamTimeout('carif-oref');
      return 'ok';
    };
    await expect(cache.fetch('catalogue', 'k', loader, publicScope)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(await cache.fetch('catalogue', 'k', loader, publicScope)).toBe('ok');
    expect(await cache.fetch('catalogue', 'k', loader, publicScope)).toBe('ok');
    expect(calls).toBe(2);
  });

  it('does not store undefined, but does store null (a known absence)', async () => {
    const cache = createCache({ namespace: 'mem-null' });
    const missing = countingLoader(() => undefined);
    const none = countingLoader(() => null);
    await cache.fetch('offers', 'u', missing.load, publicScope);
    await cache.fetch('offers', 'u', missing.load, publicScope);
    await cache.fetch('offers', 'n', none.load, publicScope);
    expect(await cache.fetch('offers', 'n', none.load, publicScope)).toBeNull();
    expect([missing.calls, none.calls]).toEqual([2, 1]);
  });

  it('never keeps personal data in memory: without Redis it is not cached at all', async () => {
    const cache = createCache({ namespace: 'mem-private' });
    const alice = countingLoader(() => ({ owner: 'alice', balance: 500 }));
    const bob = countingLoader(() => ({ owner: 'bob', balance: 1200 }));
    expect(await cache.fetch('personal', 'cpf-rights', alice.load, { scope: { ownerId: 'alice' } })).toEqual({ owner: 'alice', balance: 500 });
    expect(await cache.fetch('personal', 'cpf-rights', bob.load, { scope: { ownerId: 'bob' } })).toEqual({ owner: 'bob', balance: 1200 });
    expect(await cache.fetch('personal', 'cpf-rights', alice.load, { scope: { ownerId: 'alice' } })).toEqual({ owner: 'alice', balance: 500 });
    expect([alice.calls, bob.calls]).toEqual([2, 1]);
  });

  it('refuses personal kinds without an owner, in the types and at run time', async () => {
    const cache = createCache({ namespace: 'mem-types' });
    // @ts-expect-error a personal kind cannot be fetched with the public scope
    await expect(cache.fetch('personal', 'x', async () => 1, { scope: 'public' })).rejects.toThrow(/personal data/);
    // @ts-expect-error nor without a scope
    await expect(cache.fetch('personal', 'x', async () => 1, {})).rejects.toThrow(/needs a scope/);
    await expect(cache.fetch('personal', 'x', async () => 1, { scope: { ownerId: ' ' } })).rejects.toThrow(/ownerId/);
    // @ts-expect-error unknown kinds do not compile
    await expect(cache.fetch('nope', 'x', async () => 1, publicScope)).rejects.toThrow(/Unknown cache kind/);
  });

  it('accepts a custom kind table, personal flags included', async () => {
    const cache = createCache({
      namespace: 'mem-kinds',
      kinds: { occupation: { ttlSeconds: 3600, graceSeconds: 0 }, seeker: { ttlSeconds: 30, graceSeconds: 0, personal: true } },
    });
    expect(await cache.fetch('occupation', 'M1805', async () => 'dev', publicScope)).toBe('dev');
    expect(await cache.fetch('seeker', 'me', async () => 'me', { scope: { ownerId: 'w1' } })).toBe('me');
    // @ts-expect-error the custom personal kind needs an owner too
    await expect(cache.fetch('seeker', 'me', async () => 'me', publicScope)).rejects.toThrow(/personal data/);
  });

  it('rejects namespaces and kinds that could break the key layout', () => {
    expect(() => createCache({ namespace: 'a:b' })).toThrow(/namespace/);
    expect(() => createCache({ namespace: 'ok', kinds: { 'x:y': { ttlSeconds: 1, graceSeconds: 0 } } })).toThrow(/kind/);
  });

  it('reports the same fetch time on the miss that stored a value as on every later hit, however the clock moves between', async () => {
    let tick = Date.parse('2025-03-01T08:00:00Z');
    const cache = createCache({ namespace: 'mem-fetched-at', now: () => (tick += 1) });
    const fetchedAt = async () =>
      await withSourceLog(async () => {
        await cache.fetch('offers', 'o-ft', async () => ({ title: 'Boulanger' }), publicScope);
        return sourcesSeen().map((record) => record.fetchedAt);
      });
    const onMiss = await fetchedAt();
    const onHit = await fetchedAt();
    expect(onMiss).toHaveLength(1);
    expect(onHit).toEqual(onMiss);
  });
});
