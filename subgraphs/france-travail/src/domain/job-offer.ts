import type { Place, PlaceQuery } from './place.js';

export const CONTRACT_TYPES = ['CDI', 'CDD', 'MIS', 'SAI'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number] | 'OTHER';

export interface JobOffer {
  id: string;
  title: string;
  description: string | null;
  contractType: ContractType;
  contractLabel: string | null;
  workingTime: string | null;
  location: Place;
  /** The employer's SIRET when the offer publishes it. */
  companySiret: string | null;
  companyName: string | null;
  romeCode: string | null;
  romeLabel: string | null;
  /** Null when the operator's answer does not carry `dateCreation` (some do not). */
  publishedAt: string | null;
  salaryLabel: string | null;
  url: string | null;
  /** `dateActualisation`: when France Travail last updated the offer (its provenance); null when absent. */
  updatedAt: string | null;
}

export const PUBLISHED_SINCE_DAYS = [1, 3, 7, 14, 31] as const;

export interface JobOfferSearch {
  keywords: string[];
  romeCodes: string[];
  place: PlaceQuery | null;
  contractTypes: ContractType[];
  publishedSinceDays: number | null;
}

/** One page of a search, `offset` 0-based. */
export interface OfferPageRequest {
  offset: number;
  limit: number;
}

export interface JobOfferPage {
  offers: JobOffer[];
  totalCount: number;
}

/** France Travail serves offsets up to 3000 and last indexes up to 3149 (upstreams.md §1.4). */
export const MAX_OFFER_START = 3000;
export const MAX_OFFER_END = 3149;
