import DataLoader from 'dataloader';
import { createLogger } from '../logging/index.js';
import { histogram } from '../metrics/index.js';
import { loaderSettings } from './config.js';

const log = createLogger('lib.loader');

const batchSize = histogram({
  name: 'loader_batch_size',
  help: 'Keys per batch function call, by loader.',
  labelNames: ['loader'] as const,
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
});

export interface LoaderOptions<K, C> {
  /** Largest batch handed to the batch function (match what the upstream accepts per call). */
  maxBatchSize?: number;
  /** Turns a key into the loader's cache key (needed for object keys). */
  cacheKeyFn?: (key: K) => C;
  /** `false`: one batch-function call per key (still deduplicated). Defaults to LOADER_BATCH, else `true`. */
  batch?: boolean;
}

/** Results in the keys' order, one per key, an `Error` for a key that failed. */
export type ArrayBatchFn<K, V> = (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>;
/** Results by key (looked up with `Map.get`, so use primitive keys); a missing key means `null`. */
export type MapBatchFn<K, V> = (keys: readonly K[]) => Promise<ReadonlyMap<K, V | Error | null>>;

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/**
 * A DataLoader that enforces its contract instead of trusting the batch function: results
 * line up with the keys, an `Error` fails only its own key, and a failed key is not
 * remembered, so a later `load` in the same request asks again. Create one per request.
 */
export function createLoader<K, V, C = K>(name: string, batchFn: ArrayBatchFn<K, V>, options?: LoaderOptions<K, C>): DataLoader<K, V, C>;
export function createLoader<K, V, C = K>(name: string, batchFn: MapBatchFn<K, V>, options?: LoaderOptions<K, C>): DataLoader<K, V | null, C>;
export function createLoader<K, V, C = K>(
  name: string,
  batchFn: ArrayBatchFn<K, V> | MapBatchFn<K, V>,
  options: LoaderOptions<K, C> = {},
): DataLoader<K, V | null, C> {
  const settle = async (keys: readonly K[]): Promise<Array<V | null | Error>> => {
    batchSize.observe({ loader: name }, keys.length);
    let raw: ReadonlyArray<V | Error> | ReadonlyMap<K, V | Error | null>;
    try {
      raw = await batchFn(keys);
    } catch (error) {
      return keys.map(() => asError(error));
    }
    if (raw instanceof Map) {
      const byKey = raw as ReadonlyMap<K, V | Error | null>;
      return keys.map((key) => byKey.get(key) ?? null);
    }
    if (!Array.isArray(raw) || raw.length !== keys.length) {
      const got = Array.isArray(raw) ? raw.length : typeof raw;
      log.error({ loader: name, keys: keys.length, got }, 'batch function broke the loader contract (wrong number of results)');
      const broken = new Error(`Loader ${name}: batch function returned ${String(got)} results for ${keys.length} keys`);
      return keys.map(() => broken);
    }
    return [...(raw as ReadonlyArray<V | Error>)];
  };

  const loader: DataLoader<K, V | null, C> = new DataLoader<K, V | null, C>(
    async (keys) => {
      const results = await settle(keys);
      // DataLoader keeps rejected promises in its cache; dropping them lets a retry ask again.
      results.forEach((result, index) => {
        const key = keys[index];
        if (result instanceof Error && key !== undefined) loader.clear(key);
      });
      return results;
    },
    {
      name,
      batch: options.batch ?? loaderSettings().batch,
      ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
      ...(options.cacheKeyFn === undefined ? {} : { cacheKeyFn: options.cacheKeyFn }),
    },
  );
  return loader;
}
