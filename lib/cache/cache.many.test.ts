import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../config/index.js';
import { badInput, upstreamUnavailable } from '../errors/index.js';
import { staleSources, withRequestId } from '../logging/index.js';
import { requireRedis, TEST_REDIS_URL } from '../testing/redis.js';
import { manualClock } from './cache.fixture.js';
import { createCache, createRedisFromConfig, redisEnvShape, type RedisClient } from './index.js';
import { dropNamespace, keysOf, uniqueNamespace, whenReady } from './redis.fixture.js';

let checker: Redis;
let client: RedisClient;
const namespaces: string[] = [];
const publicScope = { scope: 'public' } as const;

function namespace(label: string): string {
  const created = uniqueNamespace(label);
  namespaces.push(created);
  return created;
}

/** A batch loader over a fake upstream, recording the keys of every call. */
function batchUpstream(known: Record<string, string>) {
  const calls: string[][] = [];
  const load = async (missing: string[]) => {
    calls.push([...missing]);
    return new Map(missing.flatMap((key) => (known[key] === undefined ? [] : [[key, known[key]] as const])));
  };
  return { calls, load };
}

beforeAll(async () => {
  checker = await requireRedis();
  const created = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: TEST_REDIS_URL, REDIS_COMMAND_TIMEOUT_MS: '1000' }));
  if (created === null) throw new Error('expected a Redis client');
  client = created;
  await whenReady(client);
});

afterAll(async () => {
  for (const ns of namespaces) await dropNamespace(checker, ns);
  client.disconnect();
  checker.disconnect();
});

describe('cache.fetchMany', () => {
  it('calls the batch loader once, with the misses only, and stores what it returned', async () => {
    const ns = namespace('many');
    const cache = createCache({ namespace: ns, redis: client });
    await cache.fetch('reference', 'M1805', async () => 'Études et développement informatique', publicScope);
    const upstream = batchUpstream({ K2111: 'Formation professionnelle', F1703: 'Maçonnerie' });
    const result = await cache.fetchMany('reference', ['M1805', 'K2111', 'F1703', 'Z9999', 'K2111'], upstream.load, publicScope);
    expect(upstream.calls).toEqual([['K2111', 'F1703', 'Z9999']]);
    expect(Object.fromEntries(result)).toEqual({ M1805: 'Études et développement informatique', K2111: 'Formation professionnelle', F1703: 'Maçonnerie' });
    expect((await keysOf(checker, ns)).sort()).toEqual([`cpa:v1:${ns}:reference:public:F1703`, `cpa:v1:${ns}:reference:public:K2111`, `cpa:v1:${ns}:reference:public:M1805`]);
    const fresh = createCache({ namespace: ns, redis: client });
    await fresh.fetchMany('reference', ['K2111', 'F1703'], upstream.load, publicScope);
    expect(upstream.calls).toHaveLength(1);
  });

  it('shares keys between concurrent batches in one process', async () => {
    const cache = createCache({ namespace: namespace('many-join'), redis: client });
    const upstream = batchUpstream({ a: 'A', b: 'B', c: 'C' });
    const [first, second] = await Promise.all([cache.fetchMany('offers', ['a', 'b'], upstream.load, publicScope), cache.fetchMany('offers', ['b', 'c'], upstream.load, publicScope)]);
    expect(upstream.calls).toEqual([['a', 'b'], ['c']]);
    expect(Object.fromEntries(first)).toEqual({ a: 'A', b: 'B' });
    expect(Object.fromEntries(second)).toEqual({ b: 'B', c: 'C' });
  });

  it('on an upstream failure serves stale keys (flagged) and an Error for the others', async () => {
    const clock = manualClock();
    const cache = createCache({ namespace: namespace('many-stale'), redis: client, now: clock.now });
    await cache.fetchMany('offers', ['old'], async () => new Map([['old', 'kept']]), publicScope);
    clock.advance(120);
    const result = await withRequestId('req-many', async () => {
      const found = await cache.fetchMany('offers', ['old', 'new'], async () => Promise.reject(upstreamUnavailable('france-travail')), publicScope);
      return { found, stale: staleSources() };
    });
    expect(result.found.get('old')).toBe('kept');
    expect(result.found.get('new')).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.stale).toEqual(['france-travail']);
  });

  it('rejects when the batch loader fails for another reason, and caches nothing', async () => {
    const ns = namespace('many-bug');
    const cache = createCache({ namespace: ns, redis: client });
    await expect(cache.fetchMany('offers', ['x'], async () => Promise.reject(badInput('id', 'bad')), publicScope)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await keysOf(checker, ns)).toEqual([]);
  });

  it('keeps private batches per owner', async () => {
    const ns = namespace('many-private');
    const cache = createCache({ namespace: ns, redis: client });
    await cache.fetchMany('personal', ['rights'], async () => new Map([['rights', 'alice']]), { scope: { ownerId: 'alice-77' } });
    const bob = await cache.fetchMany('personal', ['rights'], async () => new Map([['rights', 'bob']]), { scope: { ownerId: 'bob-88' } });
    expect(bob.get('rights')).toBe('bob');
    expect((await keysOf(checker, ns)).join()).not.toMatch(/alice|bob/);
  });

  it('works the same without Redis', async () => {
    const cache = createCache({ namespace: 'many-memory' });
    const upstream = batchUpstream({ a: 'A', b: 'B' });
    await cache.fetchMany('offers', ['a', 'b'], upstream.load, publicScope);
    const again = await cache.fetchMany('offers', ['a', 'b'], upstream.load, publicScope);
    expect(Object.fromEntries(again)).toEqual({ a: 'A', b: 'B' });
    expect(upstream.calls).toHaveLength(1);
  });
});
