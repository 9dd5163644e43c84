import type { UpstreamResponse } from '../../../../lib/http/index.js';
import { CONTRACT_TYPES, type ContractType, type JobOffer, type JobOfferSearch, type OfferPageRequest } from '../domain/job-offer.js';
import { DEFAULT_RADIUS_KM } from '../domain/place.js';
import type { Place } from '../domain/place.js';
import type { OfferPayload, OfferSearchPayload } from './offers.response.js';

const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'sur', 'sous', 'en', 'et', 'aux', 'au', 'lès', 'lez']);

function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(/([ -])/)
    .map((word, index) => (index > 0 && SMALL_WORDS.has(word) ? word : word.replace(/^(d'|l')?(.)/, (_match, elision: string | undefined, first: string) => `${elision ?? ''}${first.toUpperCase()}`)))
    .join('');
}

/**
 * `lieuTravail.libelle` is `"<dept> - <COMMUNE>"` (e.g. `"75 - PARIS 15"`, `"51 - REIMS"`): the
 * department goes to its own field and the commune is title-cased (`Paris 15`, `Reims`).
 */
export function parsePlaceLabel(libelle: string): { label: string; departmentCode: string | null } {
  const match = /^\s*(\d{2,3}|2[AB])\s+-\s+(.+?)\s*$/i.exec(libelle);
  if (!match?.[1] || !match[2]) return { label: libelle.trim(), departmentCode: null };
  return { label: titleCase(match[2]), departmentCode: match[1].toUpperCase() };
}

const contractOf = (code: string | null): ContractType => (code !== null && (CONTRACT_TYPES as readonly string[]).includes(code) ? (code as ContractType) : 'OTHER');

const salaryOf = (salary: OfferPayload['salaire']): string | null => {
  const first = Array.isArray(salary) ? salary[0] : salary;
  return first?.libelle ?? first?.commentaire ?? null;
};

export function toJobOffer(payload: OfferPayload): JobOffer {
  const where = payload.lieuTravail;
  const parsed = where?.libelle ? parsePlaceLabel(where.libelle) : { label: '', departmentCode: null };
  const location: Place = {
    label: parsed.label,
    communeCode: where?.commune || null,
    postalCode: where?.codePostal || null,
    departmentCode: parsed.departmentCode,
    latitude: where?.latitude ?? null,
    longitude: where?.longitude ?? null,
  };
  const siret = payload.entreprise?.siret;
  return {
    id: payload.id,
    title: payload.intitule,
    description: payload.description ?? null,
    contractType: contractOf(payload.typeContrat),
    contractLabel: payload.typeContratLibelle ?? null,
    workingTime: payload.dureeTravailLibelleConverti ?? payload.dureeTravailLibelle ?? null,
    location,
    companySiret: siret && /^\d{14}$/.test(siret) ? siret : null,
    companyName: payload.entreprise?.nom || null,
    romeCode: payload.romeCode || null,
    romeLabel: payload.romeLibelle || null,
    publishedAt: payload.dateCreation,
    salaryLabel: salaryOf(payload.salaire),
    url: payload.origineOffre?.urlOrigine ?? null,
    updatedAt: payload.dateActualisation ?? null,
  };
}

/** The search query string; Relay's offset window becomes the inclusive `range=p-d`. */
export function toSearchQuery(search: JobOfferSearch, page: OfferPageRequest): Record<string, string | undefined> {
  const place = search.place;
  return {
    motsCles: search.keywords.length > 0 ? search.keywords.join(',') : undefined,
    codeROME: search.romeCodes.length > 0 ? search.romeCodes.join(',') : undefined,
    commune: place?.kind === 'commune' ? place.communeCode : undefined,
    distance: place?.kind === 'commune' ? String(place.radiusKm ?? DEFAULT_RADIUS_KM) : undefined,
    departement: place?.kind === 'department' ? place.departmentCode : undefined,
    typeContrat: search.contractTypes.filter((type) => type !== 'OTHER').join(',') || undefined,
    publieeDepuis: search.publishedSinceDays === null ? undefined : String(search.publishedSinceDays),
    // Newest first, as the graph documents; France Travail's default is relevance.
    sort: '1',
    range: `${page.offset}-${page.offset + Math.max(page.limit, 1) - 1}`,
  };
}

/**
 * The total: `Content-Range: offres 0-149/496` when present (labonnealternance), else the
 * largest sum of a `filtresPossibles` group (1j1s), else what this page shows.
 */
export function totalOf(response: Pick<UpstreamResponse, 'headers'>, body: OfferSearchPayload, offset: number): number {
  const fromHeader = /\/(\d+)\s*$/.exec(response.headers['content-range'] ?? '')?.[1];
  if (fromHeader !== undefined) return Number(fromHeader);
  const sums = body.filtresPossibles.items.map((group) => group.agregation.items.reduce((sum, item) => sum + (item.nbResultats ?? 0), 0));
  const fromFilters = sums.length > 0 ? Math.max(...sums) : 0;
  // Dropped offers still count: they exist upstream, the page only could not show them.
  return Math.max(fromFilters, offset + body.resultats.items.length + body.resultats.dropped.length);
}
