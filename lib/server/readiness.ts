import { gauge } from '../metrics/index.js';
import type { Logger } from '../logging/index.js';
import type { Readiness } from './http.js';

/**
 * What "ready" means for a subgraph (README § Probes): it can answer its fields the moment it says so.
 *
 * - `prerequisites` must all hold: data the subgraph cannot answer anything without (the
 *   training catalogue's index). Until then /readyz is 503.
 * - `warmUp` steps run once at start (JWKS, operator tokens): /readyz is 503 until every step has
 *   *finished*. A step that failed still counts as finished: its operator is down, the fields that
 *   need it answer with a per-field error (or stale data) and the step is retried on demand — a
 *   subgraph must not leave the load balancer because an operator is down (issue #16 point 2).
 * - `details` (breaker states…) go in the body, never in the verdict.
 */
export interface ReadinessPlan {
  prerequisites?: Record<string, () => boolean>;
  warmUp?: Record<string, () => Promise<unknown>>;
  details?: () => Record<string, unknown>;
}

type StepState = 'pending' | 'ok' | 'failed';

const warmUpSteps = gauge<'step' | 'state'>({
  name: 'cpa_warm_up_step',
  help: 'Start-up warm-up steps of this process (1 for its current state: pending, ok or failed).',
  labelNames: ['step', 'state'],
});

export interface ReadinessCheck {
  /** Starts the warm-up steps (idempotent); resolves when every step has finished. */
  warmUp(): Promise<void>;
  check(): Promise<Readiness>;
}

export function createReadiness(plan: ReadinessPlan, logger?: Logger): ReadinessCheck {
  const states = new Map<string, StepState>(Object.keys(plan.warmUp ?? {}).map((name) => [name, 'pending']));
  const record = (step: string, state: StepState) => {
    states.set(step, state);
    for (const each of ['pending', 'ok', 'failed'] as const) warmUpSteps.set({ step, state: each }, each === state ? 1 : 0);
  };
  for (const step of states.keys()) record(step, 'pending');
  let started: Promise<void> | undefined;
  const warmUp = (): Promise<void> => {
    started ??= Promise.all(
      Object.entries(plan.warmUp ?? {}).map(async ([step, run]) => {
        try {
          await run();
          record(step, 'ok');
        } catch (error) {
          // Not fatal: the operator is down now; the fields needing it fail per field until it is back.
          logger?.warn({ step, err: error instanceof Error ? error.message : String(error) }, 'warm-up step failed; serving partial data until the operator answers');
          record(step, 'failed');
        }
      }),
    ).then(() => undefined);
    return started;
  };
  return {
    warmUp,
    check: async () => {
      const prerequisites = Object.fromEntries(Object.entries(plan.prerequisites ?? {}).map(([name, holds]) => [name, holds()]));
      const warm = Object.fromEntries(states);
      const ready = Object.values(prerequisites).every(Boolean) && [...states.values()].every((state) => state !== 'pending');
      return { ready, details: { prerequisites, warmUp: warm, ...plan.details?.() } };
    },
  };
}
