import type { Cents } from '../money.js';
import { participation, type ParticipationExemption } from './participation.js';
import type { RuleParameters } from './parameters.js';
import { pointValueCents } from './prevention.js';

export interface FundingInput {
  priceCents: Cents;
  /** Listed in the Mon Compte Formation catalogue: only then can the CPF (and C2P points, credited to it) pay. */
  cpfEligible: boolean;
  cpfBalanceCents: Cents;
  /** C2P points reserved for training still available. */
  preventionPointsReserved: number;
  registeredJobSeeker: boolean;
  employerTopUpCents: Cents;
  /** ISO date of the planned purchase (today). */
  date: string;
}

export interface FundingPlan {
  priceCents: Cents;
  cpfCents: Cents;
  preventionCents: Cents;
  preventionPoints: number;
  employerTopUpCents: Cents;
  participationCents: Cents;
  participationExemption: ParticipationExemption | null;
  remainingCents: Cents;
  coveredInFull: boolean;
}

/**
 * How a purchase would be paid: the CPF balance first (L6323-6: only for catalogue-listed
 * trainings), then the C2P points reserved for training at their training value (R4163-11,
 * whole points), then the employer/OPCO top-up; the flat participation is added on top of
 * what is left (décret 2024-394), unless exempt. With no CPF or C2P money used there is no
 * CPF purchase, hence no participation.
 */
export function fundingPlan(input: FundingInput, parameters: RuleParameters): FundingPlan {
  const price = Math.max(0, input.priceCents);
  const cpf = input.cpfEligible ? Math.min(Math.max(0, input.cpfBalanceCents), price) : 0;
  const pointValue = pointValueCents(input.date, parameters);
  const afterCpf = price - cpf;
  let preventionPoints = 0;
  if (input.cpfEligible && pointValue > 0 && afterCpf > 0) {
    preventionPoints = Math.min(Math.max(0, input.preventionPointsReserved), Math.ceil(afterCpf / pointValue));
  }
  const prevention = Math.min(afterCpf, preventionPoints * pointValue);
  const topUp = Math.min(price - cpf - prevention, Math.max(0, input.employerTopUpCents));
  const purchasedWithCpf = cpf + prevention > 0;
  const due = purchasedWithCpf
    ? participation({ date: input.date, registeredJobSeeker: input.registeredJobSeeker, employerTopUpCents: topUp }, parameters)
    : { cents: 0, exemption: null };
  const remaining = price - cpf - prevention - topUp + due.cents;
  return {
    priceCents: price,
    cpfCents: cpf,
    preventionCents: prevention,
    preventionPoints,
    employerTopUpCents: topUp,
    participationCents: due.cents,
    participationExemption: due.exemption,
    remainingCents: remaining,
    coveredInFull: remaining === 0,
  };
}
