import { badInput } from '../../../../lib/errors/index.js';
import { isDepartment, isFormacode, isValidSiret } from '../../../../lib/validation/index.js';
import type { Context } from '../context.js';
import type { ReviewKey, TrainingOutcomes, TrainingRepresentation } from '../domain/training.js';
import type { ReviewSummaryResolvers, TrainingResolvers } from '../generated/resolvers.js';

const DEFAULT_COMMENTS = 3;
const MAX_COMMENTS = 20;

/** Outcomes for the training's main Formacode in its department: shared by `Training.outcomes` and the transition candidates. */
export async function trainingOutcomes(training: Pick<TrainingRepresentation, 'formacodes' | 'location'>, context: Context): Promise<TrainingOutcomes | null> {
  const formacode = training.formacodes?.[0];
  const departmentCode = training.location?.departmentCode;
  if (!formacode || !departmentCode || !isFormacode(formacode) || !isDepartment(departmentCode)) return null;
  return await context.loaders.outcomes.load({ formacode, departmentCode });
}

export const trainingResolvers: TrainingResolvers = {
  // The gateway sends the @requires fields with the key; there is nothing to fetch.
  __resolveReference: (representation) => representation,
  outcomes: async (training, _args, context) => await trainingOutcomes(training, context),
  reviews: async (training, _args, context) => {
    const siret = training.provider?.siret;
    if (!siret || !isValidSiret(siret)) return null;
    const certifInfo = training.certification?.certifInfo;
    const formacode = training.formacodes?.[0];
    const key: ReviewKey | null = certifInfo ? { siret, certifInfo } : formacode ? { siret, formacode } : null;
    return key ? await context.loaders.reviews.load(key) : null;
  },
};

export const reviewSummaryResolvers: ReviewSummaryResolvers = {
  latestComments: (summary, { first }) => {
    const count = first ?? DEFAULT_COMMENTS;
    if (!Number.isInteger(count) || count < 0 || count > MAX_COMMENTS) throw badInput('first', `first must be between 0 and ${MAX_COMMENTS}.`);
    return summary.comments.slice(0, count);
  },
};
