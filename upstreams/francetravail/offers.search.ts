import type { References } from '../data/references.js';
import { DAY_MS } from './clock.js';
import { distanceKm } from '../../lib/geo.js';
import { foldAccents } from '../../lib/text.js';
import { arrondissementParent, type OfferIndex, type OfferRecord } from './offers.data.js';

/** The 400 messages of the real API (upstreams.md §1.4), quoted exactly where the record has them. */
export const MESSAGES = {
  motsCles: 'Format du paramètre « motsCles » incorrect. 7 mots-clé au maximum séparés par des virgules et d\'au moins 2 caractères.',
  rangeFormat: 'Format du paramètre « range » incorrect. <entier>-<entier> attendu.',
  rangeSpan: 'La plage de résultats demandée est trop importante.',
  rangeStart: 'La position de début doit être inférieure ou égale à 3000.',
  /** Not on record: modelled on the start message. */
  rangeEnd: 'La position de fin doit être inférieure ou égale à 3149.',
  tempsPlein: 'Format du paramètre « tempsPlein » incorrect. Booléen attendu.',
  grandDomaine: 'Format du paramètre « grandDomaine » incorrect. A, B, C, C15, D, E, F, G, H, I, J, K, L, L14, M15, M18, M, M16, M17, M13, M14 ou N attendu.',
  experienceExigence: 'Format du paramètre « experienceExigence » incorrect. D, E ou S attendu.',
  value: (name: string) => `Valeur du paramètre « ${name} » incorrecte.`,
  format: (name: string, expected: string) => `Format du paramètre « ${name} » incorrect. ${expected} attendu.`,
};

export const MAX_RANGE_SPAN = 150;
export const MAX_RANGE_START = 3000;
export const MAX_RANGE_END = 3149;
const CONTRACT_CODES = new Set(['CDI', 'CDD', 'MIS', 'SAI', 'LIB', 'FRA', 'CCE', 'DDI', 'DIN', 'TTI']);
const GRANDS_DOMAINES = new Set(['A', 'B', 'C', 'C15', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'L14', 'M15', 'M18', 'M', 'M16', 'M17', 'M13', 'M14', 'N']);
const DEPARTMENT = /^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$/;

export interface SearchCriteria {
  keywords: string[];
  romes: string[] | undefined;
  centres: { latitude: number; longitude: number }[] | undefined;
  distance: number;
  departments: string[] | undefined;
  contracts: string[] | undefined;
  natures: string[] | undefined;
  experience: string | undefined;
  experienceExigence: string | undefined;
  qualification: string | undefined;
  fullTime: boolean | undefined;
  grandDomaine: string | undefined;
  publishedSinceDays: number | undefined;
  sort: 0 | 1 | 2;
  start: number;
  end: number;
}

type Query = Record<string, string | undefined>;
export type Parsed = { ok: true; criteria: SearchCriteria } | { ok: false; message: string };

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean));

/** Validates the query string the way the real API does; the first bad parameter wins. */
export function parseSearch(query: Query, refs: References): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, message });
  const keywords = query['motsCles'] === undefined ? [] : query['motsCles'].split(',').map((word) => word.trim());
  if (keywords.length > 7 || keywords.some((word) => word.length < 2)) return fail(MESSAGES.motsCles);
  const romes = list(query['codeROME']);
  if (romes && (romes.length > 200 || romes.some((code) => !/^[A-N]\d{4}$/.test(code)))) return fail(MESSAGES.value('codeROME'));
  const communes = list(query['commune']);
  let centres: SearchCriteria['centres'];
  if (communes) {
    if (communes.length > 5) return fail(MESSAGES.value('commune'));
    centres = [];
    for (const code of communes) {
      const commune = refs.communeByInsee.get(arrondissementParent(code) ?? code);
      if (!commune) return fail(MESSAGES.value('commune'));
      centres.push({ latitude: commune.latitude, longitude: commune.longitude });
    }
  }
  const distanceText = query['distance'] ?? '10';
  if (!/^\d{1,4}$/.test(distanceText)) return fail(MESSAGES.format('distance', 'Entier'));
  const departments = list(query['departement']);
  if (departments && (departments.length > 5 || departments.some((code) => !DEPARTMENT.test(code)))) return fail(MESSAGES.value('departement'));
  const contracts = list(query['typeContrat']);
  if (contracts?.some((code) => !CONTRACT_CODES.has(code))) return fail(MESSAGES.value('typeContrat'));
  const natures = list(query['natureContrat']);
  if (natures?.some((code) => !/^[A-Z][A-Z0-9]$/.test(code))) return fail(MESSAGES.value('natureContrat'));
  const experience = query['experience'];
  if (experience !== undefined && !['1', '2', '3'].includes(experience)) return fail(MESSAGES.value('experience'));
  const experienceExigence = query['experienceExigence'];
  if (experienceExigence !== undefined && !['D', 'S', 'E'].includes(experienceExigence)) return fail(MESSAGES.experienceExigence);
  const qualification = query['qualification'];
  if (qualification !== undefined && !['0', '9'].includes(qualification)) return fail(MESSAGES.value('qualification'));
  const tempsPlein = query['tempsPlein'];
  if (tempsPlein !== undefined && tempsPlein !== 'true' && tempsPlein !== 'false') return fail(MESSAGES.tempsPlein);
  const grandDomaine = query['grandDomaine'];
  if (grandDomaine !== undefined && !GRANDS_DOMAINES.has(grandDomaine)) return fail(MESSAGES.grandDomaine);
  const since = query['publieeDepuis'];
  if (since !== undefined && !['1', '3', '7', '14', '31'].includes(since)) return fail(MESSAGES.value('publieeDepuis'));
  const sort = query['sort'] ?? '0';
  if (sort !== '0' && sort !== '1' && sort !== '2') return fail(MESSAGES.value('sort'));
  const range = query['range'] ?? '0-149';
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(range);
  if (!match) return fail(MESSAGES.rangeFormat);
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (end < start) return fail(MESSAGES.rangeFormat);
  if (start > MAX_RANGE_START) return fail(MESSAGES.rangeStart);
  if (end - start + 1 > MAX_RANGE_SPAN) return fail(MESSAGES.rangeSpan);
  if (end > MAX_RANGE_END) return fail(MESSAGES.rangeEnd);
  return {
    ok: true,
    criteria: {
      keywords: keywords.map(foldAccents),
      romes,
      centres,
      distance: Number(distanceText),
      departments,
      contracts,
      natures,
      experience,
      experienceExigence,
      qualification,
      fullTime: tempsPlein === undefined ? undefined : tempsPlein === 'true',
      grandDomaine: grandDomaine?.charAt(0),
      publishedSinceDays: since === undefined ? undefined : Number(since),
      sort: Number(sort) as 0 | 1 | 2,
      start,
      end,
    },
  };
}

function nearest(offer: OfferRecord, centres: NonNullable<SearchCriteria['centres']>): number {
  return Math.min(...centres.map((centre) => distanceKm(centre.latitude, centre.longitude, offer.latitude, offer.longitude)));
}

/** Every offer matching the criteria, in the requested order (the range is applied by the caller). */
export function searchOffers(index: OfferIndex, criteria: SearchCriteria, today: Date): OfferRecord[] {
  let candidates: OfferRecord[];
  if (criteria.romes) candidates = [...new Set(criteria.romes)].flatMap((code) => index.byRome.get(code) ?? []);
  else if (criteria.departments) candidates = [...new Set(criteria.departments)].flatMap((code) => index.byDepartment.get(code) ?? []);
  else candidates = index.offers;
  const minCreated = criteria.publishedSinceDays === undefined ? undefined : today.getTime() - criteria.publishedSinceDays * DAY_MS;
  const distances = new Map<OfferRecord, number>();
  const matches = candidates.filter((offer) => {
    if (criteria.departments && !criteria.departments.includes(offer.department)) return false;
    if (criteria.contracts && !criteria.contracts.includes(offer.contract)) return false;
    if (criteria.natures && !criteria.natures.includes(offer.nature)) return false;
    if (criteria.experience && offer.experience !== criteria.experience) return false;
    if (criteria.qualification && offer.qualification !== criteria.qualification) return false;
    if (criteria.fullTime !== undefined && offer.fullTime !== criteria.fullTime) return false;
    if (criteria.grandDomaine && offer.grandDomaine !== criteria.grandDomaine) return false;
    if (minCreated !== undefined && offer.createdAt < minCreated) return false;
    if (criteria.keywords.length > 0 && !criteria.keywords.every((word) => offer.text.includes(word))) return false;
    if (criteria.centres) {
      const distance = nearest(offer, criteria.centres);
      if (distance > criteria.distance + 0.5) return false;
      distances.set(offer, distance);
    }
    return true;
  });
  const byDate = (a: OfferRecord, b: OfferRecord) => b.createdAt - a.createdAt || a.id.localeCompare(b.id);
  if (criteria.sort === 2 && criteria.centres) matches.sort((a, b) => (distances.get(a) ?? 0) - (distances.get(b) ?? 0) || byDate(a, b));
  else if (criteria.sort === 0 && criteria.keywords.length > 0) {
    const score = (offer: OfferRecord) => criteria.keywords.reduce((total, word) => total + (offer.text.split(word).length - 1), 0);
    matches.sort((a, b) => score(b) - score(a) || byDate(a, b));
  } else matches.sort(byDate);
  return matches;
}

/** `filtresPossibles`: counts per value of the four filters clients are seen reading. */
export function aggregations(matches: OfferRecord[]): { filtre: string; agregation: { valeurPossible: string; nbResultats: number }[] }[] {
  const count = (name: string, pick: (offer: OfferRecord) => string) => {
    const counts = new Map<string, number>();
    for (const offer of matches) counts.set(pick(offer), (counts.get(pick(offer)) ?? 0) + 1);
    return { filtre: name, agregation: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([valeurPossible, nbResultats]) => ({ valeurPossible, nbResultats })) };
  };
  return [
    count('typeContrat', (offer) => offer.contract),
    count('experience', (offer) => offer.experience),
    count('qualification', (offer) => offer.qualification),
    count('natureContrat', (offer) => offer.nature),
  ];
}
