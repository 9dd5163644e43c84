import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { createLoader } from '../../../../lib/loader/index.js';
import type DataLoader from 'dataloader';
import type { CatalogIndex, PlaceCriterion } from '../domain/catalog-index.js';
import type { Certification } from '../domain/certification.js';
import type { Training, TrainingProvider } from '../domain/training.js';

export interface OccupationTrainingsKey {
  romeCode: string;
  near: PlaceCriterion | undefined;
}

export interface CatalogLoaders {
  /** The index this request reads; throws UPSTREAM_UNAVAILABLE before the first ingestion. */
  catalog(): CatalogIndex;
  training: DataLoader<string, Training | null>;
  certification: DataLoader<string, Certification | null>;
  provider: DataLoader<string, TrainingProvider | null>;
  occupationCertifications: DataLoader<string, Certification[]>;
  occupationTrainings: DataLoader<OccupationTrainingsKey, Training[], string>;
}

export const CATALOG_SERVICE = 'training-catalog';

/**
 * This request's loaders, over one captured index: the `_entities` of a query plan and the
 * occupations of a list become one index lookup per kind, and a refresh swapping the index
 * mid-request does not change what this request sees.
 */
export function createCatalogLoaders(index: CatalogIndex | undefined): CatalogLoaders {
  const catalog = (): CatalogIndex => {
    if (!index) throw upstreamUnavailable(CATALOG_SERVICE);
    return index;
  };
  return {
    catalog,
    training: createLoader('catalog.training', async (ids: readonly string[]) => catalog().trainingsByIds(ids)),
    certification: createLoader('catalog.certification', async (codes: readonly string[]) => catalog().certificationsByCodes(codes)),
    provider: createLoader('catalog.provider', async (sirets: readonly string[]) => catalog().providersBySirets(sirets)),
    occupationCertifications: createLoader('catalog.occupation-certifications', async (romeCodes: readonly string[]) => catalog().certificationsForRomes(romeCodes)),
    occupationTrainings: createLoader(
      'catalog.occupation-trainings',
      async (keys: readonly OccupationTrainingsKey[]) => catalog().trainingsForOccupations(keys),
      { cacheKeyFn: (key: OccupationTrainingsKey) => JSON.stringify([key.romeCode, key.near ?? null]) },
    ),
  };
}
