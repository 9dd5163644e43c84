import { pageRequest, toConnection } from '../../../../lib/validation/index.js';
import { trainingProvenance } from '../domain/provenance.js';
import type { TrainingProviderResolvers, TrainingResolvers } from '../generated/resolvers.js';

export const trainingResolvers: TrainingResolvers = {
  __resolveReference: async (reference, context) => context.loaders.training.load(reference.id),
  certification: async (training, _, context) => (training.certificationCode ? context.loaders.certification.load(training.certificationCode) : null),
  // A catalogue snapshot stored before the field existed reads as OTHER.
  actionType: (training) => training.actionType ?? 'OTHER',
  price: (training) => (training.priceCents === null ? null : { cents: training.priceCents, currency: 'EUR' }),
  source: (training) => trainingProvenance(training),
};

export const trainingProviderResolvers: TrainingProviderResolvers = {
  __resolveReference: async (reference, context) => context.loaders.provider.load(reference.siret),
  trainings: (provider, { first, after }, context) => {
    const page = pageRequest(first, after);
    const found = context.loaders.catalog().searchTrainings({ providerSiret: provider.siret });
    return toConnection(found.slice(page.offset, page.offset + page.limit), page, found.length);
  },
};
