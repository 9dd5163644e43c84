import { rateLimited } from '../errors/index.js';

/** The fairness key of work done outside any request (refreshers, warm-ups): served last. */
export const BACKGROUND_KEY = 'background';

export interface QuotaGateOptions {
  /** Operator named in the RATE_LIMITED errors. */
  operator: string;
  /** At most this many calls start within any window (the operator's quota). */
  requests: number;
  windowMs: number;
  /** Waiting calls per principal beyond which the next is refused at once. */
  maxQueuedPerKey?: number;
  /** Waiting calls in all beyond which the next is refused at once. */
  maxQueued?: number;
  /**
   * Largest share (0–1] of a window's calls one principal may start (default 1: no cap). Below 1
   * the rest of the window is headroom: a principal arriving while another floods finds a free
   * slot at once instead of waiting for the window to turn.
   */
  maxSharePerKey?: number;
  /**
   * Background calls (key `background`) start only while the window holds fewer than this share
   * (0–1] of the quota and no request's call could start instead (default 1).
   */
  backgroundShare?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface GateTicket {
  /** Epoch ms by which the call must have started; absent = no deadline (background work). */
  deadline?: number | undefined;
  /** Who the call is for: calls are admitted round-robin between keys; `background` comes last. */
  key?: string;
}

export interface QuotaGate {
  /** Resolves when the call may start; rejects RATE_LIMITED at once when it could not start before its deadline. */
  acquire(ticket?: GateTicket): Promise<void>;
  /** Calls waiting now (for tests and metrics). */
  queued(): number;
  /** Calls started in the current window, for one key or in all (for tests and metrics). */
  started?(key?: string): number;
}

interface Waiter {
  deadline: number;
  timer?: ReturnType<typeof setTimeout>;
  admit: () => void;
  refuse: (error: Error) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An operator's quota shared fairly and bounded. A sliding window keeps the start times of the
 * last `requests` calls (stricter than a token bucket of the same rate, so a caller that passes is
 * never over quota). Waiting calls queue per key and are admitted round-robin between keys, so a
 * client sending many calls delays its own calls, not everyone's; no key starts more than its
 * share of a window, and background work only uses what requests leave. A call whose turn, at
 * best, comes after its deadline is refused at once rather than held; queues are bounded too.
 */
export function createQuotaGate(options: QuotaGateOptions): QuotaGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const maxPerKey = options.maxQueuedPerKey ?? 100;
  const maxQueued = options.maxQueued ?? 1_000;
  const keyCap = Math.max(1, Math.floor(options.requests * Math.min(1, options.maxSharePerKey ?? 1)));
  const backgroundCap = Math.max(1, Math.floor(options.requests * Math.min(1, options.backgroundShare ?? 1)));
  const starts: { at: number; key: string }[] = [];
  /** Start times in the window per key (only kept when a cap applies). */
  const startsByKey = new Map<string, number[]>();
  const capped = keyCap < options.requests || backgroundCap < options.requests;
  /** Insertion order is the round-robin order; a served key moves to the back. */
  const queues = new Map<string, Waiter[]>();
  let waiting = 0;
  let pumping = false;
  /** True while the pump waits for the window to turn: nobody waiting may start before then. */
  let sleeping = false;

  const refuse = () => rateLimited(options.operator, Math.max(1, Math.ceil(options.windowMs / 1000)));
  const own = (key: string) => startsByKey.get(key)?.length ?? 0;

  function purge(at: number): void {
    while (starts.length > 0 && (starts[0]?.at ?? 0) <= at - options.windowMs) {
      const first = starts.shift();
      if (!first || !capped) continue;
      const mine = startsByKey.get(first.key);
      mine?.shift();
      if (mine && mine.length === 0) startsByKey.delete(first.key);
    }
  }

  function record(key: string, at: number): void {
    starts.push({ at, key });
    if (!capped) return;
    const mine = startsByKey.get(key) ?? [];
    mine.push(at);
    startsByKey.set(key, mine);
  }

  /** Fewest grants that must happen before a new call of `key` under round-robin. */
  function grantsAhead(key: string): number {
    const mine = queues.get(key)?.length ?? 0;
    let ahead = mine;
    for (const [other, queue] of queues) if (other !== key && other !== BACKGROUND_KEY) ahead += Math.min(queue.length, mine + 1);
    return ahead;
  }

  /** Earliest start of the `ahead`+1-th call among `times` (sorted) under a cap of `cap` per window. */
  function earliestWithin(times: readonly number[], cap: number, ahead: number, at: number): number {
    const free = cap - times.length;
    if (ahead < free) return at;
    const beyond = ahead - Math.max(0, free);
    const windows = Math.floor(beyond / cap);
    const oldest = times[beyond % cap] ?? at;
    return oldest + options.windowMs * (windows + 1);
  }

  function earliestStart(key: string, at: number): number {
    const overall = earliestWithin(starts.map((start) => start.at), options.requests, grantsAhead(key), at);
    if (keyCap >= options.requests) return overall;
    return Math.max(overall, earliestWithin(startsByKey.get(key) ?? [], keyCap, queues.get(key)?.length ?? 0, at));
  }

  function take(key: string, queue: Waiter[]): Waiter | undefined {
    const waiter = queue.shift();
    queues.delete(key);
    if (queue.length > 0) queues.set(key, queue);
    if (waiter) waiting -= 1;
    return waiter;
  }

  /** The next call allowed to start now, round-robin between requests' keys, background last. */
  function next(): { waiter: Waiter; key: string } | undefined {
    for (const [key, queue] of queues) {
      if (key === BACKGROUND_KEY || own(key) >= keyCap) continue;
      const waiter = take(key, queue);
      if (waiter) return { waiter, key };
    }
    const background = queues.get(BACKGROUND_KEY);
    if (background && starts.length < backgroundCap) {
      const waiter = take(BACKGROUND_KEY, background);
      if (waiter) return { waiter, key: BACKGROUND_KEY };
    }
    return undefined;
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting > 0) {
        const at = now();
        purge(at);
        const chosen = starts.length < options.requests ? next() : undefined;
        if (chosen) {
          const { waiter, key } = chosen;
          if (waiter.timer) clearTimeout(waiter.timer);
          if (waiter.deadline < at) {
            waiter.refuse(refuse());
            continue;
          }
          record(key, at);
          waiter.admit();
          continue;
        }
        // Let the callers just admitted start before time moves on (matters for injected clocks).
        await new Promise<void>((resolve) => setImmediate(resolve));
        const later = now();
        purge(later);
        // Nothing may start now (window full, or every waiting key at its share): wait for the oldest start to leave.
        if (!startable()) {
          sleeping = true;
          try {
            await sleep(Math.max(1, (starts[0]?.at ?? later) + options.windowMs - later));
          } finally {
            sleeping = false;
          }
        }
      }
    } finally {
      pumping = false;
    }
  }

  const eligible = (key: string) => starts.length < options.requests && (key === BACKGROUND_KEY ? starts.length < backgroundCap : own(key) < keyCap);

  /** Whether some waiting call could start now (without taking it). */
  function startable(): boolean {
    for (const [key, queue] of queues) if (queue.length > 0 && eligible(key)) return true;
    return false;
  }

  return {
    queued: () => waiting,
    started: (key) => {
      purge(now());
      return key === undefined ? starts.length : starts.filter((start) => start.key === key).length;
    },
    async acquire(ticket = {}) {
      const key = ticket.key ?? BACKGROUND_KEY;
      const deadline = ticket.deadline ?? Number.POSITIVE_INFINITY;
      const at = now();
      purge(at);
      const queue = queues.get(key) ?? [];
      if (waiting >= maxQueued || queue.length >= maxPerKey) throw refuse();
      // Nobody waiting may start now, but this call may (another key's free share): it starts at once.
      if ((waiting === 0 || sleeping) && eligible(key)) {
        record(key, at);
        return;
      }
      if (key !== BACKGROUND_KEY && earliestStart(key, at) > deadline) throw refuse();
      let waiter: Waiter | undefined;
      const granted = new Promise<void>((admit, reject) => {
        waiter = { deadline, admit, refuse: reject };
        queue.push(waiter);
      });
      queues.set(key, queue);
      waiting += 1;
      if (waiter && Number.isFinite(deadline)) {
        // Overtaken by later keys' calls until the deadline passed: refused then, not when its turn comes.
        const self = waiter;
        self.timer = setTimeout(() => {
          const index = queue.indexOf(self);
          if (index < 0) return;
          queue.splice(index, 1);
          waiting -= 1;
          if (queue.length === 0 && queues.get(key) === queue) queues.delete(key);
          self.refuse(refuse());
        }, Math.max(0, deadline - at));
        self.timer.unref?.();
      }
      void pump();
      await granted;
    },
  };
}
