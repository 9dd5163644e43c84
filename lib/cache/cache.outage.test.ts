import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../config/index.js';
import { registry } from '../metrics/index.js';
import { freePort } from '../testing/ports.js';
import { requireRedis } from '../testing/redis.js';
import { countingLoader } from './cache.fixture.js';
import { createCache, createRedisFromConfig, redisEnvShape, type RedisClient } from './index.js';
import { keysOf, RedisProcess, uniqueNamespace, whenReady } from './redis.fixture.js';

/**
 * Redis dies mid-test and comes back: our own redis-server child on a free port, never the
 * shared one. Requests must keep succeeding (public data from memory, upstream otherwise) and
 * the cache must reconnect and write again without anyone restarting it.
 */
let server: RedisProcess;
let client: RedisClient;
let checker: Redis;
const ns = uniqueNamespace('outage');
const publicScope = { scope: 'public' } as const;

async function cacheErrorCount(): Promise<number> {
  const metric = await registry.getSingleMetric('cache_errors_total')?.get();
  return (metric?.values ?? []).reduce((sum, sample) => sum + sample.value, 0);
}

beforeAll(async () => {
  server = new RedisProcess(await freePort());
  await server.start();
  checker = await requireRedis(server.url);
  const created = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: server.url }));
  if (created === null) throw new Error('expected a Redis client');
  client = created;
  await whenReady(client);
});

afterAll(async () => {
  client.disconnect();
  checker.disconnect();
  await server.stop();
});

describe('Redis outage', () => {
  it('falls open while Redis is down and uses it again once it is back', async () => {
    const cache = createCache({ namespace: ns, redis: client });
    const offers = countingLoader((call) => `offer v${call}`);
    const rights = countingLoader((call) => ({ balance: 100 * call }));
    const owner = { scope: { ownerId: 'worker-42' } };

    expect(await cache.fetch('offers', 'before', offers.load, publicScope)).toBe('offer v1');
    expect(await cache.fetch('personal', 'rights', rights.load, owner)).toEqual({ balance: 100 });
    expect(await keysOf(checker, ns)).toHaveLength(2);
    checker.disconnect();

    await server.stop();
    await vi.waitFor(() => expect(client.status).not.toBe('ready'), { timeout: 5_000 });
    const errorsBefore = await cacheErrorCount();

    // Public: what this process already had still serves; a new key goes upstream then to memory.
    expect(await cache.fetch('offers', 'before', offers.load, publicScope)).toBe('offer v1');
    expect(await cache.fetch('offers', 'during', offers.load, publicScope)).toBe('offer v2');
    expect(await cache.fetch('offers', 'during', offers.load, publicScope)).toBe('offer v2');
    expect(offers.calls).toBe(2);
    // Personal: never in memory, so every read goes to the upstream until Redis is back.
    expect(await cache.fetch('personal', 'rights', rights.load, owner)).toEqual({ balance: 200 });
    expect(await cache.fetch('personal', 'rights', rights.load, owner)).toEqual({ balance: 300 });
    expect(await cacheErrorCount()).toBeGreaterThan(errorsBefore);

    await server.start();
    await whenReady(client, 15_000);
    checker = await requireRedis(server.url);

    expect(await cache.fetch('offers', 'after', offers.load, publicScope)).toBe('offer v3');
    expect(await cache.fetch('personal', 'rights', rights.load, owner)).toEqual({ balance: 400 });
    expect(await cache.fetch('personal', 'rights', rights.load, owner)).toEqual({ balance: 400 });
    const keys = await keysOf(checker, ns);
    expect(keys).toContain(`cpa:v1:${ns}:offers:public:after`);
    expect(keys.some((key) => key.includes(':personal:private:'))).toBe(true);
  });
});
