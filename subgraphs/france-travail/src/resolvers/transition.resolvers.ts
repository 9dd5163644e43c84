import { decodePlanId, encodePlanId, type TransitionPlanKey } from '../../../../lib/contracts/transition-plan.js';
import { isRomeCode, pageRequest, requireRomeCode, toConnection } from '../../../../lib/validation/index.js';
import type { Context } from '../context.js';
import { planNear, planOptions, skillGap, type TransitionPlanModel } from '../domain/transition.js';
import type { Resolvers } from '../generated/resolvers.js';
import { offerConnection } from './offer-search.js';
import { trainingOutcomes } from './training.resolvers.js';
import { RECOMMENDATION_RADIUS_KM } from './worker.resolvers.js';

/**
 * France Travail's part of a transition plan: it mints the plan (its id carries the question
 * to training-catalog and the Caisse des dépôts), and answers skills, offers, companies and the
 * return-to-work rate the ranking needs. A plan for an unknown target occupation is null.
 */
async function mint(key: TransitionPlanKey, context: Context): Promise<TransitionPlanModel | null> {
  const known = await context.loaders.occupation.load(key.target);
  return known ? { id: encodePlanId(key), key } : null;
}

async function gap(plan: TransitionPlanModel, context: Context) {
  const [target, origin] = await Promise.all([
    context.loaders.skills.load(plan.key.target),
    plan.key.origin ? context.loaders.skills.load(plan.key.origin) : Promise.resolve(null),
  ]);
  return skillGap(target ?? [], origin);
}

export const transitionResolvers: Resolvers = {
  Worker: {
    transitions: async (worker, args, context) => {
      const target = requireRomeCode(args.to, 'to');
      const from = args.from ? requireRomeCode(args.from, 'from') : null;
      const near = args.near ? planNear(args.near) : null;
      const options = planOptions(args);
      await context.access.assertCanRead(worker.id, 'transitions');
      // The job-seeker record fills what the caller left out: the occupation sought and the commune.
      const status = from && near ? null : await context.loaders.jobSeeker.load(worker.id);
      const place = near ?? (status?.communeCode ? { kind: 'commune' as const, communeCode: status.communeCode, radiusKm: RECOMMENDATION_RADIUS_KM } : null);
      const activity = (args.activity ?? []).map((period) => ({ ...period, workingTimeRatio: period.workingTimeRatio ?? null }));
      return await mint({ v: 1, worker: worker.id, target, origin: from ?? status?.soughtRomeCode ?? null, near: place, ...options, activity }, context);
    },
  },
  Occupation: {
    pathsFrom: async (occupation, args, context) => {
      if (!isRomeCode(occupation.romeCode)) return null;
      const origin = requireRomeCode(args.romeCode, 'romeCode');
      const near = args.near ? planNear(args.near) : null;
      return await mint({ v: 1, worker: null, target: occupation.romeCode, origin, near, ...planOptions(args), activity: [] }, context);
    },
  },
  TransitionPlan: {
    __resolveReference: ({ id }) => ({ id, key: decodePlanId(id) }),
    target: (plan) => ({ romeCode: plan.key.target }),
    origin: (plan) => (plan.key.origin ? { romeCode: plan.key.origin } : null),
    orderBy: (plan) => plan.key.orderBy,
    missingSkills: async (plan, _args, context) => (await gap(plan, context)).missing,
    sharedSkills: async (plan, _args, context) => (await gap(plan, context)).shared,
    jobOffers: async (plan, { first }, context, info) =>
      await offerConnection(context, { keywords: [], romeCodes: [plan.key.target], place: plan.key.near, contractTypes: [], publishedSinceDays: null }, first, null, info),
    hiringCompanies: async (plan, { first }, context) => {
      const page = pageRequest(first, null);
      if (!plan.key.near) return toConnection([], page, 0);
      const { companies, totalCount } = await context.repositories.companies.hiring(plan.key.target, plan.key.near, page);
      return toConnection(companies, page, totalCount);
    },
  },
  TransitionCandidate: {
    __resolveReference: (representation) => representation,
    returnToWorkRate: async (candidate, _args, context) => (candidate.training ? ((await trainingOutcomes(candidate.training, context))?.returnToWorkRate ?? null) : null),
  },
};
