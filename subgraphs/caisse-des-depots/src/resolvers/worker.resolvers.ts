import type { GraphQLResolveInfo } from 'graphql';
import { notFound } from '../../../../lib/errors/index.js';
import { pageRequest } from '../../../../lib/validation/index.js';
import { validatePeriods, type ActivityPeriod } from '../domain/rules/projection.js';
import type { WorkerRef } from '../domain/worker.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { nestedArguments, selectedPaths } from './selection.js';

/**
 * Bad input is refused before any upstream call: the nested `movements` and `projection`
 * arguments are checked at the root field, before the rights are read.
 */
function validateNestedArguments(info: GraphQLResolveInfo, context: Context, prefix: readonly string[]): void {
  for (const args of nestedArguments(info, [...prefix, 'activityAccount', 'cpf', 'movements'])) {
    pageRequest(args['first'] as number | null | undefined, args['after'] as string | null | undefined);
  }
  for (const args of nestedArguments(info, [...prefix, 'activityAccount', 'cpf', 'projection'])) {
    validatePeriods((args['activity'] ?? []) as ActivityPeriod[], context.rules.today, context.rules.parameters);
  }
}

/** A worker the caller may read, or null when the CDC does not know the id. */
async function existing(id: string, context: Context): Promise<WorkerRef | null> {
  return (await context.loaders.rights.load(id)) ? { id } : null;
}

export const workerResolvers: Resolvers = {
  Query: {
    me: async (_parent, _args, context, info) => {
      const id = await context.access.requireSelf(selectedPaths(info));
      validateNestedArguments(info, context, []);
      return await existing(id, context);
    },
    worker: async (_parent, { id }, context, info) => {
      await context.access.requireWorker(id, selectedPaths(info));
      validateNestedArguments(info, context, []);
      return await existing(id, context);
    },
  },

  Worker: {
    // The gateway can reach a Worker through another subgraph's reference: same check as `worker(id)`.
    __resolveReference: async (reference, context, info) => {
      await context.access.requireWorker(reference.id, selectedPaths(info), 'representations.id');
      return await existing(reference.id, context);
    },
    activityAccount: async (worker, _args, context) => {
      const rights = await context.loaders.rights.load(worker.id);
      if (!rights) throw notFound('No CPF account for this worker.');
      return rights;
    },
  },
};
