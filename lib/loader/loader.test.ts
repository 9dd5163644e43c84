import { describe, expect, it } from 'vitest';
import { registry as metrics } from '../metrics/index.js';
import { createLoader, createLoaderRegistry, loadersOf } from './index.js';

/** A batch function that records the keys of every call. */
function recording<V>(answer: (keys: readonly string[]) => ReadonlyArray<V | Error>) {
  const calls: string[][] = [];
  const fn = async (keys: readonly string[]) => {
    calls.push([...keys]);
    return answer(keys);
  };
  return { calls, fn };
}

const settled = (promises: Promise<unknown>[]) => Promise.allSettled(promises);

describe('createLoader', () => {
  it('batches the loads of one tick into one call, deduplicated, split by maxBatchSize', async () => {
    const { calls, fn } = recording((keys) => keys.map((key) => `v:${key}`));
    const loader = createLoader('offers', fn, { maxBatchSize: 2 });
    const values = await Promise.all(['a', 'b', 'a', 'c'].map((key) => loader.load(key)));
    expect(values).toEqual(['v:a', 'v:b', 'v:a', 'v:c']);
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });

  it('returns values in the keys\' order', async () => {
    const { fn } = recording((keys) => keys.map((key) => ({ id: key })));
    const loader = createLoader('occupations', fn);
    expect(await loader.loadMany(['x', 'y', 'z'])).toEqual([{ id: 'x' }, { id: 'y' }, { id: 'z' }]);
  });

  it('fails only the key whose slot holds an Error, and forgets that key', async () => {
    const { calls, fn } = recording((keys) => keys.map((key) => (key === 'bad' ? new Error('unknown code') : key.toUpperCase())));
    const loader = createLoader('codes', fn);
    const [good, bad, other] = await settled([loader.load('ok'), loader.load('bad'), loader.load('fine')]);
    expect(good).toEqual({ status: 'fulfilled', value: 'OK' });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'unknown code' } });
    expect(other).toEqual({ status: 'fulfilled', value: 'FINE' });
    await settled([loader.load('ok'), loader.load('bad')]);
    expect(calls).toEqual([['ok', 'bad', 'fine'], ['bad']]);
  });

  it('does not cache a batch that threw', async () => {
    let failing = true;
    const calls: string[][] = [];
    const loader = createLoader('flaky', async (keys: readonly string[]) => {
      calls.push([...keys]);
      if (failing) throw new Error('upstream down');
      return keys.map((key) => key.length);
    });
    const first = await settled([loader.load('aa'), loader.load('bbb')]);
    expect(first.every((result) => result.status === 'rejected')).toBe(true);
    failing = false;
    expect(await Promise.all([loader.load('aa'), loader.load('bbb')])).toEqual([2, 3]);
    expect(calls).toHaveLength(2);
  });

  it('turns a wrong number of results into an Error in every slot, without crashing, and retries later', async () => {
    let broken = true;
    const calls: string[][] = [];
    const loader = createLoader('broken', async (keys: readonly string[]) => {
      calls.push([...keys]);
      return broken ? keys.slice(1) : [...keys];
    });
    const results = await settled([loader.load('a'), loader.load('b')]);
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/1 results for 2 keys/) } });
    broken = false;
    expect(await loader.load('a')).toBe('a');
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });

  it('accepts a Map: a missing key is null, an Error fails its key only', async () => {
    const loader = createLoader('by-map', async (keys: readonly number[]) => {
      const found = new Map<number, string | Error>();
      for (const key of keys) if (key % 2 === 0) found.set(key, `even ${key}`);
      found.set(4, new Error('gone'));
      return found;
    });
    const [two, three, four] = await settled([loader.load(2), loader.load(3), loader.load(4)]);
    expect(two).toEqual({ status: 'fulfilled', value: 'even 2' });
    expect(three).toEqual({ status: 'fulfilled', value: null });
    expect(four).toMatchObject({ status: 'rejected', reason: { message: 'gone' } });
  });

  it('supports object keys through cacheKeyFn', async () => {
    const { calls, fn } = recording((keys) => keys.map((key) => key));
    const loader = createLoader('objects', async (keys: readonly { code: string }[]) => fn(keys.map((key) => key.code)), {
      cacheKeyFn: (key) => key.code,
    });
    await Promise.all([loader.load({ code: 'A' }), loader.load({ code: 'A' }), loader.load({ code: 'B' })]);
    expect(calls).toEqual([['A', 'B']]);
  });

  it('records batch sizes per loader', async () => {
    const loader = createLoader('metered', async (keys: readonly string[]) => [...keys]);
    await Promise.all(['a', 'b', 'c'].map((key) => loader.load(key)));
    const text = await metrics.getSingleMetricAsString('loader_batch_size');
    expect(text).toContain('loader_batch_size_sum{loader="metered"} 3');
    expect(text).toContain('loader_batch_size_count{loader="metered"} 1');
  });
});

describe('loader registry', () => {
  it('creates each loader once per registry, and a new registry (request) gets new loaders', () => {
    const first = createLoaderRegistry();
    let made = 0;
    const factory = () => {
      made += 1;
      return createLoader('offers', async (keys: readonly string[]) => [...keys]);
    };
    const a = first.get('offers', factory);
    expect(first.get('offers', factory)).toBe(a);
    expect(createLoaderRegistry().get('offers', factory)).not.toBe(a);
    expect(made).toBe(2);
  });

  it('attaches one registry to each request context', () => {
    const contextA = {};
    const contextB = {};
    expect(loadersOf(contextA)).toBe(loadersOf(contextA));
    expect(loadersOf(contextA)).not.toBe(loadersOf(contextB));
  });
});
