import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCache } from './cache.js';

/**
 * Issue #16.1: the in-process tier's public entries survive a restart through a file, with their
 * own expiry and fetchedAt, and never a private entry. Two caches of one namespace stand for the
 * process before and after the restart; the loader counts stand for upstream calls.
 */
const kinds = { catalogue: { ttlSeconds: 3600, graceSeconds: 60 }, brief: { ttlSeconds: 1, graceSeconds: 0 }, personal: { ttlSeconds: 60, graceSeconds: 0, personal: true } } as const;

function aCache(dir: string, namespace = 'france-travail') {
  return createCache({ namespace, kinds, redis: null, snapshotDir: dir, mode: 'on' });
}

describe('cache snapshot (in-process tier on disk)', () => {
  it('restores public entries after a restart: no loader call, same value and fetchedAt-bearing entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpa-snapshot-'));
    const before = aCache(dir);
    let calls = 0;
    const load = async () => {
      calls += 1;
      return { rate: 61.2, trainees: 120 };
    };
    await before.fetch('catalogue', 'outcomes:22403:75', load, { scope: 'public' });
    await before.fetch('catalogue', 'outcomes:31734:33', load, { scope: 'public', ttlSeconds: 1 });
    expect(calls).toBe(2);
    expect(await before.snapshot?.save()).toBe(2);

    const after = aCache(dir);
    expect(await after.snapshot?.restore()).toEqual({ restored: 2, skipped: 0 });
    expect(await after.fetch('catalogue', 'outcomes:22403:75', load, { scope: 'public' })).toEqual({ rate: 61.2, trainees: 120 });
    expect(calls).toBe(2);
  });

  it('never writes a private entry, and keeps each entry’s expiry: an expired one is not restored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpa-snapshot-'));
    const before = aCache(dir);
    await before.fetch('personal', 'rights:W000001', async () => ({ balance: 1 }), { scope: { ownerId: 'W000001' } });
    await before.fetch('brief', 'short', async () => 'soon gone', { scope: 'public', ttlSeconds: 0.05 });
    await before.fetch('catalogue', 'long', async () => 'kept', { scope: 'public' });
    expect(await before.snapshot?.save()).toBe(2);
    const text = gunzipSync(readFileSync(join(dir, 'france-travail.cache.json.gz'))).toString('utf8');
    expect(text).not.toContain('private');
    expect(text).not.toContain('W000001');
    // Past the short entry's 50 ms (no grace), while the process is "down".
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = aCache(dir);
    expect(await after.snapshot?.restore()).toEqual({ restored: 1, skipped: 1 });
    let reloads = 0;
    expect(await after.fetch('brief', 'short', async () => (reloads += 1, 'read again'), { scope: 'public' })).toBe('read again');
    expect(reloads).toBe(1);
    let calls = 0;
    expect(await after.fetch('catalogue', 'long', async () => (calls += 1, 'reloaded'), { scope: 'public' })).toBe('kept');
    expect(calls).toBe(0);
  });

  it('starts cold, without throwing, on a missing, corrupt or foreign file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpa-snapshot-'));
    expect(await aCache(dir).snapshot?.restore()).toEqual({ restored: 0, skipped: 0, reason: 'no snapshot yet' });
    writeFileSync(join(dir, 'france-travail.cache.json.gz'), 'not gzip');
    expect((await aCache(dir).snapshot?.restore())?.reason).toBe('corrupt or of another format');
    const other = aCache(dir, 'caisse-des-depots');
    await other.fetch('catalogue', 'k', async () => 1, { scope: 'public' });
    await other.snapshot?.save();
    // Another namespace writes its own file; copied under this one's name, it is refused.
    writeFileSync(join(dir, 'france-travail.cache.json.gz'), readFileSync(join(dir, 'caisse-des-depots.cache.json.gz')));
    expect(await aCache(dir).snapshot?.restore()).toMatchObject({ restored: 0, reason: 'written for cpa:v1:caisse-des-depots' });
  });

  it('is off without a directory, and with CACHE_MODE=off', () => {
    expect(createCache({ namespace: 'france-travail', kinds, redis: null, mode: 'on' }).snapshot).toBeNull();
    expect(createCache({ namespace: 'france-travail', kinds, redis: null, mode: 'off', snapshotDir: tmpdir() }).snapshot).toBeNull();
  });
});
