import { describe, expect, it } from 'vitest';
import { budgetFromHeader, currentDeadline, currentFairnessKey, fairnessKeyFromHeader, remainingBudgetMs, setFairnessKey, withBudget } from './index.js';

describe('request budget', () => {
  it('keeps the deadline and the fairness key per request, across awaits', async () => {
    const seen = await withBudget(
      1_000,
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        setFairnessKey('worker:abc');
        return { deadline: currentDeadline(), key: currentFairnessKey() };
      },
      'anonymous',
      10_000,
    );
    expect(seen).toEqual({ deadline: 11_000, key: 'worker:abc' });
    expect(currentDeadline()).toBeUndefined();
    expect(remainingBudgetMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("grants what the gateway's header says, never more than its own maximum, less its reserve", () => {
    expect(budgetFromHeader('1200', 5_000, 50)).toBe(1_150);
    expect(budgetFromHeader('999999', 5_000, 50)).toBe(4_950);
    expect(budgetFromHeader(undefined, 5_000, 50)).toBe(4_950);
    expect(budgetFromHeader('soon', 5_000, 50)).toBe(4_950);
    expect(budgetFromHeader('10', 5_000, 50)).toBe(0);
  });

  it('accepts only sane fairness keys', () => {
    expect(fairnessKeyFromHeader('ip:127.0.0.1')).toBe('ip:127.0.0.1');
    expect(fairnessKeyFromHeader('a b')).toBeUndefined();
    expect(fairnessKeyFromHeader('x'.repeat(81))).toBeUndefined();
  });
});
