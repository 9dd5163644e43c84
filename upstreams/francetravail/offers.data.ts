import { foldAccents } from '../../lib/text.js';
import { cumulativeWeights, cyrb128, Rng } from '../data/prng.js';
import type { CommuneReference } from '../data/references.js';
import type { CompanyProfile, World } from '../data/world.js';
import { DAY_MS } from './clock.js';
import type { RomeMetier } from './rome.data.js';

export const OFFER_COUNT = 20_000;

/** Where an offer is: a commune, or an arrondissement of Paris, Lyon or Marseille (as France Travail writes them). */
export interface OfferPlace {
  insee: string;
  /** The commune the place belongs to (the parent city for an arrondissement). */
  commune: CommuneReference;
  label: string;
  postalCode: string;
}

/** One generated offer: its JSON as the API renders it, plus what the search filters on. */
export interface OfferRecord {
  id: string;
  json: Record<string, unknown>;
  rome: string;
  grandDomaine: string;
  department: string;
  latitude: number;
  longitude: number;
  createdAt: number;
  contract: string;
  nature: string;
  experience: string;
  qualification: string;
  fullTime: boolean;
  /** Lower-case, accent-free text the keywords are matched in. */
  text: string;
}

export interface OfferIndex {
  offers: OfferRecord[];
  byId: Map<string, OfferRecord>;
  byRome: Map<string, OfferRecord[]>;
  byDepartment: Map<string, OfferRecord[]>;
}


const CITY_ARRONDISSEMENTS: Record<string, { count: number; inseeBase: number; postalBase: number; name: string }> = {
  '75056': { count: 20, inseeBase: 75100, postalBase: 75000, name: 'PARIS' },
  '69123': { count: 9, inseeBase: 69380, postalBase: 69000, name: 'LYON' },
  '13055': { count: 16, inseeBase: 13200, postalBase: 13000, name: 'MARSEILLE' },
};

/** INSEE codes of arrondissements, resolved to their city (France Travail places offers there). */
export function arrondissementParent(insee: string): string | undefined {
  for (const [city, spec] of Object.entries(CITY_ARRONDISSEMENTS)) {
    const number = Number(insee) - spec.inseeBase;
    if (/^\d{5}$/.test(insee) && number >= 1 && number <= spec.count) return city;
  }
  return undefined;
}

function placeOf(commune: CommuneReference, rng: Rng): OfferPlace {
  const city = CITY_ARRONDISSEMENTS[commune.insee];
  const department = commune.department;
  if (city) {
    const number = rng.int(1, city.count);
    return {
      insee: String(city.inseeBase + number),
      commune,
      label: `${department} - ${city.name} ${String(number).padStart(2, '0')}`,
      postalCode: String(city.postalBase + number).padStart(5, '0'),
    };
  }
  return { insee: commune.insee, commune, label: `${department} - ${foldAccents(commune.name).toUpperCase()}`, postalCode: commune.postalCodes[0] ?? '' };
}

const CONTRACTS = [
  { code: 'CDI', weight: 50, label: () => 'Contrat à durée indéterminée' },
  { code: 'CDD', weight: 30, label: (months: number) => `Contrat à durée déterminée - ${months} Mois` },
  { code: 'MIS', weight: 15, label: (months: number) => `Mission intérimaire - ${months} Mois` },
  { code: 'SAI', weight: 4, label: (months: number) => `Contrat travail saisonnier - ${months} Mois` },
  { code: 'LIB', weight: 1, label: () => 'Profession libérale' },
];
const CONTRACT_WEIGHTS = cumulativeWeights(CONTRACTS, (contract) => contract.weight);
const EXPERIENCES = [
  { code: 'D', label: 'Débutant accepté', filter: '1' },
  { code: 'S', label: '1 An - expérience souhaitée', filter: '2' },
  { code: 'E', label: '3 An(s) - expérience exigée', filter: '3' },
];
const QUALIFICATIONS = [
  { code: '6', label: 'Employé qualifié', cadre: false },
  { code: '5', label: 'Employé non qualifié', cadre: false },
  { code: '7', label: 'Technicien', cadre: false },
  { code: '9', label: 'Cadre', cadre: true },
];
const OTHER_EMPLOYERS = ['BOULANGERIE DU CENTRE', 'CABINET MEDICAL DES LILAS', 'GARAGE DE LA GARE', 'RESTAURANT LE RELAIS', 'SARL BATI PLUS', 'AGENCE INTERIM PLUS', 'EHPAD LES TILLEULS', 'CAMPING LES PINS'];

function makeId(rng: Rng, used: Set<string>): string {
  for (;;) {
    let id = String(rng.int(100, 999));
    for (let index = 0; index < 4; index += 1) id += String.fromCharCode(65 + rng.int(0, 25));
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/**
 * 20,000 offers, placed where the real market puts them: a (ROME, employment basin) pair is drawn
 * by the number of offers the 2020 tension data counts there, then a commune of that basin by
 * population. ~70% carry the SIRET of a world company (one hiring for that ROME when any exists).
 */
export function buildOffers(world: World, metiers: Map<string, RomeMetier>, today: Date): OfferIndex {
  const rng = new Rng(`${world.seed}:offers`);
  const placed = world.refs.communes.filter((commune) => Number.isFinite(commune.latitude) && commune.population > 0);
  const communesByBasin = new Map<string, CommuneReference[]>();
  for (const commune of placed) {
    const basin = world.refs.basinByCommune.get(commune.insee);
    if (basin) communesByBasin.set(basin, [...(communesByBasin.get(basin) ?? []), commune]);
  }
  const basinWeights = new Map([...communesByBasin].map(([basin, communes]) => [basin, cumulativeWeights(communes, (commune) => commune.population)]));
  const tension = world.refs.tension.filter((row) => row.offers > 0 && metiers.has(row.rome) && communesByBasin.has(row.basin));
  const tensionWeights = cumulativeWeights(tension, (row) => row.offers);
  const companiesByRome = new Map<string, CompanyProfile[]>();
  for (const company of world.companies) for (const rome of company.romeCodes) companiesByRome.set(rome, [...(companiesByRome.get(rome) ?? []), company]);

  const used = new Set<string>();
  const offers: OfferRecord[] = [];
  for (let index = 0; index < OFFER_COUNT; index += 1) {
    const row = rng.weighted(tension, tensionWeights);
    const basinCommunes = communesByBasin.get(row.basin) ?? placed;
    const commune = rng.weighted(basinCommunes, basinWeights.get(row.basin) ?? []);
    const metier = metiers.get(row.rome);
    if (!metier) continue;
    offers.push(makeOffer(rng, world, metier, placeOf(commune, rng), companiesByRome.get(row.rome), today, makeId(rng, used)));
  }
  return indexOffers(offers);
}

export function indexOffers(offers: OfferRecord[]): OfferIndex {
  const byRome = new Map<string, OfferRecord[]>();
  const byDepartment = new Map<string, OfferRecord[]>();
  for (const offer of offers) {
    byRome.set(offer.rome, [...(byRome.get(offer.rome) ?? []), offer]);
    byDepartment.set(offer.department, [...(byDepartment.get(offer.department) ?? []), offer]);
  }
  return { offers, byId: new Map(offers.map((offer) => [offer.id, offer])), byRome, byDepartment };
}

function makeOffer(rng: Rng, world: World, metier: RomeMetier, place: OfferPlace, hiring: CompanyProfile[] | undefined, today: Date, id: string): OfferRecord {
  const contract = rng.weighted(CONTRACTS, CONTRACT_WEIGHTS);
  const months = rng.pick([1, 2, 3, 6, 6, 12, 18]);
  const experience = rng.pick(EXPERIENCES);
  const qualification = rng.pick(QUALIFICATIONS);
  const apprenticeship = rng.bool(0.05);
  const fullTime = rng.bool(0.8);
  const ageDays = Math.floor(rng.next() ** 2 * 90);
  const createdAt = today.getTime() - ageDays * DAY_MS - rng.int(0, 86_399) * 1000;
  const company = rng.bool(0.7) ? (hiring && hiring.length > 0 && rng.bool(0.8) ? rng.pick(hiring) : rng.pick(world.companies)) : undefined;
  const appellation = rng.pick(metier.appellations);
  const title = `${appellation.libelle} (H/F)`;
  const employer = company?.name ?? rng.pick(OTHER_EMPLOYERS);
  const monthly = rng.int(18, 45) * 100;
  const description = `${employer} recherche un(e) ${appellation.libelleCourt.toLowerCase()} pour ${place.commune.name}. Vos missions : ${metier.skills
    .slice(0, 3)
    .map((skill) => skill.libelle.toLowerCase())
    .join(', ')}. ${experience.label}.`;
  const json: Record<string, unknown> = {
    id,
    intitule: title,
    description,
    dateCreation: new Date(createdAt).toISOString(),
    dateActualisation: new Date(Math.min(today.getTime(), createdAt + rng.int(0, 5) * DAY_MS)).toISOString(),
    lieuTravail: { libelle: place.label, latitude: place.commune.latitude, longitude: place.commune.longitude, codePostal: place.postalCode, commune: place.insee },
    romeCode: metier.code,
    romeLibelle: metier.libelle,
    appellationlibelle: appellation.libelle,
    // `entreprise.siret` is not in the official Offres v2 schema and none of the collected real
    // offers carries one: only 1 offer in 10 of a known company publishes it (hash of the id, so
    // the seeded draws of everything else are unchanged), the rest give the name alone.
    entreprise: company
      ? { nom: company.name, entrepriseAdaptee: company.adapted, ...(cyrb128(id)[0] % 10 === 0 ? { siret: company.siret } : {}) }
      : { nom: employer, entrepriseAdaptee: false },
    typeContrat: contract.code,
    typeContratLibelle: contract.label(months),
    natureContrat: apprenticeship ? "Contrat d'apprentissage" : 'Contrat travail',
    experienceExige: experience.code,
    experienceLibelle: experience.label,
    competences: metier.skills.slice(0, 3).map((skill) => ({ code: skill.code, libelle: skill.libelle, exigence: rng.pick(['E', 'S']) })),
    salaire: rng.bool(0.75) ? { libelle: `Mensuel de ${monthly}.0 Euros à ${monthly + 300}.0 Euros sur 12 mois` } : {},
    dureeTravailLibelle: fullTime ? '35H Horaires normaux' : `${rng.pick([20, 24, 28, 30])}H Horaires normaux`,
    dureeTravailLibelleConverti: fullTime ? 'Temps plein' : 'Temps partiel',
    alternance: apprenticeship,
    contact: { nom: employer, urlPostulation: `https://candidat.francetravail.fr/offres/recherche/detail/${id}` },
    nombrePostes: rng.int(1, 3),
    accessibleTH: rng.bool(0.3),
    qualificationCode: qualification.code,
    qualificationLibelle: qualification.label,
    ...(company ? { codeNAF: `${company.naf.slice(0, 2)}.${company.naf.slice(2)}`, secteurActivite: company.naf.slice(0, 2), secteurActiviteLibelle: company.nafLabel } : {}),
    origineOffre: { origine: '1', urlOrigine: `https://candidat.francetravail.fr/offres/recherche/detail/${id}` },
    offresManqueCandidats: rng.bool(0.1),
  };
  return {
    id,
    json,
    rome: metier.code,
    grandDomaine: metier.code.charAt(0),
    department: place.commune.department,
    latitude: place.commune.latitude,
    longitude: place.commune.longitude,
    createdAt,
    contract: contract.code,
    nature: apprenticeship ? 'E2' : 'E1',
    experience: experience.filter,
    qualification: qualification.cadre ? '9' : '0',
    fullTime,
    text: foldAccents(`${title} ${description} ${metier.libelle} ${employer}`),
  };
}
