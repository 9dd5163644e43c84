import type DataLoader from 'dataloader';
import { createLoader } from '../../../../lib/loader/index.js';
import type { MovementPage, RightsRepository, WorkerRights } from '../domain/rights.js';
import { CDC_MAX_BATCH } from '../infra/cdc-rights.repository.js';

/**
 * Rights by worker id for one request: every resolver that needs a worker's rights (dashboard
 * fields, fifty funding plans, aliased `worker(id)` calls) shares one upstream batch call.
 * Unknown ids resolve to null. Call `load` only after the access policy allowed the id.
 */
export function createRightsLoader(repository: RightsRepository): DataLoader<string, WorkerRights | null> {
  return createLoader<string, WorkerRights>('cdc.rights', async (ids) => await repository.rightsOf(ids), { maxBatchSize: CDC_MAX_BATCH });
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
