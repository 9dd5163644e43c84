import type { Resolvers } from '../generated/resolvers.js';
import { accountResolvers } from './account.resolvers.js';
import { trainingResolvers } from './training.resolvers.js';
import { transitionResolvers } from './transition.resolvers.js';
import { workerResolvers } from './worker.resolvers.js';

/** The subgraph's resolver map (types generated from schema.graphql). */
export const resolvers: Resolvers = {
  ...workerResolvers,
  ...accountResolvers,
  ...trainingResolvers,
  ...transitionResolvers,
};
