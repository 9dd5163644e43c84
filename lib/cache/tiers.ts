import { decodeEntry, decodeWithPlain, encodeForTiers, type DecodedEntry } from './codec.js';
import { log } from './log.js';
import type { KindPolicy } from './kinds.js';
import type { MemoryStore } from './memory-store.js';
import type { Sealer } from './seal.js';
import { cacheErrors, type CacheOp } from './metrics.js';
import type { LockAttempt, RedisStore } from './redis-store.js';
import type { StoreEntry } from './store.js';

export type LockResult = LockAttempt | { state: 'unavailable' };

export interface TierOptions {
  memory: MemoryStore | null;
  redis: RedisStore | null;
  now: () => number;
  compressAboveBytes: number;
  /** Seals private entries before they reach Redis (lib/cache/seal.ts). */
  sealer: Sealer;
}

export interface Write {
  key: string;
  value: unknown;
  policy: KindPolicy;
}

/**
 * The two tiers and how they fail. `shared` entries (public data) use the in-process store as
 * L1 in front of Redis and as the fallback while Redis is down — L1 keeps them uncompressed (a hit
 * is one JSON.parse; Redis gets the brotli form above the threshold); private entries only ever go
 * to Redis, sealed (lib/cache/seal.ts), so a Redis outage means they are simply not cached. Every Redis error is counted
 * and swallowed: the cache falls open and the request goes to the upstream.
 */
export class Tiers {
  constructor(private readonly options: TierOptions) {}

  get hasRedis(): boolean {
    return this.options.redis !== null;
  }

  isFresh(entry: DecodedEntry): boolean {
    return this.options.now() < entry.freshUntil;
  }

  withinGrace(entry: DecodedEntry, policy: KindPolicy): boolean {
    return this.options.now() < entry.freshUntil + policy.graceSeconds * 1000;
  }

  private async guarded<T>(op: CacheOp, fallback: T, action: (redis: RedisStore) => Promise<T>): Promise<T> {
    const redis = this.options.redis;
    if (redis === null) return fallback;
    try {
      return await action(redis);
    } catch (error) {
      cacheErrors.inc({ op });
      log.debug({ op, err: error instanceof Error ? error.message : String(error) }, 'redis operation failed; falling open');
      return fallback;
    }
  }

  /**
   * What Redis returned, as the codec's entry and its uncompressed bytes (what L1 keeps): private
   * entries are opened first (a foreign or unsealed one is a miss).
   */
  private async decoded(raw: Buffer | string | null, key: string, shared: boolean): Promise<{ entry: DecodedEntry; plain: Buffer } | null> {
    return await decodeWithPlain(shared ? raw : this.options.sealer.open(raw, key));
  }

  /** Seconds the store should keep an entry: its freshness plus the grace, from now. */
  private keepSeconds(freshUntil: number, policy: KindPolicy): number {
    return (freshUntil - this.options.now()) / 1000 + policy.graceSeconds;
  }

  private async remember(key: string, raw: Buffer, entry: DecodedEntry, policy: KindPolicy): Promise<void> {
    const keep = this.keepSeconds(entry.freshUntil, policy);
    if (this.options.memory !== null && keep > 0) await this.options.memory.set(key, raw, keep);
  }

  /** Looks in L1 then Redis; returns, per key, the freshest entry found (fresh or not). */
  async readMany(keys: readonly string[], shared: boolean, policy: KindPolicy): Promise<Array<DecodedEntry | null>> {
    const memory = shared ? this.options.memory : null;
    const found: Array<DecodedEntry | null> = memory === null ? keys.map(() => null) : await Promise.all((await memory.mget(keys)).map(decodeEntry));
    const missing = keys.flatMap((key, index) => {
      const entry = found[index];
      return entry !== null && entry !== undefined && this.isFresh(entry) ? [] : [{ key, index }];
    });
    if (missing.length === 0) return found;
    const raws = await this.guarded('mget', [] as Array<Buffer | null>, async (redis) => await redis.mget(missing.map((item) => item.key)));
    await Promise.all(
      raws.map(async (raw, position) => {
        const target = missing[position];
        const decoded = target === undefined ? null : await this.decoded(raw, target.key, shared);
        if (target === undefined || raw === null || decoded === null) return;
        const { entry, plain } = decoded;
        const current = found[target.index] ?? null;
        if (current === null || entry.freshUntil > current.freshUntil) found[target.index] = entry;
        if (shared && this.isFresh(entry)) await this.remember(target.key, plain, entry, policy);
      }),
    );
    return found;
  }

  async read(key: string, shared: boolean, policy: KindPolicy): Promise<DecodedEntry | null> {
    return (await this.readMany([key], shared, policy))[0] ?? null;
  }

  /** Redis only: what another process may have written while we waited for its lock. */
  async readShared(key: string, shared: boolean, policy: KindPolicy): Promise<DecodedEntry | null> {
    const raw = await this.guarded('get', null, async (redis) => await redis.get(key));
    const decoded = await this.decoded(raw, key, shared);
    if (raw !== null && decoded !== null && shared && this.isFresh(decoded.entry)) await this.remember(key, decoded.plain, decoded.entry, policy);
    return decoded?.entry ?? null;
  }

  /**
   * Stores values (never `undefined`, which JSON cannot carry) in one pipeline, all fetched at one
   * instant, which it returns: a reader of these entries later computes the same fetch time.
   */
  async writeMany(writes: readonly Write[], shared: boolean): Promise<number> {
    const fetchedAt = this.options.now();
    const entries: StoreEntry[] = [];
    const inMemory: StoreEntry[] = [];
    for (const write of writes) {
      if (write.value === undefined) continue;
      const freshUntil = fetchedAt + write.policy.ttlSeconds * 1000;
      const { stored, plain } = await encodeForTiers(write.value, freshUntil, this.options.compressAboveBytes);
      const raw = shared ? stored : this.options.sealer.seal(stored, write.key);
      const ttlSeconds = write.policy.ttlSeconds + write.policy.graceSeconds;
      entries.push({ key: write.key, value: raw, ttlSeconds });
      if (shared) inMemory.push({ key: write.key, value: plain, ttlSeconds });
    }
    if (entries.length === 0) return fetchedAt;
    if (inMemory.length > 0 && this.options.memory !== null) await this.options.memory.mset(inMemory);
    const [only] = entries;
    if (entries.length === 1 && only !== undefined) {
      await this.guarded('set', undefined, async (redis) => await redis.set(only.key, only.value, only.ttlSeconds));
    } else {
      await this.guarded('mset', undefined, async (redis) => await redis.mset(entries));
    }
    return fetchedAt;
  }

  async tryLock(key: string, ttlMs: number): Promise<LockResult> {
    return await this.guarded<LockResult>('lock', { state: 'unavailable' }, async (redis) => await redis.tryLock(key, ttlMs));
  }

  async unlock(key: string, token: string): Promise<void> {
    await this.guarded('unlock', undefined, async (redis) => await redis.unlock(key, token));
  }

  async delete(key: string): Promise<void> {
    await this.options.memory?.del(key);
    await this.guarded('del', undefined, async (redis) => await redis.del(key));
  }
}
