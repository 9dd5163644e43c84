import { Pool, type Dispatcher } from 'undici';
import { AppError, rateLimited, upstreamUnavailable } from '../errors/index.js';
import { createLogger, currentRequestId, REQUEST_ID_HEADER } from '../logging/index.js';
import { readCapped, flattenHeaders } from './body.js';
import { createBreaker, isBreakerOpenError, type BreakerState } from './breaker.js';
import { classifyFailure, ServerErrorResponse, toUpstreamError } from './failures.js';
import { outcomeOfStatus, upstreamDuration, upstreamRequests, upstreamRetries, type Outcome } from './metrics.js';
import { resolveOptions, type UpstreamClientOptions, type UpstreamRequest, type UpstreamResponse } from './options.js';
import { nextRetryDelay, parseRetryAfter } from './retry.js';
import { buildTarget, splitBaseUrl } from './url.js';

export interface UpstreamClient {
  readonly operator: string;
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  breakerState(): BreakerState;
  /** Stops the breaker's timers and closes the pool (an injected dispatcher is left to its owner). */
  close(): Promise<void>;
}

const log = createLogger('lib.http');

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

  async function exchange(request: UpstreamRequest, path: string, headers: Record<string, string>): Promise<UpstreamResponse> {
    const response = await dispatcher.request({
      origin: base.origin,
      path,
      method: request.method,
      headers,
      body: request.body ?? null,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
    });
    const body = await readCapped(response.body, settings.maxResponseBytes, operator);
    return makeResponse(response.statusCode, flattenHeaders(response.headers), body);
  }

  async function withRetries(request: UpstreamRequest, path: string, headers: Record<string, string>): Promise<UpstreamResponse> {
    const idempotent = request.method === 'GET' || request.method === 'HEAD' || request.idempotent === true;
    for (let attempt = 1; ; attempt += 1) {
      let response: UpstreamResponse | undefined;
      let failure: unknown;
      try {
        response = await exchange(request, path, headers);
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

  async function send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const path = buildTarget(base, request.path, request.query);
    const headers = headersFor(request);
    try {
      return await breaker.fire(async () => {
        const response = await withRetries(request, path, headers);
        if (response.status >= 500) throw new ServerErrorResponse(response);
        return response;
      });
    } catch (error) {
      if (error instanceof ServerErrorResponse) return error.response;
      if (isBreakerOpenError(error)) throw upstreamUnavailable(operator, { cause: error });
      throw error;
    }
  }

  async function request(request: UpstreamRequest): Promise<UpstreamResponse> {
    const stopTimer = upstreamDuration.startTimer({ operator });
    let outcome: Outcome = 'error';
    try {
      const response = await send(request);
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
    request,
    breakerState: () => breaker.state(),
    close: async () => {
      breaker.shutdown();
      if (options.dispatcher === undefined) await dispatcher.close();
    },
  };
}
