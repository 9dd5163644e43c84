import type DataLoader from 'dataloader';
import { createLoader } from '../../../../lib/loader/index.js';

export interface ConsentLookup {
  scopesGranted(workerId: string, partnerAuthorizationHeader: string): Promise<Set<string>>;
}

/**
 * The scopes each worker granted the calling partner, once per worker per request. Resolving
 * the whole batch together also keeps the rights reads that follow in one batch.
 */
export function createConsentLoader(consent: ConsentLookup, authorization: string | undefined): DataLoader<string, ReadonlySet<string> | null> {
  return createLoader<string, ReadonlySet<string>>('cdc.consent', async (workerIds) =>
    await Promise.all(
      workerIds.map(async (workerId) => {
        if (authorization === undefined) return new Set<string>();
        try {
          return await consent.scopesGranted(workerId, authorization);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ),
  );
}
