/** The fields of a training-catalog `Training` this subgraph receives through `@requires`. */
export interface TrainingRepresentation {
  id: string;
  formacodes?: readonly string[] | null;
  location?: { departmentCode?: string | null } | null;
  provider?: { siret?: string | null } | null;
  certification?: { certifInfo?: string | null } | null;
}

export interface TrainingOutcomes {
  returnToWorkRate: number | null;
  trainees: number | null;
  period: string;
  territory: string | null;
}

export interface ReviewNotes {
  /** Null when no review carried this note. */
  welcome: number | null;
  content: number | null;
  trainers: number | null;
  equipment: number | null;
  support: number | null;
  overall: number;
}

export interface ReviewComment {
  date: string;
  title: string | null;
  text: string;
  answer: string | null;
}

export interface ReviewSummary {
  count: number;
  averages: ReviewNotes | null;
  /** Validated comments, newest first. */
  comments: ReviewComment[];
}

/** Outcomes are published per (Formacode, department). */
export interface OutcomeKey {
  formacode: string;
  departmentCode: string;
}

/** Reviews are looked up per provider and, most specific first, certif_info or Formacode. */
export type ReviewKey = { siret: string; certifInfo: string } | { siret: string; formacode: string };
