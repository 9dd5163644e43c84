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

/** One request charged its cost (or refused) in a sliding window of `windowMs`. */
export interface WindowCharge {
  allowed: boolean;
  /** Cost counted in the window, this request's included when allowed. */
  used: number;
  /** When enough cost leaves the window for this request to pass (epoch ms; now when allowed). */
  retryAtMs: number;
  /** When the oldest counted charge leaves the window (epoch ms). */
  oldestMs: number;
  /** The charge's entry when allowed: `settle` replaces its cost once the actual cost is known. */
  entry?: string;
}

export interface WeightedWindowStore {
  charge(key: string, cost: number, limit: number, windowMs: number, nowMs: number): Promise<WindowCharge>;
  /** Replaces an allowed charge's cost (same time in the window); nothing when it already left the window. */
  settle(key: string, entry: string, cost: number, windowMs: number): Promise<void>;
}

/**
 * The same sliding log with a weight per entry (the member ends in `:<cost>`): the sum of the
 * window's weights is compared with the budget, and a refused request learns when enough of the
 * oldest charges leave for it to pass. Entries are few (each costs ≥ 1, and requests are also
 * counted by the plain window), so summing them in the script is cheap.
 */
const WEIGHTED_WINDOW_LUA = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local used = 0
for i = 1, #entries, 2 do used = used + tonumber(string.match(entries[i], ':(%d+)$')) end
local allowed = 0
local retryAt = now
if used + cost <= limit then
  redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. cost)
  used = used + cost
  allowed = 1
else
  local need = used + cost - limit
  local freed = 0
  for i = 1, #entries, 2 do
    freed = freed + tonumber(string.match(entries[i], ':(%d+)$'))
    retryAt = tonumber(entries[i + 1]) + window
    if freed >= need then break end
  end
end
redis.call('PEXPIRE', KEYS[1], window)
local oldestScore = now
if entries[2] then oldestScore = tonumber(entries[2]) end
return { allowed, used, retryAt, oldestScore }
`;

/** Moves an entry to its actual cost: same score (time), member `<id>:<cost>`. */
const SETTLE_LUA = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], score, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

type WeightedClient = (Redis | Cluster) & {
  cpaWeightedWindow?: (key: string, now: number, window: number, limit: number, cost: number, member: string) => Promise<[number, number, number, number]>;
  cpaWeightedSettle?: (key: string, member: string, settled: string, window: number) => Promise<number>;
};

const charged = (cost: number): number => Math.max(1, Math.ceil(cost));
/** An entry's id without its `:<cost>` suffix. */
const entryId = (entry: string): string => entry.slice(0, entry.lastIndexOf(':'));

export class RedisWeightedWindow implements WeightedWindowStore {
  constructor(
    private readonly client: Redis | Cluster,
    private readonly prefix: string,
  ) {
    if (!(client as WeightedClient).cpaWeightedWindow) client.defineCommand('cpaWeightedWindow', { numberOfKeys: 1, lua: WEIGHTED_WINDOW_LUA });
    if (!(client as WeightedClient).cpaWeightedSettle) client.defineCommand('cpaWeightedSettle', { numberOfKeys: 1, lua: SETTLE_LUA });
  }

  get ready(): boolean {
    return this.client.status === 'ready';
  }

  async charge(key: string, cost: number, limit: number, windowMs: number, nowMs: number): Promise<WindowCharge> {
    const run = (this.client as WeightedClient).cpaWeightedWindow;
    if (!run) throw new Error('weighted-window script not defined');
    const member = `${nowMs}-${randomBytes(6).toString('hex')}`;
    const weight = charged(cost);
    const [allowed, used, retryAtMs, oldestMs] = await run.call(this.client, this.prefix + key, nowMs, windowMs, limit, weight, member);
    return { allowed: allowed === 1, used, retryAtMs, oldestMs, ...(allowed === 1 ? { entry: `${member}:${weight}` } : {}) };
  }

  async settle(key: string, entry: string, cost: number, windowMs: number): Promise<void> {
    const run = (this.client as WeightedClient).cpaWeightedSettle;
    if (!run) throw new Error('weighted-settle script not defined');
    await run.call(this.client, this.prefix + key, entry, `${entryId(entry)}:${charged(cost)}`, windowMs);
  }
}

export class MemoryWeightedWindow implements WeightedWindowStore {
  private readonly logs: LRUCache<string, { at: number; cost: number; id: string }[]>;

  constructor(maxKeys: number) {
    this.logs = new LRUCache<string, { at: number; cost: number; id: string }[]>({ max: maxKeys });
  }

  async settle(key: string, entry: string, cost: number): Promise<void> {
    const found = this.logs.get(key)?.find((item) => item.id === entry);
    if (found) found.cost = charged(cost);
  }

  async charge(key: string, rawCost: number, limit: number, windowMs: number, nowMs: number): Promise<WindowCharge> {
    const cost = charged(rawCost);
    const id = `${nowMs}-${randomBytes(6).toString('hex')}`;
    const log = (this.logs.get(key) ?? []).filter((entry) => entry.at > nowMs - windowMs);
    let used = log.reduce((sum, entry) => sum + entry.cost, 0);
    const oldestMs = log[0]?.at ?? nowMs;
    let retryAtMs = nowMs;
    const allowed = used + cost <= limit;
    if (allowed) {
      log.push({ at: nowMs, cost, id });
      used += cost;
    } else {
      let freed = 0;
      for (const entry of log) {
        freed += entry.cost;
        retryAtMs = entry.at + windowMs;
        if (freed >= used + cost - limit) break;
      }
    }
    this.logs.set(key, log);
    return { allowed, used, retryAtMs, oldestMs, ...(allowed ? { entry: id } : {}) };
  }
}
