import { markStale } from '../logging/index.js';
import { checkedScope, isUpstreamFailure, policyFor, staleSource, type CacheContext } from './context.js';
import { entryKey, type Scope } from './keys.js';
import type { KindPolicy } from './kinds.js';
import { cacheRequests } from './metrics.js';
import { noteCacheSource } from './provenance.js';

export interface FetchManyRequest<T> {
  kind: string;
  keys: readonly string[];
  /** Called once, with the keys that were not fresh in the cache; returns what it found. */
  batchLoader: (missingKeys: string[]) => Promise<ReadonlyMap<string, T>>;
  /**
   * One scope for every key, or `{ perOwner: name }`: the keys are owner ids, and each one's entry
   * is that owner's `name` (a batch of workers' rights: `{ perOwner: 'droits' }`), stored as
   * `<kind>:private:<hmac(owner)>:<name>` so the id is in no key.
   */
  scope: Scope | { perOwner: string };
  ttlSeconds?: number | undefined;
  staleSource?: string | undefined;
}

type Settled<T> = { state: 'value'; value: T; staleFrom?: string; freshUntil?: number } | { state: 'absent' } | { state: 'failed'; error: Error };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

interface Batch<T> {
  request: FetchManyRequest<T>;
  policy: KindPolicy;
  shared: boolean;
  pending: Map<string, { fullKey: string; settle: Deferred<Settled<T>> }>;
}

async function lookUpAndLoad<T>(context: CacheContext, batch: Batch<T>): Promise<void> {
  const { tiers } = context;
  const { request, policy, shared } = batch;
  const count = (result: 'hit' | 'miss' | 'stale') => cacheRequests.inc({ kind: request.kind, result });
  const keys = [...batch.pending.keys()];
  const entries = await tiers.readMany(keys.map((key) => batch.pending.get(key)?.fullKey ?? ''), shared, policy);
  const missing: string[] = [];
  keys.forEach((key, index) => {
    const entry = entries[index] ?? null;
    if (entry !== null && tiers.isFresh(entry)) {
      count('hit');
      batch.pending.get(key)?.settle.resolve({ state: 'value', value: entry.value as T, freshUntil: entry.freshUntil });
    } else {
      missing.push(key);
    }
  });
  if (missing.length === 0) return;
  let loaded: ReadonlyMap<string, T>;
  try {
    loaded = await request.batchLoader(missing);
  } catch (error) {
    if (!isUpstreamFailure(error)) throw error;
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const key of missing) {
      const entry = entries[keys.indexOf(key)] ?? null;
      const settle = batch.pending.get(key)?.settle;
      if (entry !== null && tiers.withinGrace(entry, policy)) {
        count('stale');
        settle?.resolve({ state: 'value', value: entry.value as T, staleFrom: staleSource(error, request.kind, request.staleSource), freshUntil: entry.freshUntil });
      } else {
        count('miss');
        settle?.resolve({ state: 'failed', error: failure });
      }
    }
    return;
  }
  for (const _key of missing) count('miss');
  const writes = missing.flatMap((key) => (loaded.has(key) ? [{ key: batch.pending.get(key)?.fullKey ?? '', value: loaded.get(key), policy }] : []));
  const freshUntil = (await tiers.writeMany(writes, shared)) + policy.ttlSeconds * 1000;
  for (const key of missing) {
    batch.pending.get(key)?.settle.resolve(loaded.has(key) ? { state: 'value', value: loaded.get(key) as T, freshUntil } : { state: 'absent' });
  }
}

/**
 * Batch lookup for DataLoader batch functions: one MGET, one batch-loader call for the misses,
 * one pipelined write. Keys another `fetchMany` is already loading in this process are joined,
 * not loaded twice. There is no cross-process lock here (one per key would cost more round
 * trips than the duplicate batch call it saves). Result per key: the value; an `Error` when the
 * upstream failed and no stale value was at hand; absent when the batch loader did not return
 * the key. A failure that is not the upstream's rejects the whole call.
 */
export async function fetchMany<T>(context: CacheContext, request: FetchManyRequest<T>): Promise<Map<string, T | Error>> {
  const policy = policyFor(context, request.kind, request.ttlSeconds);
  const requested = request.scope;
  const keys = [...new Set(request.keys)];
  const fullKeyOf = (() => {
    if (requested !== 'public' && 'perOwner' in requested) {
      const name = requested.perOwner;
      return (key: string) => entryKey(context.prefix, request.kind, name, checkedScope(request.kind, policy, { ownerId: key }), context.secret);
    }
    const scope = checkedScope(request.kind, policy, requested);
    return (key: string) => entryKey(context.prefix, request.kind, key, scope, context.secret);
  })();
  const shared = requested === 'public';
  const outcomes = new Map<string, Promise<Settled<T>>>();
  const batch: Batch<T> = { request, policy, shared, pending: new Map() };
  // Synchronous up to the first await, so a concurrent call sees every key registered here.
  for (const key of keys) {
    const fullKey = fullKeyOf(key);
    const running = context.batchFlights.peek(fullKey) as Promise<Settled<T>> | undefined;
    if (running !== undefined) {
      outcomes.set(key, running);
      continue;
    }
    const settle = deferred<Settled<T>>();
    context.batchFlights.register(fullKey, settle.promise);
    batch.pending.set(key, { fullKey, settle });
    outcomes.set(key, settle.promise);
  }
  if (batch.pending.size > 0) {
    try {
      await lookUpAndLoad(context, batch);
    } catch (error) {
      for (const { settle } of batch.pending.values()) settle.reject(error);
    }
  }
  const results = new Map<string, T | Error>();
  for (const [key, promise] of outcomes) {
    const outcome = await promise;
    if (outcome.state === 'value') {
      if (outcome.staleFrom !== undefined) markStale(outcome.staleFrom);
      noteCacheSource(request.staleSource ?? context.source, policy, context.now(), outcome.freshUntil, outcome.staleFrom !== undefined);
      results.set(key, outcome.value);
    } else if (outcome.state === 'failed') {
      results.set(key, outcome.error);
    }
  }
  return results;
}
