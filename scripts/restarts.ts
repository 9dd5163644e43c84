/**
 * The launcher's restart policy (issue #16 point 4): a service that exits while the stack is
 * running is started again after an exponential backoff, and every step is reported in one line
 * (exited, restarting in N ms, ready again). A service that stayed up for `stableMs` since its
 * last start gets its backoff reset, so a crash a day does not wait as long as a crash loop.
 */
export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  stableMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, stableMs: 60_000 };

/** The delay before restart number `attempt` (1-based): initial, twice that, … capped. */
export function restartDelay(attempt: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  return Math.min(policy.initialDelayMs * 2 ** Math.max(0, attempt - 1), policy.maxDelayMs);
}

export interface Restarter {
  /** A service exited on its own: schedule its restart. */
  exited(service: string, code: number | null, signal: NodeJS.Signals | null): void;
  /** A service was (re)started now (resets the backoff once it has been stable). */
  started(service: string): void;
  /** The stack is stopping: cancel pending restarts. */
  stop(): void;
}

export interface RestarterOptions {
  relaunch: (service: string) => void;
  /** Resolves when the relaunched service is ready; rejects when it is not (its exit reschedules). */
  waitReady: (service: string) => Promise<void>;
  report: (line: string) => void;
  policy?: RestartPolicy;
  now?: () => number;
}

export function createRestarter(options: RestarterOptions): Restarter {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const now = options.now ?? Date.now;
  const attempts = new Map<string, number>();
  const startedAt = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  return {
    started(service) {
      startedAt.set(service, now());
    },
    exited(service, code, signal) {
      if (stopped) return;
      const upFor = now() - (startedAt.get(service) ?? now());
      const attempt = upFor >= policy.stableMs ? 1 : (attempts.get(service) ?? 0) + 1;
      attempts.set(service, attempt);
      const delay = restartDelay(attempt, policy);
      const cause = signal ? `signal ${signal}` : `code ${code}`;
      options.report(`[launcher] ${service} exited (${cause}); restarting in ${delay} ms (restart ${attempt})`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (stopped) return;
        options.relaunch(service);
        options.waitReady(service).then(
          () => options.report(`[launcher] ${service} restarted and ready`),
          () => undefined,
        );
      }, delay);
      timers.add(timer);
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
