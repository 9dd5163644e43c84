import type { Cents } from '../money.js';
import type { PreventionRights } from '../rights.js';
import { euros, explain, explained, type Explained } from './explanation.js';
import { valueAt, type RuleParameters } from './parameters.js';

/**
 * C2P (compte professionnel de prévention, Code du travail L4163-1 and following).
 * Since 1 Sep 2023 (LFRSS 2023, décret 2023-760): 1 point per quarter of exposure per factor,
 * i.e. 4 a year per factor, with no annual cap and no career ceiling. Before: 2 points a
 * quarter at most for multiple exposures (8 a year) and a 100-point career ceiling.
 */
export function pointsForQuarter(factorCount: number, quarterStart: string, parameters: RuleParameters): number {
  const { pointsPerQuarterPerFactor, legacyMaxPointsPerQuarter, reformDate } = parameters.c2p;
  const points = Math.max(0, factorCount) * pointsPerQuarterPerFactor;
  return quarterStart < reformDate ? Math.min(points, legacyMaxPointsPerQuarter) : points;
}

/** Points for a calendar year of exposure to `factorCount` factors, quarter by quarter. */
export function pointsForYear(year: number, factorCount: number, parameters: RuleParameters): number {
  return ['01', '04', '07', '10'].reduce((sum, month) => sum + pointsForQuarter(factorCount, `${year}-${month}-01`, parameters), 0);
}

/**
 * R4163-13 (read in an English translation of the code, a secondary copy; see legal-texts.ts): the first 20
 * points acquired are reserved for training (1° of L4163-7), unless spent on a retraining project
 * (4°); none for holders born before 1 Jan 1960, the first 10 for those born 1960–1962. The birth
 * date comes from the CDC record (`titulaire.dateNaissance`); without it, the standard 20 — the
 * larger reservation, so the graph never tells a worker a reserved point can pay for something else.
 */
export function reservedPointsFor(birthDate: string | null | undefined, parameters: RuleParameters): number {
  const { reserved } = parameters.c2p;
  if (!birthDate) return reserved.standard;
  if (birthDate < '1960-01-01') return reserved.bornBefore1960;
  if (birthDate < '1963-01-01') return reserved.bornBefore1963;
  return reserved.standard;
}

/** Of the points still available, the reserved ones not yet spent on training; the birth date defaults to the holder's. */
export function pointsReservedForTraining(
  rights: Pick<PreventionRights, 'pointsAcquired' | 'pointsUsedForTraining' | 'pointsAvailable'> & { holderBirthDate?: string | null },
  parameters: RuleParameters,
  birthDate: string | null | undefined = rights.holderBirthDate,
): number {
  const reserved = Math.min(rights.pointsAcquired, reservedPointsFor(birthDate, parameters)) - rights.pointsUsedForTraining;
  return Math.max(0, Math.min(rights.pointsAvailable, reserved));
}

/** The value of one point used for training on `date`: 375 € from 1 Jan 2019, 500 € from 1 Sep 2023 (parameters.ts). */
export function pointValueCents(date: string, parameters: RuleParameters): Cents {
  return valueAt(parameters.c2p.pointValue, date)?.value ?? 0;
}

export function pointValueExplained(date: string, parameters: RuleParameters): Explained {
  const row = valueAt(parameters.c2p.pointValue, date);
  const cents = row?.value ?? 0;
  return explained(cents, explain('c2p.point-value', row ? `Un point du C2P utilisé pour la formation abonde le CPF de ${euros(cents)} depuis le ${row.from}.` : 'Avant 2019, un point ouvrait droit à 25 heures de formation, pas à des euros.', [row], { date }));
}

/**
 * L4163-7: every available point can pay for training (the reserved ones can only do that), so
 * the training value is all available points at the point value.
 */
export function trainingValueExplained(pointsAvailable: number, date: string, parameters: RuleParameters): Explained {
  const value = pointValueExplained(date, parameters);
  const points = Math.max(0, pointsAvailable);
  const row = valueAt(parameters.c2p.pointValue, date);
  return explained(points * value.cents, explain('c2p.training-value', `${points} points disponibles × ${euros(value.cents)} : tous les points disponibles peuvent financer une formation.`, [row, parameters.c2p.trainingUse], { pointsAvailable: points, date }));
}
