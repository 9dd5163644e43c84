import { decodePlanId, pathCount } from '../../../../lib/contracts/transition-plan.js';
import type { Context } from '../context.js';
import { money } from '../domain/money.js';
import type { WorkerRights } from '../domain/rights.js';
import { actionKindOfCertification } from '../domain/rules/actions.js';
import { fundingPlan } from '../domain/rules/funding.js';
import { pointsReservedForTraining } from '../domain/rules/prevention.js';
import { projectCpf, type ProjectionYear } from '../domain/rules/projection.js';
import { balanceAtExplained, rankPaths, type TransitionCandidateRef, type TransitionPlanRef } from '../domain/transition.js';
import type { Resolvers } from '../generated/resolvers.js';
import { cpfEligible } from './training.resolvers.js';

/** The worker's rights for a personal plan (access checked and audited first); null for a public plan or an unknown worker. */
async function planRights(plan: TransitionPlanRef, context: Context): Promise<WorkerRights | null> {
  if (plan.key.worker === null) return null;
  await context.access.requireWorker(plan.key.worker, ['transitions.paths', 'activityAccount.cpf.balance', 'activityAccount.cpf.projection'], 'representations.id');
  return await context.loaders.rights.load(plan.key.worker);
}

/** One candidate funded at its session's first day: the projected balance and the rules in force at that date. */
async function fund(candidate: TransitionCandidateRef, rights: WorkerRights | null, projection: readonly ProjectionYear[], context: Context) {
  const price = candidate.training?.price;
  const priced = price && price.currency === 'EUR' && price.cents >= 0 ? price.cents : null;
  const start = candidate.start ?? context.rules.today;
  if (!rights) return { candidate, projectedCpfCents: null, projectedCpf: null, funding: null, remainingCents: priced };
  const projectedCpf = balanceAtExplained(start, rights.cpf.balanceCents, projection, rights.cpf.regime, context.rules.parameters);
  const projectedCpfCents = projectedCpf.cents;
  if (priced === null) return { candidate, projectedCpfCents, projectedCpf, funding: null, remainingCents: null };
  const code = candidate.training?.certification?.code ?? null;
  // The same inputs as Training.funding, at the session's date: every available C2P point and the per-action cap apply here too.
  const plan = fundingPlan(
    {
      priceCents: priced,
      cpfEligible: candidate.training ? await cpfEligible(candidate.training, context) : false,
      cpfBalanceCents: projectedCpfCents,
      preventionPointsReserved: rights.prevention ? pointsReservedForTraining(rights.prevention, context.rules.parameters) : 0,
      preventionPointsAvailable: rights.prevention?.pointsAvailable ?? 0,
      registeredJobSeeker: rights.registeredJobSeeker,
      employerTopUpCents: 0,
      action: { kind: actionKindOfCertification(code), certificationCode: code },
      date: start,
    },
    context.rules.parameters,
  );
  return { candidate, projectedCpfCents, projectedCpf, funding: plan, remainingCents: plan.remainingCents };
}

export const transitionResolvers: Resolvers = {
  TransitionPlan: {
    __resolveReference: (reference) => ({ ...reference, key: decodePlanId(reference.id) }),
    paths: async (plan, args, context) => {
      // `paths(first:)`: at most that many of the ranked paths, never more than the plan's own `first`.
      const first = Math.min(pathCount(args.first, plan.key.first), plan.key.first);
      const rights = await planRights(plan, context);
      // projectCpf validates the planned periods (BAD_USER_INPUT naming `activity[i]`) before anything is ranked.
      const projection = rights
        ? projectCpf({ balanceCents: rights.cpf.balanceCents, regime: rights.cpf.regime, today: context.rules.today, periods: plan.key.activity }, context.rules.parameters)
        : [];
      const rows = await Promise.all((plan.candidates ?? []).map(async (candidate) => await fund(candidate, rights, projection, context)));
      return rankPaths(rows, plan.key.orderBy, first);
    },
  },
  TransitionCandidate: {
    __resolveReference: (reference) => reference,
  },
  TransitionPath: {
    projectedCpfBalance: (path) => path.projectedCpf,
    remainingCost: (path) => (path.remainingCents === null ? null : money(path.remainingCents)),
  },
};
