/**
 * What kind of CPF-eligible action a training is (Code du travail L6323-6): a certifying training
 * (RNCP or RS), or one of the actions eligible without a certification — bilan de compétences,
 * preparation of the light-vehicle driving licence (code and permis B), accompaniment to the VAE,
 * support to business creators. Values match the GraphQL enum `TrainingActionType`.
 */
export type TrainingActionType = 'RNCP_CERTIFICATION' | 'RS_CERTIFICATION' | 'SKILLS_ASSESSMENT' | 'DRIVING_LICENCE' | 'VAE' | 'BUSINESS_CREATION' | 'OTHER';

/**
 * LHEO `certification/code-CPF` (added to LHEO for the Caisse des dépôts, lheo-schema issue #40):
 * the "code CPF" the former COPANEF list gave the actions eligible without a certification. The
 * codes below are the ones of that list as known to us; no stored copy of the list confirms them
 * (UNCONFIRMED, see upstreams/carif-oref/README.md): an unknown code reads as OTHER, never as a
 * capped or certifying action.
 */
export const CPF_ACTION_CODES: Readonly<Record<string, TrainingActionType>> = {
  '200': 'VAE',
  '202': 'SKILLS_ASSESSMENT',
  '203': 'DRIVING_LICENCE',
  '204': 'BUSINESS_CREATION',
};

/** The certification code decides first (`RNCP…`, `RS…`); without one, the LHEO `code-CPF`. */
export function actionTypeOf(certificationCode: string | null, codeCpf: string | null | undefined): TrainingActionType {
  if (certificationCode?.startsWith('RNCP')) return 'RNCP_CERTIFICATION';
  if (certificationCode?.startsWith('RS')) return 'RS_CERTIFICATION';
  return CPF_ACTION_CODES[codeCpf?.trim() ?? ''] ?? 'OTHER';
}
