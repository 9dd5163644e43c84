import type DataLoader from 'dataloader';
import type { ConsentClient } from '../../../../lib/auth/index.js';
import type { RequestReads } from '../../../../lib/loader/request-memo.js';
import type { Company } from '../domain/company.js';
import type { JobOffer } from '../domain/job-offer.js';
import type { JobSeeker } from '../domain/job-seeker.js';
import type { Occupation, Skill } from '../domain/occupation.js';
import type { Repositories } from '../domain/repositories.js';
import type { OutcomeKey, ReviewKey, ReviewSummary, TrainingOutcomes } from '../domain/training.js';
import { perKeyLoader } from './per-key.loader.js';

/** This request's loaders: every lookup by key goes through one, so a query plan's N parents cost one upstream call per distinct key. */
export interface Loaders {
  occupation: DataLoader<string, Occupation | null>;
  skills: DataLoader<string, Skill[] | null>;
  offer: DataLoader<string, JobOffer | null>;
  company: DataLoader<string, Company | null>;
  outcomes: DataLoader<OutcomeKey, TrainingOutcomes | null, string>;
  reviews: DataLoader<ReviewKey, ReviewSummary, string>;
  jobSeeker: DataLoader<string, JobSeeker | null>;
  consent: DataLoader<string, ReadonlySet<string>>;
  /** Open offers per occupation in a department (`romeCode:departmentCode`), from the search's total. */
  offerCount: DataLoader<string, number>;
}

export const outcomeKeyOf = (key: OutcomeKey): string => `${key.formacode}:${key.departmentCode}`;
export const reviewKeyOf = (key: ReviewKey): string => `${key.siret}:${'certifInfo' in key ? `c:${key.certifInfo}` : `f:${key.formacode}`}`;

/**
 * `statusReads` is the gateway request's view of the job-seeker statuses this process read (app.ts):
 * the status is personal (cached only per worker, for a short TTL: infra/job-seekers.repository.ts), and read once per gateway request even when
 * the plan reaches both subgraphs of this process.
 */
export function createLoaders(repositories: Repositories, consent: ConsentClient, authorization: string | undefined, statusReads: RequestReads<JobSeeker>): Loaders {
  const readStatus = async (ids: readonly string[]): Promise<Map<string, JobSeeker>> => {
    const found = await Promise.all(ids.map(async (id) => [id, await repositories.jobSeekers.status(id)] as const));
    return new Map(found.filter((entry): entry is readonly [string, JobSeeker] => entry[1] !== null));
  };
  const status = async (workerId: string): Promise<JobSeeker | null> => (await statusReads.many([workerId], readStatus)).get(workerId) ?? null;
  return {
    occupation: perKeyLoader('ft.occupation', (code: string) => repositories.occupations.byCode(code)),
    skills: perKeyLoader('ft.skills', (code: string) => repositories.occupations.skills(code)),
    offer: perKeyLoader('ft.offer', (id: string) => repositories.offers.byId(id)),
    company: perKeyLoader('ft.company', (siret: string) => repositories.companies.bySiret(siret)),
    outcomes: perKeyLoader('ft.outcomes', (key: OutcomeKey) => repositories.outcomes.outcomes(key), outcomeKeyOf),
    reviews: perKeyLoader('ft.reviews', (key: ReviewKey) => repositories.reviews.summary(key), reviewKeyOf),
    jobSeeker: perKeyLoader('ft.job-seeker', status),
    offerCount: perKeyLoader('ft.offer-count', async (key: string) => {
      const [romeCode = '', departmentCode = ''] = key.split(':');
      return await repositories.offers.count({ keywords: [], romeCodes: [romeCode], place: { kind: 'department', departmentCode }, contractTypes: [], publishedSinceDays: null });
    }),
    consent: perKeyLoader('ft.consent', async (workerId: string): Promise<ReadonlySet<string>> =>
      authorization === undefined ? new Set<string>() : await consent.scopesGranted(workerId, authorization),
    ),
  };
}
