import type { Place } from './place.js';

export interface Company {
  siret: string;
  name: string;
  nafCode: string | null;
  nafLabel: string | null;
  location: Place | null;
  headcount: string | null;
  hiringPotential: number | null;
  url: string | null;
}

/** What a `Company` field resolver starts from: the SIRET, and whatever the parent already knew. */
export type CompanyRef = Partial<Company> & { siret: string };
