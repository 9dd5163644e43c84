import type { ServerResponse } from 'node:http';
import type { Cluster, Redis } from 'ioredis';
import { rateLimited } from '../../../lib/errors/index.js';
import { createLogger, type Logger } from '../../../lib/logging/index.js';
import { counter } from '../../../lib/metrics/index.js';
import type { RateLimitSettings } from './config.js';
import type { RateLimitSubject } from './principal-key.js';
import { MemorySlidingWindow, RedisSlidingWindow, type WindowHit } from './sliding-window.js';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a slot frees up (the oldest counted request leaves the window). */
  resetSeconds: number;
  windowSeconds: number;
  /** Where the count was kept: `memory` also means "Redis was unavailable". */
  store: 'redis' | 'memory';
}

export interface RateLimiter {
  check(subject: RateLimitSubject): Promise<RateLimitDecision>;
}

export interface RateLimiterOptions {
  settings: RateLimitSettings;
  /** Shared counts across gateway replicas; null or absent: this process only. */
  redis?: Redis | Cluster | null;
  now?: () => number;
  logger?: Logger;
}

const decisions = counter<'kind' | 'outcome' | 'store'>({
  name: 'gateway_rate_limit_decisions_total',
  help: 'Rate-limit decisions by principal kind, outcome and where the count was kept',
  labelNames: ['kind', 'outcome', 'store'],
});

class RedisTimeout extends Error {}

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeout(`rate-limit store did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sliding-window limits per principal, in Redis when configured. A Redis that is down, slow or
 * failing never fails a request: the count moves to this process (per-process limits) until
 * Redis answers again.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { settings } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger('gateway.rate-limit');
  const windowMs = settings.windowSeconds * 1000;
  const shared = options.redis ? new RedisSlidingWindow(options.redis, settings.keyPrefix) : undefined;
  const local = new MemorySlidingWindow(settings.fallbackMaxKeys);
  let degraded = false;

  async function hit(key: string, limit: number, at: number): Promise<{ hit: WindowHit; store: 'redis' | 'memory' }> {
    if (shared?.ready) {
      try {
        const result = await within(shared.hit(key, limit, windowMs, at), settings.redisTimeoutMs);
        if (degraded) logger.info('rate limiting back on Redis');
        degraded = false;
        return { hit: result, store: 'redis' };
      } catch (error) {
        if (!degraded) logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'rate limiting falls back to per-process counts');
        degraded = true;
      }
    } else if (shared && !degraded) {
      logger.warn('Redis not connected; rate limiting falls back to per-process counts');
      degraded = true;
    }
    return { hit: await local.hit(key, limit, windowMs, at), store: 'memory' };
  }

  return {
    async check(subject) {
      const limit = settings.limits[subject.kind];
      const at = now();
      const { hit: result, store } = await hit(subject.key, limit, at);
      decisions.inc({ kind: subject.kind, outcome: result.allowed ? 'allowed' : 'limited', store });
      return {
        allowed: result.allowed,
        limit,
        remaining: Math.max(0, limit - result.count),
        resetSeconds: Math.max(1, Math.ceil((result.oldestMs + windowMs - at) / 1000)),
        windowSeconds: settings.windowSeconds,
        store,
      };
    },
  };
}

/** IETF draft `RateLimit-*` fields (draft-ietf-httpapi-ratelimit-headers), on every GraphQL answer. */
export function setRateLimitHeaders(response: ServerResponse, decision: RateLimitDecision): void {
  response.setHeader('ratelimit-limit', String(decision.limit));
  response.setHeader('ratelimit-remaining', String(decision.remaining));
  response.setHeader('ratelimit-reset', String(decision.resetSeconds));
  response.setHeader('ratelimit-policy', `${decision.limit};w=${decision.windowSeconds}`);
}

/** The 429 for a refused decision: `Retry-After` is set from the error by the HTTP layer. */
export function rateLimitError(decision: RateLimitDecision) {
  return rateLimited(undefined, decision.resetSeconds);
}
