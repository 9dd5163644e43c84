import { isRomeCode, pageRequest, toConnection } from '../../../../lib/validation/index.js';
import type { Context } from '../context.js';
import { toPlaceQuery } from '../domain/inputs.js';
import type { Occupation, OccupationRef } from '../domain/occupation.js';
import type { OccupationResolvers } from '../generated/resolvers.js';
import { offerConnection } from './offer-search.js';

/** The full ROME record, through this request's loader (deduplicated, cached as reference data). */
async function detail(parent: OccupationRef, context: Context): Promise<Occupation | null> {
  return await context.loaders.occupation.load(parent.romeCode);
}

export const occupationResolvers: OccupationResolvers = {
  // A reference names a code another subgraph read from an operator (a job seeker's sought
  // occupation, a training's occupations): its fields start at once, without waiting for the ROME
  // record first — the offers of a sought occupation are searched by code while `title` reads the
  // record (issue #15.3: the dashboard's offers no longer wait on a ROME call). A code ROME does not
  // know keeps its code as title and finds no offers.
  __resolveReference: ({ romeCode }) => (isRomeCode(romeCode) ? { romeCode } : null),
  title: async (parent, _args, context) => parent.title ?? (await detail(parent, context))?.title ?? parent.romeCode,
  definition: async (parent, _args, context) => (await detail(parent, context))?.definition ?? null,
  jobTitles: async (parent, _args, context) => (await detail(parent, context))?.jobTitles ?? [],
  skills: async (parent, _args, context) => (await context.loaders.skills.load(parent.romeCode)) ?? [],
  relatedOccupations: async (parent, _args, context) => (await context.repositories.occupations.related(parent.romeCode)).map((romeCode) => ({ romeCode })),
  jobOffers: async (parent, { near, first, after }, context, info) =>
    await offerConnection(
      context,
      { keywords: [], romeCodes: [parent.romeCode], place: near ? toPlaceQuery(near, 'near') : null, contractTypes: [], publishedSinceDays: null },
      first,
      after,
      info,
    ),
  hiringCompanies: async (parent, { near, first }, context) => {
    const place = toPlaceQuery(near, 'near');
    const page = pageRequest(first, null);
    const { companies, totalCount } = await context.repositories.companies.hiring(parent.romeCode, place, page);
    return toConnection(companies, page, totalCount);
  },
};
