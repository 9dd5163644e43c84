import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { counter } from '../metrics/index.js';

/**
 * Personal reads shared by the fetches of one gateway request. One gateway request often reaches a
 * process twice — caisse-des-depots for `me { activityAccount }` then for `Training.funding`; the
 * france-travail process for `me { jobSeeker }` (job-seekers subgraph) and for
 * `recommendedJobOffers` (france-travail) — and each subgraph request has its own loaders. The
 * gateway forwards its request id to every fetch, so a process keeps, per (request id, caller's
 * `Authorization`), the reads of that gateway request: a later fetch reuses the earlier read (or
 * joins it while in flight) instead of calling the operator again.
 *
 * Private and principal-bound: an entry is found only with the same request id *and* the same
 * authorization header (hashed), so a client reusing a request id with another token reads nothing
 * of it. Short-lived (a request's budget) and bounded; failed reads are dropped at once, so a retry
 * reads again. Nothing here outlives a request's budget or is shared across requests.
 */
export interface RequestReads<V> {
  /** The values of `ids`, each read (by `read`, with the ids not yet read) at most once per gateway request. */
  many(ids: readonly string[], read: (missing: readonly string[]) => Promise<Map<string, V>>): Promise<Map<string, V>>;
}

export interface RequestMemo<V> {
  forRequest(requestId: string, authorization: string | undefined): RequestReads<V>;
}

const memoReads = counter<'memo' | 'outcome'>({
  name: 'request_memo_reads_total',
  help: 'Personal values wanted by a subgraph request: read (miss) or reused from an earlier fetch of the same gateway request (hit), by memo',
  labelNames: ['memo', 'outcome'],
});

export function createRequestMemo<V>(name: string, options: { ttlMs: number; maxRequests: number }): RequestMemo<V> {
  const requests = new LRUCache<string, Map<string, Promise<V | null>>>({ max: options.maxRequests, ttl: options.ttlMs });
  return {
    forRequest(requestId, authorization) {
      const owner = createHash('sha256').update(authorization ?? '').digest('base64url');
      const key = `${requestId}\n${owner}`;
      return {
        async many(ids, read) {
          let reads = requests.get(key);
          if (!reads) {
            reads = new Map();
            requests.set(key, reads);
          }
          const missing = [...new Set(ids.filter((id) => !reads.has(id)))];
          memoReads.inc({ memo: name, outcome: 'hit' }, ids.length - missing.length);
          if (missing.length > 0) {
            memoReads.inc({ memo: name, outcome: 'miss' }, missing.length);
            const batch = read(missing);
            for (const id of missing) {
              const one = batch.then((found) => found.get(id) ?? null);
              // A failure is not remembered: the next fetch of this request reads again.
              one.catch(() => reads.delete(id));
              reads.set(id, one);
            }
          }
          const found = new Map<string, V>();
          for (const id of ids) {
            const value = await reads.get(id);
            if (value !== null && value !== undefined) found.set(id, value);
          }
          return found;
        },
      };
    },
  };
}
