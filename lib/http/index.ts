export { createUpstreamClient, type UpstreamClient, type UpstreamCounters } from './client.js';
export type { BreakerState, BreakerTransition } from './breaker.js';
export {
  HTTP_DEFAULTS,
  type BearerTokens,
  type BreakerOptions,
  type QueryValue,
  type RetryOptions,
  type UpstreamClientOptions,
  type UpstreamRequest,
  type UpstreamResponse,
} from './options.js';
export { isRetryableStatus, nextRetryDelay, parseRetryAfter } from './retry.js';
export { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './retry-budget.js';
export { BACKGROUND_KEY, createQuotaGate, type GateTicket, type QuotaGate, type QuotaGateOptions } from './quota-gate.js';
export { FAILURE_POLICY, type FailureClass } from './policy.js';
export { createTokenCache, type IssuedToken, type TokenCache, type TokenCacheOptions } from './token-cache.js';
export { parseUpstreamJson } from './json.js';
export {
  countDropped,
  countDroppedItem,
  lenientBoolean,
  lenientList,
  lenientNonEmptyText,
  lenientNumber,
  lenientObject,
  lenientText,
  requiredText,
  tolerantList,
  upstreamItemsDropped,
  type Kept,
} from './items.js';
export { charsetOfContentType, decodeBody, decodeStream, encodingOf, xmlDeclaredEncoding } from './decode.js';
