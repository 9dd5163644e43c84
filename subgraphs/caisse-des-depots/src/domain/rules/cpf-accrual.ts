import type { Cents } from '../money.js';
import type { CpfRegime } from '../rights.js';
import { euros, explain, explained, roundUpToCent, type Explained } from './explanation.js';
import type { AccrualRate, RuleParameters } from './parameters.js';

/**
 * CPF accrual rules, in euros since 1 Jan 2019 (décret 2018-1329); the credit for year N is
 * booked early in N+1. Every amount comes with its explanation (explanation.ts).
 */

/** L6323-11 (500/5,000), L6323-11-1 (800/8,000 for low qualification and OETH), L6323-27 (independents 500/5,000), L6323-34 (ESAT 800/8,000). */
export function accrualRate(regime: CpfRegime, parameters: RuleParameters): AccrualRate {
  switch (regime) {
    case 'LOW_QUALIFICATION':
    case 'DISABILITY':
      return parameters.cpf.reinforced;
    case 'INDEPENDENT':
      return parameters.cpf.independent;
    case 'ESAT':
      return parameters.cpf.esat;
    case 'STANDARD':
      return parameters.cpf.standard;
  }
}

export interface YearOfActivity {
  /** Employee working time over the year as a share of the legal 1,607 hours, in [0, 1]. */
  employeeShare: number;
  /** Share of the calendar year worked as a self-employed worker, in [0, 1]. */
  independentShare: number;
  /** Admitted to an ESAT during the year (L6323-34). */
  esat?: boolean | undefined;
  /** Hours worked as an employee, when known: wins over employeeShare. */
  employeeHours?: number | undefined;
}

const clamp = (value: number): number => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

/** The employee part: full from half of 1,607 h (judged on hours), pro rata of the hours below, rounded up to the cent (R6323-1). */
function employeeCredit(rate: AccrualRate, hours: number, parameters: RuleParameters): Cents {
  const { share, referenceHours } = parameters.cpf.halfTime;
  if (hours <= 0) return 0;
  if (hours >= share * referenceHours - 1e-6) return rate.yearlyCents;
  return roundUpToCent((rate.yearlyCents * hours) / referenceHours);
}

/**
 * The credit earned by one year of activity, explained. Each category is credited on its own
 * basis (décret 2018-1329): employees by hours against 1,607 h (full from half-time — a 60 %
 * part-time gets all of it, 40 % gets 40 %); the self-employed pro rata of the year (7 months:
 * 500 × 7/12 = 291.67 €, L6323-27); ESAT workers 800 € for any year of admission, full or part
 * time (L6323-34). A mixed year adds the parts, within the most favourable yearly amount.
 */
export function yearlyCreditExplained(regime: CpfRegime, year: YearOfActivity, parameters: RuleParameters, calendarYear?: number): Explained {
  const { cpf } = parameters;
  const hours = Math.max(0, year.employeeHours ?? clamp(year.employeeShare) * cpf.halfTime.referenceHours);
  const independentShare = clamp(year.independentShare);
  const employeeRate = regime === 'INDEPENDENT' || regime === 'ESAT' ? cpf.standard : accrualRate(regime, parameters);
  const inputs = { regime, year: calendarYear, employeeHours: Math.round(hours * 100) / 100, independentShare: Math.round(independentShare * 10_000) / 10_000, esat: year.esat === true };
  if (year.esat === true || (regime === 'ESAT' && hours > 0)) {
    return explained(cpf.esat.yearlyCents, explain('cpf.yearly-credit', `Travailleur en ESAT : ${euros(cpf.esat.yearlyCents)} pour toute année d'admission, à temps plein ou partiel.`, [cpf.esat], inputs));
  }
  const employee = employeeCredit(employeeRate, hours, parameters);
  const independent = independentShare > 0 ? roundUpToCent(cpf.independent.yearlyCents * independentShare) : 0;
  const parts: string[] = [];
  if (hours > 0) {
    parts.push(
      employee === employeeRate.yearlyCents
        ? `salarié ${inputs.employeeHours} h ≥ la moitié de ${cpf.halfTime.referenceHours} h : ${euros(employee)}`
        : `salarié ${inputs.employeeHours} h < la moitié de ${cpf.halfTime.referenceHours} h : ${euros(employeeRate.yearlyCents)} × ${inputs.employeeHours}/${cpf.halfTime.referenceHours}, arrondi au centime supérieur = ${euros(employee)}`,
    );
  }
  if (independent > 0) parts.push(`travailleur indépendant ${euros(cpf.independent.yearlyCents)} × ${inputs.independentShare} de l'année = ${euros(independent)}`);
  const mixed = hours > 0 && independent > 0;
  const ceiling = Math.max(hours > 0 ? employeeRate.yearlyCents : 0, independent > 0 ? cpf.independent.yearlyCents : 0);
  const cents = Math.min(employee + independent, ceiling);
  const rule = parts.length === 0
    ? 'Aucune activité salariée ou indépendante dans l\'année : aucun crédit.'
    : `${parts.join(' ; ')}${mixed ? ` ; année mixte, dans la limite du montant annuel le plus favorable (${euros(ceiling)})` : ''} : ${euros(cents)}.`;
  const rows = [hours > 0 ? employeeRate : undefined, independent > 0 ? cpf.independent : undefined, hours > 0 || independent > 0 ? cpf.halfTime : undefined, employee + independent > 0 ? cpf.rounding : undefined, mixed ? cpf.mixedYear : undefined];
  const used = rows.filter((row) => row !== undefined);
  return explained(cents, explain('cpf.yearly-credit', rule, used.length > 0 ? used : [cpf.halfTime], inputs));
}

/** The credit earned by one year of activity (see yearlyCreditExplained), in cents. */
export function yearlyCredit(regime: CpfRegime, year: YearOfActivity, parameters: RuleParameters): Cents {
  return yearlyCreditExplained(regime, year, parameters).cents;
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

/** The ceiling of a regime, explained. */
export function ceilingExplained(regime: CpfRegime, parameters: RuleParameters): Explained {
  const rate = accrualRate(regime, parameters);
  return explained(rate.ceilingCents, explain('cpf.ceiling', `Plafond des crédits d'activité pour le régime ${regime} : ${euros(rate.ceilingCents)} ; les abondements peuvent le dépasser.`, [rate], { regime }));
}

/** What a year at least half-time credits under a regime, explained. */
export function yearlyAmountExplained(regime: CpfRegime, parameters: RuleParameters): Explained {
  const rate = accrualRate(regime, parameters);
  return explained(rate.yearlyCents, explain('cpf.yearly-amount', `Une année d'au moins un mi-temps crédite ${euros(rate.yearlyCents)} pour le régime ${regime}.`, [rate, parameters.cpf.halfTime], { regime }));
}

/**
 * L6323-13, R6323-3: in a company of 50 employees or more, a worker who over six years had neither
 * the professional interviews nor any non-mandatory training gets a 3,000 € top-up (both
 * conditions together: Cass. soc. 21 Jan 2026, n° 24-12.972). Not bounded by the ceiling.
 */
export function correctiveTopUp(input: { headcount: number; interviewsHeld: boolean; nonMandatoryTraining: boolean }, parameters: RuleParameters): Explained {
  const { correctiveTopUp: row } = parameters.cpf;
  const due = input.headcount >= row.minHeadcount && !input.interviewsHeld && !input.nonMandatoryTraining;
  const rule = due
    ? `Abondement correctif de ${euros(row.cents)} : entreprise d'au moins ${row.minHeadcount} salariés, ni entretiens professionnels ni formation non obligatoire sur six ans.`
    : `Pas d'abondement correctif : il faut une entreprise d'au moins ${row.minHeadcount} salariés et l'absence cumulée des entretiens et de toute formation non obligatoire.`;
  return explained(due ? row.cents : 0, explain('cpf.corrective-top-up', rule, [row], input));
}
