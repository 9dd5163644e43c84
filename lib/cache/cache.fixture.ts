import { upstreamUnavailable } from '../errors/index.js';

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2025-03-01T08:00:00Z')) {
  let current = start;
  return {
    now: () => current,
    advance: (seconds: number) => {
      current += seconds * 1000;
    },
  };
}

/** A loader that counts its calls and can be held open until the test releases it. */
export function countingLoader<T>(value: (call: number) => T) {
  let calls = 0;
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  return {
    get calls() {
      return calls;
    },
    hold() {
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
    load: async (): Promise<T> => {
      calls += 1;
      const call = calls;
      if (gate !== undefined) await gate;
      return value(call);
    },
  };
}

export const failingUpstream = async (): Promise<never> => {
  throw upstreamUnavailable('france-travail');
};
