import { candidateId, decodePlanId, parisToday, parseCandidateId, type TransitionPlanKey } from '../../../../lib/contracts/transition-plan.js';
import type { Context } from '../context.js';
import type { PlaceCriterion } from '../domain/catalog-index.js';
import { compareCandidates, MAX_CANDIDATES, nearestSiteKm, nextSession, type TransitionCandidateModel } from '../domain/transition-candidates.js';
import type { Training } from '../domain/training.js';
import type { Resolvers } from '../generated/resolvers.js';
import { placeCriterion } from './arguments.js';

/**
 * training-catalog's part of a transition plan: certifications of the target and the candidate
 * trainings at their next session. The trainings of every plan in a query plan's batch come
 * from one index lookup (the `occupationTrainings` loader).
 */
function criterionOf(key: TransitionPlanKey, context: Context): PlaceCriterion | undefined {
  if (!key.near) return undefined;
  const input = key.near.kind === 'commune' ? { communeCode: key.near.communeCode, radiusKm: key.near.radiusKm } : { departmentCode: key.near.departmentCode };
  return placeCriterion(input, 'near', context.references);
}

function pointOf(communeCode: string | null, context: Context): { latitude: number; longitude: number } | null {
  const commune = communeCode ? context.references.communeByInsee.get(communeCode) : undefined;
  return commune && commune.latitude !== null && commune.longitude !== null ? { latitude: commune.latitude, longitude: commune.longitude } : null;
}

function candidate(training: Training, window: { from: string; before: string | null }, communeCode: string | null, context: Context): TransitionCandidateModel | null {
  const session = nextSession(training, window);
  if (!session?.start) return null;
  return { id: candidateId(training.id, session.id, communeCode), training, session, start: session.start, distanceKm: nearestSiteKm(training, pointOf(communeCode, context)) };
}

export const transitionResolvers: Resolvers = {
  TransitionPlan: {
    __resolveReference: ({ id }) => ({ id, key: decodePlanId(id) }),
    certifications: async (plan, _args, context) => await context.loaders.occupationCertifications.load(plan.key.target),
    candidates: async (plan, _args, context) => {
      const trainings = await context.loaders.occupationTrainings.load({ romeCode: plan.key.target, near: criterionOf(plan.key, context) });
      const window = { from: parisToday(), before: plan.key.startBefore };
      const communeCode = plan.key.near?.kind === 'commune' ? plan.key.near.communeCode : null;
      const found: TransitionCandidateModel[] = [];
      for (const training of trainings) {
        const next = candidate(training, window, communeCode, context);
        if (next) found.push(next);
      }
      return found.sort(compareCandidates).slice(0, MAX_CANDIDATES);
    },
  },
  TransitionCandidate: {
    // Reached by id from the Caisse des dépôts' ranked paths: the session is the one the id names.
    __resolveReference: async ({ id }, context) => {
      const parsed = parseCandidateId(id);
      if (!parsed) return null;
      const training = await context.loaders.training.load(parsed.trainingId);
      const session = training?.sessions.find((item) => item.id === parsed.sessionId);
      if (!training || !session?.start) return null;
      return { id, training, session, start: session.start, distanceKm: nearestSiteKm(training, pointOf(parsed.communeCode, context)) };
    },
  },
};
