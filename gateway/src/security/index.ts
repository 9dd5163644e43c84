import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Cluster, Redis } from 'ioredis';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { Principal } from '../../../lib/auth/principal.js';
import type { Logger } from '../../../lib/logging/index.js';
import type { SecurityConfig } from './config.js';
import type { ListSizeHints } from '../../../lib/limits/list-size.js';
import { queryLimits } from '../../../lib/limits/query-limits.js';
import { clientAddress, rateLimitSubject } from './principal-key.js';
import { createRateLimiter, rateLimitError, setRateLimitHeaders, type RateLimiter } from './rate-limit.js';
import { costBudgetPlugin, createAdmittedRequests } from './cost-budget.js';
import { createInFlightLimit } from './in-flight.js';

export { securityConfigFromEnv, defaultSecurityConfig, type SecurityConfig, type QueryLimits, type RateLimitSettings, type CostBudgetSettings } from './config.js';
export { subgraphFailure } from './subgraph-errors.js';
export { createRateLimiter, type RateLimiter, type RateLimitDecision } from './rate-limit.js';

export interface AdmissionRequest {
  request: IncomingMessage;
  response: ServerResponse;
  /** The verified principal; undefined when the token did not verify (the request is then limited by address). */
  principal: Principal | undefined;
}

/** What `startGateway` takes from the security layer. */
export interface GatewaySecurity {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<BaseContext>[];
  maxRecursiveSelections: number;
  /** Runs before GraphQL: sets the RateLimit-* headers, throws RATE_LIMITED (429) past the limit. */
  admit?: (request: AdmissionRequest) => Promise<void>;
}

export interface GatewaySecurityDeps {
  /** Shared rate-limit counts; null: per-process counts only. */
  redis?: Redis | Cluster | null;
  logger?: Logger;
  /** Tests inject their own limiter (or clock). */
  limiter?: RateLimiter;
  /** The supergraph's `@listSize` hints for the cost estimate (lib/limits/list-size.ts). */
  listSizes?: ListSizeHints;
}

export function createGatewaySecurity(config: SecurityConfig, deps: GatewaySecurityDeps = {}): GatewaySecurity {
  const limits = queryLimits(config.limits, deps.listSizes ? { listSizes: deps.listSizes } : {});
  const base = { validationRules: limits.validationRules, parseOptions: limits.parseOptions, plugins: [limits.plugin], maxRecursiveSelections: limits.maxRecursiveSelections };
  if (!config.rateLimit.enabled) return base;
  const limiter =
    deps.limiter ??
    createRateLimiter({ settings: config.rateLimit, costBudget: config.costBudget, redis: deps.redis ?? null, ...(deps.logger ? { logger: deps.logger } : {}) });
  // Requests are counted before GraphQL (cheap refusals); their cost is charged once the operation is known.
  const admitted = createAdmittedRequests();
  const inFlight = createInFlightLimit(config.rateLimit.maxInFlightAnonymous);
  return {
    ...base,
    plugins: [...base.plugins, costBudgetPlugin({ limiter, limits: config.limits, estimate: limits.estimate, admitted })],
    admit: async ({ request, response, principal }) => {
      const subject = rateLimitSubject(principal, clientAddress(request, config.rateLimit.trustProxyHops), config.rateLimit.keySecret);
      // Refused before it counts: a request turned away for concurrency spends none of the window.
      inFlight.enter(subject, response);
      const decision = await limiter.check(subject);
      setRateLimitHeaders(response, decision);
      if (!decision.allowed) throw rateLimitError(decision);
      admitted.remember({ subject, requests: decision });
    },
  };
}
