import { describe, expect, it } from 'vitest';
import { slot } from './slot.js';

describe('request scope slots (one AsyncLocalStorage)', () => {
  const first = slot<string>('first');
  const second = slot<{ count: number }>('second');

  it('reads nothing outside a scope, and each slot its own value inside', () => {
    expect(first.get()).toBeUndefined();
    first.run('a', () => {
      expect(first.get()).toBe('a');
      expect(second.get()).toBeUndefined();
    });
  });

  it('keeps the enclosing scope’s other slots when one is set inside, and restores on the way out', async () => {
    await first.run('outer', async () => {
      await second.run({ count: 1 }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(first.get()).toBe('outer');
        expect(second.get()).toEqual({ count: 1 });
        first.run('inner', () => expect(first.get()).toBe('inner'));
        expect(first.get()).toBe('outer');
      });
      expect(second.get()).toBeUndefined();
    });
  });

  it('keeps concurrent scopes apart across awaits', async () => {
    const seen = await Promise.all(
      ['x', 'y', 'z'].map(async (value, index) =>
        await first.run(value, async () => {
          await new Promise((resolve) => setTimeout(resolve, 3 - index));
          return first.get();
        }),
      ),
    );
    expect(seen).toEqual(['x', 'y', 'z']);
  });
});
