import type { Cents } from '../money.js';

/**
 * The figures the rules use, as data with their effective dates and sources, so a new
 * decree is a new row rather than a code change. Figures the public record does not
 * confirm are flagged `confirmed: false` and are overridable by environment variables
 * (see src/config.ts). Sources: /work/shared/docs/upstreams.md §5.3.
 */
export interface Dated<T> {
  /** First day (ISO date) the value applies. */
  from: string;
  value: T;
  confirmed: boolean;
  source: string;
}

export interface AccrualRate {
  yearlyCents: Cents;
  ceilingCents: Cents;
}

export interface RuleParameters {
  cpf: {
    /** Code du travail L6323-11 and R6323-1 (euros since 1 Jan 2019, décret 2018-1329). */
    standard: AccrualRate;
    /** L6323-11-1 and D6323-3-1: workers without a level-3 certification, and workers with a disability (OETH). */
    reinforced: AccrualRate;
    /** L6323-25 and following: self-employed workers who paid the training contribution. */
    independent: AccrualRate;
    /** R6323-1: below half of the legal working time over the year, the credit is pro rata. */
    halfTimeThreshold: number;
  };
  /** L6323-4 III, décret 2024-394 (29 Apr 2024): the holder's flat participation per CPF purchase. */
  participation: Dated<Cents>[];
  c2p: {
    /** L4163-11 / R4163-9: points for each quarter of exposure to each factor. */
    pointsPerQuarterPerFactor: number;
    /** Before 1 Sep 2023 (reform of LFRSS 2023): 2 points a quarter at most when exposed to several factors. */
    legacyMaxPointsPerQuarter: number;
    legacyCareerCeiling: number;
    reformDate: string;
    /** R4163-11: the first points acquired are reserved for training. */
    reservedForTraining: number;
    /** Value of one point used for training (the euros it adds to the CPF). */
    pointValue: Dated<Cents>[];
  };
  /** L5151-11 and D5151-14: 240 € a year of qualifying engagement, within 720 €. */
  cec: { yearlyCents: Cents; ceilingCents: Cents; volunteeringMinHours: number };
  projection: { maxYears: number; maxPeriods: number };
}

export const DEFAULT_PARAMETERS: RuleParameters = {
  cpf: {
    standard: { yearlyCents: 50_000, ceilingCents: 500_000 },
    reinforced: { yearlyCents: 80_000, ceilingCents: 800_000 },
    independent: { yearlyCents: 50_000, ceilingCents: 500_000 },
    halfTimeThreshold: 0.5,
  },
  participation: [
    { from: '2024-05-02', value: 10_000, confirmed: true, source: 'décret n° 2024-394 du 29 avril 2024' },
    { from: '2025-01-01', value: 10_223, confirmed: true, source: 'arrêté du 26 décembre 2024 (revaluation on the CPI excluding tobacco)' },
    // The 1 Jan 2026 revaluation was not found in a primary text: 102.23 € is carried over until configured.
    { from: '2026-01-01', value: 10_223, confirmed: false, source: 'UNCONFIRMED: 2026 revaluation not read; set CPF_PARTICIPATION_CENTS' },
  ],
  c2p: {
    pointsPerQuarterPerFactor: 1,
    legacyMaxPointsPerQuarter: 2,
    legacyCareerCeiling: 100,
    reformDate: '2023-09-01',
    reservedForTraining: 20,
    pointValue: [
      { from: '2015-01-01', value: 37_500, confirmed: false, source: 'UNCONFIRMED: 375 € a point in older secondary sources (cpf-info.fr)' },
      { from: '2023-09-01', value: 50_000, confirmed: false, source: 'UNCONFIRMED: 500 € a point since the 2023 reform, no primary text read; set C2P_POINT_VALUE_CENTS' },
    ],
  },
  cec: { yearlyCents: 24_000, ceilingCents: 72_000, volunteeringMinHours: 200 },
  projection: { maxYears: 30, maxPeriods: 60 },
};

/** The row in force on `date` (ISO): the last one whose `from` is not after it; undefined before the first. */
export function valueAt<T>(table: readonly Dated<T>[], date: string): Dated<T> | undefined {
  let found: Dated<T> | undefined;
  for (const row of table) if (row.from <= date && (found === undefined || row.from >= found.from)) found = row;
  return found;
}

export interface ParameterOverrides {
  participation?: { cents: Cents; from: string } | undefined;
  c2pPointValue?: { cents: Cents; from: string } | undefined;
}

/** Adds operator-supplied rows (env) on top of the defaults; an override wins from its date on. */
export function withOverrides(base: RuleParameters, overrides: ParameterOverrides): RuleParameters {
  const add = (table: Dated<Cents>[], row: { cents: Cents; from: string } | undefined): Dated<Cents>[] =>
    row === undefined
      ? table
      : [...table.filter((existing) => existing.from < row.from), { from: row.from, value: row.cents, confirmed: true, source: 'configuration (environment)' }];
  return {
    ...base,
    participation: add(base.participation, overrides.participation),
    c2p: { ...base.c2p, pointValue: add(base.c2p.pointValue, overrides.c2pPointValue) },
  };
}
