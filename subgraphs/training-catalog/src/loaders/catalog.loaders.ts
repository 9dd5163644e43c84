import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { createLoader } from '../../../../lib/loader/index.js';
import { recordSource } from '../../../../lib/provenance/sources.js';
import type DataLoader from 'dataloader';
import type { CatalogIndex, PlaceCriterion, TerritoryCountKey, TerritoryCounts } from '../domain/catalog-index.js';
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
  /** Trainings counted per occupation × territory (public labour-market figures). */
  territoryCounts: DataLoader<TerritoryCountKey, TerritoryCounts, string>;
}

export const CATALOG_SERVICE = 'training-catalog';

/**
 * This request's loaders, over one captured index: the `_entities` of a query plan and the
 * occupations of a list become one index lookup per kind, and a refresh swapping the index
 * mid-request does not change what this request sees.
 */
export function createCatalogLoaders(index: CatalogIndex | undefined): CatalogLoaders {
  let recorded = false;
  const catalog = (): CatalogIndex => {
    if (!index) throw upstreamUnavailable(CATALOG_SERVICE);
    // Whatever this request reads of the index, it answers from these operators as of the ingestion (extensions.sources).
    if (!recorded && index.ingestion) {
      recorded = true;
      const { operators, ingestedAt, freshForSeconds } = index.ingestion;
      // Older than two refresh periods: a refresh failed or was refused, and the previous index is serving past its time.
      const stale = freshForSeconds !== null && Date.now() - ingestedAt > 2 * freshForSeconds * 1000;
      for (const operator of operators) recordSource({ operator, fetchedAt: ingestedAt, ttlSeconds: freshForSeconds, stale });
    }
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
    territoryCounts: createLoader(
      'catalog.territory-counts',
      async (keys: readonly TerritoryCountKey[]) => catalog().territoryCounts(keys),
      { cacheKeyFn: (key: TerritoryCountKey) => `${key.romeCode}:${key.departmentCode}:${key.communes.length > 0 ? key.communes[0] : ''}:${key.communes.length}` },
    ),
  };
}
