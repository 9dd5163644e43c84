import type { Cents } from '../money.js';
import { actionCap, type ActionKind } from './actions.js';
import { euros, explain, type Explanation } from './explanation.js';
import { participation, type ParticipationExemption } from './participation.js';
import { valueAt, type RuleParameters } from './parameters.js';
import { pointValueCents } from './prevention.js';

export interface FundingInput {
  priceCents: Cents;
  /** Purchasable with the CPF: listed in Mon Compte Formation, or a non-certifying eligible action (L6323-6). */
  cpfEligible: boolean;
  cpfBalanceCents: Cents;
  /** C2P points reserved for training still available (R4163-11). */
  preventionPointsReserved: number;
  /** All available C2P points: every one can pay for training (L4163-7). Defaults to the reserved ones. */
  preventionPointsAvailable?: number | undefined;
  registeredJobSeeker: boolean;
  employerTopUpCents: Cents;
  /** Work-accident / occupational-disease top-up (CSS L432-12, ≥ 10 % incapacity) used for this purchase. */
  occupationalInjuryTopUpCents?: Cents | undefined;
  /** What the action is: decides the per-action ceiling. Unknown: no ceiling. */
  action?: { kind: ActionKind; certificationCode?: string | null | undefined } | undefined;
  /** ISO date of the planned purchase (today). */
  date: string;
}

export type FundingLine = 'cap' | 'cpf' | 'prevention' | 'occupationalInjury' | 'employerTopUp' | 'participation' | 'remaining';

export interface FundingPlan {
  priceCents: Cents;
  /** Debited from the CPF balance. */
  cpfCents: Cents;
  preventionCents: Cents;
  preventionPoints: number;
  occupationalInjuryCents: Cents;
  employerTopUpCents: Cents;
  /** The participation, part of what the worker pays (0 when exempt or with no CPF money used). */
  participationCents: Cents;
  participationExemption: ParticipationExemption | null;
  /** The per-action ceiling on the CPF rights used, when one applies. */
  capCents: Cents | null;
  /** What the worker pays, participation included. */
  remainingCents: Cents;
  coveredInFull: boolean;
  /** One explanation per computed line (`<line>Cents`). */
  explanations: Record<FundingLine, Explanation>;
}

/**
 * How a purchase is paid (L6323-4, L6323-6, décret 2024-394): the CPF balance, within the
 * per-action ceiling; then C2P points, all available ones, in whole points (L4163-7, R4163-11);
 * then the work-accident top-up and the employer/OPCO top-up. The participation is part of the
 * price: when it is due, the worker pays max(participation, price − rights) and the CPF is
 * debited the rest (1,240 € at 103.20 €: CPF 1,136.80 €). With no CPF money used there is no CPF
 * purchase, hence no participation.
 */
export function fundingPlan(input: FundingInput, parameters: RuleParameters): FundingPlan {
  const { date } = input;
  const price = Math.max(0, input.priceCents);
  const eligible = input.cpfEligible;
  const cap = eligible && input.action ? actionCap(input.action.kind, date, parameters, input.action.certificationCode) : undefined;
  const balance = Math.max(0, input.cpfBalanceCents);
  const cpfAvailable = eligible ? Math.min(balance, price, cap?.value ?? Number.POSITIVE_INFINITY) : 0;
  const pointRow = valueAt(parameters.c2p.pointValue, date);
  const pointValue = pointValueCents(date, parameters);
  const availablePoints = Math.max(0, input.preventionPointsAvailable ?? input.preventionPointsReserved);
  let afterRights = price - cpfAvailable;
  const preventionPoints = eligible && pointValue > 0 && afterRights > 0 ? Math.min(availablePoints, Math.ceil(afterRights / pointValue)) : 0;
  const prevention = Math.min(afterRights, preventionPoints * pointValue);
  afterRights -= prevention;
  const injury = eligible ? Math.min(afterRights, Math.max(0, input.occupationalInjuryTopUpCents ?? 0)) : 0;
  afterRights -= injury;
  const topUp = Math.min(afterRights, Math.max(0, input.employerTopUpCents));
  afterRights -= topUp;
  const cpfPurchase = cpfAvailable + prevention + injury > 0;
  const due = participation(
    { date, registeredJobSeeker: input.registeredJobSeeker, employerTopUpCents: topUp, preventionPoints, occupationalInjuryTopUpCents: injury },
    parameters,
  );
  const charged = cpfPurchase && due.cents > 0;
  // The participation comes out of the price: what the CPF would have paid of it, the worker pays.
  const remaining = charged ? Math.min(price, Math.max(due.cents, afterRights)) : afterRights;
  const cpf = charged ? price - remaining : cpfAvailable;
  const participationCents = charged ? due.cents : 0;
  const inputs = { priceCents: price, cpfBalanceCents: balance, cpfEligible: eligible, date };
  const capText = cap ? `, dans la limite de ${euros(cap.value)} par action depuis le ${cap.from}` : '';
  const cpfText = !eligible
    ? 'Formation non éligible au CPF : le compte ne peut pas la payer.'
    : charged
      ? `Le CPF paie le prix moins ce que paie le titulaire : ${euros(price)} − ${euros(remaining)} = ${euros(cpf)}${capText}.`
      : `Le CPF paie au plus son solde de ${euros(balance)}${capText} : ${euros(cpf)}.`;
  const explanations: Record<FundingLine, Explanation> = {
    cap: explain(
      'funding.per-action-cap',
      cap ? `Droits CPF mobilisables plafonnés à ${euros(cap.value)} pour cette action depuis le ${cap.from}.` : 'Aucun plafond par action ne s\'applique à cette formation.',
      [cap ?? parameters.nonCertifyingEligible],
      { action: input.action?.kind, date },
    ),
    cpf: explain('funding.cpf', cpfText, [parameters.nonCertifyingEligible, cap, charged ? valueAt(parameters.participation, date) : undefined], { ...inputs, capCents: cap?.value }),
    prevention: explain(
      'funding.prevention',
      preventionPoints > 0
        ? `${preventionPoints} points du C2P à ${euros(pointValue)} (points entiers, tous les points disponibles sont utilisables) paient ${euros(prevention)}.`
        : 'Aucun point du C2P n\'est nécessaire ou disponible.',
      [pointRow, parameters.c2p.trainingUse],
      { pointsAvailable: availablePoints, pointValueCents: pointValue, date },
    ),
    occupationalInjury: explain('funding.occupational-injury', `Abondement accident du travail / maladie professionnelle utilisé : ${euros(injury)}.`, [parameters.occupationalInjury], { occupationalInjuryTopUpCents: input.occupationalInjuryTopUpCents ?? 0 }),
    employerTopUp: explain('funding.employer-top-up', `Abondement de l'employeur ou de l'OPCO après les droits du titulaire : ${euros(topUp)}.`, [parameters.employerTopUp], { employerTopUpCents: input.employerTopUpCents }),
    participation: due.explanation,
    remaining: explain(
      'funding.remaining',
      charged
        ? `Le titulaire paie le plus grand de la participation (${euros(due.cents)}) et du prix non couvert par ses droits (${euros(afterRights)}) : ${euros(remaining)}.`
        : `Le titulaire paie le prix non couvert : ${euros(remaining)}.`,
      [valueAt(parameters.participation, date), cap],
      { ...inputs, participationCents: participationCents },
    ),
  };
  return {
    priceCents: price,
    cpfCents: cpf,
    preventionCents: prevention,
    preventionPoints,
    occupationalInjuryCents: injury,
    employerTopUpCents: topUp,
    participationCents,
    participationExemption: cpfPurchase ? due.exemption : null,
    capCents: cap?.value ?? null,
    remainingCents: remaining,
    coveredInFull: remaining === 0,
    explanations,
  };
}

/**
 * CSS L432-12 (décret 2018-1256): a victim of a work accident or occupational disease with a
 * permanent incapacity of at least 10 % gets a 7,500 € top-up for a retraining; 0 otherwise.
 */
export function occupationalInjuryTopUpCents(incapacityRate: number | null | undefined, parameters: RuleParameters): Cents {
  const { cents, minIncapacityRate } = parameters.occupationalInjury;
  return incapacityRate !== null && incapacityRate !== undefined && incapacityRate >= minIncapacityRate ? cents : 0;
}
