import { counter, gauge } from '../metrics/index.js';

/** One per lookup: a `fetch`, or each key of a `fetchMany` (callers joining a lookup in flight are not counted again). */
export const cacheRequests = counter({
  name: 'cache_requests_total',
  help: 'Cache lookups by kind and result (hit, miss, stale).',
  labelNames: ['kind', 'result'] as const,
});

export const cacheErrors = counter({
  name: 'cache_errors_total',
  help: 'Shared-tier (Redis) failures by operation; the cache fell open each time.',
  labelNames: ['op'] as const,
});

export type CacheResult = 'hit' | 'miss' | 'stale';
export type CacheOp = 'get' | 'mget' | 'set' | 'mset' | 'del' | 'lock' | 'unlock';

/** Entries of the in-process tier's snapshot file (lib/cache/snapshot.ts): restored at start, written last. */
export const snapshotEntries = gauge({
  name: 'cache_snapshot_entries',
  help: 'Public entries restored from the cache snapshot file at start, and written to it the last time.',
  labelNames: ['event'] as const,
});
