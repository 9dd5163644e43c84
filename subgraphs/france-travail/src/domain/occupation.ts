/** An occupation of the ROME 4.0 referential. */
export interface Occupation {
  romeCode: string;
  title: string;
  definition: string | null;
  jobTitles: string[];
  formacodes: string[];
}

export interface OccupationSummary {
  romeCode: string;
  title: string;
  /** Job titles, when the listing carried them (for search). */
  jobTitles: string[];
}

export interface Skill {
  code: string;
  label: string;
  /** Null when the fiche does not give the competence's `type`. */
  kind: string | null;
  group: string | null;
}

/**
 * What an `Occupation` field resolver starts from: the code, plus the title when the parent
 * already knew it (an offer's `romeLibelle`), so `occupation { title }` costs no ROME call.
 */
export interface OccupationRef {
  romeCode: string;
  title?: string | null;
}
