import type { Resolvers } from '../generated/resolvers.js';
import { companyResolvers } from './company.resolvers.js';
import { jobOfferResolvers } from './job-offer.resolvers.js';
import { occupationResolvers } from './occupation.resolvers.js';
import { queryResolvers } from './query.resolvers.js';
import { reviewSummaryResolvers, trainingResolvers } from './training.resolvers.js';
import { benefitsResolvers, jobSeekerResolvers, workerResolvers } from './worker.resolvers.js';

export const resolvers: Resolvers = {
  Query: queryResolvers,
  JobOffer: jobOfferResolvers,
  Occupation: occupationResolvers,
  Company: companyResolvers,
  Worker: workerResolvers,
  JobSeeker: jobSeekerResolvers,
  Benefits: benefitsResolvers,
  Training: trainingResolvers,
  ReviewSummary: reviewSummaryResolvers,
};
