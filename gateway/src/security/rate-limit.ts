import type { ServerResponse } from 'node:http';
import type { Cluster, Redis } from 'ioredis';
import { rateLimited } from '../../../lib/errors/index.js';
import { createLogger, type Logger } from '../../../lib/logging/index.js';
import { counter } from '../../../lib/metrics/index.js';
import type { CostBudgetSettings, RateLimitSettings } from './config.js';
import type { RateLimitSubject } from './principal-key.js';
import { MemorySlidingWindow, MemoryWeightedWindow, RedisSlidingWindow, RedisWeightedWindow, type WindowCharge, type WindowHit } from './sliding-window.js';

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
  /** Counts one request in the principal's request window. */
  check(subject: RateLimitSubject): Promise<RateLimitDecision>;
  /** Charges a request's estimated cost to the principal's cost budget (absent when no budget is configured). */
  charge?(subject: RateLimitSubject, cost: number): Promise<CostDecision>;
}

export interface CostDecision extends RateLimitDecision {
  /**
   * When allowed: replaces the estimate charged with the request's actual cost, once its answer is
   * known (the same charge, at the same time in the window). Never throws: a store that fails
   * keeps the estimate.
   */
  settle?: (actualCost: number) => Promise<void>;
}

export interface RateLimiterOptions {
  settings: RateLimitSettings;
  /** Cost budget per principal; absent: requests are only counted. */
  costBudget?: CostBudgetSettings;
  /** Shared counts across gateway replicas; null or absent: this process only. */
  redis?: Redis | Cluster | null;
  now?: () => number;
  logger?: Logger;
}

const costDecisions = counter<'kind' | 'outcome' | 'store'>({
  name: 'gateway_cost_budget_decisions_total',
  help: 'Cost-budget decisions (estimated query cost charged per principal) by principal kind, outcome and store',
  labelNames: ['kind', 'outcome', 'store'],
});

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

  const sharedCost = options.redis ? new RedisWeightedWindow(options.redis, `${settings.keyPrefix}cost:`) : undefined;
  const localCost = new MemoryWeightedWindow(settings.fallbackMaxKeys);

  /** Runs on Redis when it answers in time, else on this process's counts. */
  async function counted<T>(viaRedis: (() => Promise<T>) | undefined, viaMemory: () => Promise<T>): Promise<{ result: T; store: 'redis' | 'memory' }> {
    if (viaRedis && shared?.ready) {
      try {
        const result = await within(viaRedis(), settings.redisTimeoutMs);
        if (degraded) logger.info('rate limiting back on Redis');
        degraded = false;
        return { result, store: 'redis' };
      } catch (error) {
        if (!degraded) logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'rate limiting falls back to per-process counts');
        degraded = true;
      }
    } else if (shared && !degraded) {
      logger.warn('Redis not connected; rate limiting falls back to per-process counts');
      degraded = true;
    }
    return { result: await viaMemory(), store: 'memory' };
  }

  async function hit(key: string, limit: number, at: number): Promise<{ hit: WindowHit; store: 'redis' | 'memory' }> {
    const { result, store } = await counted(shared ? () => shared.hit(key, limit, windowMs, at) : undefined, () => local.hit(key, limit, windowMs, at));
    return { hit: result, store };
  }

  const { costBudget } = options;
  const charge = costBudget
    ? async (subject: RateLimitSubject, cost: number): Promise<CostDecision> => {
        const limit = costBudget.budgets[subject.kind];
        const costWindowMs = costBudget.windowSeconds * 1000;
        const at = now();
        const { result, store } = await counted<WindowCharge>(
          sharedCost ? () => sharedCost.charge(subject.key, cost, limit, costWindowMs, at) : undefined,
          () => localCost.charge(subject.key, cost, limit, costWindowMs, at),
        );
        costDecisions.inc({ kind: subject.kind, outcome: result.allowed ? 'allowed' : 'limited', store });
        const resetAt = result.allowed ? result.oldestMs + costWindowMs : result.retryAtMs;
        const { entry } = result;
        const settle =
          entry === undefined
            ? undefined
            : async (actualCost: number): Promise<void> => {
                try {
                  if (store === 'redis' && sharedCost) await within(sharedCost.settle(subject.key, entry, actualCost, costWindowMs), settings.redisTimeoutMs);
                  else await localCost.settle(subject.key, entry, actualCost);
                } catch (error) {
                  logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'cost budget: actual cost not settled; the estimate stays charged');
                }
              };
        return {
          ...(settle ? { settle } : {}),
          allowed: result.allowed,
          limit,
          remaining: Math.max(0, limit - result.used),
          resetSeconds: Math.max(1, Math.ceil((resetAt - at) / 1000)),
          windowSeconds: costBudget.windowSeconds,
          store,
        };
      }
    : undefined;

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
    ...(charge ? { charge } : {}),
  };
}

/** IETF draft `RateLimit-*` fields (draft-ietf-httpapi-ratelimit-headers), on every GraphQL answer. */
export function setRateLimitHeaders(response: ServerResponse, decision: RateLimitDecision): void {
  response.setHeader('ratelimit-limit', String(decision.limit));
  response.setHeader('ratelimit-remaining', String(decision.remaining));
  response.setHeader('ratelimit-reset', String(decision.resetSeconds));
  response.setHeader('ratelimit-policy', `${decision.limit};w=${decision.windowSeconds}`);
}

/**
 * The request window's and the cost budget's fields together: `RateLimit-Policy` names both
 * policies, `RateLimit-Limit/Remaining/Reset` describe the one closer to exhaustion.
 */
export function rateLimitHeaders(requests: RateLimitDecision, cost: RateLimitDecision): Record<string, string> {
  const tighter = cost.remaining / cost.limit < requests.remaining / requests.limit ? cost : requests;
  return {
    'ratelimit-limit': String(tighter.limit),
    'ratelimit-remaining': String(tighter.remaining),
    'ratelimit-reset': String(tighter.resetSeconds),
    'ratelimit-policy': `${requests.limit};w=${requests.windowSeconds}, ${cost.limit};w=${cost.windowSeconds};comment="cost"`,
  };
}

/** The 429 for a refused decision: `Retry-After` is set from the error by the HTTP layer. */
export function rateLimitError(decision: RateLimitDecision) {
  return rateLimited(undefined, decision.resetSeconds);
}
