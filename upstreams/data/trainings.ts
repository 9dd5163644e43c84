import { cumulativeWeights, Rng } from './prng.js';
import type { CommuneReference, FormacodeReference } from './references.js';
import type { CertificationProfile, ProviderProfile, World } from './world.js';

/** LHEO `modalites-enseignement`: 0 entirely on site, 1 blended, 2 entirely remote. */
export type TrainingModality = 'IN_PERSON' | 'BLENDED' | 'REMOTE';

/**
 * A session period as LHEO writes it: `AAAAMMJJ`, `AAAAMM00` (month only), `AAAA0000` (year only)
 * or `00000000` (unknown). Kept in that form so every simulator renders the same quirks.
 */
export interface TrainingSessionProfile {
  id: string;
  start: string;
  end: string;
}

/** One LHEO `action`: where, how, for how much, and when (its sessions). */
export interface TrainingActionProfile {
  id: string;
  commune: CommuneReference;
  postalCode: string;
  addressLine: string;
  latitude: number;
  longitude: number;
  modality: TrainingModality;
  rhythm: string;
  /** `prix-total-TTC` in cents (LHEO writes euros with or without cents); null when not published. */
  priceCents: number | null;
  durationHours: number;
  sessions: TrainingSessionProfile[];
}

/** One LHEO `formation` of the simulated Carif-Oref catalogue, read by every catalogue-related simulator. */
export interface TrainingOffer {
  /** LHEO `formation/@numero`, stable for a seed. */
  id: string;
  title: string;
  objective: string;
  provider: ProviderProfile;
  certification: CertificationProfile | null;
  formacodes: string[];
  romeCodes: string[];
  nsfCode: string | null;
  actions: TrainingActionProfile[];
  /** Listed on Mon Compte Formation: an MCF open-data row exists exactly for these. */
  cpfEligible: boolean;
  /** `datecrea`/`datemaj` of the formation, `AAAAMMJJ`. */
  createdOn: string;
  updatedOn: string;
}

export const TRAINING_COUNT = 6000;

const RHYTHMS = ['Temps plein', 'Temps partiel', 'En soirée', 'Cours du jour', 'Variable'];
const SUFFIXES = ['initiation', 'perfectionnement', 'les fondamentaux', 'niveau 1', 'niveau 2', 'mise à jour des compétences'];
const PREFIXES = ['Préparation au', 'Formation', 'Parcours', 'Cycle'];
const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Pasteur', 'place de la Mairie', 'rue des Écoles', 'zone d\'activités'];

const memo = new Map<string, TrainingOffer[]>();

/**
 * The simulated training catalogue (Carif-Oref offers), deterministic per world seed: at least one
 * training in every region, then places weighted by population; ~75% lead to a world certification,
 * and ~60% of those are CPF-eligible.
 */
export function buildTrainings(world: World): TrainingOffer[] {
  const cached = memo.get(world.seed);
  if (cached) return cached;
  const rng = new Rng(`${world.seed}:trainings`);
  const leafFormacodes = world.refs.formacodes.filter((formacode) => formacode.genericCode !== null);
  const providersByRegion = groupBy(world.providers, (provider) => provider.commune.region);
  const communesByRegion = groupBy(world.refs.communes.filter((commune) => Number.isFinite(commune.latitude) && commune.population > 0), (commune) => commune.region);
  const regions = [...communesByRegion.keys()].sort();

  const trainings: TrainingOffer[] = [];
  for (let index = 0; index < TRAINING_COUNT; index += 1) {
    const own = rng.fork(`training:${index}`);
    const region = regions[index];
    const regionCommunes = region === undefined ? undefined : communesByRegion.get(region);
    const commune = regionCommunes
      ? own.weighted(regionCommunes, cumulativeWeights(regionCommunes, (item) => Math.sqrt(item.population)))
      : world.pickCommune(own);
    trainings.push(buildTraining(own, index, commune, world, leafFormacodes, providersByRegion));
  }
  memo.set(world.seed, trainings);
  return trainings;
}

/** Trainings by LHEO number, for the simulators that look trainings up by id. */
export function trainingsById(world: World): Map<string, TrainingOffer> {
  return new Map(buildTrainings(world).map((training) => [training.id, training]));
}

/** `AAAAMMJJ` (with `00` month/day and `00000000`) → ISO date, month/year-only read as the first day; null when unknown. */
export function lheoDateToIso(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match || match[1] === '0000') return null;
  const month = match[2] === '00' ? '01' : match[2];
  const day = match[3] === '00' ? '01' : match[3];
  return `${match[1]}-${month}-${day}`;
}

function buildTraining(
  rng: Rng,
  index: number,
  commune: CommuneReference,
  world: World,
  leafFormacodes: FormacodeReference[],
  providersByRegion: Map<string, ProviderProfile[]>,
): TrainingOffer {
  const id = `F${String(100000 + index * 7 + rng.int(0, 6)).padStart(7, '0')}`;
  const regional = providersByRegion.get(commune.region);
  const provider = regional && rng.bool(0.85) ? rng.pick(regional) : rng.pick(world.providers);
  const certification = rng.bool(0.75) ? rng.pick(world.certifications) : null;
  const ownFormacodes = certification ? [] : rng.sample(leafFormacodes, rng.int(1, 2));
  const formacodes = certification ? [...certification.formacodes] : ownFormacodes.map((formacode) => formacode.code);
  const romeCodes = certification ? [...certification.romeCodes] : rng.bool(0.5) ? [rng.pick(world.refs.rome).code] : [];
  const mainFormacode = world.refs.formacodeByCode.get(formacodes[0] ?? '');
  const subject = mainFormacode?.label ?? 'compétences professionnelles';
  const title = certification
    ? `${rng.pick(PREFIXES)} ${lowerFirst(certification.title)}`
    : `${upperFirst(subject)} — ${rng.pick(SUFFIXES)}`;
  const durationBase = certification ? rng.int(140, 1400) : rng.int(7, 210);
  const actionCount = rng.bool(0.8) ? 1 : rng.int(2, 3);
  const actions: TrainingActionProfile[] = [];
  for (let actionIndex = 0; actionIndex < actionCount; actionIndex += 1) {
    const place = actionIndex === 0 ? commune : rng.bool(0.5) ? provider.commune : world.pickCommune(rng);
    actions.push(buildAction(rng, `${id}_A${actionIndex + 1}`, place, durationBase));
  }
  const createdYear = rng.int(2018, 2025);
  return {
    id,
    title,
    objective: certification
      ? `Se préparer au ${lowerFirst(certification.title)} (${certification.code}) et acquérir les compétences en ${subject}.`
      : `Acquérir les compétences en ${subject} utiles au poste de travail.`,
    provider,
    certification,
    formacodes,
    romeCodes,
    nsfCode: mainFormacode?.nsf.match(/^\d{3}/)?.[0] ?? null,
    actions,
    // Mon Compte Formation only lists trainings whose certification France Compétences holds active (L6323-6);
    // the draw is kept so the random stream, hence every other demo figure, stays the same.
    cpfEligible: certification !== null && rng.bool(0.6) && certification.active,
    createdOn: `${createdYear}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`,
    updatedOn: `2026${pad(rng.int(1, 10))}${pad(rng.int(1, 28))}`,
  };
}

function buildAction(rng: Rng, id: string, commune: CommuneReference, durationBase: number): TrainingActionProfile {
  const modalityDraw = rng.next();
  const modality: TrainingModality = modalityDraw < 0.7 ? 'IN_PERSON' : modalityDraw < 0.85 ? 'BLENDED' : 'REMOTE';
  const durationHours = Math.max(7, Math.round(durationBase * (0.8 + rng.next() * 0.4)));
  const hourly = rng.int(900, 4500);
  const unpriced = rng.bool(0.04);
  // `hourly` is in cents: most providers publish a price rounded to ten euros, others keep the cents.
  const priceCents = unpriced ? null : rng.bool(0.7) ? Math.round((durationHours * hourly) / 1000) * 1000 : durationHours * hourly;
  const sessions: TrainingSessionProfile[] = [];
  const sessionCount = rng.int(1, 4);
  for (let sessionIndex = 0; sessionIndex < sessionCount; sessionIndex += 1) {
    sessions.push({ id: `${id}_S${sessionIndex + 1}`, ...sessionPeriod(rng, durationHours) });
  }
  return {
    id,
    commune,
    postalCode: commune.postalCodes[0] ?? commune.insee,
    addressLine: `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
    latitude: round6(commune.latitude + (rng.next() - 0.5) * 0.01),
    longitude: round6(commune.longitude + (rng.next() - 0.5) * 0.01),
    modality,
    rhythm: rng.pick(RHYTHMS),
    priceCents,
    durationHours,
    sessions,
  };
}

/** Sessions start between January 2026 and December 2027; a few dates use LHEO's partial forms. */
function sessionPeriod(rng: Rng, durationHours: number): { start: string; end: string } {
  const startDay = new Date(Date.UTC(2026, 0, 1) + rng.int(0, 729) * 86_400_000);
  const endDay = new Date(startDay.getTime() + Math.max(1, Math.round(durationHours / 5)) * 86_400_000);
  const draw = rng.next();
  if (draw < 0.03) return { start: '00000000', end: '00000000' };
  if (draw < 0.05) return { start: `${startDay.getUTCFullYear()}0000`, end: `${endDay.getUTCFullYear()}0000` };
  if (draw < 0.13) return { start: `${yyyymm(startDay)}00`, end: `${yyyymm(endDay)}00` };
  if (draw < 0.16) return { start: yyyymmdd(startDay), end: '00000000' };
  return { start: yyyymmdd(startDay), end: yyyymmdd(endDay) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const group = out.get(key(item));
    if (group) group.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

const pad = (value: number): string => String(value).padStart(2, '0');
const yyyymm = (date: Date): string => `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}`;
const yyyymmdd = (date: Date): string => `${yyyymm(date)}${pad(date.getUTCDate())}`;
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
