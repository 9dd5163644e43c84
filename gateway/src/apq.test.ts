import { createHash } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisFromConfig, redisEnvShape, type RedisClient } from '../../lib/cache/index.js';
import { dropNamespace, uniqueNamespace, whenReady } from '../../lib/cache/redis.fixture.js';
import { parseEnv } from '../../lib/config/index.js';
import { freePort } from '../../lib/testing/ports.js';
import { requireRedis, TEST_REDIS_URL } from '../../lib/testing/redis.js';
import { createApqCache } from './apq.js';

const QUERY = '{ hello }';
const HASH = createHash('sha256').update(QUERY).digest('hex');

let checker: Redis;
let client: RedisClient;
const namespaces: string[] = [];

function namespace(label: string): string {
  const created = uniqueNamespace(label);
  namespaces.push(created);
  return created;
}

beforeAll(async () => {
  checker = await requireRedis();
  const created = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: TEST_REDIS_URL, REDIS_COMMAND_TIMEOUT_MS: '1000' }));
  if (created === null) throw new Error('expected a Redis client');
  client = created;
  await whenReady(client);
});

afterAll(async () => {
  for (const name of namespaces) await dropNamespace(checker, name);
  checker.disconnect();
  client.disconnect();
});

/** A bare Apollo Server with APQ on the given cache: what the gateway does, without the supergraph. */
async function apolloWith(cache: ReturnType<typeof createApqCache>, ttl = 60) {
  const server = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } }, persistedQueries: { cache, ttl } });
  await server.start();
  const run = async (query?: string) => {
    const response = await server.executeOperation({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } });
    return response.body.kind === 'single' ? response.body.singleResult : undefined;
  };
  return { server, run };
}

describe('APQ cache', () => {
  it('never registers a document larger than maxQueryBytes (issue #12: comment-padded documents)', async () => {
    const cache = createApqCache({ redis: null, ttlSeconds: 60, maxQueryBytes: 1_000 });
    const padded = `# ${'x'.repeat(90_000)}\n${QUERY}`;
    await cache.set('apq:padded', padded);
    expect(await cache.get('apq:padded')).toBeUndefined();
    await cache.set('apq:small', QUERY);
    expect(await cache.get('apq:small')).toBe(QUERY);
  });

  it('in memory: stores, reads, deletes, and says which mode it is in', async () => {
    const cache = createApqCache({ redis: null, ttlSeconds: 60 });
    expect(cache.mode).toBe('memory');
    expect(await cache.get('apq:abc')).toBeUndefined();
    await cache.set('apq:abc', QUERY);
    expect(await cache.get('apq:abc')).toBe(QUERY);
    await cache.delete('apq:abc');
    expect(await cache.get('apq:abc')).toBeUndefined();
    expect(() => createApqCache({ redis: null, ttlSeconds: 0 })).toThrow(/ttlSeconds/);
  });

  it('with Redis: namespaced key, TTL from Apollo (or the default when none), shared by another gateway process', async () => {
    const ns = namespace('apq');
    const first = createApqCache({ redis: client, ttlSeconds: 600, namespace: ns });
    expect(first.mode).toBe('redis');
    await first.set(`apq:${HASH}`, QUERY, { ttl: 120 });
    const key = `cpa:v1:${ns}:apq:${HASH}`;
    expect(await checker.get(key)).toBe(QUERY);
    const pttl = await checker.pttl(key);
    expect(pttl).toBeGreaterThan(110_000);
    expect(pttl).toBeLessThanOrEqual(120_000);
    await first.set('apq:forever', QUERY, { ttl: null });
    expect(await checker.pttl(`cpa:v1:${ns}:apq:forever`)).toBeGreaterThan(590_000);

    const replica = createApqCache({ redis: client, ttlSeconds: 600, namespace: ns });
    expect(await replica.get(`apq:${HASH}`)).toBe(QUERY);
    await replica.delete(`apq:${HASH}`);
    expect(await checker.exists(key)).toBe(0);
  });

  it('falls open when Redis does not answer: a read is a miss, a write is kept in memory only', async () => {
    const down = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: `redis://127.0.0.1:${await freePort()}` }));
    const cache = createApqCache({ redis: down, ttlSeconds: 60, namespace: namespace('apq-down') });
    expect(await cache.get('apq:missing')).toBeUndefined();
    await cache.set('apq:kept', QUERY);
    expect(await cache.get('apq:kept')).toBe(QUERY);
    down?.disconnect();
  });

  it('behind Apollo Server: unknown hash → PERSISTED_QUERY_NOT_FOUND, registered once, then served from the hash alone by a replica', async () => {
    const ns = namespace('apq-server');
    const gatewayA = await apolloWith(createApqCache({ redis: client, ttlSeconds: 600, namespace: ns }), 90);
    const gatewayB = await apolloWith(createApqCache({ redis: client, ttlSeconds: 600, namespace: ns }), 90);
    try {
      expect((await gatewayA.run())?.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await gatewayA.run(QUERY))?.data).toEqual({ hello: 'world' });
      // Apollo does not await its write: wait for the key rather than for a fixed time.
      for (let tries = 0; tries < 100 && (await checker.exists(`cpa:v1:${ns}:apq:${HASH}`)) === 0; tries += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(await checker.pttl(`cpa:v1:${ns}:apq:${HASH}`)).toBeGreaterThan(80_000);
      expect((await gatewayB.run())?.data).toEqual({ hello: 'world' });
    } finally {
      await gatewayA.server.stop();
      await gatewayB.server.stop();
    }
  });
});
