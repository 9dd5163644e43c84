import { join } from 'node:path';
import type { CacheMode, CacheSettings } from './config.js';
import { cacheKeyPrefixFromEnv, cacheModeFromEnv, DEV_CACHE_KEY_SECRET, kindsFromConfig } from './config.js';
import type { CacheContext } from './context.js';
import { checkedScope, policyFor } from './context.js';
import { fetchMany } from './fetch-many.js';
import { fetchOne } from './fetch-one.js';
import { SingleFlight } from './flight.js';
import { assertName, entryKey } from './keys.js';
import { DEFAULT_KINDS, type FetchManyOptions, type FetchOptions, type KindTable, type ScopeFor } from './kinds.js';
import { LOCK_DEFAULTS, type LockSettings } from './lock.js';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
import { createPassThrough } from './pass-through.js';
import { RedisStore, type RedisClient } from './redis-store.js';
import { createCacheSnapshot, type CacheSnapshot } from './snapshot.js';
import { createSealer } from './seal.js';
import { Tiers } from './tiers.js';

export interface CacheOptions<Kinds extends KindTable> {
  /** The owner of the keys, usually the subgraph: `france-travail`. */
  namespace: string;
  /** Operator named in `extensions.sources` for fetches without `staleSource`; defaults to the namespace. */
  operator?: string;
  /** First key segment; defaults to `CACHE_KEY_PREFIX` (`cpa`). */
  keyPrefix?: string;
  /** TTL and grace per kind of data; defaults to `DEFAULT_KINDS`. */
  kinds?: Kinds;
  /** Bump when the shape of cached values changes, so old entries are ignored rather than misread. */
  version?: number;
  /** The shared tier; `null`/absent means memory only (the default for `npm start`). */
  redis?: RedisClient | null;
  /** Bounds of the in-process tier for public data; `false` turns it off. */
  memory?: MemoryStoreOptions | false;
  /** HMAC secret for private keys. */
  secret?: string;
  compressAboveBytes?: number;
  lock?: Partial<LockSettings>;
  /** Clock in ms; injectable so freshness can be tested without waiting. */
  now?: () => number;
  /** `off`: every fetch calls its loader, nothing is stored (benchmarks). Defaults to CACHE_MODE, else `on`. */
  mode?: CacheMode;
  /** A directory for the in-process tier's public entries across restarts, as `<namespace>.cache.json.gz` (lib/cache/snapshot.ts); none by default. */
  snapshotDir?: string;
}

export interface Cache<Kinds extends KindTable> {
  /** `'redis'` when a shared tier is configured (it may still be down), `'off'` when CACHE_MODE=off, else `'memory'`. */
  readonly mode: 'redis' | 'memory' | 'off';
  fetch<K extends keyof Kinds & string, T>(kind: K, key: string, loader: () => Promise<T>, options: FetchOptions<Kinds[K]>): Promise<T>;
  fetchMany<K extends keyof Kinds & string, T>(
    kind: K,
    keys: readonly string[],
    batchLoader: (missingKeys: string[]) => Promise<ReadonlyMap<string, T>>,
    options: FetchManyOptions<Kinds[K]>,
  ): Promise<Map<string, T | Error>>;
  /** Drops an entry from Redis and from this process's memory (other processes' memory keeps it until its TTL). */
  invalidate<K extends keyof Kinds & string>(kind: K, key: string, options: { scope: ScopeFor<Kinds[K]> }): Promise<void>;
  /** The in-process tier on disk, when `snapshotDir` was given (and there is such a tier). */
  readonly snapshot: CacheSnapshot | null;
}

export const CACHE_DEFAULTS = { version: 1, compressAboveBytes: 1_024 } as const;

export function createCache<const Kinds extends KindTable = typeof DEFAULT_KINDS>(options: CacheOptions<Kinds>): Cache<Kinds> {
  assertName('namespace', options.namespace);
  const kinds: KindTable = options.kinds ?? DEFAULT_KINDS;
  for (const kind of Object.keys(kinds)) assertName('kind', kind);
  if ((options.mode ?? cacheModeFromEnv()) === 'off') return createPassThrough<Kinds>(kinds);
  const now = options.now ?? Date.now;
  const redis = options.redis ?? null;
  const secret = options.secret ?? DEV_CACHE_KEY_SECRET;
  const memory = options.memory === false ? null : new MemoryStore({ ...options.memory, now });
  const context: CacheContext = {
    prefix: `${options.keyPrefix ?? cacheKeyPrefixFromEnv()}:v${options.version ?? CACHE_DEFAULTS.version}:${options.namespace}`,
    source: options.operator ?? options.namespace,
    now,
    secret,
    kinds,
    tiers: new Tiers({
      memory,
      redis: redis === null ? null : new RedisStore(redis),
      now,
      compressAboveBytes: options.compressAboveBytes ?? CACHE_DEFAULTS.compressAboveBytes,
      sealer: createSealer(secret),
    }),
    flights: new SingleFlight(),
    batchFlights: new SingleFlight(),
    lock: { ...LOCK_DEFAULTS, ...options.lock },
  };

  return {
    mode: redis === null ? 'memory' : 'redis',
    snapshot: memory !== null && options.snapshotDir ? createCacheSnapshot({ store: memory, prefix: context.prefix, file: join(options.snapshotDir, `${options.namespace}.cache.json.gz`) }) : null,
    fetch: async (kind, key, loader, fetchOptions) =>
      await fetchOne(context, { kind, key, loader, scope: fetchOptions.scope, ttlSeconds: fetchOptions.ttlSeconds, staleSource: fetchOptions.staleSource }),
    fetchMany: async (kind, keys, batchLoader, fetchOptions) =>
      await fetchMany(context, { kind, keys, batchLoader, scope: fetchOptions.scope, ttlSeconds: fetchOptions.ttlSeconds, staleSource: fetchOptions.staleSource }),
    invalidate: async (kind, key, invalidateOptions) => {
      const scope = checkedScope(kind, policyFor(context, kind, undefined), invalidateOptions.scope);
      await context.tiers.delete(entryKey(context.prefix, kind, key, scope, context.secret));
    },
  };
}

/** The parts of `CacheOptions` that come from the environment, to spread into `createCache`. */
export function cacheOptionsFromConfig(settings: CacheSettings) {
  return {
    kinds: kindsFromConfig(settings),
    secret: settings.CACHE_KEY_SECRET,
    compressAboveBytes: settings.CACHE_COMPRESS_MIN_BYTES,
    memory: { maxEntries: settings.CACHE_MEMORY_MAX_ENTRIES, maxBytes: settings.CACHE_MEMORY_MAX_MB * 1024 * 1024 },
    mode: settings.CACHE_MODE,
    ...(settings.CACHE_SNAPSHOT_DIR ? { snapshotDir: settings.CACHE_SNAPSHOT_DIR } : {}),
  };
}
