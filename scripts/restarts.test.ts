import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRestarter, restartDelay } from './restarts.js';

/** The launcher's restart policy, on fake timers: which restarts happen after which reports. */
describe('restart with backoff', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('doubles the delay up to its cap', () => {
    const policy = { initialDelayMs: 500, maxDelayMs: 4_000, stableMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => restartDelay(attempt, policy))).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('relaunches after the delay, reports each step, and backs off while the service keeps crashing', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const lines: string[] = [];
    const relaunched: string[] = [];
    const restarter = createRestarter({
      relaunch: (service) => {
        relaunched.push(service);
        restarter.started(service);
      },
      waitReady: async () => undefined,
      report: (line) => lines.push(line),
      now: () => clock,
    });
    restarter.started('gateway');
    restarter.exited('gateway', 1, null);
    await vi.advanceTimersByTimeAsync(499);
    expect(relaunched).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(relaunched).toEqual(['gateway']);
    restarter.exited('gateway', null, 'SIGKILL');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(relaunched).toEqual(['gateway', 'gateway']);
    expect(lines).toEqual([
      '[launcher] gateway exited (code 1); restarting in 500 ms (restart 1)',
      '[launcher] gateway restarted and ready',
      '[launcher] gateway exited (signal SIGKILL); restarting in 1000 ms (restart 2)',
      '[launcher] gateway restarted and ready',
    ]);
    // Up for a minute: the next crash starts the backoff over.
    clock += 60_000;
    restarter.exited('gateway', 1, null);
    expect(lines.at(-1)).toBe('[launcher] gateway exited (code 1); restarting in 500 ms (restart 1)');
  });

  it('cancels pending restarts when the stack stops', async () => {
    vi.useFakeTimers();
    const relaunched: string[] = [];
    const restarter = createRestarter({ relaunch: (service) => relaunched.push(service), waitReady: async () => undefined, report: () => undefined });
    restarter.exited('france-travail', 1, null);
    restarter.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    restarter.exited('france-travail', 1, null);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(relaunched).toEqual([]);
  });
});
