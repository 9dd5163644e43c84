/**
 * A training as training-catalog hands it over in `_entities`: its key plus the `@requires`
 * fields (absent when the query plan did not need them).
 */
export interface TrainingRef {
  id: string;
  price?: { cents: number; currency: string } | null;
  provider?: { siret?: string | null } | null;
  certification?: { code?: string | null } | null;
  /** `TrainingActionType` from training-catalog. */
  actionType?: string | null;
}
