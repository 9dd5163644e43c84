import type { Cents } from '../money.js';
import type { CivicActivityKind } from '../rights.js';
import { euros, explain, explained, type Explained } from './explanation.js';
import type { RuleParameters } from './parameters.js';

/**
 * CEC (compte d'engagement citoyen, Code du travail L5151-7 to L5151-12, D5151-14): 240 € per
 * year of qualifying engagement, credited to the CPF, within a 720 € ceiling. Association
 * volunteering qualifies from 200 hours a year (D5151-13); the other activities (civic
 * service, reserves, volunteer firefighters, apprentice mentors) qualify as such.
 */
export function qualifies(kind: CivicActivityKind, hours: number, parameters: RuleParameters): boolean {
  return kind !== 'VOLUNTEERING' || hours >= parameters.cec.volunteeringMinHours;
}

/** What one more qualifying year credits, given what the CEC already credited. */
export function civicCredit(acquiredCents: Cents, parameters: RuleParameters): Cents {
  return Math.max(0, Math.min(parameters.cec.yearlyCents, parameters.cec.ceilingCents - acquiredCents));
}

/** civicCredit, explained (L5151-11, D5151-14). */
export function civicCreditExplained(acquiredCents: Cents, parameters: RuleParameters): Explained {
  const cents = civicCredit(acquiredCents, parameters);
  const { cec } = parameters;
  return explained(cents, explain('cec.yearly-credit', `Une année d'engagement de plus crédite ${euros(cec.yearlyCents)}, dans la limite de ${euros(cec.ceilingCents)} (déjà acquis : ${euros(acquiredCents)}) : ${euros(cents)}.`, [cec], { acquiredCents }));
}

/** The CEC ceiling, explained. */
export function civicCeilingExplained(parameters: RuleParameters): Explained {
  const { cec } = parameters;
  return explained(cec.ceilingCents, explain('cec.ceiling', `Le compte d'engagement citoyen crédite au plus ${euros(cec.ceilingCents)} au total.`, [cec]));
}
