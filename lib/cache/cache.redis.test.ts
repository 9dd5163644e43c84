import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../config/index.js';
import { badInput } from '../errors/index.js';
import { staleSources, withRequestId } from '../logging/index.js';
import { requireRedis, TEST_REDIS_URL } from '../testing/redis.js';
import { isCompressed } from './codec.js';
import { countingLoader, failingUpstream, manualClock } from './cache.fixture.js';
import { createCache, createRedisFromConfig, redisEnvShape, type CacheOptions, type DefaultKinds, type RedisClient } from './index.js';
import { dropNamespace, keysOf, uniqueNamespace, whenReady } from './redis.fixture.js';

let checker: Redis;
const clients: RedisClient[] = [];
const namespaces: string[] = [];
const publicScope = { scope: 'public' } as const;

/** A client built the way services build theirs, with a roomier timeout so a busy CI box does not flake. */
async function cacheClient(): Promise<RedisClient> {
  const client = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: TEST_REDIS_URL, REDIS_COMMAND_TIMEOUT_MS: '1000' }));
  if (client === null) throw new Error('expected a Redis client');
  clients.push(client);
  await whenReady(client);
  return client;
}

function namespace(label: string): string {
  const created = uniqueNamespace(label);
  namespaces.push(created);
  return created;
}

/** Two caches on one Redis with separate memories: two processes, as far as the cache can tell. */
async function twoProcesses(ns: string, options: Partial<CacheOptions<DefaultKinds>> = {}) {
  return [createCache({ namespace: ns, redis: await cacheClient(), ...options }), createCache({ namespace: ns, redis: await cacheClient(), ...options })] as const;
}

beforeAll(async () => {
  checker = await requireRedis();
});

afterAll(async () => {
  for (const ns of namespaces) await dropNamespace(checker, ns);
  for (const client of clients) client.disconnect();
  checker.disconnect();
});

describe('cache on Redis', () => {
  it('stores a miss with SET PX (TTL + grace) under a namespaced, versioned key; another process hits it', async () => {
    const ns = namespace('hit');
    const [a, b] = await twoProcesses(ns);
    const loader = countingLoader(() => ({ id: 'o1', title: 'Développeur' }));
    expect(await a.fetch('offers', 'o1', loader.load, publicScope)).toEqual({ id: 'o1', title: 'Développeur' });
    expect(await b.fetch('offers', 'o1', loader.load, publicScope)).toEqual({ id: 'o1', title: 'Développeur' });
    expect(loader.calls).toBe(1);
    const key = `cpa:v1:${ns}:offers:public:o1`;
    expect(await keysOf(checker, ns)).toEqual([key]);
    const pttl = await checker.pttl(key);
    expect(pttl).toBeGreaterThan(680_000);
    expect(pttl).toBeLessThanOrEqual(690_000);
  });

  it('compresses large values and reads them back intact', async () => {
    const ns = namespace('brotli');
    const [a, b] = await twoProcesses(ns);
    const big = Array.from({ length: 200 }, (_, index) => ({ id: index, label: 'Conduite de travaux du BTP', formacode: 22254 }));
    await a.fetch('catalogue', 'big', async () => big, publicScope);
    const raw = await checker.getBuffer(`cpa:v1:${ns}:catalogue:public:big`);
    expect(raw !== null && isCompressed(raw)).toBe(true);
    expect(raw?.length).toBeLessThan(JSON.stringify(big).length / 5);
    expect(await b.fetch('catalogue', 'big', failingUpstream, publicScope)).toEqual(big);
  });

  it('makes one upstream call for 100 concurrent misses spread over two processes, and leaves no lock behind', async () => {
    const ns = namespace('flight');
    const [a, b] = await twoProcesses(ns);
    const loader = countingLoader(() => 'shared');
    loader.hold();
    const all = Promise.all(Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? a : b).fetch('offers', 'hot', loader.load, publicScope)));
    setTimeout(() => loader.release(), 100);
    expect(new Set(await all)).toEqual(new Set(['shared']));
    expect(loader.calls).toBe(1);
    expect(await checker.exists(`cpa:v1:${ns}:offers:public:hot:lock`)).toBe(0);
  });

  it('lets a waiting process take over when the lock holder fails', async () => {
    const ns = namespace('takeover');
    const [a, b] = await twoProcesses(ns);
    const holder = countingLoader<string>(() => {
      throw badInput('id', 'boom');
    });
    holder.hold();
    const first = a.fetch('offers', 'k', holder.load, publicScope);
    await expect.poll(() => holder.calls).toBe(1);
    const second = b.fetch('offers', 'k', async () => 'from b', publicScope);
    holder.release();
    await expect(first).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await second).toBe('from b');
  });

  it('stops waiting for a stuck holder after the bounded wait and calls the upstream itself', async () => {
    const ns = namespace('bounded');
    const [a, b] = await twoProcesses(ns, { lock: { waitMs: 100, pollMs: 10 } });
    const stuck = countingLoader(() => 'late');
    stuck.hold();
    const first = a.fetch('offers', 'k', stuck.load, publicScope);
    await expect.poll(() => stuck.calls).toBe(1);
    expect(await b.fetch('offers', 'k', async () => 'own call', publicScope)).toBe('own call');
    stuck.release();
    expect(await first).toBe('late');
  });

  it('serves a stale Redis entry when the upstream fails, and flags it', async () => {
    const ns = namespace('stale');
    const clock = manualClock();
    const [a, b] = await twoProcesses(ns, { now: clock.now, memory: false });
    await a.fetch('offers', 'o1', async () => 'cached', publicScope);
    clock.advance(120);
    const result = await withRequestId('req-stale', async () => ({ value: await b.fetch('offers', 'o1', failingUpstream, publicScope), stale: staleSources() }));
    expect(result).toEqual({ value: 'cached', stale: ['france-travail'] });
  });

  it('keeps owners apart and never writes a raw owner id into a key', async () => {
    const ns = namespace('private');
    const [a, b] = await twoProcesses(ns);
    const alice = countingLoader(() => ({ balance: 500 }));
    const bob = countingLoader(() => ({ balance: 1200 }));
    const aliceScope = { scope: { ownerId: 'worker-ALICE-1987' } };
    const bobScope = { scope: { ownerId: 'worker-BOB-1990' } };
    expect(await a.fetch('personal', 'cpf-rights', alice.load, aliceScope)).toEqual({ balance: 500 });
    expect(await a.fetch('personal', 'cpf-rights', bob.load, bobScope)).toEqual({ balance: 1200 });
    expect(await b.fetch('personal', 'cpf-rights', failingUpstream, aliceScope)).toEqual({ balance: 500 });
    expect(await b.fetch('personal', 'cpf-rights', failingUpstream, bobScope)).toEqual({ balance: 1200 });
    expect([alice.calls, bob.calls]).toEqual([1, 1]);
    const keys = await keysOf(checker, ns);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^cpa:v1:${ns}:personal:private:[0-9a-f]{64}:cpf-rights$`));
      expect(key).not.toMatch(/ALICE|BOB|1987|1990/);
    }
    expect(await checker.ttl(keys[0] ?? '')).toBeLessThanOrEqual(45);
  });
});
