import type { Cents } from '../money.js';
import { euros, explain, type Explanation } from './explanation.js';
import { valueAt, type RuleParameters } from './parameters.js';

export type ParticipationExemption = 'JOB_SEEKER' | 'EMPLOYER_TOP_UP' | 'PREVENTION_POINTS' | 'OCCUPATIONAL_INJURY' | 'NOT_IN_FORCE';

export interface ParticipationContext {
  /** ISO date of the (planned) purchase. */
  date: string;
  /** Registered job seeker (L6323-4 III). */
  registeredJobSeeker: boolean;
  /** Co-funded by an employer or OPCO top-up, incl. company or branch agreements (décret 2024-394). */
  employerTopUpCents: Cents;
  /** C2P points used for this purchase (décret 2024-394, L4163-8). */
  preventionPoints?: number | undefined;
  /** Work-accident / occupational-disease top-up used (≥ 10 % permanent incapacity, CSS L432-12). */
  occupationalInjuryTopUpCents?: Cents | undefined;
}

export interface Participation {
  cents: Cents;
  exemption: ParticipationExemption | null;
  explanation: Explanation;
}

const RULE_ID = 'cpf.participation';

/**
 * The holder's flat participation (L6323-4 III, R6323-2, décret 2024-394, in force since 2 May
 * 2024): a flat amount per CPF purchase, revalued each 1 January — 100 €, 102.23 € in 2025,
 * 103.20 € in 2026. It is part of the price, not added to it (see funding.ts). Not due: by a
 * registered job seeker; when an employer or OPCO tops the purchase up; when C2P points are
 * used; when the work-accident/occupational-disease top-up (≥ 10 % incapacity) is used.
 */
export function participation(context: ParticipationContext, parameters: RuleParameters): Participation {
  const row = valueAt(parameters.participation, context.date);
  const inputs = {
    date: context.date,
    registeredJobSeeker: context.registeredJobSeeker,
    employerTopUpCents: context.employerTopUpCents,
    preventionPoints: context.preventionPoints ?? 0,
    occupationalInjuryTopUpCents: context.occupationalInjuryTopUpCents ?? 0,
  };
  const first = parameters.participation[0];
  if (row === undefined) {
    return { cents: 0, exemption: 'NOT_IN_FORCE', explanation: explain(RULE_ID, `Aucune participation : la règle s'applique aux achats à compter du ${first?.from ?? '2024-05-02'}.`, [first], inputs) };
  }
  const exempt = (exemption: ParticipationExemption, why: string): Participation => ({
    cents: 0,
    exemption,
    explanation: explain(RULE_ID, `Participation de ${euros(row.value)} non due : ${why}.`, [row], inputs),
  });
  if (context.registeredJobSeeker) return exempt('JOB_SEEKER', 'le titulaire est demandeur d\'emploi inscrit');
  if (context.employerTopUpCents > 0) return exempt('EMPLOYER_TOP_UP', 'la formation est abondée par l\'employeur ou un OPCO');
  if ((context.preventionPoints ?? 0) > 0) return exempt('PREVENTION_POINTS', 'des points du compte professionnel de prévention sont mobilisés');
  if ((context.occupationalInjuryTopUpCents ?? 0) > 0) return exempt('OCCUPATIONAL_INJURY', 'l\'abondement accident du travail / maladie professionnelle (incapacité ≥ 10 %) est mobilisé');
  return {
    cents: row.value,
    exemption: null,
    explanation: explain(RULE_ID, `Participation forfaitaire de ${euros(row.value)} par achat avec le CPF depuis le ${row.from}, comprise dans le prix.`, [row], inputs),
  };
}
