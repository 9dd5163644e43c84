import type { Company } from './company.js';
import type { JobOffer, JobOfferPage, JobOfferSearch, OfferPageRequest } from './job-offer.js';
import type { JobSeeker } from './job-seeker.js';
import type { Occupation, OccupationSummary, Skill } from './occupation.js';
import type { PlaceQuery } from './place.js';
import type { OutcomeKey, ReviewKey, ReviewSummary, TrainingOutcomes } from './training.js';

/** The upstream boundary, one interface per source; `infra/` implements them, tests fake them. */
export interface JobOfferRepository {
  search(search: JobOfferSearch, page: OfferPageRequest): Promise<JobOfferPage>;
  /** null when the offer does not exist or has expired. */
  byId(id: string): Promise<JobOffer | null>;
}

export interface OccupationRepository {
  /** null for an unknown code. */
  byCode(romeCode: string): Promise<Occupation | null>;
  skills(romeCode: string): Promise<Skill[] | null>;
  list(): Promise<OccupationSummary[]>;
}

export interface CompanyRepository {
  hiring(romeCode: string, near: PlaceQuery, page: OfferPageRequest): Promise<{ companies: Company[]; totalCount: number }>;
  bySiret(siret: string): Promise<Company | null>;
}

export interface OutcomeRepository {
  /** null when France Travail has no figures for the key. */
  outcomes(key: OutcomeKey): Promise<TrainingOutcomes | null>;
}

export interface ReviewRepository {
  summary(key: ReviewKey): Promise<ReviewSummary>;
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
}
