import type { Company } from './company.js';
import type { JobOffer, JobOfferPage, JobOfferSearch, OfferPageRequest } from './job-offer.js';
import type { JobSeeker } from './job-seeker.js';
import type { TensionTable } from './labour-market.js';
import type { Occupation, OccupationSummary, Skill } from './occupation.js';
import type { PlaceQuery } from './place.js';
import type { OutcomeKey, ReviewKey, ReviewSummary, TrainingOutcomes } from './training.js';

/** The upstream boundary, one interface per source; `infra/` implements them, tests fake them. */
export interface JobOfferRepository {
  search(search: JobOfferSearch, page: OfferPageRequest): Promise<JobOfferPage>;
  /** null when the offer does not exist or has expired. */
  byId(id: string): Promise<JobOffer | null>;
  /** How many offers match, from the search's own total (`range=0-0`): one call, no offer paged through. Cached as reference data. */
  count(search: JobOfferSearch): Promise<number>;
}

export interface OccupationRepository {
  /** null for an unknown code. */
  byCode(romeCode: string): Promise<Occupation | null>;
  skills(romeCode: string): Promise<Skill[] | null>;
  list(): Promise<OccupationSummary[]>;
  /** ROME codes of the mobilities from this occupation (ROME open data, `rubrique_mobilite`); [] when none. */
  related(romeCode: string): Promise<string[]>;
}

export interface CompanyRepository {
  hiring(romeCode: string, near: PlaceQuery, page: OfferPageRequest): Promise<{ companies: Company[]; totalCount: number }>;
  bySiret(siret: string): Promise<Company | null>;
}

/** How the refresher writes an entry ahead of demand: read again even if cached, kept `ttlSeconds`. */
export interface RefreshOptions {
  refresh: boolean;
  ttlSeconds: number;
}

export interface OutcomeRepository {
  /** null when France Travail has no figures for the key. */
  outcomes(key: OutcomeKey, refresh?: RefreshOptions): Promise<TrainingOutcomes | null>;
}

export interface ReviewRepository {
  summary(key: ReviewKey): Promise<ReviewSummary>;
  /**
   * One provider's reviews, read in one pass (Anotéa filters by `organisme_formateur`), written
   * as the summaries of `keys` (the provider's trainings) into the entries `summary` reads.
   * Returns the Anotéa calls made and the entries written.
   */
  refreshProvider(siret: string, keys: readonly ReviewKey[], refresh: RefreshOptions): Promise<{ calls: number; entries: number }>;
}

export interface JobSeekerRepository {
  /** null when the worker is not registered. Personal data: call only after the access policy. */
  status(workerId: string): Promise<JobSeeker | null>;
}

export interface Repositories {
  offers: JobOfferRepository;
  occupations: OccupationRepository;
  companies: CompanyRepository;
  outcomes: OutcomeRepository;
  reviews: ReviewRepository;
  jobSeekers: JobSeekerRepository;
  /** France Travail's 2020 tension figures (reference data read at start). */
  tension: TensionTable;
}
