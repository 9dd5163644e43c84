import { basinsOf, requireTerritoryCode, territoryByCode, type Territory } from '../../../../lib/labour-market/territories.js';
import { badInput } from '../../../../lib/errors/index.js';
import { requireRomeCode } from '../../../../lib/validation/index.js';
import type { Context } from '../context.js';
import { TENSION_DATASET, type LabourMarketModel } from '../domain/labour-market.js';
import type { FormacodeOutcomeResolvers, LabourMarketResolvers, LabourMarketTensionResolvers, QueryResolvers, TerritoryResolvers } from '../generated/resolvers.js';

/**
 * Public labour-market figures (#17.5): France Travail's 2020 tension dataset read at start, live
 * offer counts from the search's own total (one `range=0-0` call per occupation × department,
 * cached as reference data), the catalogue's counts from training-catalog. Anonymous; no resolver
 * here reads a person, so no access check and no audit entry.
 */
const DEFAULT_OCCUPATIONS = 20;
const MAX_OCCUPATIONS = 50;

const model = (romeCode: string, territory: Territory): LabourMarketModel => ({ romeCode, territoryCode: territory.code, territory });

function territoryOf(parent: LabourMarketModel): Territory | null {
  return parent.territory ?? territoryByCode(parent.territoryCode);
}

export const labourMarketQueryResolvers: Pick<QueryResolvers, 'labourMarket' | 'territory'> = {
  labourMarket: (_parent, { romeCode, territory }) => {
    const rome = requireRomeCode(romeCode.trim().toUpperCase(), 'romeCode');
    const found = territoryByCode(requireTerritoryCode(territory, 'territory'));
    return found ? model(rome, found) : null;
  },
  territory: (_parent, { code }) => territoryByCode(requireTerritoryCode(code, 'code')),
};

export const territoryResolvers: TerritoryResolvers = {
  tensionYear: (_territory, _args, context) => context.repositories.tension.year,
  occupations: (territory, { first }, context) => {
    const size = first ?? DEFAULT_OCCUPATIONS;
    if (!Number.isInteger(size) || size < 0 || size > MAX_OCCUPATIONS) throw badFirst();
    const single = territory.kind === 'EMPLOYMENT_BASIN';
    return context.repositories.tension.occupations(basinsOf(territory), single).slice(0, size).map((item) => model(item.romeCode, territory));
  },
};

export const labourMarketResolvers: LabourMarketResolvers = {
  __resolveReference: (reference) => {
    const territory = territoryByCode(reference.territoryCode);
    return territory ? { ...reference, territory } : null;
  },
  occupation: async (parent, _args, context) => {
    const occupation = await context.loaders.occupation.load(parent.romeCode);
    return occupation ? { romeCode: occupation.romeCode, title: occupation.title } : null;
  },
  territory: (parent) => territoryOf(parent) as Territory,
  offersCount: async (parent, _args, context) => {
    const territory = territoryOf(parent);
    if (!territory || territory.kind !== 'DEPARTMENT') return null;
    return await context.loaders.offerCount.load(`${parent.romeCode}:${territory.code}`);
  },
  tension: (parent, _args, context) => {
    const territory = territoryOf(parent);
    if (!territory) return null;
    return context.repositories.tension.figures(parent.romeCode, basinsOf(territory), territory.kind === 'EMPLOYMENT_BASIN');
  },
  returnToWork: async (parent, _args, context: Context) => {
    const territory = territoryOf(parent);
    const formacodes = (parent.trainingFormacodes ?? []).slice(0, 3);
    if (!territory) return [];
    return await Promise.all(
      formacodes.map(async (formacode) => ({ formacode, outcomes: await context.loaders.outcomes.load({ formacode, departmentCode: territory.departmentCode }) })),
    );
  },
};

export const labourMarketTensionResolvers: LabourMarketTensionResolvers = {
  dataset: () => TENSION_DATASET,
  highHiringOpportunity: (figures) => (figures.index === null ? null : figures.index < 4),
};

export const formacodeOutcomeResolvers: FormacodeOutcomeResolvers = {};

function badFirst() {
  return badInput('first', `first must be an integer between 0 and ${MAX_OCCUPATIONS}.`);
}
