import type { DecodedEntry } from './codec.js';
import { lockKey } from './keys.js';
import type { KindPolicy } from './kinds.js';
import type { Tiers } from './tiers.js';

export interface LockSettings {
  /** Lock lifetime: longer than a normal upstream call, short enough that a crashed holder blocks no one for long. */
  ttlMs: number;
  /** How long a process waits for another's load before calling the upstream itself. */
  waitMs: number;
  /** Interval between looks at Redis while waiting. */
  pollMs: number;
}

export const LOCK_DEFAULTS: LockSettings = { ttlMs: 5_000, waitMs: 3_000, pollMs: 25 };

/** Either another process filled the entry while we waited, or we should call the loader (holding the lock if we got it). */
export type Claim = { state: 'filled'; entry: DecodedEntry } | { state: 'load'; token?: string };

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cross-process single flight. The first process to `SET lock NX` loads; the others poll
 * Redis for the value rather than calling the upstream, and give up after `waitMs` (counted
 * in polls, not read from a clock) so a stuck holder only delays them. Polling rather than
 * pub/sub: it works the same on standalone, Sentinel and Cluster, and needs no second
 * connection per process. If Redis fails, everyone just loads.
 */
export async function claimLoad(tiers: Tiers, key: string, shared: boolean, policy: KindPolicy, settings: LockSettings): Promise<Claim> {
  if (!tiers.hasRedis) return { state: 'load' };
  const lock = lockKey(key);
  let attempt = await tiers.tryLock(lock, settings.ttlMs);
  const polls = Math.ceil(settings.waitMs / settings.pollMs);
  for (let poll = 0; attempt.state === 'busy' && poll < polls; poll += 1) {
    await pause(settings.pollMs);
    const entry = await tiers.readShared(key, shared, policy);
    if (entry !== null && tiers.isFresh(entry)) return { state: 'filled', entry };
    attempt = await tiers.tryLock(lock, settings.ttlMs);
  }
  if (attempt.state !== 'acquired') return { state: 'load' };
  // The holder before us may have written and released between our first read and our lock.
  const entry = await tiers.readShared(key, shared, policy);
  if (entry !== null && tiers.isFresh(entry)) {
    await tiers.unlock(lock, attempt.token);
    return { state: 'filled', entry };
  }
  return { state: 'load', token: attempt.token };
}

export async function releaseClaim(tiers: Tiers, key: string, claim: Claim): Promise<void> {
  if (claim.state === 'load' && claim.token !== undefined) await tiers.unlock(lockKey(key), claim.token);
}
