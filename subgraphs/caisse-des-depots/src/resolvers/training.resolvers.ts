import { badInput } from '../../../../lib/errors/index.js';
import { isCertificationCode, isValidSiret } from '../../../../lib/validation/index.js';
import { eligibilityKey } from '../domain/catalogue.js';
import { money } from '../domain/money.js';
import { fundingPlan } from '../domain/rules/funding.js';
import { pointsReservedForTraining } from '../domain/rules/prevention.js';
import type { TrainingRef } from '../domain/training.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';

/**
 * Listed in the MCF catalogue for the training's provider and certification. The keys come from
 * another subgraph: a training without a certification, or with codes that cannot exist, is
 * simply not eligible (no error, no upstream call).
 */
async function cpfEligible(training: TrainingRef, context: Context): Promise<boolean> {
  const siret = training.provider?.siret?.replace(/\s+/g, '');
  const code = training.certification?.code?.trim().toUpperCase();
  if (!siret || !code || !isValidSiret(siret) || !isCertificationCode(code)) return false;
  return (await context.loaders.eligibility.load(eligibilityKey({ siret, certificationCode: code }))) ?? false;
}

export const trainingResolvers: Resolvers = {
  Training: {
    __resolveReference: (reference) => reference,
    cpfEligible: async (training, _args, context) => await cpfEligible(training, context),
    funding: async (training, { employerTopUpCents }, context) => {
      if (employerTopUpCents !== null && employerTopUpCents !== undefined && employerTopUpCents < 0) {
        throw badInput('employerTopUpCents', 'employerTopUpCents must be zero or more.');
      }
      const price = training.price;
      if (!price || price.currency !== 'EUR' || price.cents < 0) return null;
      const owner = await context.access.fundingOwner(['activityAccount.cpf.balance', 'activityAccount.prevention.pointsReservedForTraining', 'registeredJobSeeker']);
      if (owner === undefined) return null;
      const [rights, eligible] = await Promise.all([context.loaders.rights.load(owner), cpfEligible(training, context)]);
      if (!rights) return null;
      return fundingPlan(
        {
          priceCents: price.cents,
          cpfEligible: eligible,
          cpfBalanceCents: rights.cpf.balanceCents,
          preventionPointsReserved: rights.prevention ? pointsReservedForTraining(rights.prevention, context.rules.parameters) : 0,
          registeredJobSeeker: rights.registeredJobSeeker,
          employerTopUpCents: employerTopUpCents ?? 0,
          date: context.rules.today,
        },
        context.rules.parameters,
      );
    },
  },

  FundingPlan: {
    price: (plan) => money(plan.priceCents),
    cpf: (plan) => money(plan.cpfCents),
    prevention: (plan) => money(plan.preventionCents),
    employerTopUp: (plan) => money(plan.employerTopUpCents),
    participation: (plan) => money(plan.participationCents),
    remainingCost: (plan) => money(plan.remainingCents),
  },
};
