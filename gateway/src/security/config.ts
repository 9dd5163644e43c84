import { z } from 'zod';
import { bool, nonNegativeInt, parseEnv, positiveInt, type EnvSource } from '../../../lib/config/index.js';
import type { PrincipalKind } from './principal-key.js';

/** Query limits, every one overridable by its variable; the defaults fit the graph's documented queries. */
export interface QueryLimits {
  maxDepth: number;
  /** Every alias counts, `__typename` included: an alias flood on a free field still costs a response. */
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Items assumed for a list or connection when the query gives no `first`/`last` (the paging default). */
  defaultListSize: number;
  maxVariablesBytes: number;
  maxOperations: number;
  /** Introspection fields are exempt from depth and cost only when introspection is on at all. */
  introspection: boolean;
}

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
}

export interface SecurityConfig {
  limits: QueryLimits;
  rateLimit: RateLimitSettings;
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
      RATE_LIMIT_KEY_SECRET: z.string().min(16).default('cpa-graph-dev-rate-limit-secret'),
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
      keySecret: parsed.RATE_LIMIT_KEY_SECRET,
    },
  };
}

/** The defaults, for tests and for callers that build a config by hand. */
export const defaultSecurityConfig = (introspection = false): SecurityConfig => securityConfigFromEnv({}, { introspection });
