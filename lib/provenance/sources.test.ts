import { describe, expect, it } from 'vitest';
import { parseSourcesHeader, receiveSources, sourcesSeen, withSourceLog } from './sources.js';

const header = (fetchedAt: number) => JSON.stringify([{ operator: 'france-travail', fetchedAt, ttlSeconds: 600, stale: false }]);

describe('a subgraph’s x-cpa-sources header at the gateway', () => {
  it('is checked once per distinct value: a repeated header gives the same frozen records', () => {
    const first = parseSourcesHeader(header(1_700_000_000_000));
    expect(first).toEqual([{ operator: 'france-travail', fetchedAt: 1_700_000_000_000, ttlSeconds: 600, stale: false }]);
    expect(parseSourcesHeader(header(1_700_000_000_000))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.[0])).toBe(true);
    expect(parseSourcesHeader(header(1_700_000_000_001))).not.toBe(first);
  });

  it('stays undefined for a malformed header, however often it comes', () => {
    const bad = JSON.stringify([{ operator: 'France Travail!', fetchedAt: 1, ttlSeconds: -1, stale: 'no' }]);
    expect(parseSourcesHeader(bad)).toBeUndefined();
    expect(parseSourcesHeader(bad)).toBeUndefined();
    expect(parseSourcesHeader('{not json')).toBeUndefined();
    expect(parseSourcesHeader(undefined)).toBeUndefined();
  });

  it('merges remembered records into each request’s own log without sharing them between requests', async () => {
    const value = JSON.stringify([{ operator: 'anotea', fetchedAt: 1_000, ttlSeconds: 60, stale: false }]);
    const older = JSON.stringify([{ operator: 'anotea', fetchedAt: 500, ttlSeconds: null, stale: true }]);
    const first = await withSourceLog(async () => {
      receiveSources(value);
      receiveSources(older);
      return sourcesSeen();
    });
    const second = await withSourceLog(async () => {
      receiveSources(value);
      return sourcesSeen();
    });
    expect(first).toEqual([{ operator: 'anotea', fetchedAt: 500, ttlSeconds: 60, stale: true }]);
    expect(second).toEqual([{ operator: 'anotea', fetchedAt: 1_000, ttlSeconds: 60, stale: false }]);
  });
});
