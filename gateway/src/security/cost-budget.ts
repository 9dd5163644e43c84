import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { rateLimited } from '../../../lib/errors/index.js';
import { ErrorCode } from '../../../lib/errors/index.js';
import { actualCost } from '../../../lib/limits/actual-cost.js';
import type { QueryLimits, QueryLimitsProtection } from '../../../lib/limits/query-limits.js';
import { currentRequestId } from '../../../lib/logging/index.js';
import type { RateLimitSubject } from './principal-key.js';
import { rateLimitHeaders, type RateLimitDecision, type RateLimiter } from './rate-limit.js';

/** What admission learnt about a request, for the cost charge once the operation is known. */
export interface Admitted {
  subject: RateLimitSubject;
  requests: RateLimitDecision;
}

/**
 * Admitted requests by request id, from admission (before GraphQL) to the cost charge (after the
 * operation is resolved), in the same process. Bounded and short-lived: a request refused between
 * the two (a bad token, a syntax error) leaves an entry that simply ages out.
 */
export function createAdmittedRequests(): { remember(admitted: Admitted): void; take(): Admitted | undefined } {
  const entries = new LRUCache<string, Admitted>({ max: 10_000, ttl: 120_000 });
  return {
    remember(admitted) {
      const requestId = currentRequestId();
      if (requestId) entries.set(requestId, admitted);
    },
    take() {
      const requestId = currentRequestId();
      if (!requestId) return undefined;
      const admitted = entries.get(requestId);
      entries.delete(requestId);
      return admitted;
    },
  };
}

/**
 * Issue #12.3: the public rate limit counts what a request costs, not only that it came. Once
 * the operation is resolved (before any subgraph fetch), its estimated cost (lib/limits/cost.ts,
 * the same estimate the cost limit uses) is charged to the principal's sliding window; a request
 * that would overspend the budget is refused 429 RATE_LIMITED with `Retry-After` (when enough of
 * the window's oldest charges leave) and costs no upstream call. Ten aliased `jobOffers` searches
 * cost ten times one search, so they spend the budget ten times faster. Once the answer is known
 * the charge is settled to its actual cost (lib/limits/actual-cost.ts): admission needs room for
 * the worst case, the budget then keeps what was really served, so a person using the app
 * (pages of five trainings whose explanations are shorter than the default list size) is not
 * charged for lists that never came.
 */
export function costBudgetPlugin(options: {
  limiter: RateLimiter;
  limits: QueryLimits;
  /** The cost limit's own (memoised) estimate: one estimate per document, not one per plugin. */
  estimate: QueryLimitsProtection['estimate'];
  admitted: ReturnType<typeof createAdmittedRequests>;
}): ApolloServerPlugin<BaseContext> {
  const { limiter, limits, estimate, admitted } = options;
  return {
    async requestDidStart() {
      const entry = admitted.take();
      const charge = limiter.charge?.bind(limiter);
      if (!entry || !charge) return {};
      let headers: Record<string, string> | undefined;
      let settle: ((actualCost: number) => Promise<void>) | undefined;
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const cost = estimate(schema, document, operation, request.variables);
          // Past the cost limit the query is refused by the limits plugin: nothing is spent.
          if (cost > limits.maxCost) return;
          const decision = await charge(entry.subject, cost);
          headers = rateLimitHeaders(entry.requests, decision);
          settle = decision.settle;
          if (decision.allowed) return;
          headers['retry-after'] = String(decision.resetSeconds);
          const cause = rateLimited(undefined, decision.resetSeconds);
          throw new GraphQLError(cause.message, {
            originalError: cause,
            extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429 } },
          });
        },
        async willSendResponse({ response }) {
          if (headers) for (const [name, value] of Object.entries(headers)) response.http.headers.set(name, value);
          // The estimate assumed every page full: the budget keeps what the answer actually held.
          if (settle && response.body.kind === 'single') await settle(actualCost(response.body.singleResult.data));
        },
      };
    },
  };
}
