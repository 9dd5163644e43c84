import { pageRequest, toConnection } from '../../../../lib/validation/index.js';
import { money } from '../domain/money.js';
import type { PreventionRights } from '../domain/rights.js';
import { accrualRate } from '../domain/rules/cpf-accrual.js';
import { pointsReservedForTraining, pointValueCents } from '../domain/rules/prevention.js';
import { projectCpf } from '../domain/rules/projection.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';

const trainingValueCents = (prevention: PreventionRights | null, context: Context): number =>
  prevention === null ? 0 : pointsReservedForTraining(prevention, context.rules.parameters) * pointValueCents(context.rules.today, context.rules.parameters);

/** The CPA's accounts, from one rights read per worker per request. */
export const accountResolvers: Resolvers = {
  ActivityAccount: {
    cpf: (rights) => rights,
    prevention: (rights) => rights.prevention,
    civicEngagement: (rights) => rights.civicEngagement,
    totalTrainingRights: (rights, _args, context) => money(rights.cpf.balanceCents + trainingValueCents(rights.prevention, context)),
  },

  TrainingAccount: {
    balance: (rights) => money(rights.cpf.balanceCents),
    ceiling: (rights, _args, context) => money(accrualRate(rights.cpf.regime, context.rules.parameters).ceilingCents),
    yearlyCredit: (rights, _args, context) => money(accrualRate(rights.cpf.regime, context.rules.parameters).yearlyCents),
    regime: (rights) => rights.cpf.regime,
    movements: async (rights, { first, after }, context) => {
      const page = pageRequest(first, after);
      const result = page.limit === 0
        ? { movements: [], totalCount: rights.cpf.movementCount }
        : await context.loaders.movements.load({ workerId: rights.workerId, offset: page.offset, limit: page.limit });
      return toConnection(result?.movements ?? [], page, result?.totalCount ?? 0);
    },
    projection: (rights, { activity }, context) =>
      projectCpf({ balanceCents: rights.cpf.balanceCents, regime: rights.cpf.regime, today: context.rules.today, periods: activity }, context.rules.parameters),
  },

  AccountMovement: {
    amount: (movement) => money(movement.amountCents),
  },

  CpfProjection: {
    credit: (row) => money(row.earnedCents),
    credited: (row) => money(row.creditedCents),
    balance: (row) => money(row.balanceCents),
  },

  PreventionAccount: {
    pointsReservedForTraining: (prevention, _args, context) => pointsReservedForTraining(prevention, context.rules.parameters),
    pointValue: (_prevention, _args, context) => money(pointValueCents(context.rules.today, context.rules.parameters)),
    trainingValue: (prevention, _args, context) => money(trainingValueCents(prevention, context)),
  },

  CivicEngagementAccount: {
    acquired: (civic) => money(civic.acquiredCents),
    ceiling: (_civic, _args, context) => money(context.rules.parameters.cec.ceilingCents),
  },

  CivicActivity: {
    credited: (activity) => money(activity.creditedCents),
  },
};
