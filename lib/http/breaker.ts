import CircuitBreaker from 'opossum';
import { createLogger } from '../logging/index.js';
import type { ResolvedOptions } from './options.js';
import { breakerStateGauge, breakerTransitions } from './metrics.js';
import { CountedFailure, type FailureClass } from './policy.js';

export type BreakerState = 'closed' | 'half-open' | 'open';

export interface BreakerTransition {
  to: BreakerState;
  /** Failures by class counted since the previous transition. */
  failures: Partial<Record<FailureClass, number>>;
  calls: number;
}

type Run = () => Promise<unknown>;

export interface UpstreamBreaker {
  fire<R>(run: () => Promise<R>): Promise<R>;
  state(): BreakerState;
  transitions(): BreakerTransition[];
  shutdown(): void;
}

const log = createLogger('lib.http');

/** opossum's error when it refuses a call because the circuit is open. */
export function isBreakerOpenError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EOPENBREAKER';
}

/**
 * One breaker per upstream, wrapping a whole call (retries and decoding included) so one slow
 * call counts once. It counts exactly the `CountedFailure`s (every class in policy.ts); any other
 * error (the caller's input, a 404 mapped to NOT_FOUND, our own bug) says nothing about health.
 * opossum's own timeout is off: the request's deadline and undici's timers bound every attempt,
 * and a second clock would abandon requests undici is still running. Each state change is one
 * warning with the counts since the last one: an outage is a few log lines, not one per request.
 */
export function createBreaker(options: ResolvedOptions): UpstreamBreaker {
  const { operator, breaker: settings } = options;
  let failures: Partial<Record<FailureClass, number>> = {};
  const breaker = new CircuitBreaker<[Run], unknown>(async (run: Run) => await run(), {
    name: operator,
    timeout: false,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    volumeThreshold: settings.volumeThreshold,
    resetTimeout: settings.resetTimeoutMs,
    rollingCountTimeout: settings.rollingWindowMs,
    errorFilter: (error: unknown) => {
      // Counted here, before opossum decides to open, so the warning's counts include the failure that opened it.
      if (!(error instanceof CountedFailure)) return true;
      failures[error.failure] = (failures[error.failure] ?? 0) + 1;
      return false;
    },
  });
  const labels = { operator };
  const history: BreakerTransition[] = [];
  let calls = 0;
  let rejected = 0;

  function transition(to: BreakerState, gauge: number): void {
    breakerStateGauge.set(labels, gauge);
    breakerTransitions.inc({ operator, to });
    const entry = { to, failures, calls };
    history.push(entry);
    if (history.length > 100) history.shift();
    log.warn({ operator, breaker: to, calls, failures, rejected }, `upstream breaker ${to}`);
    failures = {};
    calls = 0;
    rejected = 0;
  }
  breakerStateGauge.set(labels, 0);
  breaker.on('open', () => transition('open', 2));
  breaker.on('halfOpen', () => transition('half-open', 1));
  breaker.on('close', () => transition('closed', 0));
  breaker.on('reject', () => void (rejected += 1));

  return {
    fire: async <R>(run: () => Promise<R>) => {
      calls += 1;
      // opossum resolves with what `run` resolved with; its typing cannot carry R through.
      return (await breaker.fire(run)) as R;
    },
    state: () => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed'),
    transitions: () => [...history],
    shutdown: () => breaker.shutdown(),
  };
}
