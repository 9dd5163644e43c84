import { decideSelf, Scope } from '../../../../lib/auth/index.js';
import { badInput } from '../../../../lib/errors/index.js';
import { pageRequest, requireRomeCode, toConnection } from '../../../../lib/validation/index.js';
import { isOfferId, toOfferSearch, toPlaceQuery } from '../domain/inputs.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { foldAccents } from '../../../../lib/text.js';
import { offerConnection } from './offer-search.js';

export const queryResolvers: QueryResolvers = {
  // Shared with caisse-des-depots, by the same rule (lib/auth decideSelf) and from the token alone,
  // so the gateway reads the job-seeker status beside the rights (the gateway sends one copy of the
  // error both subgraphs give). What is personal (`jobSeeker`) checks and audits its own access.
  me: (_parent, _args, context) => {
    const self = decideSelf(context.principal, Scope.CPF_READ);
    if (!self.ok) throw self.error;
    return { id: self.workerId };
  },

  jobOffers: async (_parent, { filter, first, after }, context, info) => await offerConnection(context, toOfferSearch(filter), first, after, info),

  jobOffer: async (_parent, { id }, context) => {
    if (!isOfferId(id)) throw badInput('id', 'id must be a France Travail offer id (letters and digits, e.g. 132LKFB).');
    return await context.loaders.offer.load(id.toUpperCase());
  },

  occupation: async (_parent, { romeCode }, context) => {
    const occupation = await context.loaders.occupation.load(requireRomeCode(romeCode, 'romeCode'));
    return occupation ? { romeCode: occupation.romeCode, title: occupation.title } : null;
  },

  occupations: async (_parent, { search, first, after }, context) => {
    const words = foldAccents(search).split(/[\s,]+/).filter(Boolean);
    if (words.length === 0 || words.some((word) => word.length < 2)) throw badInput('search', 'search needs words of at least 2 characters.');
    const page = pageRequest(first, after);
    // The ROME list (532 métiers) is reference data, cached whole; matching it here beats a call per search.
    const matches = (await context.repositories.occupations.list()).filter((occupation) => {
      const texts = [occupation.title, ...occupation.jobTitles].map(foldAccents);
      return words.every((word) => texts.some((text) => text.includes(word)));
    });
    const nodes = matches.slice(page.offset, page.offset + page.limit).map(({ romeCode, title }) => ({ romeCode, title }));
    return toConnection(nodes, page, matches.length);
  },

  companies: async (_parent, { romeCode, near, first, after }, context) => {
    const code = requireRomeCode(romeCode, 'romeCode');
    const place = toPlaceQuery(near, 'near');
    const page = pageRequest(first, after);
    const { companies, totalCount } = await context.repositories.companies.hiring(code, place, page);
    return toConnection(companies, page, totalCount);
  },
};
