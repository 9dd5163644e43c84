import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRedis } from '../testing/redis.js';
import { isCompressed } from './codec.js';
import { DEFAULT_KINDS } from './kinds.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import { createSealer } from './seal.js';
import { Tiers } from './tiers.js';
import { uniqueNamespace } from './redis.fixture.js';

/**
 * What each tier holds of a large public entry: Redis the brotli form (it crosses the network),
 * the in-process tier the uncompressed one (a hit is one JSON.parse, no decompression) — whether
 * the entry was written here or read from Redis after another process wrote it.
 */
let redis: Redis;
const prefix = `cpa:v1:${uniqueNamespace('tiers')}`;

beforeAll(async () => {
  redis = await requireRedis();
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const tiersWith = (memory: MemoryStore) =>
  new Tiers({ memory, redis: new RedisStore(redis), now: () => Date.now(), compressAboveBytes: 1024, sealer: createSealer('tiers-test-secret') });

const big = { rows: Array.from({ length: 300 }, (_, index) => ({ index, label: 'Conduite de travaux du BTP' })) };
const policy = DEFAULT_KINDS.catalogue;

describe('cache tiers: what each one keeps', () => {
  it('writes the compressed form to Redis and the plain form to the in-process tier', async () => {
    const memory = new MemoryStore();
    const key = `${prefix}:catalogue:public:written`;
    await tiersWith(memory).writeMany([{ key, value: big, policy }], true);
    const inRedis = await redis.getBuffer(key);
    const inMemory = await memory.get(key);
    expect(inRedis !== null && isCompressed(inRedis)).toBe(true);
    expect(Buffer.isBuffer(inMemory) && !isCompressed(inMemory)).toBe(true);
    expect(Buffer.isBuffer(inMemory) && inRedis !== null && inMemory.length).toBeGreaterThan(inRedis?.length ?? 0);
  });

  it('keeps the plain form in memory when the entry came from Redis, and reads it back intact', async () => {
    const key = `${prefix}:catalogue:public:shared`;
    await tiersWith(new MemoryStore()).writeMany([{ key, value: big, policy }], true);
    const otherMemory = new MemoryStore();
    const other = tiersWith(otherMemory);
    expect((await other.read(key, true, policy))?.value).toEqual(big);
    const remembered = await otherMemory.get(key);
    expect(Buffer.isBuffer(remembered) && !isCompressed(remembered)).toBe(true);
    await redis.del(key);
    expect((await other.read(key, true, policy))?.value).toEqual(big);
  });
});
