import { Pool, type Dispatcher } from 'undici';
import { AppError, upstreamUnavailable } from '../errors/index.js';
import { currentRequestId, REQUEST_ID_HEADER } from '../logging/index.js';
import { readCapped, flattenHeaders } from './body.js';
import { decodeBody } from './decode.js';
import { createBreaker, isBreakerOpenError, type BreakerState, type BreakerTransition } from './breaker.js';
import { runCall, type Answer, type AttemptOnce } from './call.js';
import { outcomeOfStatus, upstreamDuration, upstreamRequests, type Outcome } from './metrics.js';
import { resolveOptions, type UpstreamClientOptions, type UpstreamRequest, type UpstreamResponse, type UpstreamStreamResponse } from './options.js';
import { CountedFailure } from './policy.js';
import { createRetryBudget } from './retry-budget.js';
import { buildTarget, splitBaseUrl } from './url.js';
import { recordSource } from '../provenance/sources.js';

export interface UpstreamCounters {
  /** Exchanges sent to the upstream (first attempts, token refreshes and retries). */
  attempts: number;
  retries: number;
  transitions: BreakerTransition[];
}

export interface UpstreamClient {
  readonly operator: string;
  /** One call; the answer is the caller's to map. Prefer `call` with a decoder, so a garbage body counts against the upstream. */
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  /**
   * One call whose answer is decoded inside the breaker's view: a decoder throwing
   * UPSTREAM_UNAVAILABLE (undecodable body, unexpected shape or status) counts as the upstream failing.
   */
  call<T>(request: UpstreamRequest, decode: (response: UpstreamResponse) => T | Promise<T>): Promise<T>;
  /**
   * Like `request`, but a 2xx body is handed over unread, as a stream: for feeds too large to
   * buffer. Retries and the breaker cover the exchange up to the response headers only.
   */
  stream(request: UpstreamRequest): Promise<UpstreamStreamResponse>;
  breakerState(): BreakerState;
  /** What this client did so far (tests and diagnostics count these). */
  counters(): UpstreamCounters;
  /** Stops the breaker's timers and closes the pool (an injected dispatcher is left to its owner). */
  close(): Promise<void>;
}

type StreamOrResponse = UpstreamStreamResponse | UpstreamResponse;

function makeResponse(status: number, headers: Record<string, string>, body: Buffer): UpstreamResponse {
  // By the declared charset or BOM (lib/http/decode.ts), not always UTF-8.
  const text = () => decodeBody(body, { contentType: headers['content-type'] });
  return {
    status,
    headers,
    text,
    json: <T>() => JSON.parse(text()) as T,
  };
}

function outcomeOfError(error: unknown): Outcome {
  if (isBreakerOpenError(error instanceof Error ? error.cause : undefined)) return 'breaker_open';
  if (!(error instanceof AppError)) return 'error';
  if (error.code === 'UPSTREAM_TIMEOUT') return 'timeout';
  if (error.code === 'UPSTREAM_UNAVAILABLE') return 'unavailable';
  if (error.code === 'RATE_LIMITED') return 'rate_limited';
  return 'error';
}

/**
 * The one way an upstream is read. Per call: breaker → attempts (quota gate, token, one exchange
 * bounded by the request's deadline, decoding) with retries from a retry budget; see call.ts and
 * policy.ts for what each failure costs. Retries are a small loop rather than undici's
 * `interceptors.retry`: that interceptor pauses the response while deciding, which MockAgent does
 * not honour, resumes broken bodies with `Range` requests our upstreams do not support, and knows
 * nothing of deadlines, quotas or tokens.
 */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const settings = resolveOptions(options);
  const { operator } = settings;
  const base = splitBaseUrl(options.baseUrl);
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Pool(base.origin, {
      connections: settings.connections,
      connect: { timeout: settings.connectTimeoutMs },
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
    });
  const breaker = createBreaker(settings);
  const counters = { attempts: 0, retries: 0 };
  const deps = { settings, budget: createRetryBudget(options.retryBudget), gate: options.gate, tokens: options.tokens, counters };

  async function open(request: UpstreamRequest, path: string, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<Dispatcher.ResponseData> {
    return await dispatcher.request({
      origin: base.origin,
      path,
      method: request.method,
      headers,
      body: request.body ?? null,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      ...(signal ? { signal } : {}),
    });
  }

  const exchange =
    (request: UpstreamRequest, path: string): AttemptOnce<UpstreamResponse> =>
    async (headers, signal) => {
      const response = await open(request, path, headers, signal);
      const body = await readCapped(response.body, settings.maxResponseBytes, operator);
      return makeResponse(response.statusCode, flattenHeaders(response.headers), body);
    };

  /** A 2xx body is left unread for the caller; any other is drained like `exchange` does, so retries can decide on it. */
  const exchangeStreaming =
    (request: UpstreamRequest, path: string): AttemptOnce<StreamOrResponse> =>
    async (headers, signal) => {
      const response = await open(request, path, headers, signal);
      const flat = flattenHeaders(response.headers);
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const { body } = response;
        return { status: response.statusCode, headers: flat, body, discard: async () => void (await body.dump()) };
      }
      return makeResponse(response.statusCode, flat, await readCapped(response.body, settings.maxResponseBytes, operator));
    };

  function headersFor(request: UpstreamRequest): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const requestId = currentRequestId();
    if (requestId !== undefined && headers[REQUEST_ID_HEADER] === undefined) headers[REQUEST_ID_HEADER] = requestId;
    return headers;
  }

  async function measured<R extends Answer, T>(
    request: UpstreamRequest,
    makeAttempt: (request: UpstreamRequest, path: string) => AttemptOnce<R>,
    decode: (response: R) => T | Promise<T>,
    statusOf: (value: T) => number | undefined,
  ): Promise<T> {
    const path = buildTarget(base, request.path, request.query);
    const headers = headersFor(request);
    const stopTimer = upstreamDuration.startTimer({ operator });
    let outcome: Outcome = 'error';
    try {
      const value = await unwrap(() => breaker.fire(async () => await runCall(deps, request, headers, makeAttempt(request, path), decode)));
      const status = statusOf(value);
      outcome = status === undefined ? 'ok' : outcomeOfStatus(status);
      // An answer is data fetched now (a 404 "none" included); the cache records reuse of it.
      if (status === undefined || (status < 500 && status !== 429)) recordSource({ operator, fetchedAt: Date.now(), ttlSeconds: null, stale: false });
      return value;
    } catch (error) {
      outcome = outcomeOfError(error);
      throw error;
    } finally {
      stopTimer();
      upstreamRequests.inc({ operator, method: request.method, outcome });
    }
  }

  async function unwrap<T>(fire: () => Promise<T>): Promise<T> {
    try {
      return await fire();
    } catch (error) {
      if (error instanceof CountedFailure) {
        const { settled } = error as CountedFailure<T>;
        if (settled.ok) return settled.value;
        throw settled.error;
      }
      if (isBreakerOpenError(error)) throw upstreamUnavailable(operator, { cause: error });
      throw error;
    }
  }

  const asIs = <R>(response: R): R => response;
  const statusOfResponse = (response: Answer) => response.status;

  return {
    operator,
    request: async (request) => await measured(request, exchange, asIs, statusOfResponse),
    call: async (request, decode) => await measured(request, exchange, decode, () => undefined),
    stream: async (request) => {
      const response = await measured<StreamOrResponse, StreamOrResponse>(request, exchangeStreaming, asIs, statusOfResponse);
      if ('body' in response) return response;
      const buffered = Buffer.from(response.text(), 'utf8');
      return {
        status: response.status,
        headers: response.headers,
        body: (async function* () {
          yield buffered;
        })(),
        discard: async () => undefined,
      };
    },
    breakerState: () => breaker.state(),
    counters: () => ({ ...counters, transitions: breaker.transitions() }),
    close: async () => {
      breaker.shutdown();
      if (options.dispatcher === undefined) await dispatcher.close();
    },
  };
}
