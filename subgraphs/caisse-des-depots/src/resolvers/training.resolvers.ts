import { badInput } from '../../../../lib/errors/index.js';
import { isCertificationCode, isValidSiret } from '../../../../lib/validation/index.js';
import { eligibilityKey } from '../domain/catalogue.js';
import { money } from '../domain/money.js';
import { actionKindOf, isNonCertifyingEligible } from '../domain/rules/actions.js';
import { explained } from '../domain/rules/explanation.js';
import { fundingPlan, occupationalInjuryTopUpCents } from '../domain/rules/funding.js';
import { pointsReservedForTraining } from '../domain/rules/prevention.js';
import type { TrainingRef } from '../domain/training.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';

/**
 * Listed in the MCF catalogue for the training's provider and certification, or an action the
 * law makes eligible without a certification (L6323-6 II: bilan, permis B, VAE, business
 * creation; no catalogue call). The keys come from another subgraph: a training without a
 * certification, or with codes that cannot exist, is simply not eligible (no error, no upstream call).
 */
export async function cpfEligible(training: TrainingRef, context: Context): Promise<boolean> {
  const siret = training.provider?.siret?.replace(/\s+/g, '');
  const code = training.certification?.code?.trim().toUpperCase();
  if (!code && isNonCertifyingEligible(actionKindOf(training.actionType, null))) return true;
  if (!siret || !code || !isValidSiret(siret) || !isCertificationCode(code)) return false;
  return (await context.loaders.eligibility.load(eligibilityKey({ siret, certificationCode: code }))) ?? false;
}

/** The personal fields a funding plan reads, for the audit log. */
const FUNDING_FIELDS = ['activityAccount.cpf.balance', 'activityAccount.prevention.pointsAvailable', 'activityAccount.prevention.pointsReservedForTraining', 'registeredJobSeeker'];

export const trainingResolvers: Resolvers = {
  Training: {
    __resolveReference: (reference) => reference,
    cpfEligible: async (training, _args, context) => await cpfEligible(training, context),
    funding: async (training, { employerTopUpCents, occupationalInjuryIncapacityRate, workerId }, context) => {
      if (employerTopUpCents !== null && employerTopUpCents !== undefined && employerTopUpCents < 0) {
        throw badInput('employerTopUpCents', 'employerTopUpCents must be zero or more.');
      }
      const rate = occupationalInjuryIncapacityRate;
      if (rate !== null && rate !== undefined && (!Number.isFinite(rate) || rate < 0 || rate > 1)) {
        throw badInput('occupationalInjuryIncapacityRate', 'occupationalInjuryIncapacityRate must be in [0, 1].');
      }
      const price = training.price;
      if (!price || price.currency !== 'EUR' || price.cents < 0) return null;
      const owner = await context.access.fundingFor(workerId ?? undefined, FUNDING_FIELDS);
      if (owner === undefined) return null;
      const [rights, eligible] = await Promise.all([context.loaders.rights.load(owner), cpfEligible(training, context)]);
      if (!rights) return null;
      const { parameters, today } = context.rules;
      const code = training.certification?.code ?? null;
      return fundingPlan(
        {
          priceCents: price.cents,
          cpfEligible: eligible,
          cpfBalanceCents: rights.cpf.balanceCents,
          preventionPointsReserved: rights.prevention ? pointsReservedForTraining(rights.prevention, parameters) : 0,
          preventionPointsAvailable: rights.prevention?.pointsAvailable ?? 0,
          registeredJobSeeker: rights.registeredJobSeeker,
          employerTopUpCents: employerTopUpCents ?? 0,
          occupationalInjuryTopUpCents: occupationalInjuryTopUpCents(rate, parameters),
          action: { kind: actionKindOf(training.actionType, code), certificationCode: code },
          date: today,
        },
        parameters,
      );
    },
  },

  FundingPlan: {
    price: (plan) => money(plan.priceCents),
    cpf: (plan) => explained(plan.cpfCents, plan.explanations.cpf),
    prevention: (plan) => explained(plan.preventionCents, plan.explanations.prevention),
    occupationalInjury: (plan) => explained(plan.occupationalInjuryCents, plan.explanations.occupationalInjury),
    employerTopUp: (plan) => explained(plan.employerTopUpCents, plan.explanations.employerTopUp),
    participation: (plan) => explained(plan.participationCents, plan.explanations.participation),
    perActionCap: (plan) => (plan.capCents === null ? null : explained(plan.capCents, plan.explanations.cap)),
    remainingCost: (plan) => explained(plan.remainingCents, plan.explanations.remaining),
  },
};
