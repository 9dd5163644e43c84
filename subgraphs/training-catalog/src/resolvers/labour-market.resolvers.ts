import { territoryByCode, type LabourMarketKey } from '../../../../lib/labour-market/territories.js';
import type { Context } from '../context.js';
import type { LabourMarketResolvers } from '../generated/resolvers.js';

/**
 * The catalogue's part of the public labour-market figures: trainings leading to the occupation
 * with a site in the territory, counted on the index (one lookup for every LabourMarket of a
 * query plan), and their CPF-eligible share. No personal data.
 */
async function counts(key: LabourMarketKey, context: Context) {
  const territory = territoryByCode(key.territoryCode);
  if (!territory) return null;
  return await context.loaders.territoryCounts.load({ romeCode: key.romeCode, departmentCode: territory.departmentCode, communes: territory.communes });
}

export const labourMarketResolvers: LabourMarketResolvers = {
  __resolveReference: (reference) => ({ romeCode: reference.romeCode, territoryCode: reference.territoryCode }),
  trainingsCount: async (key, _args, context) => (await counts(key, context))?.trainings ?? null,
  cpfEligibleTrainingsCount: async (key, _args, context) => (await counts(key, context))?.cpfEligible ?? null,
  cpfEligibleShare: async (key, _args, context) => {
    const found = await counts(key, context);
    return found && found.trainings > 0 ? found.cpfEligible / found.trainings : null;
  },
  trainingFormacodes: async (key, _args, context) => (await counts(key, context))?.mainFormacodes ?? null,
};
