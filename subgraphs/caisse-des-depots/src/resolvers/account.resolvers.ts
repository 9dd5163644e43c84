import { pageRequest, toConnection } from '../../../../lib/validation/index.js';
import { money } from '../domain/money.js';
import { civicCeilingExplained, civicCreditExplained } from '../domain/rules/civic-engagement.js';
import { ceilingExplained, yearlyAmountExplained } from '../domain/rules/cpf-accrual.js';
import { explained } from '../domain/rules/explanation.js';
import { pointsReservedForTraining, pointValueExplained, trainingValueExplained } from '../domain/rules/prevention.js';
import { projectCpf } from '../domain/rules/projection.js';
import { totalTrainingRightsExplained } from '../domain/rules/training-rights.js';
import type { Resolvers } from '../generated/resolvers.js';

/** The CPA's accounts, from one rights read per worker per request; computed amounts carry their explanation. */
export const accountResolvers: Resolvers = {
  ActivityAccount: {
    cpf: (rights) => rights,
    prevention: (rights) => rights.prevention,
    civicEngagement: (rights) => rights.civicEngagement,
    totalTrainingRights: (rights, _args, context) =>
      totalTrainingRightsExplained(rights.cpf.balanceCents, rights.prevention?.pointsAvailable ?? 0, context.rules.today, context.rules.parameters),
  },

  TrainingAccount: {
    balance: (rights) => money(rights.cpf.balanceCents),
    ceiling: (rights, _args, context) => ceilingExplained(rights.cpf.regime, context.rules.parameters),
    yearlyCredit: (rights, _args, context) => yearlyAmountExplained(rights.cpf.regime, context.rules.parameters),
    regime: (rights) => rights.cpf.regime,
    movements: async (rights, { first, after }, context) => {
      const page = pageRequest(first, after);
      const result = page.limit === 0
        ? { movements: [], totalCount: rights.cpf.movementCount }
        : await context.loaders.movements.load({ workerId: rights.workerId, offset: page.offset, limit: page.limit });
      return toConnection(result?.movements ?? [], page, result?.totalCount ?? 0);
    },
    projection: (rights, { activity, correctiveTopUpYears }, context) =>
      projectCpf(
        { balanceCents: rights.cpf.balanceCents, regime: rights.cpf.regime, today: context.rules.today, periods: activity, correctiveTopUpYears: correctiveTopUpYears ?? [] },
        context.rules.parameters,
      ),
  },

  AccountMovement: {
    amount: (movement) => money(movement.amountCents),
  },

  CpfProjection: {
    credit: (row) => explained(row.earnedCents, row.explanations.earned),
    credited: (row) => explained(row.creditedCents, row.explanations.credited),
    topUp: (row) => explained(row.topUpCents, row.explanations.topUp),
    balance: (row) => explained(row.balanceCents, row.explanations.balance),
  },

  PreventionAccount: {
    pointsReservedForTraining: (prevention, _args, context) => pointsReservedForTraining(prevention, context.rules.parameters),
    pointValue: (_prevention, _args, context) => pointValueExplained(context.rules.today, context.rules.parameters),
    trainingValue: (prevention, _args, context) => trainingValueExplained(prevention.pointsAvailable, context.rules.today, context.rules.parameters),
  },

  CivicEngagementAccount: {
    acquired: (civic) => money(civic.acquiredCents),
    ceiling: (_civic, _args, context) => civicCeilingExplained(context.rules.parameters),
    nextYearCredit: (civic, _args, context) => civicCreditExplained(civic.acquiredCents, context.rules.parameters),
  },

  CivicActivity: {
    credited: (activity) => money(activity.creditedCents),
  },

  ExplainedMoney: {
    currency: () => 'EUR',
  },
};
