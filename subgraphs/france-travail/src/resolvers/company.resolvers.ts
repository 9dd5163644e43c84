import { isValidSiret } from '../../../../lib/validation/index.js';
import type { Context } from '../context.js';
import type { Company, CompanyRef } from '../domain/company.js';
import { companyProvenance } from '../domain/provenance.js';
import type { CompanyResolvers } from '../generated/resolvers.js';

/** A field the parent did not carry is read from La Bonne Boîte through this request's loader. */
async function field<K extends keyof Company>(parent: CompanyRef, name: K, context: Context): Promise<Company[K] | null> {
  if (parent[name] !== undefined) return parent[name] as Company[K];
  return (await context.loaders.company.load(parent.siret))?.[name] ?? null;
}

export const companyResolvers: CompanyResolvers = {
  __resolveReference: async ({ siret }, context) => (isValidSiret(siret) ? await context.loaders.company.load(siret) : null),
  name: async (parent, _args, context) => (await field(parent, 'name', context)) ?? parent.siret,
  nafCode: async (parent, _args, context) => await field(parent, 'nafCode', context),
  nafLabel: async (parent, _args, context) => await field(parent, 'nafLabel', context),
  location: async (parent, _args, context) => await field(parent, 'location', context),
  headcount: async (parent, _args, context) => await field(parent, 'headcount', context),
  hiringPotential: async (parent, _args, context) => await field(parent, 'hiringPotential', context),
  url: async (parent, _args, context) => await field(parent, 'url', context),
  // The record is named by its SIRET alone: a La Bonne Boîte failure costs the page's URL, not the provenance.
  source: async (parent, _args, context) => companyProvenance(parent.siret, await field(parent, 'url', context).catch(() => null)),
};
