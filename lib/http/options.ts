import type { Dispatcher } from 'undici';
import type { QuotaGate } from './quota-gate.js';
import type { RetryBudgetOptions } from './retry-budget.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface UpstreamRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the client's base URL (which may carry a path prefix). Must start with `/`. */
  path: string;
  /** `undefined` values are dropped; arrays become repeated keys (`a=1&a=2`). */
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string>>;
  body?: string | Buffer;
  /** Marks a non-GET request as a pure read (e.g. a search sent as POST) so it may be retried. */
  idempotent?: boolean;
}

/** A response whose body is consumed as it arrives (large feeds): memory stays bounded by a chunk. */
export interface UpstreamStreamResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The body, chunk by chunk; read it once, or call `discard()`. */
  body: AsyncIterable<Uint8Array>;
  discard(): Promise<void>;
}

export interface UpstreamResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  text(): string;
  /** Parses the body; validate it with the operator's zod schema before trusting the shape. */
  json<T>(): T;
}

export interface RetryOptions {
  /** Retries after the first attempt (so `2` means at most 3 attempts). */
  maxRetries?: number;
  /** Base of the exponential backoff. */
  minDelayMs?: number;
  /** Cap of the exponential backoff. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the caller gets the 429/503 at once. */
  maxRetryAfterMs?: number;
}

export interface BreakerOptions {
  /** Failure percentage, within the rolling window, above which the circuit opens. */
  errorThresholdPercentage?: number;
  /** Requests needed in the window before the percentage is considered. */
  volumeThreshold?: number;
  /** How long the circuit stays open before letting one probe through (half-open). */
  resetTimeoutMs?: number;
  /** Length of the rolling statistics window. */
  rollingWindowMs?: number;
}

/** Where the client gets a bearer token and reports one the API refused (lib/http's token cache fits). */
export interface BearerTokens {
  get(): Promise<string>;
  invalidate(token: string): void;
}

export interface UpstreamClientOptions {
  /** Operator name used in errors, logs and metric labels, e.g. `france-travail`. */
  operator: string;
  /** Origin plus optional path prefix, e.g. `http://127.0.0.1:4010/francetravail`. */
  baseUrl: string;
  connections?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Responses larger than this are refused (protects memory from a runaway upstream). */
  maxResponseBytes?: number;
  /**
   * Longest single attempt inside a request's budget (connect to last body byte); the remaining
   * budget bounds it further. Background work (no budget) is bounded by undici's timers only.
   */
  attemptTimeoutMs?: number;
  /** An attempt inside a request's budget slower than this counts as a failure for the breaker (its answer is still used). */
  slowCallMs?: number;
  retry?: RetryOptions;
  /** Retries drawn from a budget earned by first attempts (default ≤ 20 % of calls). */
  retryBudget?: RetryBudgetOptions;
  breaker?: BreakerOptions;
  /** The operator's quota: every attempt, retries included, passes it. */
  gate?: QuotaGate;
  /** Bearer tokens: added to every attempt; a 401/403 invalidates the token and retries once with a fresh one. */
  tokens?: BearerTokens;
  /** Tests inject a `MockAgent`; production builds one `Pool` for the origin. */
  dispatcher?: Dispatcher;
  /** Injectable wait between retries, so tests can assert the chosen delay without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable randomness for the jitter. */
  random?: () => number;
  /** Injectable clock (ms since epoch) for HTTP-date `Retry-After` values. */
  now?: () => number;
}

export interface ResolvedOptions {
  operator: string;
  connections: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
  attemptTimeoutMs: number;
  slowCallMs: number;
  retry: Required<RetryOptions>;
  breaker: Required<BreakerOptions>;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const HTTP_DEFAULTS = {
  connections: 16,
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 5_000,
  bodyTimeoutMs: 10_000,
  maxResponseBytes: 10 * 1024 * 1024,
  attemptTimeoutMs: 1_500,
  slowCallMs: 1_000,
  retry: { maxRetries: 2, minDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 },
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 10, resetTimeoutMs: 10_000, rollingWindowMs: 10_000 },
} as const;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function resolveOptions(options: UpstreamClientOptions): ResolvedOptions {
  return {
    operator: options.operator,
    connections: options.connections ?? HTTP_DEFAULTS.connections,
    connectTimeoutMs: options.connectTimeoutMs ?? HTTP_DEFAULTS.connectTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? HTTP_DEFAULTS.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs ?? HTTP_DEFAULTS.bodyTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes,
    attemptTimeoutMs: options.attemptTimeoutMs ?? HTTP_DEFAULTS.attemptTimeoutMs,
    slowCallMs: options.slowCallMs ?? HTTP_DEFAULTS.slowCallMs,
    retry: { ...HTTP_DEFAULTS.retry, ...options.retry },
    breaker: { ...HTTP_DEFAULTS.breaker, ...options.breaker },
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}
