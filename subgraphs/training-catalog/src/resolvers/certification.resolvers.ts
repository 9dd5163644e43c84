import { pageRequest, toConnection } from '../../../../lib/validation/index.js';
import { certificationProvenance } from '../domain/provenance.js';
import type { CertificationResolvers, OccupationResolvers } from '../generated/resolvers.js';
import { placeCriterion } from './arguments.js';

export const certificationResolvers: CertificationResolvers = {
  __resolveReference: async (reference, context) => context.loaders.certification.load(reference.code),
  registrationEnd: (certification) => certification.endDate,
  occupations: (certification) => certification.romeCodes.map((romeCode) => ({ romeCode })),
  source: (certification, _args, context) => certificationProvenance(certification, context.loaders.catalog().certificationExport),
};

export const occupationResolvers: OccupationResolvers = {
  __resolveReference: (reference) => ({ romeCode: reference.romeCode }),
  trainings: async (occupation, { near, first, after }, context) => {
    const page = pageRequest(first, after);
    const criterion = near ? placeCriterion(near, 'near', context.references) : undefined;
    const found = await context.loaders.occupationTrainings.load({ romeCode: occupation.romeCode, near: criterion });
    return toConnection(found.slice(page.offset, page.offset + page.limit), page, found.length);
  },
  certifications: async (occupation, _, context) => context.loaders.occupationCertifications.load(occupation.romeCode),
};
