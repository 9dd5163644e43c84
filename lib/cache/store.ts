/** One write of `mset`. */
export interface StoreEntry {
  key: string;
  value: Buffer | string;
  ttlSeconds: number;
}

/**
 * The storage behind the cache: a byte store with per-key expiry. Writes set value and expiry
 * in one command (never SET then EXPIRE: a crash in between would leave an immortal key).
 */
export interface CacheStore {
  get(key: string): Promise<Buffer | string | null>;
  /** Values in the keys' order, `null` for a missing key. */
  mget(keys: readonly string[]): Promise<Array<Buffer | string | null>>;
  set(key: string, value: Buffer | string, ttlSeconds: number): Promise<void>;
  mset(entries: readonly StoreEntry[]): Promise<void>;
  del(key: string): Promise<void>;
}

/** Milliseconds for `PX`: fractional seconds are allowed (tests use short TTLs), never below 1 ms. */
export function ttlMilliseconds(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`TTL must be a positive number of seconds, got ${ttlSeconds}`);
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}
