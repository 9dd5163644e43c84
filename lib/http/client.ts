import { Pool, type Dispatcher } from 'undici';
import { AppError, rateLimited, upstreamUnavailable } from '../errors/index.js';
import { createLogger, currentRequestId, REQUEST_ID_HEADER } from '../logging/index.js';
import { readCapped, flattenHeaders } from './body.js';
import { createBreaker, isBreakerOpenError, type BreakerState } from './breaker.js';
import { classifyFailure, ServerErrorResponse, toUpstreamError } from './failures.js';
import { outcomeOfStatus, upstreamDuration, upstreamRequests, upstreamRetries, type Outcome } from './metrics.js';
import { resolveOptions, type UpstreamClientOptions, type UpstreamRequest, type UpstreamResponse, type UpstreamStreamResponse } from './options.js';
import { nextRetryDelay, parseRetryAfter } from './retry.js';
import { buildTarget, splitBaseUrl } from './url.js';

export interface UpstreamClient {
  readonly operator: string;
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  /**
   * Like `request`, but a 2xx body is handed over unread, as a stream: for feeds too large to
   * buffer. Retries and the breaker cover the exchange up to the response headers only.
   */
  stream(request: UpstreamRequest): Promise<UpstreamStreamResponse>;
  breakerState(): BreakerState;
  /** Stops the breaker's timers and closes the pool (an injected dispatcher is left to its owner). */
  close(): Promise<void>;
}

const log = createLogger('lib.http');

type StreamOrResponse = UpstreamStreamResponse | UpstreamResponse;

function makeResponse(status: number, headers: Record<string, string>, body: Buffer): UpstreamResponse {
  return {
    status,
    headers,
    text: () => body.toString('utf8'),
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
  };
}

function outcomeOfError(error: unknown): Outcome {
  if (!(error instanceof AppError)) return 'error';
  if (error.code === 'UPSTREAM_TIMEOUT') return 'timeout';
  if (error.code === 'UPSTREAM_UNAVAILABLE') return 'unavailable';
  if (error.code === 'RATE_LIMITED') return 'rate_limited';
  return 'error';
}

/**
 * The one way an upstream is read. Per request: breaker → retry loop → one exchange (body read
 * in full, size-capped). Retries are a small loop here rather than undici's `interceptors.retry`:
 * that interceptor pauses the response while deciding, which MockAgent does not honour (body
 * chunks reach the caller mid-decision), it resumes broken bodies with `Range` requests our
 * upstreams do not support, and a per-request idempotency flag and an injectable sleep are one
 * line each in a loop.
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

  async function open(request: UpstreamRequest, path: string, headers: Record<string, string>): Promise<Dispatcher.ResponseData> {
    return await dispatcher.request({
      origin: base.origin,
      path,
      method: request.method,
      headers,
      body: request.body ?? null,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
    });
  }

  async function exchange(request: UpstreamRequest, path: string, headers: Record<string, string>): Promise<UpstreamResponse> {
    const response = await open(request, path, headers);
    const body = await readCapped(response.body, settings.maxResponseBytes, operator);
    return makeResponse(response.statusCode, flattenHeaders(response.headers), body);
  }

  /** A 2xx body is left unread for the caller; any other is drained like `exchange` does, so retries can decide on it. */
  async function exchangeStreaming(request: UpstreamRequest, path: string, headers: Record<string, string>): Promise<StreamOrResponse> {
    const response = await open(request, path, headers);
    const flat = flattenHeaders(response.headers);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const { body } = response;
      return { status: response.statusCode, headers: flat, body, discard: async () => void (await body.dump()) };
    }
    return makeResponse(response.statusCode, flat, await readCapped(response.body, settings.maxResponseBytes, operator));
  }

  async function withRetries<R extends { status: number; headers: Readonly<Record<string, string>> }>(
    request: UpstreamRequest,
    path: string,
    headers: Record<string, string>,
    attemptOnce: (request: UpstreamRequest, path: string, headers: Record<string, string>) => Promise<R>,
  ): Promise<R> {
    const idempotent = request.method === 'GET' || request.method === 'HEAD' || request.idempotent === true;
    for (let attempt = 1; ; attempt += 1) {
      let response: R | undefined;
      let failure: unknown;
      try {
        response = await attemptOnce(request, path, headers);
      } catch (error) {
        failure = error;
      }
      const transientError = failure !== undefined && !(failure instanceof AppError) && classifyFailure(failure) !== 'programming';
      const delay = nextRetryDelay(
        { attempt, idempotent, status: response?.status, retryAfter: response?.headers['retry-after'], transientError },
        settings,
      );
      if (delay === null) {
        if (response === undefined) throw toUpstreamError(operator, failure);
        return response;
      }
      upstreamRetries.inc({ operator });
      log.debug({ operator, attempt, delay, status: response?.status }, 'retrying upstream request');
      await settings.sleep(delay);
    }
  }

  function headersFor(request: UpstreamRequest): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const requestId = currentRequestId();
    if (requestId !== undefined && headers[REQUEST_ID_HEADER] === undefined) headers[REQUEST_ID_HEADER] = requestId;
    return headers;
  }

  async function send<R extends { status: number; headers: Readonly<Record<string, string>> }>(
    request: UpstreamRequest,
    attemptOnce: (request: UpstreamRequest, path: string, headers: Record<string, string>) => Promise<R>,
  ): Promise<R> {
    const path = buildTarget(base, request.path, request.query);
    const headers = headersFor(request);
    try {
      return await breaker.fire(async () => {
        const response = await withRetries(request, path, headers, attemptOnce);
        if (response.status >= 500) throw new ServerErrorResponse(response);
        return response;
      });
    } catch (error) {
      if (error instanceof ServerErrorResponse) return (error as ServerErrorResponse<R>).response;
      if (isBreakerOpenError(error)) throw upstreamUnavailable(operator, { cause: error });
      throw error;
    }
  }

  async function measured<R extends { status: number; headers: Readonly<Record<string, string>> }>(
    request: UpstreamRequest,
    attemptOnce: (request: UpstreamRequest, path: string, headers: Record<string, string>) => Promise<R>,
  ): Promise<R> {
    const stopTimer = upstreamDuration.startTimer({ operator });
    let outcome: Outcome = 'error';
    try {
      const response = await send(request, attemptOnce);
      outcome = outcomeOfStatus(response.status);
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], settings.now());
        throw rateLimited(operator, retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000));
      }
      return response;
    } catch (error) {
      if (outcome === 'error') outcome = isBreakerOpenError(error instanceof Error ? error.cause : undefined) ? 'breaker_open' : outcomeOfError(error);
      throw error;
    } finally {
      stopTimer();
      upstreamRequests.inc({ operator, method: request.method, outcome });
    }
  }

  return {
    operator,
    request: async (request) => await measured(request, exchange),
    stream: async (request) => {
      const response = await measured<StreamOrResponse>(request, exchangeStreaming);
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
    close: async () => {
      breaker.shutdown();
      if (options.dispatcher === undefined) await dispatcher.close();
    },
  };
}
