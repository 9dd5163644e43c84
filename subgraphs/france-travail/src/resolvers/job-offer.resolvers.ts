import type { JobOfferResolvers } from '../generated/resolvers.js';
import { isOfferId } from '../domain/inputs.js';
import { offerProvenance } from '../domain/provenance.js';

export const jobOfferResolvers: JobOfferResolvers = {
  __resolveReference: async ({ id }, context) => (isOfferId(id) ? await context.loaders.offer.load(id.toUpperCase()) : null),
  company: (offer) => (offer.companySiret ? { siret: offer.companySiret, ...(offer.companyName ? { name: offer.companyName } : {}) } : null),
  occupation: (offer) => (offer.romeCode ? { romeCode: offer.romeCode, title: offer.romeLabel } : null),
  source: (offer) => offerProvenance(offer),
};
