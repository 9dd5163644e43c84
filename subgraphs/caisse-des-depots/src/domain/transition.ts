import type { TransitionOrder, TransitionPlanKey } from '../../../../lib/contracts/transition-plan.js';
import type { Cents } from './money.js';
import type { CpfRegime } from './rights.js';
import { accrualRate } from './rules/cpf-accrual.js';
import { euros, explain, explained, type Explained } from './rules/explanation.js';
import type { RuleParameters } from './rules/parameters.js';
import type { ProjectionYear } from './rules/projection.js';
import type { FundingPlan } from './rules/funding.js';
import type { TrainingRef } from './training.js';

/**
 * A transition plan's ranking and the CPF at a session's date. The amounts come from the rules
 * (`projectCpf`, `fundingPlan`); this module only decides when a projected credit is available
 * and in which order the paths come.
 */

/** A candidate as training-catalog and France Travail hand it over through `@requires`. */
export interface TransitionCandidateRef {
  id: string;
  start?: string | null;
  distanceKm?: number | null;
  returnToWorkRate?: number | null;
  training?: TrainingRef | null;
}

export interface TransitionPlanRef {
  id: string;
  key: TransitionPlanKey;
  candidates?: readonly TransitionCandidateRef[] | null;
}

export interface TransitionPathModel {
  rank: number;
  candidate: TransitionCandidateRef;
  projectedCpfCents: Cents | null;
  /** The projected balance with how it was reached (null for public plans). */
  projectedCpf: Explained | null;
  funding: FundingPlan | null;
  remainingCents: Cents | null;
}

/**
 * The credit for year N's activity is booked early in N+1 (R6323-1); the Caisse des dépôts books
 * it by the end of April. UNCONFIRMED operational date (no text fixes it): a session starting
 * before N+1-04-30 is planned without year N's credit, which errs on the side of the worker paying.
 */
export const CREDIT_BOOKED_BY = '04-30';

/** Today's balance plus every projected credit booked by `date` (the projection rows are cumulative and capped). */
export function balanceAt(date: string, todayCents: Cents, rows: readonly ProjectionYear[]): Cents {
  return lastBooked(date, rows)?.balanceCents ?? todayCents;
}

function lastBooked(date: string, rows: readonly ProjectionYear[]): ProjectionYear | undefined {
  let booked: ProjectionYear | undefined;
  for (const row of rows) if (`${row.year + 1}-${CREDIT_BOOKED_BY}` <= date) booked = row;
  return booked;
}

/**
 * `balanceAt` with its explanation: the projection row's own (texts, dates and inputs of the
 * accrual and ceiling rows it applied) when a projected credit is booked by the date, else the
 * regime's accrual row — today's balance stands because no credit is booked before that date.
 */
export function balanceAtExplained(date: string, todayCents: Cents, rows: readonly ProjectionYear[], regime: CpfRegime, parameters: RuleParameters): Explained {
  const booked = lastBooked(date, rows);
  if (booked) {
    const base = booked.explanations.balance;
    return explained(booked.balanceCents, {
      ...base,
      ruleId: 'transition.projected-balance',
      rule: `Solde projeté au ${date} : celui de fin ${booked.year} (${euros(booked.balanceCents)}), le crédit d'une année étant inscrit au plus tard le 30 avril suivant. ${base.rule}`,
      inputs: [{ name: 'sessionStart', value: date }, { name: 'todayBalanceCents', value: String(todayCents) }, ...base.inputs],
    });
  }
  const rate = accrualRate(regime, parameters);
  return explained(
    todayCents,
    explain(
      'transition.projected-balance',
      `Solde projeté au ${date} : le solde actuel communiqué par la Caisse des dépôts (${euros(todayCents)}), aucun crédit d'activité planifiée n'étant inscrit avant cette date (le crédit d'une année l'est au plus tard le 30 avril suivant).`,
      [rate],
      { sessionStart: date, todayBalanceCents: todayCents, regime },
    ),
  );
}

type Row = Omit<TransitionPathModel, 'rank'>;
type Compare = (a: Row, b: Row) => number;

/** Missing figures rank last whatever the direction. */
const nullsLast = (a: number | null | undefined, b: number | null | undefined, direction: 1 | -1): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return (a - b) * direction;
};

const BY: Record<TransitionOrder, Compare> = {
  REMAINING_COST: (a, b) => nullsLast(a.remainingCents, b.remainingCents, 1),
  RETURN_TO_WORK_RATE: (a, b) => nullsLast(a.candidate.returnToWorkRate, b.candidate.returnToWorkRate, -1),
  DISTANCE: (a, b) => nullsLast(a.candidate.distanceKm, b.candidate.distanceKm, 1),
  START_DATE: (a, b) => (a.candidate.start ?? '\uffff').localeCompare(b.candidate.start ?? '\uffff'),
};

const TIE_BREAKS: readonly TransitionOrder[] = ['START_DATE', 'DISTANCE'];

/** The documented ranking: the chosen criterion, then START_DATE, DISTANCE, then the candidate id (training id first). */
export function rankPaths(rows: readonly Row[], order: TransitionOrder, first: number): TransitionPathModel[] {
  const criteria = [BY[order], ...TIE_BREAKS.filter((item) => item !== order).map((item) => BY[item])];
  const sorted = [...rows].sort((a, b) => {
    for (const compare of criteria) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0;
  });
  return sorted.slice(0, first).map((row, index) => ({ ...row, rank: index + 1 }));
}
