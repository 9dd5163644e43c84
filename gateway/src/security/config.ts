import { z } from 'zod';
import { bool, DEV_RATE_LIMIT_KEY_SECRET, nonNegativeInt, ownSecret, parseEnv, positiveInt, type EnvSource } from '../../../lib/config/index.js';
import type { QueryLimits } from '../../../lib/limits/query-limits.js';
import type { PrincipalKind } from './principal-key.js';

export type { QueryLimits };

export interface RateLimitSettings {
  enabled: boolean;
  windowSeconds: number;
  limits: Record<PrincipalKind, number>;
  /** Proxies in front of the gateway whose `X-Forwarded-For` entry is trusted (0: use the socket address). */
  trustProxyHops: number;
  keyPrefix: string;
  redisTimeoutMs: number;
  /** Most keys the in-process fallback remembers (least recently used are dropped first). */
  fallbackMaxKeys: number;
  /** HMAC key for worker ids in rate-limit keys: a plain hash of a guessable id could be reversed by enumeration. */
  keySecret: string;
  /** Requests one anonymous address may have in flight at once in a gateway process (0: no cap); see in-flight.ts. */
  maxInFlightAnonymous: number;
}

export interface SecurityConfig {
  limits: QueryLimits;
  rateLimit: RateLimitSettings;
  /** Estimated cost charged per principal (issue #12.3): see `costBudgetFromEnv` below. */
  costBudget: CostBudgetSettings;
}

/**
 * LIMIT_* and RATE_LIMIT_* variables, read once at start-up. `introspection` comes from the
 * gateway configuration (off in production unless INTROSPECTION_ENABLED=true).
 */
export function securityConfigFromEnv(env: EnvSource, options: { introspection: boolean }): SecurityConfig {
  const parsed = parseEnv(
    {
      LIMIT_MAX_DEPTH: positiveInt(12),
      LIMIT_MAX_ALIASES: nonNegativeInt(30),
      LIMIT_MAX_ROOT_FIELDS: positiveInt(10),
      LIMIT_MAX_TOKENS: positiveInt(2_000),
      LIMIT_MAX_DIRECTIVES: nonNegativeInt(20),
      LIMIT_MAX_COST: positiveInt(10_000),
      LIMIT_MAX_RECURSIVE_SELECTIONS: positiveInt(2_000),
      LIMIT_DEFAULT_LIST_SIZE: positiveInt(20),
      LIMIT_MAX_VARIABLES_BYTES: positiveInt(16_384),
      LIMIT_MAX_OPERATIONS: positiveInt(5),
      RATE_LIMIT_ENABLED: bool(true),
      RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
      RATE_LIMIT_ANONYMOUS: positiveInt(300),
      RATE_LIMIT_WORKER: positiveInt(300),
      RATE_LIMIT_PARTNER: positiveInt(1_200),
      RATE_LIMIT_TRUST_PROXY_HOPS: nonNegativeInt(0).pipe(z.number().max(10)),
      RATE_LIMIT_KEY_PREFIX: z.string().min(1).max(64).default('cpa:ratelimit:'),
      RATE_LIMIT_REDIS_TIMEOUT_MS: positiveInt(100),
      RATE_LIMIT_FALLBACK_MAX_KEYS: positiveInt(50_000),
      RATE_LIMIT_KEY_SECRET: z.string().min(16).optional(),
      RATE_LIMIT_INFLIGHT_ANONYMOUS: nonNegativeInt(6),
    },
    env,
  );
  return {
    limits: {
      maxDepth: parsed.LIMIT_MAX_DEPTH,
      maxAliases: parsed.LIMIT_MAX_ALIASES,
      maxRootFields: parsed.LIMIT_MAX_ROOT_FIELDS,
      maxTokens: parsed.LIMIT_MAX_TOKENS,
      maxDirectives: parsed.LIMIT_MAX_DIRECTIVES,
      maxCost: parsed.LIMIT_MAX_COST,
      maxRecursiveSelections: parsed.LIMIT_MAX_RECURSIVE_SELECTIONS,
      defaultListSize: parsed.LIMIT_DEFAULT_LIST_SIZE,
      maxVariablesBytes: parsed.LIMIT_MAX_VARIABLES_BYTES,
      maxOperations: parsed.LIMIT_MAX_OPERATIONS,
      introspection: options.introspection,
    },
    rateLimit: {
      enabled: parsed.RATE_LIMIT_ENABLED,
      windowSeconds: parsed.RATE_LIMIT_WINDOW_SECONDS,
      limits: { anonymous: parsed.RATE_LIMIT_ANONYMOUS, worker: parsed.RATE_LIMIT_WORKER, partner: parsed.RATE_LIMIT_PARTNER },
      trustProxyHops: parsed.RATE_LIMIT_TRUST_PROXY_HOPS,
      keyPrefix: parsed.RATE_LIMIT_KEY_PREFIX,
      redisTimeoutMs: parsed.RATE_LIMIT_REDIS_TIMEOUT_MS,
      fallbackMaxKeys: parsed.RATE_LIMIT_FALLBACK_MAX_KEYS,
      keySecret: ownSecret(env, 'RATE_LIMIT_KEY_SECRET', parsed.RATE_LIMIT_KEY_SECRET, DEV_RATE_LIMIT_KEY_SECRET),
      maxInFlightAnonymous: parsed.RATE_LIMIT_INFLIGHT_ANONYMOUS,
    },
    costBudget: costBudgetFromEnv(env, parsed.LIMIT_MAX_COST),
  };
}

// ── Cost budget per principal (issue #12.3, egress) ─────────────────────────────────────────────
// Kept apart from the settings above: RATE_LIMIT_COST_* only.

export interface CostBudgetSettings {
  windowSeconds: number;
  /** Estimated query cost (lib/limits/cost.ts) a principal may spend per window. */
  budgets: Record<PrincipalKind, number>;
}

/**
 * RATE_LIMIT_COST_* variables. Each budget must hold at least one query of LIMIT_MAX_COST, or a
 * query the limits accept could never be answered: start-up fails naming the variable.
 */
export function costBudgetFromEnv(env: EnvSource, maxCost: number): CostBudgetSettings {
  const parsed = parseEnv(
    {
      RATE_LIMIT_COST_WINDOW_SECONDS: positiveInt(60),
      RATE_LIMIT_COST_ANONYMOUS: positiveInt(10_000),
      RATE_LIMIT_COST_WORKER: positiveInt(20_000),
      RATE_LIMIT_COST_PARTNER: positiveInt(100_000),
    },
    env,
  );
  for (const variable of ['RATE_LIMIT_COST_ANONYMOUS', 'RATE_LIMIT_COST_WORKER', 'RATE_LIMIT_COST_PARTNER'] as const) {
    if (parsed[variable] < maxCost) throw new Error(`${variable} must be at least LIMIT_MAX_COST (${maxCost}), got ${parsed[variable]}.`);
  }
  return {
    windowSeconds: parsed.RATE_LIMIT_COST_WINDOW_SECONDS,
    budgets: { anonymous: parsed.RATE_LIMIT_COST_ANONYMOUS, worker: parsed.RATE_LIMIT_COST_WORKER, partner: parsed.RATE_LIMIT_COST_PARTNER },
  };
}

/** The defaults, for tests and for callers that build a config by hand. */
export const defaultSecurityConfig = (introspection = false): SecurityConfig => securityConfigFromEnv({}, { introspection });
