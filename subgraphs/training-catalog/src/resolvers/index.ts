import type { Resolvers } from '../generated/resolvers.js';
import { certificationResolvers, occupationResolvers } from './certification.resolvers.js';
import { labourMarketResolvers } from './labour-market.resolvers.js';
import { queryResolvers } from './query.resolvers.js';
import { transitionResolvers } from './transition.resolvers.js';
import { trainingProviderResolvers, trainingResolvers } from './training.resolvers.js';

export const resolvers: Resolvers = {
  Query: queryResolvers,
  Training: trainingResolvers,
  TrainingProvider: trainingProviderResolvers,
  Certification: certificationResolvers,
  Occupation: occupationResolvers,
  TransitionPlan: transitionResolvers.TransitionPlan,
  TransitionCandidate: transitionResolvers.TransitionCandidate,
  LabourMarket: labourMarketResolvers,
};
