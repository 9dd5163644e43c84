import type { Cents } from '../money.js';
import type { PreventionRights } from '../rights.js';
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
 * R4163-11: the first 20 points acquired can only pay for training. Of the points still
 * available, those are the ones not yet spent on training.
 */
export function pointsReservedForTraining(rights: Pick<PreventionRights, 'pointsAcquired' | 'pointsUsedForTraining' | 'pointsAvailable'>, parameters: RuleParameters): number {
  const reserved = Math.min(rights.pointsAcquired, parameters.c2p.reservedForTraining) - rights.pointsUsedForTraining;
  return Math.max(0, Math.min(rights.pointsAvailable, reserved));
}

/**
 * The value of one point used for training on `date`. UNCONFIRMED figures (375 € before,
 * 500 € since 1 Sep 2023): configuration, see parameters.ts.
 */
export function pointValueCents(date: string, parameters: RuleParameters): Cents {
  return valueAt(parameters.c2p.pointValue, date)?.value ?? 0;
}
