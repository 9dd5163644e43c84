import type { GraphQLResolveInfo } from 'graphql';
import { Scope } from '../../../../lib/auth/principal.js';
import { AppError, notFound } from '../../../../lib/errors/index.js';
import { pageRequest } from '../../../../lib/validation/index.js';
import { homePlace } from '../domain/place.js';
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

const OPERATOR_FAILURES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'RATE_LIMITED']);

/**
 * A worker the caller may read, or null when the CDC does not know the id. While the CDC API
 * fails the worker is kept (access was already decided): only `activityAccount` is lost, with its
 * error, and the fields other subgraphs add (the job-seeker status) are still served (#19.3).
 */
async function existing(id: string, context: Context): Promise<WorkerRef | null> {
  try {
    return (await context.loaders.rights.load(id)) ? { id } : null;
  } catch (error) {
    if (error instanceof AppError && OPERATOR_FAILURES.has(error.code)) return { id };
    throw error;
  }
}

export const workerResolvers: Resolvers = {
  Query: {
    // Never null for a worker token, without reading the rights: france-travail resolves the same
    // shared field from the token alone, and the gateway merges both answers, so they must agree.
    // A worker the CDC does not know gets `activityAccount` null with NOT_FOUND.
    me: async (_parent, _args, context, info) => {
      const id = await context.access.requireSelf(selectedPaths(info));
      validateNestedArguments(info, context, []);
      return { id };
    },
    worker: async (_parent, { id }, context, info) => {
      const scope = await context.access.requireWorker(id, selectedPaths(info));
      validateNestedArguments(info, context, []);
      // Granted under another scope (job-seeker fields only): the CPF rights are not this caller's to read, not even to test existence.
      return scope === Scope.CPF_READ ? await existing(id, context) : { id };
    },
  },

  Worker: {
    // The gateway can reach a Worker through another subgraph's reference: same check as `worker(id)`.
    __resolveReference: async (reference, context, info) => {
      const scope = await context.access.requireWorker(reference.id, selectedPaths(info), 'representations.id');
      return scope === Scope.CPF_READ ? await existing(reference.id, context) : { id: reference.id };
    },
    activityAccount: async (worker, _args, context) => {
      const rights = await context.loaders.rights.load(worker.id);
      if (!rights) throw notFound('No CPF account for this worker.');
      return rights;
    },
    home: async (worker, _args, context) => {
      const home = (await context.loaders.rights.load(worker.id))?.home;
      return home ? homePlace(home) : null;
    },
  },
};
