import type { Resolvers as JobSeekersResolvers } from '../generated/job-seekers.resolvers.js';
import type { Resolvers } from '../generated/resolvers.js';
import { companyResolvers } from './company.resolvers.js';
import { jobOfferResolvers } from './job-offer.resolvers.js';
import { formacodeOutcomeResolvers, labourMarketQueryResolvers, labourMarketResolvers, labourMarketTensionResolvers, territoryResolvers } from './labour-market.resolvers.js';
import { occupationResolvers } from './occupation.resolvers.js';
import { queryResolvers } from './query.resolvers.js';
import { reviewSummaryResolvers, trainingResolvers } from './training.resolvers.js';
import { transitionResolvers } from './transition.resolvers.js';
import { benefitsResolvers, jobSeekerResolvers, jobSeekersWorkerResolvers, workerResolvers } from './worker.resolvers.js';

export const resolvers: Resolvers = {
  Query: { ...queryResolvers, ...labourMarketQueryResolvers },
  JobOffer: jobOfferResolvers,
  Occupation: { ...occupationResolvers, ...transitionResolvers.Occupation },
  Company: companyResolvers,
  Worker: { ...workerResolvers, ...transitionResolvers.Worker },
  TransitionPlan: transitionResolvers.TransitionPlan,
  TransitionCandidate: transitionResolvers.TransitionCandidate,
  Training: trainingResolvers,
  ReviewSummary: reviewSummaryResolvers,
  Territory: territoryResolvers,
  LabourMarket: labourMarketResolvers,
  LabourMarketTension: labourMarketTensionResolvers,
  FormacodeOutcome: formacodeOutcomeResolvers,
};

/** The job-seekers subgraph (job-seekers.graphql), served by this process beside france-travail. */
export const jobSeekersResolvers: JobSeekersResolvers = {
  Query: { me: queryResolvers.me },
  Worker: jobSeekersWorkerResolvers,
  JobSeeker: jobSeekerResolvers,
  Benefits: benefitsResolvers,
};
