import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRedis } from '../testing/redis.js';
import { RedisStore } from './index.js';
import { dropNamespace, uniqueNamespace } from './redis.fixture.js';

let redis: Redis;
let store: RedisStore;
const namespace = uniqueNamespace('store');
const key = (name: string) => `cpa:v1:${namespace}:raw:public:${name}`;

beforeAll(async () => {
  redis = await requireRedis();
  store = new RedisStore(redis);
});

afterAll(async () => {
  await dropNamespace(redis, namespace);
  redis.disconnect();
});

describe('RedisStore', () => {
  it('sets value and expiry in one command (PTTL is set right after SET)', async () => {
    await store.set(key('a'), Buffer.from('hello'), 30);
    const pttl = await redis.pttl(key('a'));
    expect(pttl).toBeGreaterThan(29_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
    expect((await store.get(key('a')))?.toString()).toBe('hello');
  });

  it('writes many entries with their own TTLs through a pipeline, reads them with MGET in order', async () => {
    await store.mset([
      { key: key('m1'), value: 'one', ttlSeconds: 10 },
      { key: key('m2'), value: Buffer.from('two'), ttlSeconds: 20 },
    ]);
    const values = await store.mget([key('m2'), key('missing'), key('m1')]);
    expect(values.map((value) => value?.toString() ?? null)).toEqual(['two', null, 'one']);
    expect(await redis.ttl(key('m1'))).toBeGreaterThan(0);
    expect(await redis.ttl(key('m1'))).toBeLessThanOrEqual(10);
    expect(await redis.ttl(key('m2'))).toBeGreaterThan(10);
  });

  it('deletes', async () => {
    await store.set(key('d'), 'x', 10);
    await store.del(key('d'));
    expect(await store.get(key('d'))).toBeNull();
  });

  it('grants a lock to one holder only, and releases it only for the token that holds it', async () => {
    const lock = key('lock');
    const first = await store.tryLock(lock, 5_000);
    const second = await store.tryLock(lock, 5_000);
    expect(first.state).toBe('acquired');
    expect(second.state).toBe('busy');
    expect(await redis.pttl(lock)).toBeGreaterThan(0);
    await store.unlock(lock, 'not-the-token');
    expect(await redis.exists(lock)).toBe(1);
    if (first.state === 'acquired') await store.unlock(lock, first.token);
    expect(await redis.exists(lock)).toBe(0);
  });
});
