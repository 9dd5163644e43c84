/**
 * Ready Apollo Client `typePolicies` for cpa-graph: every entity of schema/api.graphql normalised
 * by its federation key (test/clients/type-policies.test.ts checks them against the supergraph's
 * keys), and the Relay connections merged page after page with `relayStylePagination`.
 *
 *   import { typePolicies } from './type-policies';
 *   new InMemoryCache({ typePolicies });
 *
 * Select the key field wherever you select an entity (`company { siret name }`): Apollo Client
 * refuses to write an entity whose key field is missing.
 */
import type { TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** Entity → key fields, as in the supergraph's `@key` directives. */
export const ENTITY_KEYS = {
  Worker: ['id'],
  Occupation: ['romeCode'],
  Training: ['id'],
  Certification: ['code'],
  TransitionPlan: ['id'],
  TransitionCandidate: ['id'],
  TrainingProvider: ['siret'],
  Company: ['siret'],
  JobOffer: ['id'],
  LabourMarket: ['romeCode', 'territoryCode'],
} as const;

const entities: TypePolicies = Object.fromEntries(Object.entries(ENTITY_KEYS).map(([type, keyFields]) => [type, { keyFields: [...keyFields] }]));

export const typePolicies: TypePolicies = {
  ...entities,
  Query: {
    fields: {
      // Arguments other than `first`/`after` tell two lists apart; the pages of one list are merged.
      jobOffers: relayStylePagination(['filter']),
      trainings: relayStylePagination(['filter']),
      occupations: relayStylePagination(['search']),
      certifications: relayStylePagination(['search']),
      companies: relayStylePagination(['romeCode', 'near']),
    },
  },
  Occupation: {
    ...entities['Occupation'],
    fields: { jobOffers: relayStylePagination(['near']), trainings: relayStylePagination(['near']) },
  },
  // Money, Place, funding plans… have no identity: they are stored inside their parent.
};
