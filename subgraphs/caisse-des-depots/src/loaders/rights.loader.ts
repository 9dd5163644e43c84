import { createHash } from 'node:crypto';
import type DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { createLoader } from '../../../../lib/loader/index.js';
import { counter } from '../../../../lib/metrics/index.js';
import type { MovementPage, RightsRepository, WorkerRights } from '../domain/rights.js';
import { CDC_MAX_BATCH } from '../infra/cdc-rights.repository.js';

/**
 * Rights by worker id for one request: every resolver that needs a worker's rights (dashboard
 * fields, fifty funding plans, aliased `worker(id)` calls) shares one upstream batch call.
 * Unknown ids resolve to null. Call `load` only after the access policy allowed the id.
 */
export function createRightsLoader(repository: RightsRepository, memo?: RequestRights): DataLoader<string, WorkerRights | null> {
  const read = memo ? async (ids: readonly string[]) => await memo.rightsOf(ids, repository) : async (ids: readonly string[]) => await repository.rightsOf(ids);
  return createLoader<string, WorkerRights>('cdc.rights', read, { maxBatchSize: CDC_MAX_BATCH });
}

/**
 * One gateway request often reaches this subgraph twice — `me { activityAccount }` first, then
 * `Training.funding` or `TransitionPlan.paths` for the same worker in a later fetch of the plan —
 * and each subgraph request has its own loaders. The gateway forwards its request id to every
 * fetch, so this process keeps, per (request id, caller's `Authorization`), the rights reads of
 * that gateway request: the later fetch reuses the earlier read (or joins it while in flight)
 * instead of calling the Caisse des dépôts again. Private and principal-bound: an entry is found
 * only with the same request id *and* the same authorization header (hashed), so a client reusing
 * a request id with another token reads nothing of it. Short-lived (a request's budget) and
 * bounded; failed reads are dropped at once, so a retry reads again.
 */
export interface RequestRights {
  /** The request's view: rights of `ids`, each read at most once per gateway request. */
  rightsOf(ids: readonly string[], repository: RightsRepository): Promise<Map<string, WorkerRights>>;
}

export interface RequestRightsMemo {
  forRequest(requestId: string, authorization: string | undefined): RequestRights;
}

const memoReads = counter<'outcome'>({
  name: 'cdc_request_rights_memo_total',
  help: 'Rights of one worker wanted by a subgraph request: read (miss) or reused from an earlier fetch of the same gateway request (hit)',
  labelNames: ['outcome'],
});

export function createRequestRightsMemo(options: { ttlMs: number; maxRequests: number }): RequestRightsMemo {
  const requests = new LRUCache<string, Map<string, Promise<WorkerRights | null>>>({ max: options.maxRequests, ttl: options.ttlMs });
  return {
    forRequest(requestId, authorization) {
      const owner = createHash('sha256').update(authorization ?? '').digest('base64url');
      const key = `${requestId}\n${owner}`;
      return {
        async rightsOf(ids, repository) {
          let reads = requests.get(key);
          if (!reads) {
            reads = new Map();
            requests.set(key, reads);
          }
          const missing = ids.filter((id) => !reads.has(id));
          memoReads.inc({ outcome: 'hit' }, ids.length - missing.length);
          if (missing.length > 0) {
            memoReads.inc({ outcome: 'miss' }, missing.length);
            const batch = repository.rightsOf(missing);
            for (const id of missing) {
              const one = batch.then((found) => found.get(id) ?? null);
              // A failure is not remembered: the next fetch of this request reads again.
              one.catch(() => reads.delete(id));
              reads.set(id, one);
            }
          }
          const found = new Map<string, WorkerRights>();
          for (const id of ids) {
            const rights = await reads.get(id);
            if (rights) found.set(id, rights);
          }
          return found;
        },
      };
    },
  };
}

export interface MovementsKey {
  workerId: string;
  offset: number;
  limit: number;
}

/** Movement pages for one request (the API pages by holder, so a key is holder + window). */
export function createMovementsLoader(repository: RightsRepository): DataLoader<MovementsKey, MovementPage | null, string> {
  return createLoader<MovementsKey, MovementPage | null, string>(
    'cdc.movements',
    async (keys) => await Promise.all(keys.map(async (key) => await repository.movementsOf(key.workerId, key.offset, key.limit).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))),
    { cacheKeyFn: (key) => `${key.workerId}:${key.offset}:${key.limit}` },
  );
}
