import type DataLoader from 'dataloader';
import { createLoader } from '../../../../lib/loader/index.js';

/**
 * A loader for an upstream without a batch endpoint (ROME, La Bonne Boîte, the stats API,
 * Anotéa, the status API): the batch is deduplicated, then each distinct key is fetched once, in
 * parallel, through the repository (and its cache). A failing key fails only its own slot.
 */
export function perKeyLoader<K, V>(name: string, fetchOne: (key: K) => Promise<V>): DataLoader<K, V, K>;
export function perKeyLoader<K, V>(name: string, fetchOne: (key: K) => Promise<V>, cacheKeyFn: (key: K) => string): DataLoader<K, V, string>;
export function perKeyLoader<K, V>(name: string, fetchOne: (key: K) => Promise<V>, cacheKeyFn?: (key: K) => string): DataLoader<K, V, unknown> {
  const batch = async (keys: readonly K[]): Promise<Array<V | Error>> =>
    await Promise.all(keys.map(async (key) => await fetchOne(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
  return createLoader<K, V, unknown>(name, batch, cacheKeyFn ? { cacheKeyFn } : {}) as DataLoader<K, V, unknown>;
}
