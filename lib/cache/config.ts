import { z } from 'zod';
import { ConfigError, DEV_CACHE_KEY_SECRET, nonNegativeInt, ownSecret, parseEnv, positiveInt, type EnvSource } from '../config/index.js';
import { DEFAULT_KINDS } from './kinds.js';

/**
 * Only for development: private keys are HMACs under this secret, so a deployment that keeps
 * it would let anyone who can read this file recognise a worker's keys. Refused in production.
 */
export { DEV_CACHE_KEY_SECRET };

const list = () => z.string().regex(/^[^,\s]+(,[^,\s]+)*$/, 'must be a comma-separated list of host:port').optional();

/** Redis variables; spread into a service's own `parseEnv` shape or parsed with `parseCacheConfig`. */
export const redisEnvShape = {
  /** Standalone Redis, `redis://[:password@]host:port[/db]` or `rediss://` for TLS. Unset: memory-only cache. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** Sentinel mode: `host:port,host:port`. Needs REDIS_SENTINEL_NAME. */
  REDIS_SENTINELS: list(),
  /** Name of the master the sentinels watch. */
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  /** Cluster mode: seed nodes `host:port,host:port`. */
  REDIS_CLUSTER_NODES: list(),
  /** Password for Sentinel/Cluster nodes (standalone takes it from REDIS_URL). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** A Redis command slower than this counts as a failure and the cache falls open. */
  REDIS_COMMAND_TIMEOUT_MS: positiveInt(50),
  REDIS_CONNECT_TIMEOUT_MS: positiveInt(1_000),
};

/**
 * `off` makes every `fetch`/`fetchMany` call its loader with no store read or write — the
 * benchmark's "cache off" column; never meant for production.
 */
export const cacheModeEnvShape = {
  CACHE_MODE: z.enum(['on', 'off']).default('on'),
};

/**
 * First segment of every cache key in Redis (`<prefix>:v1:<namespace>:…`). Deployments sharing one
 * Redis, and test stacks sharing the CI's, each take their own.
 */
export const cacheKeyPrefixEnvShape = {
  CACHE_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes, at most 40')
    .default('cpa'),
};

export function cacheKeyPrefixFromEnv(env?: EnvSource): string {
  return parseEnv(cacheKeyPrefixEnvShape, env).CACHE_KEY_PREFIX;
}

export type CacheMode = 'on' | 'off';

export const cacheEnvShape = {
  ...redisEnvShape,
  ...cacheModeEnvShape,
  ...cacheKeyPrefixEnvShape,
  NODE_ENV: z.string().optional(),
  /** HMAC secret for the owner segment of private keys (at least 32 characters). */
  CACHE_KEY_SECRET: z.string().min(32).optional(),
  CACHE_MEMORY_MAX_ENTRIES: positiveInt(10_000),
  CACHE_MEMORY_MAX_MB: positiveInt(64),
  /** A directory keeping each cache's in-process public entries across restarts, one file per namespace (lib/cache/snapshot.ts); unset: none. */
  CACHE_SNAPSHOT_DIR: z.string().min(1).optional(),
  /** How often that file is rewritten (it is also written at shutdown). */
  CACHE_SNAPSHOT_INTERVAL_SECONDS: positiveInt(300),
  /** Values whose JSON is larger than this are brotli-compressed. */
  CACHE_COMPRESS_MIN_BYTES: nonNegativeInt(1_024),
  CACHE_TTL_REFERENCE_SECONDS: positiveInt(DEFAULT_KINDS.reference.ttlSeconds),
  CACHE_TTL_CATALOGUE_SECONDS: positiveInt(DEFAULT_KINDS.catalogue.ttlSeconds),
  CACHE_TTL_OFFERS_SECONDS: positiveInt(DEFAULT_KINDS.offers.ttlSeconds),
  CACHE_TTL_PERSONAL_SECONDS: positiveInt(DEFAULT_KINDS.personal.ttlSeconds),
};

export type RedisSettings = z.infer<z.ZodObject<typeof redisEnvShape>>;
export type CacheSettings = z.infer<z.ZodObject<typeof cacheEnvShape>> & { CACHE_KEY_SECRET: string };

/** Which Redis topology the settings ask for; more than one is a configuration error. */
export function redisMode(settings: RedisSettings): 'none' | 'standalone' | 'sentinel' | 'cluster' {
  const chosen = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((name) => settings[name] !== undefined);
  if (chosen.length > 1) throw new ConfigError(chosen.join(' and '), 'are both set: choose one Redis topology');
  if (settings.REDIS_SENTINELS !== undefined && settings.REDIS_SENTINEL_NAME === undefined) {
    throw new ConfigError('REDIS_SENTINEL_NAME', 'is missing: required with REDIS_SENTINELS');
  }
  if (settings.REDIS_CLUSTER_NODES !== undefined) return 'cluster';
  if (settings.REDIS_SENTINELS !== undefined) return 'sentinel';
  return settings.REDIS_URL === undefined ? 'none' : 'standalone';
}

/** Parses the cache variables once at start-up; fails fast, naming the variable. */
export function parseCacheConfig(env?: EnvSource): CacheSettings {
  const parsed = parseEnv(cacheEnvShape, env);
  redisMode(parsed);
  return { ...parsed, CACHE_KEY_SECRET: ownSecret({ NODE_ENV: parsed.NODE_ENV }, 'CACHE_KEY_SECRET', parsed.CACHE_KEY_SECRET, DEV_CACHE_KEY_SECRET) };
}

/**
 * CACHE_MODE alone, for `createCache` callers that do not pass `mode` (subgraphs that build their
 * cache from `kindsFromConfig` rather than `cacheOptionsFromConfig` still honour the switch).
 */
export function cacheModeFromEnv(env?: EnvSource): CacheMode {
  return parseEnv(cacheModeEnvShape, env).CACHE_MODE;
}

/** The default kind table with the TTLs from the environment (graces stay as designed). */
export function kindsFromConfig(settings: CacheSettings) {
  return {
    reference: { ...DEFAULT_KINDS.reference, ttlSeconds: settings.CACHE_TTL_REFERENCE_SECONDS },
    catalogue: { ...DEFAULT_KINDS.catalogue, ttlSeconds: settings.CACHE_TTL_CATALOGUE_SECONDS },
    offers: { ...DEFAULT_KINDS.offers, ttlSeconds: settings.CACHE_TTL_OFFERS_SECONDS },
    personal: { ...DEFAULT_KINDS.personal, ttlSeconds: settings.CACHE_TTL_PERSONAL_SECONDS },
  } as const;
}
