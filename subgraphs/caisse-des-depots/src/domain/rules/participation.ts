import type { Cents } from '../money.js';
import { valueAt, type RuleParameters } from './parameters.js';

export type ParticipationExemption = 'JOB_SEEKER' | 'EMPLOYER_TOP_UP' | 'NOT_IN_FORCE';

export interface ParticipationContext {
  /** ISO date of the (planned) purchase. */
  date: string;
  /** Registered job seeker (L6323-4 III, 1°). */
  registeredJobSeeker: boolean;
  /** Co-funded by an employer or OPCO top-up, incl. company or branch agreements (L6323-4 III, 2°). */
  employerTopUpCents: Cents;
}

export interface Participation {
  cents: Cents;
  exemption: ParticipationExemption | null;
}

/**
 * The holder's flat participation (décret 2024-394, in force since 2 May 2024): a flat amount
 * per CPF purchase — not a percentage, due even when the balance covers the price — revalued
 * each 1 January. Exempt: registered job seekers and purchases co-funded by an employer/OPCO.
 */
export function participation(context: ParticipationContext, parameters: RuleParameters): Participation {
  const row = valueAt(parameters.participation, context.date);
  if (row === undefined) return { cents: 0, exemption: 'NOT_IN_FORCE' };
  if (context.registeredJobSeeker) return { cents: 0, exemption: 'JOB_SEEKER' };
  if (context.employerTopUpCents > 0) return { cents: 0, exemption: 'EMPLOYER_TOP_UP' };
  return { cents: row.value, exemption: null };
}
