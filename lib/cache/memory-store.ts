import { LRUCache } from 'lru-cache';
import { ttlMilliseconds, type CacheStore, type StoreEntry } from './store.js';

export interface MemoryStoreOptions {
  /** Most entries kept (least recently used go first). */
  maxEntries?: number;
  /** Most bytes of values kept. */
  maxBytes?: number;
  /** Clock in ms; injectable so expiry can be tested without waiting. */
  now?: () => number;
}

export const MEMORY_DEFAULTS = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 } as const;

/** The in-process tier: bounded by count and bytes, entries expire by TTL. */
export class MemoryStore implements CacheStore {
  private readonly lru: LRUCache<string, Buffer | string>;

  constructor(options: MemoryStoreOptions = {}) {
    const now = options.now;
    this.lru = new LRUCache<string, Buffer | string>({
      max: options.maxEntries ?? MEMORY_DEFAULTS.maxEntries,
      maxSize: options.maxBytes ?? MEMORY_DEFAULTS.maxBytes,
      sizeCalculation: (value) => Math.max(1, typeof value === 'string' ? Buffer.byteLength(value) : value.length),
      ...(now === undefined ? {} : { perf: { now } }),
    });
  }

  async get(key: string): Promise<Buffer | string | null> {
    return this.lru.get(key) ?? null;
  }

  async mget(keys: readonly string[]): Promise<Array<Buffer | string | null>> {
    return keys.map((key) => this.lru.get(key) ?? null);
  }

  async set(key: string, value: Buffer | string, ttlSeconds: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlMilliseconds(ttlSeconds) });
  }

  async mset(entries: readonly StoreEntry[]): Promise<void> {
    for (const entry of entries) this.lru.set(entry.key, entry.value, { ttl: ttlMilliseconds(entry.ttlSeconds) });
  }

  async del(key: string): Promise<void> {
    this.lru.delete(key);
  }

  get size(): number {
    return this.lru.size;
  }
}
