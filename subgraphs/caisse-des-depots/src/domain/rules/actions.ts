import { valueAt, type ActionCap, type CappedAction, type Cited, type RuleParameters } from './parameters.js';

/**
 * What kind of action a CPF purchase pays for, which decides whether a certification is needed
 * (L6323-6) and which per-action ceiling applies (L6323-6 as amended by the 2026 finance law,
 * art. 203, and its decrees of 24 Feb 2026, in force 26 Feb 2026).
 */
export type ActionKind =
  | 'RNCP_CERTIFICATION'
  | 'RS_CERTIFICATION'
  /** Bilan de compétences (L6313-4). */
  | 'SKILLS_ASSESSMENT'
  /** Permis B and other light-vehicle categories. */
  | 'DRIVING_LICENCE_LIGHT'
  /** Permis of the heavy group (C, D…): eligible, not capped. */
  | 'DRIVING_LICENCE_HEAVY'
  /** Accompagnement à la VAE. */
  | 'VAE'
  /** Actions for business creators or buyers. */
  | 'BUSINESS_CREATION'
  | 'OTHER';

/** L6323-6 II: eligible to the CPF without an RNCP/RS certification. */
const NON_CERTIFYING: ReadonlySet<ActionKind> = new Set(['SKILLS_ASSESSMENT', 'DRIVING_LICENCE_LIGHT', 'DRIVING_LICENCE_HEAVY', 'VAE', 'BUSINESS_CREATION']);

export const isNonCertifyingEligible = (kind: ActionKind): boolean => NON_CERTIFYING.has(kind);

/** The kind of a certifying action from its certification code (`RNCP34126`, `RS5000`). */
export function actionKindOfCertification(code: string | null | undefined): ActionKind {
  const upper = code?.trim().toUpperCase() ?? '';
  if (upper.startsWith('RNCP')) return 'RNCP_CERTIFICATION';
  if (upper.startsWith('RS')) return 'RS_CERTIFICATION';
  return 'OTHER';
}

/** The catalogue's `Training.actionType` (training-catalog) as a kind of action; without it, the certification code decides. */
const BY_ACTION_TYPE: Readonly<Record<string, ActionKind>> = {
  RNCP_CERTIFICATION: 'RNCP_CERTIFICATION',
  RS_CERTIFICATION: 'RS_CERTIFICATION',
  SKILLS_ASSESSMENT: 'SKILLS_ASSESSMENT',
  // The catalogue's DRIVING_LICENCE is the permis B preparation (light vehicles).
  DRIVING_LICENCE: 'DRIVING_LICENCE_LIGHT',
  VAE: 'VAE',
  BUSINESS_CREATION: 'BUSINESS_CREATION',
};

export function actionKindOf(actionType: string | null | undefined, certificationCode: string | null | undefined): ActionKind {
  const certified = actionKindOfCertification(certificationCode);
  return certified !== 'OTHER' ? certified : (BY_ACTION_TYPE[actionType ?? ''] ?? 'OTHER');
}

const CAPPED: Partial<Record<ActionKind, CappedAction>> = {
  RS_CERTIFICATION: 'RS_CERTIFICATION',
  SKILLS_ASSESSMENT: 'SKILLS_ASSESSMENT',
  DRIVING_LICENCE_LIGHT: 'DRIVING_LICENCE_LIGHT',
};

/**
 * The ceiling on the CPF rights one action may use on `date`, or undefined when none applies.
 * `exemptCodes`: certifications the law keeps out of the RS cap (CléA), by code.
 */
export function actionCap(kind: ActionKind, date: string, parameters: RuleParameters, certificationCode?: string | null, exemptCodes: readonly string[] = []): ActionCap | undefined {
  const capped = CAPPED[kind];
  if (capped === undefined) return undefined;
  if (certificationCode && exemptCodes.includes(certificationCode.toUpperCase())) return undefined;
  return valueAt(parameters.actionCaps.filter((row) => row.action === capped), date);
}

/** The parameter row that makes a non-certifying action eligible, for explanations. */
export const nonCertifyingBasis = (parameters: RuleParameters): Cited => parameters.nonCertifyingEligible;
