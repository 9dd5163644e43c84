import { AppError } from '../errors/index.js';

/**
 * Every way an upstream call can fail, each with its policy. All of them count against the
 * upstream's breaker (a 429 storm or a garbage body is as much an outage as a 503); they differ in
 * whether a retry can help and how long to wait first:
 * - `transport` (refused, reset), `timeout` (attempt cut by its timer or the request's deadline),
 *   `server` (5xx): retried with backoff (`Retry-After` on 503 honoured);
 * - `rate-limited` (429) and `auth` (401/403 once the token was refreshed): retried only after the
 *   operator's `Retry-After`, and only when it fits in the request's budget;
 * - `bad-answer` (undecodable body, unexpected shape or status): never retried, the same request
 *   would get the same answer;
 * - `slow`: the call succeeded but took longer than the slow-call threshold; the caller gets the
 *   value, the breaker learns the upstream is struggling.
 */
export type FailureClass = 'transport' | 'timeout' | 'server' | 'rate-limited' | 'auth' | 'bad-answer' | 'slow';

export interface ClassPolicy {
  retry: 'backoff' | 'retry-after' | 'never';
}

export const FAILURE_POLICY: Readonly<Record<FailureClass, ClassPolicy>> = {
  transport: { retry: 'backoff' },
  timeout: { retry: 'backoff' },
  server: { retry: 'backoff' },
  'rate-limited': { retry: 'retry-after' },
  auth: { retry: 'retry-after' },
  'bad-answer': { retry: 'never' },
  slow: { retry: 'never' },
};

/** The class of an answered status, or undefined for answers the caller's decoder handles. */
export function classOfStatus(status: number, refreshed: boolean): FailureClass | undefined {
  if (status === 429) return 'rate-limited';
  if ((status === 401 || status === 403) && refreshed) return 'auth';
  if (status >= 500 && status !== 501 && status !== 505) return 'server';
  if (status >= 500) return 'bad-answer';
  return undefined;
}

/** A decoder's own error that says the operator answered something unusable (vs. the caller's input). */
export function isBadAnswer(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT');
}

/**
 * Thrown inside the breaker so that it counts a failure whatever the caller finally receives (a
 * 5xx response to map, a value served slowly, an error); the client unwraps it outside.
 */
export class CountedFailure<T> extends Error {
  constructor(
    readonly failure: FailureClass,
    readonly settled: { ok: true; value: T } | { ok: false; error: unknown },
  ) {
    super(`upstream call failed (${failure})`);
    this.name = 'CountedFailure';
  }
}
