import type { OutcomeKey, ReviewKey } from './training.js';

/** The keys of the public per-training data the catalogue will ask for, hottest first. */
export interface CatalogueKeys {
  /** Trainings the keys were read from. */
  trainings: number;
  outcomes: OutcomeKey[];
  /** One entry per provider: its reviews are read in one pass and written under each key. */
  providers: { siret: string; keys: ReviewKey[] }[];
}
