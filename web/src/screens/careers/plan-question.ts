/** The question a transition plan answers, shared by the requests that read parts of one plan. */
import type { PlaceInput, TransitionOrder } from '../../gql/graphql';

/** Paths asked for; every request on a plan sends the same `first`, so they all read one plan (one id). */
export const PLAN_PATHS = 5;

export interface PlanVariables {
  to: string;
  near: PlaceInput | null;
  orderBy: TransitionOrder;
  first: number;
}
