import { describe, expect, it } from 'vitest';
import { createLoader, parseLoaderConfig } from './index.js';

describe('LOADER_BATCH', () => {
  it('defaults to batching and fails naming the variable', () => {
    expect(parseLoaderConfig({})).toEqual({ batch: true });
    expect(parseLoaderConfig({ LOADER_BATCH: 'false' })).toEqual({ batch: false });
    expect(() => parseLoaderConfig({ LOADER_BATCH: 'nope' })).toThrow(/LOADER_BATCH/);
  });

  it('batch: false makes one call per key, still deduplicated and in order', async () => {
    const calls: string[][] = [];
    const loader = createLoader(
      'unbatched',
      async (keys: readonly string[]) => {
        calls.push([...keys]);
        return keys.map((key) => `v:${key}`);
      },
      { batch: false },
    );
    expect(await Promise.all(['a', 'b', 'a', 'c'].map((key) => loader.load(key)))).toEqual(['v:a', 'v:b', 'v:a', 'v:c']);
    expect(calls).toEqual([['a'], ['b'], ['c']]);
    await loader.load('a');
    expect(calls).toHaveLength(3);
  });
});
