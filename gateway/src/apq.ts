import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { CACHE_DEFAULTS, cacheKeyPrefixFromEnv, MemoryStore, RedisStore, type MemoryStoreOptions, type RedisClient } from '../../lib/cache/index.js';
import { createLogger } from '../../lib/logging/index.js';

const log = createLogger('gateway.apq');

export interface ApqCacheOptions {
  /** The shared tier (every gateway replica sees a query registered on one); `null` = memory only. */
  redis: RedisClient | null;
  /** Used when Apollo passes no TTL (or `null`, "forever"): we never write a key without expiry. */
  ttlSeconds: number;
  /** Key owner, as in lib/cache: keys are `cpa:v1:<namespace>:apq:<sha256>`. */
  namespace?: string;
  /** First key segment; defaults to `CACHE_KEY_PREFIX` (`cpa`). */
  keyPrefix?: string;
  /** Bounds of the in-process tier; `false` turns it off. */
  memory?: MemoryStoreOptions | false;
  /**
   * Longest an entry stays in this process (never longer than its own TTL when set here). An
   * entry read from Redis is kept this long: reading its remaining TTL would cost a second round
   * trip on every hit, and a hash always names the same query, so serving it a few minutes past
   * its Redis expiry is harmless.
   */
  memoryTtlSeconds?: number;
  /** Largest document stored (bytes); larger ones still run but are never registered (issue #12: a 90 KB comment-padded document stored 24 h). */
  maxQueryBytes?: number;
}

export const APQ_DEFAULTS = {
  namespace: 'gateway',
  memory: { maxEntries: 5_000, maxBytes: 16 * 1024 * 1024 },
  memoryTtlSeconds: 300,
  maxQueryBytes: 8_192,
} as const;

export interface ApqCache extends KeyValueCache<string> {
  readonly mode: 'redis' | 'memory';
}

/**
 * Automatic persisted queries on lib/cache's stores: an L1 `MemoryStore` in front of Redis (when
 * configured). Apollo prefixes its keys with `apq:`. Every Redis failure falls open — a read
 * becomes a miss (the client then resends the full query), a write is dropped — so APQ never
 * fails a request because Redis is down.
 */
export function createApqCache(options: ApqCacheOptions): ApqCache {
  if (!(options.ttlSeconds > 0)) throw new RangeError(`ttlSeconds must be positive, got ${options.ttlSeconds}`);
  const prefix = `${options.keyPrefix ?? cacheKeyPrefixFromEnv()}:v${CACHE_DEFAULTS.version}:${options.namespace ?? APQ_DEFAULTS.namespace}:`;
  const memory = options.memory === false ? null : new MemoryStore({ ...APQ_DEFAULTS.memory, ...options.memory });
  const redis = options.redis === null ? null : new RedisStore(options.redis);
  const memoryTtl = (ttl: number) => Math.min(ttl, options.memoryTtlSeconds ?? APQ_DEFAULTS.memoryTtlSeconds);

  const fallOpen = async <T>(op: string, fallback: T, action: (store: RedisStore) => Promise<T>): Promise<T> => {
    if (redis === null) return fallback;
    try {
      return await action(redis);
    } catch (error) {
      log.debug({ op, err: error instanceof Error ? error.message : String(error) }, 'redis operation failed; APQ falls open');
      return fallback;
    }
  };

  return {
    mode: redis === null ? 'memory' : 'redis',
    async get(key) {
      const full = prefix + key;
      const local = await memory?.get(full);
      if (local !== undefined && local !== null) return local.toString();
      const shared = await fallOpen('get', null, async (store) => await store.get(full));
      if (shared === null) return undefined;
      const query = shared.toString('utf8');
      await memory?.set(full, query, memoryTtl(options.ttlSeconds));
      return query;
    },
    async set(key, value, setOptions?: KeyValueCacheSetOptions) {
      const requested = setOptions?.ttl;
      const ttl = requested === undefined || requested === null ? options.ttlSeconds : requested;
      if (!(ttl > 0)) return;
      // Apollo registers a document only after it parsed, validated and passed the cost limit; the size is ours.
      if (Buffer.byteLength(value) > (options.maxQueryBytes ?? APQ_DEFAULTS.maxQueryBytes)) return;
      const full = prefix + key;
      await memory?.set(full, value, memoryTtl(ttl));
      await fallOpen('set', undefined, async (store) => await store.set(full, value, ttl));
    },
    async delete(key) {
      const full = prefix + key;
      await memory?.del(full);
      await fallOpen('del', undefined, async (store) => await store.del(full));
    },
  };
}
