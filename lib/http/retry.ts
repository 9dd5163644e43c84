import type { ResolvedOptions } from './options.js';

/** Statuses worth a second attempt: overload and transient server faults (501 is permanent). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** `Retry-After` as milliseconds (delta-seconds or HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface AttemptOutcome {
  /** 1 for the first attempt. */
  attempt: number;
  idempotent: boolean;
  /** Set when the upstream answered. */
  status?: number;
  retryAfter?: string;
  /** Set when the attempt failed before a usable answer (connection error, timeout). */
  transientError?: boolean;
}

/**
 * The wait before the next attempt, or `null` to stop. Backoff is "equal jitter": half the
 * exponential step is fixed (so retries never hammer back at once), half is random (so
 * replicas failing together spread their retries). A `Retry-After` on 429/503 replaces the
 * backoff; one longer than `maxRetryAfterMs` is not worth holding the caller for.
 */
export function nextRetryDelay(outcome: AttemptOutcome, options: ResolvedOptions): number | null {
  const { retry } = options;
  if (!outcome.idempotent || outcome.attempt > retry.maxRetries) return null;
  if (outcome.status === 401 || outcome.status === 403) {
    // Refused with a fresh token: only worth another try when the operator says when.
    const hinted = parseRetryAfter(outcome.retryAfter, options.now());
    return hinted === undefined || hinted > retry.maxRetryAfterMs ? null : hinted;
  }
  const retryable = outcome.transientError === true || (outcome.status !== undefined && isRetryableStatus(outcome.status));
  if (!retryable) return null;
  if (outcome.status === 429 || outcome.status === 503) {
    const hinted = parseRetryAfter(outcome.retryAfter, options.now());
    if (hinted !== undefined) return hinted > retry.maxRetryAfterMs ? null : hinted;
  }
  const step = Math.min(retry.maxDelayMs, retry.minDelayMs * 2 ** (outcome.attempt - 1));
  return Math.round(step / 2 + options.random() * (step / 2));
}
