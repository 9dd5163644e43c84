import { z } from 'zod';
import { badInput } from '../errors/index.js';

/**
 * The key of a `TransitionPlan` entity: the plan's whole question (who, from, to, where, until
 * when, how many, ranked how, under which planned activity), encoded in its id. France Travail
 * mints it from validated arguments; training-catalog and the Caisse des dépôts read it when the
 * gateway hands them the plan in `_entities`. Carrying the arguments in the key is what lets three
 * subgraphs answer one question without calling each other, and without `@requires` on fields
 * with arguments (which Federation does not allow).
 */
export const TRANSITION_ORDERS = ['REMAINING_COST', 'RETURN_TO_WORK_RATE', 'DISTANCE', 'START_DATE'] as const;
export type TransitionOrder = (typeof TRANSITION_ORDERS)[number];

/** Paths returned when `first` is not given, and the most a plan returns. */
export const DEFAULT_PATHS = 10;
export const MAX_PATHS = 50;

/** A `first` argument sizing paths (`transitions`, `pathsFrom`, `paths`): `fallback` when not given, else 0…MAX_PATHS. */
export function pathCount(first: number | null | undefined, fallback: number): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PATHS) throw badInput('first', `first must be an integer from 0 to ${MAX_PATHS}.`);
  return first;
}
/** Radius used when `near` names a commune without a radius (a commuting distance). */
export const DEFAULT_TRANSITION_RADIUS_KM = 30;

const activityPeriod = z.object({
  start: z.string(),
  end: z.string(),
  kind: z.enum(['FULL_TIME', 'PART_TIME', 'FIXED_TERM', 'INDEPENDENT', 'ESAT', 'UNEMPLOYED', 'INACTIVE']),
  workingTimeRatio: z.number().nullable().optional(),
});

const planKey = z.object({
  v: z.literal(1),
  /** Worker the plan is for; null for the public `Occupation.pathsFrom`. */
  worker: z.string().nullable(),
  target: z.string(),
  origin: z.string().nullable(),
  near: z.union([
    z.object({ kind: z.literal('commune'), communeCode: z.string(), radiusKm: z.number().int() }),
    z.object({ kind: z.literal('department'), departmentCode: z.string() }),
  ]).nullable(),
  startBefore: z.string().nullable(),
  first: z.number().int(),
  orderBy: z.enum(TRANSITION_ORDERS),
  activity: z.array(activityPeriod),
});

export type TransitionPlanKey = z.infer<typeof planKey>;
export type TransitionNear = NonNullable<TransitionPlanKey['near']>;
export type PlannedActivity = TransitionPlanKey['activity'][number];

export function encodePlanId(key: TransitionPlanKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** BAD_USER_INPUT for an id no subgraph minted (a client cannot reach `_entities`, but a subgraph is not the gateway's only caller). */
export function decodePlanId(id: string): TransitionPlanKey {
  try {
    return planKey.parse(JSON.parse(Buffer.from(id, 'base64url').toString('utf8')));
  } catch {
    throw badInput('id', 'Not a transition plan id.');
  }
}

/**
 * A candidate (one training at its next session) is keyed by both ids and the plan's commune, so
 * training-catalog can give its distance however the gateway reaches it. `~` occurs in none.
 */
export const candidateId = (trainingId: string, sessionId: string, communeCode: string | null): string => `${trainingId}~${sessionId}~${communeCode ?? ''}`;

export function parseCandidateId(id: string): { trainingId: string; sessionId: string; communeCode: string | null } | null {
  const [trainingId, sessionId, communeCode, ...rest] = id.split('~');
  if (!trainingId || !sessionId || communeCode === undefined || rest.length > 0) return null;
  return { trainingId, sessionId, communeCode: communeCode === '' ? null : communeCode };
}

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in France, ISO: "next session" and "from today" are French calendar days. */
export const parisToday = (now: number = Date.now()): string => PARIS_DATE.format(new Date(now));

/** A plan as every subgraph's resolvers pass it on: its id and the question it decodes to. */
export interface TransitionPlanModel {
  id: string;
  key: TransitionPlanKey;
}
