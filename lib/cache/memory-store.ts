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

/** One entry as lru-cache dumps it: `start` is a wall-clock timestamp (ms), portable to another process. */
export interface MemoryEntry {
  key: string;
  value: Buffer | string;
  /** When the entry's TTL started (epoch ms) and how long it lasts (ms). */
  start: number;
  ttl: number;
}

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

  /** The entries still alive at `Date.now()`, least recently used first (lru-cache's portable dump). */
  dump(): MemoryEntry[] {
    const wallNow = Date.now();
    const entries: MemoryEntry[] = [];
    for (const [key, entry] of this.lru.dump()) {
      if (entry.start === undefined || entry.ttl === undefined || entry.start + entry.ttl <= wallNow) continue;
      entries.push({ key, value: entry.value, start: entry.start, ttl: entry.ttl });
    }
    return entries;
  }

  /** Adds dumped entries with the TTL they had left (those expired since are skipped); returns how many. */
  restore(entries: readonly MemoryEntry[]): number {
    const wallNow = Date.now();
    const alive = entries.filter((entry) => entry.start + entry.ttl > wallNow);
    // lru-cache's load() replaces the whole cache: keep what is already here, the newer wins.
    const current = this.lru.dump();
    const restored: [string, LRUCache.Entry<Buffer | string>][] = alive.map((entry) => [entry.key, { value: entry.value, start: entry.start, ttl: entry.ttl }]);
    this.lru.load([...restored, ...current]);
    return alive.length;
  }
}
