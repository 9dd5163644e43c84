export { createCache, cacheOptionsFromConfig, CACHE_DEFAULTS, type Cache, type CacheOptions } from './cache.js';
export { DEFAULT_KINDS, type DefaultKinds, type FetchManyOptions, type FetchOptions, type KindPolicy, type KindTable, type ScopeFor } from './kinds.js';
export type { Scope } from './keys.js';
export { LOCK_DEFAULTS, type LockSettings } from './lock.js';
export type { CacheStore, StoreEntry } from './store.js';
export { MemoryStore, MEMORY_DEFAULTS, type MemoryEntry, type MemoryStoreOptions } from './memory-store.js';
export { createCacheSnapshot, type CacheSnapshot } from './snapshot.js';
export { RedisStore, type RedisClient } from './redis-store.js';
export { createRedisFromConfig } from './redis-connect.js';
export {
  cacheEnvShape,
  redisEnvShape,
  cacheModeEnvShape,
  cacheModeFromEnv,
  cacheKeyPrefixFromEnv,
  cacheKeyPrefixEnvShape,
  parseCacheConfig,
  kindsFromConfig,
  redisMode,
  DEV_CACHE_KEY_SECRET,
  type CacheMode,
  type CacheSettings,
  type RedisSettings,
} from './config.js';
