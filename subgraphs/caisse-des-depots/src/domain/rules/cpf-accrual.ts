import type { Cents } from '../money.js';
import type { CpfRegime } from '../rights.js';
import type { AccrualRate, RuleParameters } from './parameters.js';

/**
 * CPF accrual rules. Credited in euros since 1 Jan 2019 (décret 2018-1329); the credit for
 * year N is booked early in N+1 (Code du travail R6323-1 and following).
 */

/** L6323-11 (500/5,000), L6323-11-1 (800/8,000 for low qualification and OETH), L6323-25 (independents 500/5,000). */
export function accrualRate(regime: CpfRegime, parameters: RuleParameters): AccrualRate {
  switch (regime) {
    case 'LOW_QUALIFICATION':
    case 'DISABILITY':
      return parameters.cpf.reinforced;
    case 'INDEPENDENT':
      return parameters.cpf.independent;
    case 'STANDARD':
      return parameters.cpf.standard;
  }
}

export interface YearOfActivity {
  /** Share of the legal working time worked as an employee over the year, in [0, 1]. */
  employeeShare: number;
  /** Share of the year worked as a self-employed worker, in [0, 1]. */
  independentShare: number;
}

/**
 * The credit earned by one year of activity (R6323-1, in force since 1 Jan 2019): the full
 * yearly amount from half of the legal working time up (a 60 % part-time worker gets all of
 * it), pro rata of the time worked below (40 % → 40 % of the amount). Self-employed periods
 * accrue at the independents' rate (L6323-25, assuming the contribution was paid); the
 * reinforced 800 € rate is for employees, so it applies when employee time dominates.
 */
export function yearlyCredit(regime: CpfRegime, year: YearOfActivity, parameters: RuleParameters): Cents {
  const share = Math.min(1, Math.max(0, year.employeeShare) + Math.max(0, year.independentShare));
  if (share === 0) return 0;
  const rate = year.independentShare > year.employeeShare ? parameters.cpf.independent : accrualRate(regime, parameters);
  if (share >= parameters.cpf.halfTimeThreshold) return rate.yearlyCents;
  return Math.round(rate.yearlyCents * share);
}

export interface CreditResult {
  balanceCents: Cents;
  creditedCents: Cents;
  /** True when the ceiling stopped part (or all) of the credit. */
  capped: boolean;
}

/**
 * L6323-11: activity credits stop at the ceiling. A balance above it (top-ups, CEC, which the
 * activity ceiling does not bound) is kept, but earns no activity credit.
 */
export function applyCredit(balanceCents: Cents, creditCents: Cents, ceilingCents: Cents): CreditResult {
  const room = Math.max(0, ceilingCents - balanceCents);
  const credited = Math.min(creditCents, room);
  return { balanceCents: balanceCents + credited, creditedCents: credited, capped: credited < creditCents };
}
