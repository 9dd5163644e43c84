import { randomBytes } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { ttlMilliseconds, type CacheStore, type StoreEntry } from './store.js';

export type RedisClient = Redis | Cluster;

/** Deletes the lock only if it still holds our token: never release a lock another process took after ours expired. */
const RELEASE_LOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export type LockAttempt = { state: 'acquired'; token: string } | { state: 'busy' };

/**
 * The shared tier. Errors are not caught here: the cache decides how to fall open.
 * In Cluster mode a key set spans slots, so MGET and pipelines become single-key commands
 * that ioredis auto-pipelines per node.
 */
export class RedisStore implements CacheStore {
  private readonly clustered: boolean;

  constructor(readonly client: RedisClient) {
    this.clustered = client instanceof Cluster;
  }

  /** True when commands can be sent now (the offline queue is off, so others fail at once). */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  async get(key: string): Promise<Buffer | null> {
    return await this.client.getBuffer(key);
  }

  async mget(keys: readonly string[]): Promise<Array<Buffer | null>> {
    if (keys.length === 0) return [];
    if (this.clustered) return await Promise.all(keys.map((key) => this.client.getBuffer(key)));
    return await this.client.mgetBuffer([...keys]);
  }

  async set(key: string, value: Buffer | string, ttlSeconds: number): Promise<void> {
    await this.client.set(key, value, 'PX', ttlMilliseconds(ttlSeconds));
  }

  async mset(entries: readonly StoreEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.clustered) {
      await Promise.all(entries.map((entry) => this.set(entry.key, entry.value, entry.ttlSeconds)));
      return;
    }
    const pipeline = this.client.pipeline();
    for (const entry of entries) pipeline.set(entry.key, entry.value, 'PX', ttlMilliseconds(entry.ttlSeconds));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error !== null);
    if (failed?.[0]) throw failed[0];
  }

  async del(key: string): Promise<void> {
    await this.client.del(key);
  }

  /** `SET lock token NX PX ttl`: one atomic command, so two processes can never both hold it. */
  async tryLock(key: string, ttlMs: number): Promise<LockAttempt> {
    const token = randomBytes(16).toString('hex');
    const reply = await this.client.set(key, token, 'PX', ttlMs, 'NX');
    return reply === 'OK' ? { state: 'acquired', token } : { state: 'busy' };
  }

  async unlock(key: string, token: string): Promise<void> {
    await this.client.eval(RELEASE_LOCK, 1, key, token);
  }
}
