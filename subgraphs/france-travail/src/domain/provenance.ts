import { operatorDateTime, type Provenance } from '../../../../lib/provenance/record.js';
import type { JobOffer } from './job-offer.js';

/** Operator name as `extensions.sources` writes it (France Travail's APIs, La Bonne Boîte included). */
const FRANCE_TRAVAIL = 'france-travail';

/** An offer's France Travail record: its id in Offres d'emploi v2, its page, its `dateActualisation`. */
export function offerProvenance(offer: JobOffer): Provenance {
  return {
    operator: FRANCE_TRAVAIL,
    recordId: offer.id,
    dataset: "Offres d'emploi v2",
    region: null,
    url: offer.url ?? `https://candidat.francetravail.fr/offres/recherche/detail/${encodeURIComponent(offer.id)}`,
    updatedAt: operatorDateTime(offer.updatedAt ?? offer.publishedAt),
  };
}

/** A company's La Bonne Boîte record: SIRET and page; La Bonne Boîte publishes no update date. */
export function companyProvenance(siret: string, url: string | null): Provenance {
  return { operator: FRANCE_TRAVAIL, recordId: siret, dataset: 'La Bonne Boîte v2', region: null, url, updatedAt: null };
}
