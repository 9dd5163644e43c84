import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../config/index.js';
import { cacheOptionsFromConfig, createCache, createRedisFromConfig, DEV_CACHE_KEY_SECRET, parseCacheConfig, redisEnvShape } from './index.js';

const lazy = { lazyConnect: true } as const;

describe('cache configuration', () => {
  it('defaults to memory only, with the development secret', () => {
    const settings = parseCacheConfig({});
    expect(settings.REDIS_URL).toBeUndefined();
    expect(settings.REDIS_COMMAND_TIMEOUT_MS).toBe(50);
    expect(settings.CACHE_KEY_SECRET).toBe(DEV_CACHE_KEY_SECRET);
    expect(createRedisFromConfig(settings)).toBeNull();
    expect(createCache({ namespace: 'cfg', redis: createRedisFromConfig(settings), ...cacheOptionsFromConfig(settings) }).mode).toBe('memory');
  });

  it('takes TTLs and bounds from the environment', () => {
    const options = cacheOptionsFromConfig(parseCacheConfig({ CACHE_TTL_OFFERS_SECONDS: '120', CACHE_MEMORY_MAX_MB: '8' }));
    expect(options.kinds.offers).toEqual({ ttlSeconds: 120, graceSeconds: 600 });
    expect(options.kinds.personal.personal).toBe(true);
    expect(options.memory.maxBytes).toBe(8 * 1024 * 1024);
  });

  it('fails fast, naming the variable', () => {
    expect(() => parseCacheConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => parseCacheConfig({ REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'b:2' })).toThrow(/REDIS_URL and REDIS_CLUSTER_NODES/);
    expect(() => parseCacheConfig({ REDIS_SENTINELS: 'a:26379' })).toThrow(/REDIS_SENTINEL_NAME/);
    expect(() => parseCacheConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseCacheConfig({ NODE_ENV: 'production' })).toThrow(/CACHE_KEY_SECRET/);
    expect(() => parseCacheConfig({ CACHE_KEY_SECRET: 'short' })).toThrow(/CACHE_KEY_SECRET/);
  });

  it('builds a standalone, Sentinel or Cluster client with a short command timeout and no offline queue', () => {
    const standalone = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: 'redis://127.0.0.1:1/2' }), lazy);
    expect(standalone).toBeInstanceOf(Redis);
    expect((standalone as Redis).options).toMatchObject({ commandTimeout: 50, enableOfflineQueue: false, db: 2, port: 1 });
    standalone?.disconnect();

    const sentinel = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_SENTINELS: 's1:26379,s2:26380', REDIS_SENTINEL_NAME: 'cpa' }), lazy);
    expect((sentinel as Redis).options).toMatchObject({ name: 'cpa', sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }] });
    sentinel?.disconnect();

    const cluster = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_CLUSTER_NODES: 'n1:7000,n2:7001', REDIS_COMMAND_TIMEOUT_MS: '80' }), lazy);
    expect(cluster).toBeInstanceOf(Cluster);
    expect((cluster as Cluster).options).toMatchObject({ enableOfflineQueue: false, redisOptions: { commandTimeout: 80 } });
    cluster?.disconnect();
  });
});
