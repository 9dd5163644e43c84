import { markStale } from '../logging/index.js';
import { checkedScope, isUpstreamFailure, policyFor, staleSource, type CacheContext } from './context.js';
import { entryKey, type Scope } from './keys.js';
import { claimLoad, releaseClaim } from './lock.js';
import { cacheRequests } from './metrics.js';
import { noteCacheSource } from './provenance.js';

export interface FetchOneRequest<T> {
  kind: string;
  key: string;
  loader: () => Promise<T>;
  scope: Scope;
  ttlSeconds?: number | undefined;
  staleSource?: string | undefined;
}

/**
 * Hit → value. Miss → (cross-process lock) → loader → store. Loader fails with an upstream
 * error and a stale entry is within grace → the stale value, flagged with `markStale`.
 * Loader errors are never stored; a loader result of `undefined` is returned but not stored.
 */
export async function fetchOne<T>(context: CacheContext, request: FetchOneRequest<T>): Promise<T> {
  const policy = policyFor(context, request.kind, request.ttlSeconds);
  const scope = checkedScope(request.kind, policy, request.scope);
  const shared = scope === 'public';
  const key = entryKey(context.prefix, request.kind, request.key, scope, context.secret);
  const { tiers } = context;
  const count = (result: 'hit' | 'miss' | 'stale') => cacheRequests.inc({ kind: request.kind, result });

  // The flight reports staleness instead of flagging it: it runs in the first caller's request
  // context, and every caller sharing it must flag its own response.
  const outcome = await context.flights.run(key, async (): Promise<{ value: T; staleFrom?: string; freshUntil?: number }> => {
    const found = await tiers.read(key, shared, policy);
    if (found !== null && tiers.isFresh(found)) {
      count('hit');
      return { value: found.value as T, freshUntil: found.freshUntil };
    }
    const claim = await claimLoad(tiers, key, shared, policy, context.lock);
    if (claim.state === 'filled') {
      count('hit');
      return { value: claim.entry.value as T, freshUntil: claim.entry.freshUntil };
    }
    try {
      const value = await request.loader();
      count('miss');
      const fetchedAt = await tiers.writeMany([{ key, value, policy }], shared);
      return { value, freshUntil: fetchedAt + policy.ttlSeconds * 1000 };
    } catch (error) {
      if (found !== null && isUpstreamFailure(error) && tiers.withinGrace(found, policy)) {
        count('stale');
        return { value: found.value as T, staleFrom: staleSource(error, request.kind, request.staleSource), freshUntil: found.freshUntil };
      }
      count('miss');
      throw error;
    } finally {
      await releaseClaim(tiers, key, claim);
    }
  });
  if (outcome.staleFrom !== undefined) markStale(outcome.staleFrom);
  noteCacheSource(request.staleSource ?? context.source, policy, context.now(), outcome.freshUntil, outcome.staleFrom !== undefined);
  return outcome.value;
}
