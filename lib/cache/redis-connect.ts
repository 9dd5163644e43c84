import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { log } from './log.js';
import { redisMode, type RedisSettings } from './config.js';
import type { RedisClient } from './redis-store.js';

function hostPorts(list: string): Array<{ host: string; port: number }> {
  return list.split(',').map((item) => {
    const at = item.lastIndexOf(':');
    const port = Number(item.slice(at + 1));
    if (at <= 0 || !Number.isInteger(port)) throw new Error(`Expected host:port, got "${item}"`);
    return { host: item.slice(0, at), port };
  });
}

/** Reconnect forever with a capped backoff: the cache must come back by itself after an outage. */
const reconnectDelay = (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2_000);

/** Logs transitions only: during an outage every reconnect attempt errors, and one line is enough. */
function watch(client: RedisClient, mode: string): void {
  let state: 'starting' | 'up' | 'down' = 'starting';
  client.on('ready', () => {
    if (state === 'down') log.info({ mode }, 'redis is back; shared cache in use again');
    else log.debug({ mode }, 'redis ready');
    state = 'up';
  });
  client.on('error', (error: Error) => {
    if (state === 'down') return;
    state = 'down';
    log.warn({ mode, err: error.message }, 'redis unavailable; public data falls back to memory, personal data is not cached');
  });
}

/**
 * A client for the configured topology, or `null` when none is configured (memory-only).
 * The offline queue is off and commands time out fast so a Redis outage costs each request
 * at most one short timeout, never a queue of stalled commands.
 */
export function createRedisFromConfig(settings: RedisSettings, overrides: Partial<RedisOptions> = {}): RedisClient | null {
  const mode = redisMode(settings);
  if (mode === 'none') return null;
  const common: RedisOptions = {
    commandTimeout: settings.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: settings.REDIS_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    retryStrategy: reconnectDelay,
    ...(settings.REDIS_PASSWORD === undefined ? {} : { password: settings.REDIS_PASSWORD }),
    ...overrides,
  };
  let client: RedisClient;
  if (mode === 'cluster') {
    // Cluster takes these at its top level, and reconnects with its own strategy.
    const { retryStrategy: _nodeRetry, enableOfflineQueue, enableAutoPipelining, lazyConnect, ...redisOptions } = common;
    client = new Cluster(hostPorts(settings.REDIS_CLUSTER_NODES ?? ''), {
      redisOptions,
      enableOfflineQueue: enableOfflineQueue ?? false,
      enableAutoPipelining: enableAutoPipelining ?? true,
      lazyConnect: lazyConnect ?? false,
      clusterRetryStrategy: reconnectDelay,
    });
  } else if (mode === 'sentinel') {
    client = new Redis({ ...common, sentinels: hostPorts(settings.REDIS_SENTINELS ?? ''), name: settings.REDIS_SENTINEL_NAME ?? '' });
  } else {
    client = new Redis(settings.REDIS_URL ?? '', common);
  }
  watch(client, mode);
  return client;
}
