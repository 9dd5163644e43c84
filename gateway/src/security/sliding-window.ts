import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** One counted (or refused) request in a sliding window of `windowMs`. */
export interface WindowHit {
  allowed: boolean;
  /** Requests counted in the window, this one included when allowed. */
  count: number;
  /** When the oldest counted request leaves the window (epoch ms): a slot frees up then. */
  oldestMs: number;
}

export interface SlidingWindowStore {
  hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<WindowHit>;
}

/**
 * Sliding log in a sorted set scored by request time: drop what left the window, count, add when
 * under the limit, refresh the expiry — in one script, so concurrent gateways never both take the
 * last slot. Refused requests are not recorded: a client that keeps hammering is back as soon as
 * its oldest accepted request ages out.
 */
const SLIDING_WINDOW_LUA = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', KEYS[1], window)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local oldestScore = now
if oldest[2] then oldestScore = tonumber(oldest[2]) end
return { allowed, count, oldestScore }
`;

type ScriptedClient = (Redis | Cluster) & {
  cpaSlidingWindow?: (key: string, now: number, window: number, limit: number, member: string) => Promise<[number, number, number]>;
};

export class RedisSlidingWindow implements SlidingWindowStore {
  constructor(
    private readonly client: Redis | Cluster,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL when the script cache was flushed.
    if (!(client as ScriptedClient).cpaSlidingWindow) client.defineCommand('cpaSlidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_LUA });
  }

  /** False while disconnected: the offline queue is off, so a command now would only fail. */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  async hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<WindowHit> {
    const run = (this.client as ScriptedClient).cpaSlidingWindow;
    if (!run) throw new Error('sliding-window script not defined');
    const member = `${nowMs}-${randomBytes(6).toString('hex')}`;
    const [allowed, count, oldestMs] = await run.call(this.client, this.prefix + key, nowMs, windowMs, limit, member);
    return { allowed: allowed === 1, count, oldestMs };
  }
}

/** The same algorithm in this process: the fallback while Redis is away, and the limiter without REDIS_URL. */
export class MemorySlidingWindow implements SlidingWindowStore {
  private readonly logs: LRUCache<string, number[]>;

  constructor(maxKeys: number) {
    // Bounded: an address-rotating client can create keys, but never more than maxKeys.
    this.logs = new LRUCache<string, number[]>({ max: maxKeys });
  }

  async hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<WindowHit> {
    const log = (this.logs.get(key) ?? []).filter((time) => time > nowMs - windowMs);
    const allowed = log.length < limit;
    if (allowed) log.push(nowMs);
    this.logs.set(key, log);
    return { allowed, count: log.length, oldestMs: log[0] ?? nowMs };
  }
}
