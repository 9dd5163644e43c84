import CircuitBreaker from 'opossum';
import type { ResolvedOptions } from './options.js';
import { countsAgainstUpstream } from './failures.js';
import { breakerStateGauge } from './metrics.js';

export type BreakerState = 'closed' | 'half-open' | 'open';

type Run = () => Promise<unknown>;

export interface UpstreamBreaker {
  fire<R>(run: () => Promise<R>): Promise<R>;
  state(): BreakerState;
  shutdown(): void;
}

/** opossum's error when it refuses a call because the circuit is open. */
export function isBreakerOpenError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EOPENBREAKER';
}

/**
 * One breaker per upstream, wrapping a whole request (retries included) so one slow request
 * counts once. opossum's own timeout is off: undici's connect/headers/body timeouts already
 * bound every attempt, and a second clock would abandon requests undici is still running.
 */
export function createBreaker(options: ResolvedOptions): UpstreamBreaker {
  const { operator, breaker: settings } = options;
  const breaker = new CircuitBreaker<[Run], unknown>(async (run: Run) => await run(), {
    name: operator,
    timeout: false,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    volumeThreshold: settings.volumeThreshold,
    resetTimeout: settings.resetTimeoutMs,
    rollingCountTimeout: settings.rollingWindowMs,
    // Filtered errors count as successes: a 404, a 429 or our own bug says nothing about health.
    errorFilter: (error: unknown) => !countsAgainstUpstream(error),
  });
  const labels = { operator };
  breakerStateGauge.set(labels, 0);
  breaker.on('open', () => breakerStateGauge.set(labels, 2));
  breaker.on('halfOpen', () => breakerStateGauge.set(labels, 1));
  breaker.on('close', () => breakerStateGauge.set(labels, 0));

  return {
    // opossum resolves with what `run` resolved with; its typing cannot carry R through.
    fire: async <R>(run: () => Promise<R>) => (await breaker.fire(run)) as R,
    state: () => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed'),
    shutdown: () => breaker.shutdown(),
  };
}
