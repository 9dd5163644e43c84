import type { Cents } from '../money.js';
import { TEXTS, type LegalBasis } from './legal-texts.js';

/**
 * The figures the rules use, as data with their effective dates and the texts they come from,
 * so a new decree is a new row rather than a code change, and every explanation is built from
 * the row it used (see explanation.ts). `confirmed` is true only when the figure was read in the
 * primary text (Légifrance); a figure known from secondary sources says so in its basis and is
 * overridable by environment variables (see src/config.ts).
 */
export interface Cited {
  /** First day (ISO date) the figure applies. */
  from: string;
  confirmed: boolean;
  basis: readonly LegalBasis[];
}

export interface Dated<T> extends Cited {
  value: T;
}

export interface AccrualRate extends Cited {
  yearlyCents: Cents;
  ceilingCents: Cents;
}

/** Actions whose CPF funding is capped per action (L6323-6 as amended by the 2026 finance law). */
export type CappedAction = 'RS_CERTIFICATION' | 'SKILLS_ASSESSMENT' | 'DRIVING_LICENCE_LIGHT';

export interface ActionCap extends Dated<Cents> {
  action: CappedAction;
}

export interface RuleParameters {
  cpf: {
    /** L6323-11, R6323-1 (décret 2018-1329): 500 € a year, 5,000 € ceiling. */
    standard: AccrualRate;
    /** L6323-11-1, D6323-3-1: no level-3 certification, or disability (OETH): 800 €, 8,000 €. */
    reinforced: AccrualRate;
    /** L6323-27 (décret 2018-1329): self-employed who paid the contribution, pro rata of the year. */
    independent: AccrualRate;
    /** L6323-34: ESAT workers, 800 € for any year of admission, full or part time, 8,000 €. */
    esat: AccrualRate;
    /** L6323-11, R6323-1: the full credit from half of the legal working time over the year, judged on hours. */
    halfTime: Cited & { share: number; referenceHours: number };
    /** R6323-1: amounts with more than two decimals are rounded up to the cent. */
    rounding: Cited;
    /** Décret 2018-1329: several categories in one year — each credited on its own basis, within the most favourable yearly amount. */
    mixedYear: Cited;
    /** Décret 2018-1153: hours held on 31 Dec 2018 converted at 15 € an hour. */
    hoursConversion: Cited & { centsPerHour: Cents };
    /** L6323-13, R6323-3: corrective top-up owed by employers of 50 or more. */
    correctiveTopUp: Cited & { cents: Cents; minHeadcount: number };
  };
  /** L6323-4 III, R6323-2, décret 2024-394: the holder's flat participation per CPF purchase, revalued each 1 January. */
  participation: Dated<Cents>[];
  /** L6323-6 (2026 finance law art. 203): per-action ceilings on the CPF rights used. */
  actionCaps: ActionCap[];
  /** L6323-6 II: actions eligible without an RNCP/RS certification. */
  nonCertifyingEligible: Cited;
  /** L6323-4 II: employers and OPCOs may top the CPF up for a purchase. */
  employerTopUp: Cited;
  /** CSS L432-12, décret 2018-1256: 7,500 € for a retraining after a work accident or occupational disease (≥ 10 % incapacity). */
  occupationalInjury: Cited & { cents: Cents; minIncapacityRate: number };
  c2p: {
    /** L4163-11 / R4163-9: points for each quarter of exposure to each factor. */
    pointsPerQuarterPerFactor: number;
    /** Before 1 Sep 2023 (reform of LFRSS 2023): 2 points a quarter at most when exposed to several factors. */
    legacyMaxPointsPerQuarter: number;
    legacyCareerCeiling: number;
    reformDate: string;
    /** R4163-11: the first 20 points acquired are reserved for training. Kept for callers reading the plain number. */
    reservedForTraining: number;
    /** R4163-11 / R4163-13: 20 reserved points; none for those born before 1960, 10 for those born 1960–1962. */
    reserved: Cited & { standard: number; bornBefore1960: number; bornBefore1963: number };
    /** L4163-7: every available point can pay for training, not only the reserved ones. */
    trainingUse: Cited;
    /** Value of one point used for training (the euros it adds to the CPF). */
    pointValue: Dated<Cents>[];
  };
  /** L5151-11 and D5151-14: 240 € a year of qualifying engagement, within 720 €. */
  cec: Cited & { yearlyCents: Cents; ceilingCents: Cents; volunteeringMinHours: number };
  projection: { maxYears: number; maxPeriods: number };
}

const FROM_2019 = '2019-01-01';
/** A figure whose text was not read on Légifrance here: the code articles are cited, the figure rests on secondary sources. */
const secondary = (from: string, ...basis: LegalBasis[]): Cited => ({ from, confirmed: false, basis });

export const DEFAULT_PARAMETERS: RuleParameters = {
  cpf: {
    standard: { yearlyCents: 50_000, ceilingCents: 500_000, ...secondary(FROM_2019, TEXTS.L6323_11, TEXTS.R6323_1, TEXTS.DECRET_2018_1329) },
    reinforced: { yearlyCents: 80_000, ceilingCents: 800_000, ...secondary(FROM_2019, TEXTS.L6323_11_1, TEXTS.D6323_3_1, TEXTS.DECRET_2018_1329) },
    independent: { yearlyCents: 50_000, ceilingCents: 500_000, ...secondary(FROM_2019, TEXTS.L6323_27, TEXTS.DECRET_2018_1329) },
    esat: { yearlyCents: 80_000, ceilingCents: 800_000, ...secondary(FROM_2019, TEXTS.L6323_34, TEXTS.DECRET_2018_1329) },
    halfTime: { share: 0.5, referenceHours: 1_607, ...secondary(FROM_2019, TEXTS.L6323_11, TEXTS.R6323_1) },
    rounding: secondary(FROM_2019, TEXTS.R6323_1),
    mixedYear: secondary(FROM_2019, TEXTS.DECRET_2018_1329),
    hoursConversion: { centsPerHour: 1_500, from: FROM_2019, confirmed: true, basis: [TEXTS.DECRET_2018_1153] },
    correctiveTopUp: { cents: 300_000, minHeadcount: 50, ...secondary(FROM_2019, TEXTS.L6323_13, TEXTS.R6323_3) },
  },
  participation: [
    { from: '2024-05-02', value: 10_000, confirmed: true, basis: [TEXTS.L6323_4, TEXTS.DECRET_2024_394] },
    { from: '2025-01-01', value: 10_223, confirmed: false, basis: [TEXTS.L6323_4, TEXTS.DECRET_2024_394, TEXTS.R6323_2, TEXTS.ARRETE_2024_12_26] },
    { from: '2026-01-01', value: 10_320, confirmed: false, basis: [TEXTS.L6323_4, TEXTS.DECRET_2024_394, TEXTS.R6323_2, TEXTS.ARRETE_2025_12_30] },
  ],
  actionCaps: [
    { action: 'RS_CERTIFICATION', from: '2026-02-26', value: 150_000, confirmed: false, basis: [TEXTS.L6323_6, TEXTS.LFI_2026_ART_203, TEXTS.DECRETS_2026_02_24] },
    { action: 'SKILLS_ASSESSMENT', from: '2026-02-26', value: 160_000, confirmed: false, basis: [TEXTS.L6323_6, TEXTS.LFI_2026_ART_203, TEXTS.DECRETS_2026_02_24] },
    { action: 'DRIVING_LICENCE_LIGHT', from: '2026-02-26', value: 90_000, confirmed: false, basis: [TEXTS.L6323_6, TEXTS.LFI_2026_ART_203, TEXTS.DECRETS_2026_02_24] },
  ],
  nonCertifyingEligible: secondary(FROM_2019, TEXTS.L6323_6),
  employerTopUp: secondary(FROM_2019, TEXTS.L6323_4),
  occupationalInjury: { cents: 750_000, minIncapacityRate: 0.1, from: FROM_2019, confirmed: true, basis: [TEXTS.L432_12_CSS, TEXTS.DECRET_2018_1256] },
  c2p: {
    pointsPerQuarterPerFactor: 1,
    legacyMaxPointsPerQuarter: 2,
    legacyCareerCeiling: 100,
    reformDate: '2023-09-01',
    reservedForTraining: 20,
    reserved: { standard: 20, bornBefore1960: 0, bornBefore1963: 10, ...secondary('2017-10-01', TEXTS.R4163_11, TEXTS.R4163_13) },
    trainingUse: secondary(FROM_2019, TEXTS.L4163_7),
    pointValue: [
      // R4163-11 as written by décret 2018-1256 (read on Légifrance): 375 € a point from 1 Jan 2019; 25 hours before.
      { from: FROM_2019, value: 37_500, confirmed: true, basis: [TEXTS.R4163_11_2019, TEXTS.DECRET_2018_1256] },
      // Décret 2023-760 "améliore le barème" (notice read on Légifrance); the 500 € figure is from secondary sources.
      { from: '2023-09-01', value: 50_000, confirmed: false, basis: [TEXTS.R4163_11, TEXTS.DECRET_2023_760] },
    ],
  },
  cec: { yearlyCents: 24_000, ceilingCents: 72_000, volunteeringMinHours: 200, ...secondary('2017-01-01', TEXTS.L5151_11, TEXTS.D5151_13, TEXTS.D5151_14) },
  projection: { maxYears: 30, maxPeriods: 60 },
};

/** The row in force on `date` (ISO): the last one whose `from` is not after it; undefined before the first. */
export function valueAt<T extends Cited>(table: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const row of table) if (row.from <= date && (found === undefined || row.from >= found.from)) found = row;
  return found;
}

export interface ParameterOverrides {
  participation?: { cents: Cents; from: string } | undefined;
  c2pPointValue?: { cents: Cents; from: string } | undefined;
}

const CONFIGURED: LegalBasis = { text: 'Configuration de l\'exploitant (variable d\'environnement)', article: null, url: null };

/** Adds operator-supplied rows (env) on top of the defaults; an override wins from its date on. */
export function withOverrides(base: RuleParameters, overrides: ParameterOverrides): RuleParameters {
  const add = (table: Dated<Cents>[], row: { cents: Cents; from: string } | undefined): Dated<Cents>[] =>
    row === undefined
      ? table
      : [...table.filter((existing) => existing.from < row.from), { from: row.from, value: row.cents, confirmed: true, basis: [...(valueAt(table, row.from)?.basis ?? []), CONFIGURED] }];
  return {
    ...base,
    participation: add(base.participation, overrides.participation),
    c2p: { ...base.c2p, pointValue: add(base.c2p.pointValue, overrides.c2pPointValue) },
  };
}
