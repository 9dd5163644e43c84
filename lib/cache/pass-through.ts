import type { Cache } from './cache.js';
import { checkedScope, isUpstreamFailure, policyFor } from './context.js';
import type { Scope } from './keys.js';
import type { KindTable } from './kinds.js';

/**
 * The cache with CACHE_MODE=off: every call reaches its loader, nothing is read or stored, no
 * single flight. Kinds and scopes are still checked, so code that passes here passes with the
 * cache on. `fetchMany` keeps its contract (unique keys, an `Error` per key when the upstream
 * failed, absent when the loader did not return the key): only the storing is gone.
 */
export function createPassThrough<Kinds extends KindTable>(kinds: KindTable): Cache<Kinds> {
  const check = (kind: string, scope: Parameters<typeof checkedScope>[2], ttlSeconds: number | undefined) =>
    checkedScope(kind, policyFor({ kinds }, kind, ttlSeconds), scope);
  return {
    mode: 'off',
    snapshot: null,
    fetch: async (kind, _key, loader, options) => {
      check(kind, options.scope, options.ttlSeconds);
      return await loader();
    },
    fetchMany: async <T>(
      kind: string,
      keys: readonly string[],
      batchLoader: (missingKeys: string[]) => Promise<ReadonlyMap<string, T>>,
      options: { scope: Scope | { perOwner: string }; ttlSeconds?: number },
    ) => {
      const unique = [...new Set(keys)];
      const { scope } = options;
      if (scope !== 'public' && 'perOwner' in scope) for (const key of unique) check(kind, { ownerId: key }, options.ttlSeconds);
      else check(kind, scope, options.ttlSeconds);
      const results = new Map<string, T | Error>();
      if (unique.length === 0) return results;
      let loaded: ReadonlyMap<string, T>;
      try {
        loaded = await batchLoader(unique);
      } catch (error) {
        if (!isUpstreamFailure(error)) throw error;
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const key of unique) results.set(key, failure);
        return results;
      }
      for (const key of unique) if (loaded.has(key)) results.set(key, loaded.get(key) as T);
      return results;
    },
    invalidate: async (kind, _key, options) => {
      check(kind, options.scope, undefined);
    },
  };
}
