import { describe, expect, it } from 'vitest';
import { createQuotaGate } from './quota-gate.js';

/** A gate on a manual clock: sleeping advances time, so no test waits. */
function aGate(requests: number, windowMs: number, limits: { maxQueuedPerKey?: number; maxQueued?: number; maxSharePerKey?: number; backgroundShare?: number } = {}) {
  const clock = { now: 0 };
  const gate = createQuotaGate({ operator: 'france-travail', requests, windowMs, now: () => clock.now, sleep: async (ms) => void (clock.now += ms), ...limits });
  return { gate, clock };
}

describe('quota gate', () => {
  it('admits a burst of 10, then one per freed slot, in arrival order for one principal', async () => {
    const { gate, clock } = aGate(10, 1000);
    const admitted: [number, number][] = [];
    await Promise.all(
      Array.from({ length: 22 }, async (_, index) => {
        await gate.acquire({ key: 'alice' });
        admitted.push([index, clock.now]);
      }),
    );
    expect(admitted.map(([index]) => index)).toEqual(Array.from({ length: 22 }, (_, index) => index));
    expect(admitted.filter(([, at]) => at === 0)).toHaveLength(10);
    expect(admitted.filter(([, at]) => at < 1000)).toHaveLength(10);
    expect(admitted.filter(([, at]) => at < 2000)).toHaveLength(20);
  });

  it('shares the quota round-robin: a principal with 30 queued calls does not hold back another one', async () => {
    const { gate } = aGate(2, 100);
    const order: string[] = [];
    const flood = Array.from({ length: 30 }, async () => {
      await gate.acquire({ key: 'flooder' });
      order.push('flooder');
    });
    const victim = Array.from({ length: 3 }, async () => {
      await gate.acquire({ key: 'victim' });
      order.push('victim');
    });
    await Promise.all([...flood, ...victim]);
    // The victim's three calls are among the first eight admitted (alternating once the window
    // is full), though they arrived after thirty.
    expect(order.slice(0, 8).filter((who) => who === 'victim')).toHaveLength(3);
  });

  it('refuses at once, RATE_LIMITED, a call whose turn would come after its deadline', async () => {
    const { gate, clock } = aGate(10, 1000);
    await Promise.all(Array.from({ length: 10 }, () => gate.acquire({ key: 'a' })));
    // The window is full until t=1000: a call that must start by t=500 cannot, and waits for nothing.
    await expect(gate.acquire({ key: 'a', deadline: 500 })).rejects.toMatchObject({ code: 'RATE_LIMITED', operator: 'france-travail' });
    expect(clock.now).toBe(0);
    expect(gate.queued()).toBe(0);
    await gate.acquire({ key: 'a', deadline: 1500 });
    expect(clock.now).toBe(1000);
  });

  it('bounds the queue per principal and in all', async () => {
    const { gate } = aGate(1, 1000, { maxQueuedPerKey: 3, maxQueued: 4 });
    await gate.acquire({ key: 'a' });
    const waiting = [gate.acquire({ key: 'a' }), gate.acquire({ key: 'a' }), gate.acquire({ key: 'a' })];
    await expect(gate.acquire({ key: 'a' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const other = gate.acquire({ key: 'b' });
    await expect(gate.acquire({ key: 'c' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await Promise.all([...waiting, other]);
  });

  it('keeps headroom: a flooding principal starts at most its share of a window, so a newcomer starts at once', async () => {
    const { gate, clock } = aGate(10, 1000, { maxSharePerKey: 0.7 });
    const flood = Array.from({ length: 30 }, () => gate.acquire({ key: 'flooder' }));
    // Let the flood take what it may of the first window.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(gate.started?.('flooder')).toBe(7);
    const before = clock.now;
    // "At once" is read on the manual clock (it did not move). The deadline leaves the real timer
    // behind it (setTimeout, a second) no chance to fire first on a loaded machine.
    await gate.acquire({ key: 'victim', deadline: clock.now + 1000 });
    await gate.acquire({ key: 'victim', deadline: clock.now + 1000 });
    expect(clock.now).toBe(before);
    expect(gate.started?.()).toBe(9);
    await Promise.all(flood);
    // 30 calls at 7 per window: the flood needed 5 windows, never more than 7 starts in one.
    expect(clock.now).toBeGreaterThanOrEqual(4000);
  });

  it('serves background work last and only within its share of the window', async () => {
    const { gate, clock } = aGate(10, 1000, { backgroundShare: 0.5 });
    const order: [string, number][] = [];
    const background = Array.from({ length: 20 }, async () => {
      await gate.acquire({});
      order.push(['background', clock.now]);
    });
    // Alone, the background takes half the window and leaves the rest free.
    expect(gate.started?.('background')).toBe(5);
    const users = Array.from({ length: 12 }, async () => {
      await gate.acquire({ key: 'alice' });
      order.push(['alice', clock.now]);
    });
    await Promise.all([...background, ...users]);
    // Alice's twelve calls, though they came last, were admitted before the background's other fifteen.
    expect(order.map(([who]) => who)).toEqual([...Array.from({ length: 5 }, () => 'background'), ...Array.from({ length: 12 }, () => 'alice'), ...Array.from({ length: 15 }, () => 'background')]);
    const perWindow = new Map<number, number>();
    for (const [who, at] of order) if (who === 'background') perWindow.set(Math.floor(at / 1000), (perWindow.get(Math.floor(at / 1000)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBe(5);
  });
});
