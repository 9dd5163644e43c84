import type { JobSeeker } from '../domain/job-seeker.js';
import type { JobSeekerStatusPayload } from './job-seeker.response.js';

/** API Particulier's numeric catégories 1–3 are all « A » in DARES terms when no finer category is given. */
const CATEGORY_BY_CODE: Record<number, string> = { 1: 'A', 2: 'A', 3: 'A', 4: 'D', 5: 'E' };

export function toJobSeeker(workerId: string, payload: JobSeekerStatusPayload): JobSeeker {
  const { data } = payload;
  const code = data.inscription.categorie?.code;
  const allowance = data.indemnisation;
  return {
    workerId,
    registered: data.inscription.date_fin === null || data.inscription.date_fin === undefined,
    category: data.inscription.categorie_statistique ?? (code === undefined ? null : CATEGORY_BY_CODE[code] ?? null),
    registeredSince: data.inscription.date_debut,
    soughtRomeCode: data.metier_recherche?.code_rome ?? null,
    communeCode: data.adresse?.code_cog_insee_commune ?? null,
    benefits: allowance
      ? { kind: allowance.allocation, dailyAmountCents: Math.round(allowance.montant_journalier_brut * 100), endDate: allowance.date_fin_droits }
      : null,
  };
}
