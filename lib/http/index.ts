export { createUpstreamClient, type UpstreamClient } from './client.js';
export type { BreakerState } from './breaker.js';
export {
  HTTP_DEFAULTS,
  type BreakerOptions,
  type QueryValue,
  type RetryOptions,
  type UpstreamClientOptions,
  type UpstreamRequest,
  type UpstreamResponse,
} from './options.js';
export { isRetryableStatus, nextRetryDelay, parseRetryAfter } from './retry.js';
export { createTokenCache, type IssuedToken, type TokenCache, type TokenCacheOptions } from './token-cache.js';
export { parseUpstreamJson } from './json.js';
