import { AppError, rateLimited, upstreamTimeout, upstreamUnavailable } from '../errors/index.js';
import { currentDeadline, currentFairnessKey } from '../budget/index.js';
import { createLogger } from '../logging/index.js';
import { classifyFailure, toUpstreamError } from './failures.js';
import { upstreamRetries } from './metrics.js';
import type { ResolvedOptions, UpstreamRequest } from './options.js';
import { classOfStatus, CountedFailure, isBadAnswer, type FailureClass } from './policy.js';
import type { QuotaGate } from './quota-gate.js';
import type { RetryBudget } from './retry-budget.js';
import { nextRetryDelay, parseRetryAfter } from './retry.js';
import type { BearerTokens } from './options.js';

const log = createLogger('lib.http');

/** Below this many ms left, an attempt is not started: it could not finish. */
const MIN_ATTEMPT_MS = 25;

export interface Answer {
  status: number;
  headers: Readonly<Record<string, string>>;
}

/** One exchange with the upstream; `signal` fires when the attempt's time is up. */
export type AttemptOnce<R extends Answer> = (headers: Record<string, string>, signal: AbortSignal | undefined) => Promise<R>;

export interface CallDeps {
  settings: ResolvedOptions;
  budget: RetryBudget;
  gate: QuotaGate | undefined;
  tokens: BearerTokens | undefined;
  counters: { attempts: number; retries: number };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One call as the breaker sees it: attempts (each through the quota gate, each bounded by its
 * timeout and the request's deadline), token refresh, retries drawn from the retry budget, and the
 * caller's decoding. Returns the value when nothing went wrong; throws `CountedFailure` (which the
 * breaker counts, and the client unwraps) when something did, even if the caller still gets a value.
 */
export async function runCall<R extends Answer, T>(
  deps: CallDeps,
  request: UpstreamRequest,
  baseHeaders: Record<string, string>,
  attemptOnce: AttemptOnce<R>,
  decode: (response: R) => T | Promise<T>,
): Promise<T> {
  const { settings, counters } = deps;
  const { operator } = settings;
  const deadline = currentDeadline();
  const idempotent = request.method === 'GET' || request.method === 'HEAD' || request.idempotent === true;
  let refreshed = false;
  deps.budget.recordCall();

  const fail = (failure: FailureClass, settled: Settled<T>): never => {
    throw new CountedFailure(failure, settled);
  };

  for (let attempt = 1; ; attempt += 1) {
    const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - settings.now();
    if (left < MIN_ATTEMPT_MS) fail('timeout', { ok: false, error: upstreamTimeout(operator, { cause: { reason: 'BUDGET_EXHAUSTED', attempt } }) });
    // Retries queue at the quota like first attempts; a refusal here is ours, not the operator's.
    if (deps.gate) await deps.gate.acquire({ deadline, key: currentFairnessKey() });
    const headers = { ...baseHeaders };
    let token: string | undefined;
    try {
      if (deps.tokens) token = await deps.tokens.get();
    } catch (error) {
      fail(isBadAnswer(error) ? 'auth' : 'transport', { ok: false, error: toUpstreamError(operator, error) });
    }
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;

    const started = settings.now();
    const limit = deadline === undefined ? undefined : Math.min(settings.attemptTimeoutMs, deadline - started);
    const controller = limit === undefined ? undefined : new AbortController();
    const timer = controller && limit !== undefined ? setTimeout(() => controller.abort(), limit) : undefined;
    counters.attempts += 1;
    let response: R | undefined;
    let failure: FailureClass | undefined;
    let error: unknown;
    try {
      response = await attemptOnce(headers, controller?.signal);
    } catch (caught) {
      if (controller?.signal.aborted) {
        failure = 'timeout';
        error = upstreamTimeout(operator, { cause: { reason: 'ATTEMPT_TIMEOUT', limitMs: limit } });
      } else if (caught instanceof AppError) {
        failure = 'bad-answer';
        error = caught;
      } else if (classifyFailure(caught) === 'programming') {
        throw caught;
      } else {
        error = toUpstreamError(operator, caught);
        failure = classifyFailure(caught) === 'timeout' ? 'timeout' : 'transport';
      }
    } finally {
      if (timer) clearTimeout(timer);
    }

    if (response !== undefined) {
      if ((response.status === 401 || response.status === 403) && deps.tokens && token !== undefined && !refreshed) {
        // The token expired early or was revoked: one fresh token, one more try (not a retry of a fault).
        deps.tokens.invalidate(token);
        refreshed = true;
        attempt -= 1;
        continue;
      }
      failure = classOfStatus(response.status, refreshed);
      if (failure === undefined) {
        const settled = await settle(() => decode(response as R));
        if (!settled.ok && isBadAnswer(settled.error)) fail('bad-answer', settled);
        if (!settled.ok) throw settled.error;
        const elapsed = settings.now() - started;
        if (deadline !== undefined && elapsed > settings.slowCallMs) fail('slow', settled);
        return settled.value;
      }
    }

    const delay = nextRetryDelay(
      { attempt, idempotent, status: response?.status, retryAfter: response?.headers['retry-after'], transientError: response === undefined && failure !== 'bad-answer' },
      settings,
    );
    const leftAfter = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - settings.now();
    // A timed-out attempt is retried only when a whole attempt still fits: a hung upstream costs its share of the budget, not all of it.
    const needed = failure === 'timeout' && deadline !== undefined ? settings.attemptTimeoutMs : MIN_ATTEMPT_MS;
    const fits = delay !== null && delay + needed < leftAfter;
    if (delay !== null && fits && failure !== 'bad-answer' && deps.budget.tryRetry()) {
      counters.retries += 1;
      upstreamRetries.inc({ operator });
      log.debug({ operator, attempt, delay, status: response?.status, failure }, 'retrying upstream request');
      await settings.sleep(delay);
      continue;
    }
    return fail(failure ?? 'transport', await finalOutcome(failure, response, error, decode, operator, settings.now()));
  }
}

async function settle<T>(run: () => T | Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What the caller gets when no more attempts are made: an error, or its decoder's reading of the last answer. */
async function finalOutcome<R extends Answer, T>(
  failure: FailureClass | undefined,
  response: R | undefined,
  error: unknown,
  decode: (response: R) => T | Promise<T>,
  operator: string,
  now: number,
): Promise<Settled<T>> {
  if (response === undefined) return { ok: false, error };
  if (failure === 'rate-limited') {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
    return { ok: false, error: rateLimited(operator, retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000)) };
  }
  if (failure === 'auth') return { ok: false, error: upstreamUnavailable(operator, { status: response.status, cause: { reason: 'AUTH_REFUSED' } }) };
  // A 5xx goes to the decoder, which maps it the operator's way (most throw UPSTREAM_UNAVAILABLE).
  return await settle(() => decode(response));
}
