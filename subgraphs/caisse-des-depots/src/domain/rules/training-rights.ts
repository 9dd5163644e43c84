import type { Cents } from '../money.js';
import { euros, explain, explained, type Explained } from './explanation.js';
import { valueAt, type RuleParameters } from './parameters.js';
import { pointValueCents } from './prevention.js';

/**
 * Everything a worker's rights can pay for training today: the CPF balance plus every available
 * C2P point at its training value (L4163-7: all available points can pay for training, not only
 * the reserved ones). W000003: 2,700 € + 56 × 500 € = 30,700 €.
 */
export function totalTrainingRightsExplained(balanceCents: Cents, pointsAvailable: number, date: string, parameters: RuleParameters): Explained {
  const value = pointValueCents(date, parameters);
  const points = Math.max(0, pointsAvailable);
  const cents = balanceCents + points * value;
  const rule = points > 0
    ? `Solde CPF ${euros(balanceCents)} + ${points} points C2P disponibles × ${euros(value)} = ${euros(cents)}.`
    : `Solde CPF ${euros(balanceCents)}, sans point C2P disponible.`;
  return explained(cents, explain('rights.total-training', rule, [parameters.cpf.standard, points > 0 ? valueAt(parameters.c2p.pointValue, date) : undefined, points > 0 ? parameters.c2p.trainingUse : undefined], { balanceCents, pointsAvailable: points, date }));
}
