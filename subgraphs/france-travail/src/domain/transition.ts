import { badInput } from '../../../../lib/errors/index.js';
import {
  DEFAULT_PATHS,
  DEFAULT_TRANSITION_RADIUS_KM,
  pathCount,
  type TransitionNear,
  type TransitionOrder,
  type TransitionPlanKey,
} from '../../../../lib/contracts/transition-plan.js';
import { toPlaceQuery, type PlaceInput } from './inputs.js';
import type { Skill } from './occupation.js';

export type { TransitionPlanModel } from '../../../../lib/contracts/transition-plan.js';

/** A candidate as the gateway hands it over: its key plus the `@requires` training fields. */
export interface TransitionCandidateRepresentation {
  id: string;
  training?: { id?: string; formacodes?: readonly string[] | null; location?: { departmentCode?: string | null } | null } | null;
}

export interface PlanArguments {
  near?: PlaceInput | null;
  startBefore?: string | null;
  first?: number | null;
  orderBy?: TransitionOrder | null;
}

/** `near` with the transition default radius (a commute), so every subgraph reads the same explicit place. */
export function planNear(input: PlaceInput): TransitionNear {
  const place = toPlaceQuery({ ...input, radiusKm: input.radiusKm ?? DEFAULT_TRANSITION_RADIUS_KM }, 'near');
  return place.kind === 'commune' ? { kind: 'commune', communeCode: place.communeCode, radiusKm: place.radiusKm } : place;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Everything but the place and the people, checked before any upstream call. */
export function planOptions(args: PlanArguments): Pick<TransitionPlanKey, 'startBefore' | 'first' | 'orderBy'> {
  const first = pathCount(args.first, DEFAULT_PATHS);
  const startBefore = args.startBefore ?? null;
  if (startBefore !== null && (!ISO_DATE.test(startBefore) || Number.isNaN(Date.parse(`${startBefore}T00:00:00Z`)) || new Date(`${startBefore}T00:00:00Z`).toISOString().slice(0, 10) !== startBefore)) {
    throw badInput('startBefore', 'startBefore must be a date YYYY-MM-DD.');
  }
  return { startBefore, first, orderBy: args.orderBy ?? 'REMAINING_COST' };
}

/** The target's skills split by whether the origin lists them (ROME 4.0 skill codes). */
export function skillGap(target: readonly Skill[], origin: readonly Skill[] | null): { missing: Skill[]; shared: Skill[] } {
  const known = new Set((origin ?? []).map((skill) => skill.code));
  return { missing: target.filter((skill) => !known.has(skill.code)), shared: target.filter((skill) => known.has(skill.code)) };
}
