import { describe, expect, it } from 'vitest';
import { createRateGate } from './rate-gate.js';

describe('rate gate', () => {
  it('admits a burst of 10, then one per freed slot, in arrival order', async () => {
    let clock = 0;
    const gate = createRateGate({ requests: 10, windowMs: 1000, now: () => clock, sleep: async (ms) => void (clock += ms) });
    const admitted: [number, number][] = [];
    await Promise.all(Array.from({ length: 22 }, async (_, index) => {
      await gate.acquire();
      admitted.push([index, clock]);
    }));
    expect(admitted.map(([index]) => index)).toEqual(Array.from({ length: 22 }, (_, index) => index));
    expect(admitted.filter(([, at]) => at === 0)).toHaveLength(10);
    expect(admitted.filter(([, at]) => at < 1000)).toHaveLength(10);
    expect(admitted.filter(([, at]) => at < 2000)).toHaveLength(20);
  });
});
