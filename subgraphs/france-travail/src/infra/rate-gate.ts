export interface RateGateOptions {
  /** At most this many requests start within any window. */
  requests: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateGate {
  /** Resolves when one more request may start; callers queue in arrival order instead of failing. */
  acquire(): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A sliding-window limiter: the start times of the last `requests` sends are kept, and a new send
 * waits until the oldest leaves the window. Stricter than the upstream's token bucket (10 burst,
 * 10/s), so a client that passes this gate is never over France Travail's quota.
 */
export function createRateGate(options: RateGateOptions): RateGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const starts: number[] = [];
  let tail: Promise<void> = Promise.resolve();

  async function admit(): Promise<void> {
    for (;;) {
      const at = now();
      while (starts.length > 0 && (starts[0] ?? 0) <= at - options.windowMs) starts.shift();
      if (starts.length < options.requests) {
        starts.push(at);
        return;
      }
      await sleep((starts[0] ?? at) + options.windowMs - at);
    }
  }

  return {
    acquire() {
      // Chaining keeps the queue FIFO: each caller is admitted after the one before it.
      const turn = tail.then(admit);
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
