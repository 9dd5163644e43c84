import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';
import { nextRetryDelay, parseRetryAfter } from './retry.js';

const options = (random: number) =>
  resolveOptions({ operator: 'x', baseUrl: 'http://x.test', random: () => random, now: () => 0, retry: { minDelayMs: 100, maxDelayMs: 1000 } });

describe('retry policy', () => {
  it('backs off exponentially with equal jitter, capped', () => {
    const low = [1, 2, 3, 4, 5].map((attempt) => nextRetryDelay({ attempt, idempotent: true, status: 503 }, { ...options(0), retry: { ...options(0).retry, maxRetries: 10 } }));
    const high = [1, 2, 3, 4, 5].map((attempt) => nextRetryDelay({ attempt, idempotent: true, status: 503 }, { ...options(1), retry: { ...options(1).retry, maxRetries: 10 } }));
    expect(low).toEqual([50, 100, 200, 400, 500]);
    expect(high).toEqual([100, 200, 400, 800, 1000]);
  });

  it('stops after maxRetries, for non-idempotent requests and for non-retryable statuses', () => {
    expect(nextRetryDelay({ attempt: 3, idempotent: true, status: 503 }, options(0))).toBeNull();
    expect(nextRetryDelay({ attempt: 1, idempotent: false, status: 503 }, options(0))).toBeNull();
    expect(nextRetryDelay({ attempt: 1, idempotent: true, status: 400 }, options(0))).toBeNull();
    expect(nextRetryDelay({ attempt: 1, idempotent: true, status: 501 }, options(0))).toBeNull();
    expect(nextRetryDelay({ attempt: 1, idempotent: true, transientError: true }, options(0))).toBe(50);
  });

  it('reads Retry-After as seconds or HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter(new Date(5000).toUTCString(), 0)).toBe(5000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });

  it('ignores Retry-After on statuses other than 429/503', () => {
    expect(nextRetryDelay({ attempt: 1, idempotent: true, status: 502, retryAfter: '3' }, options(0))).toBe(50);
  });
});
