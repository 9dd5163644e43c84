import type { TrainingActionType } from './action-type.js';

/** How a training is taught (LHEO `modalites-enseignement`). */
export type Modality = 'IN_PERSON' | 'REMOTE' | 'BLENDED';

/** A located place (a training site, a provider's address). */
export interface Place {
  label: string;
  communeCode: string | null;
  postalCode: string | null;
  departmentCode: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface TrainingSession {
  id: string;
  /** ISO date; LHEO month-only and year-only dates read as their first day; null when unknown. */
  start: string | null;
  end: string | null;
  place: Place | null;
}

export interface TrainingProvider {
  siret: string;
  name: string;
  activityNumber: string | null;
  location: Place | null;
}

/** Where a training was read: the regional LHEO feed and the formation's own update date (#17.4). */
export interface TrainingSource {
  /** URL of the LHEO feed the formation came from; null when not read from a feed (fixtures). */
  feedUrl: string | null;
  /** INSEE region code of the first training site (`lieu-de-formation` `region`), when the feed gives it. */
  region: string | null;
  /** LHEO `datemaj` of the formation, ISO date; null when absent or not a date. */
  updatedOn: string | null;
}

/** A training offer of the catalogue (one LHEO `formation`, its actions flattened into sessions). */
export interface Training {
  id: string;
  title: string;
  objective: string | null;
  provider: TrainingProvider;
  /** `RNCP…` / `RS…` code of the certification prepared, prefix included. */
  certificationCode: string | null;
  certifInfo: string | null;
  /** What kind of CPF-eligible action this is (domain/action-type.ts). */
  actionType: TrainingActionType;
  /** Main first. */
  formacodes: string[];
  romeCodes: string[];
  durationHours: number | null;
  priceCents: number | null;
  modality: Modality;
  sessions: TrainingSession[];
  /** Main place (the first action's first site). */
  location: Place | null;
  /** Every site of every action (radius and department search). */
  places: Place[];
  /** Listed in the Mon Compte Formation catalogue; set when merging it. */
  cpfEligible: boolean;
  source: TrainingSource;
}
