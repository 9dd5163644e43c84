import type { LabourMarketKey, Territory } from '../../../../lib/labour-market/territories.js';
import type { TrainingOutcomes } from './training.js';

/**
 * Public labour-market figures for an occupation in a territory: no personal data, only counts.
 * The 2020 tension figures are France Travail's, as published (data/reference); the live counts
 * come from the operators' own totals, never from paging through their records.
 */
export interface TensionFigures {
  /** Year of the figures (the dataset's `annee`). */
  year: number;
  /** `oee`: offers registered with France Travail that year. */
  offersRegistered: number;
  /** `defm_abc`: job seekers in categories A, B and C. */
  jobSeekers: number;
  /** `ind_tension_d`, 1–5, per basin; null for a department (the source computes it per basin only). */
  index: number | null;
  /** Basins summed (1 for a basin). */
  basins: number;
}

export interface LabourMarketModel extends LabourMarketKey {
  territory: Territory;
  /** Filled by training-catalog, for the return-to-work rates (`@requires`). */
  trainingFormacodes?: readonly string[] | null;
}

export interface FormacodeOutcomeModel {
  formacode: string;
  outcomes: TrainingOutcomes | null;
}

export interface TensionTable {
  /** The dataset's year, stated in the graph. */
  readonly year: number;
  /** Figures for one occupation over the given basins; null when none of them lists it. */
  figures(romeCode: string, basins: readonly string[], single: boolean): TensionFigures | null;
  /** Occupations of the basins with their summed figures, most offers registered first, then ROME code. */
  occupations(basins: readonly string[], single: boolean): { romeCode: string; figures: TensionFigures }[];
}

export const TENSION_DATASET = 'France Travail, tension du marché du travail par métier (ROME) et bassin d’emploi, 2020 (publié dans France-Travail/mobiville)';
