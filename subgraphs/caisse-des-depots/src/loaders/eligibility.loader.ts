import type DataLoader from 'dataloader';
import { createLoader } from '../../../../lib/loader/index.js';
import type { CatalogueRepository } from '../domain/catalogue.js';
import { MCF_KEYS_PER_CALL } from '../infra/mcf-catalogue.repository.js';

/**
 * CPF eligibility by `siret|certificationCode` for one request: fifty trainings become one
 * catalogue lookup per distinct pair (at most 100 pairs per upstream call).
 */
export function createEligibilityLoader(repository: CatalogueRepository): DataLoader<string, boolean | null> {
  return createLoader<string, boolean>('cdc.mcf-eligibility', async (keys) => await repository.listed(keys), { maxBatchSize: MCF_KEYS_PER_CALL });
}
