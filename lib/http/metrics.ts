import { counter, gauge, histogram } from '../metrics/index.js';

/**
 * `outcome` is one of: `ok` (2xx/3xx), `client_error` (4xx), `server_error` (5xx),
 * `rate_limited`, `timeout`, `unavailable` (connection error), `breaker_open`, `error` (our bug).
 */
export const upstreamRequests = counter({
  name: 'upstream_requests_total',
  help: 'Upstream requests by operator, method and outcome (after retries).',
  labelNames: ['operator', 'method', 'outcome'] as const,
});

export const upstreamDuration = histogram({
  name: 'upstream_request_duration_seconds',
  help: 'Time spent on an upstream request, retries and backoff included.',
  labelNames: ['operator'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const upstreamRetries = counter({
  name: 'upstream_retries_total',
  help: 'Retried upstream attempts by operator.',
  labelNames: ['operator'] as const,
});

export const breakerTransitions = counter({
  name: 'upstream_breaker_transitions_total',
  help: 'Circuit breaker state changes per operator and new state.',
  labelNames: ['operator', 'to'] as const,
});

/** 0 closed, 1 half-open, 2 open. */
export const breakerStateGauge = gauge({
  name: 'upstream_breaker_state',
  help: 'Circuit breaker state per operator: 0 closed, 1 half-open, 2 open.',
  labelNames: ['operator'] as const,
});

export type Outcome = 'ok' | 'client_error' | 'server_error' | 'rate_limited' | 'timeout' | 'unavailable' | 'breaker_open' | 'error';

export function outcomeOfStatus(status: number): Outcome {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}
