import { pageRequest, toConnection } from '../../../../lib/validation/index.js';
import type { PlaceQuery } from '../domain/place.js';
import type { BenefitsResolvers, JobSeekerResolvers, WorkerResolvers as JobSeekersWorkerResolvers } from '../generated/job-seekers.resolvers.js';
import type { WorkerResolvers } from '../generated/resolvers.js';
import { offerConnection } from './offer-search.js';

/** Recommended offers look this far around the worker's commune. */
export const RECOMMENDATION_RADIUS_KM = 30;

/** `Worker` in the job-seekers subgraph (job-seekers.graphql): the worker's own situation. */
export const jobSeekersWorkerResolvers: JobSeekersWorkerResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  // The access policy runs (and is audited) before the status API is called.
  jobSeeker: async (worker, _args, context) => {
    await context.access.assertCanRead(worker.id, 'jobSeeker');
    return await context.loaders.jobSeeker.load(worker.id);
  },
};

/** `Worker` in the france-travail subgraph: offers and plans that start from the worker's status. */
export const workerResolvers: WorkerResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  recommendedJobOffers: async (worker, { first }, context, info) => {
    await context.access.assertCanRead(worker.id, 'recommendedJobOffers');
    const status = await context.loaders.jobSeeker.load(worker.id);
    if (!status?.soughtRomeCode) return toConnection([], pageRequest(first, null), 0);
    const place: PlaceQuery | null = status.communeCode ? { kind: 'commune', communeCode: status.communeCode, radiusKm: RECOMMENDATION_RADIUS_KM } : null;
    return await offerConnection(context, { keywords: [], romeCodes: [status.soughtRomeCode], place, contractTypes: [], publishedSinceDays: null }, first, null, info);
  },
};

export const jobSeekerResolvers: JobSeekerResolvers = {
  soughtOccupation: (status) => (status.soughtRomeCode ? { romeCode: status.soughtRomeCode } : null),
};

export const benefitsResolvers: BenefitsResolvers = {
  dailyAmount: (benefits) => ({ cents: benefits.dailyAmountCents, currency: 'EUR' }),
};
