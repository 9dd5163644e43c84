import type DataLoader from 'dataloader';
import { createLoader } from '../../../../lib/loader/index.js';
import { createRequestMemo } from '../../../../lib/loader/request-memo.js';
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
 * and each subgraph request has its own loaders: the rights reads of one gateway request are kept
 * per (request id, caller's `Authorization`) by lib/loader/request-memo.ts, so the later fetch reuses
 * the earlier read (or joins it while in flight) instead of calling the Caisse des dépôts again.
 */
export interface RequestRights {
  /** The request's view: rights of `ids`, each read at most once per gateway request. */
  rightsOf(ids: readonly string[], repository: RightsRepository): Promise<Map<string, WorkerRights>>;
}

export interface RequestRightsMemo {
  forRequest(requestId: string, authorization: string | undefined): RequestRights;
}

export function createRequestRightsMemo(options: { ttlMs: number; maxRequests: number }): RequestRightsMemo {
  const memo = createRequestMemo<WorkerRights>('cdc.rights', options);
  return {
    forRequest(requestId, authorization) {
      const reads = memo.forRequest(requestId, authorization);
      return { rightsOf: async (ids, repository) => await reads.many(ids, async (missing) => await repository.rightsOf(missing)) };
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
