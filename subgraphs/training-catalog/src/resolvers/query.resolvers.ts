import { requireCertificationCode, pageRequest, toConnection } from '../../../../lib/validation/index.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { searchText, trainingCriteria, trainingId } from './arguments.js';

export const queryResolvers: QueryResolvers = {
  trainings: (_, { filter, first, after }, context) => {
    const page = pageRequest(first, after);
    const criteria = trainingCriteria(filter, context.references);
    const found = context.loaders.catalog().searchTrainings(criteria);
    return toConnection(found.slice(page.offset, page.offset + page.limit), page, found.length);
  },
  training: async (_, { id }, context) => context.loaders.training.load(trainingId(id, 'id')),
  certification: async (_, { code }, context) => context.loaders.certification.load(requireCertificationCode(code, 'code')),
  certifications: (_, { search, first, after }, context) => {
    const page = pageRequest(first, after);
    const found = context.loaders.catalog().searchCertifications(searchText(search, 'search'));
    return toConnection(found.slice(page.offset, page.offset + page.limit), page, found.length);
  },
};
