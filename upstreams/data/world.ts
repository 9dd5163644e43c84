import { withLuhnKey } from '../../lib/validation/codes.js';
import { cumulativeWeights, Rng } from './prng.js';
import { loadReferences, type CommuneReference, type References } from './references.js';
import { buildCertifications, type CertificationProfile } from './certifications.js';
import { buildWorkers, type WorkerProfile } from './workers.js';

export type { CertificationProfile } from './certifications.js';
export type { WorkerProfile } from './workers.js';

/** An employer that publishes offers (France Travail, La Bonne Boîte). */
export interface CompanyProfile {
  siret: string;
  name: string;
  naf: string;
  nafLabel: string;
  commune: CommuneReference;
  headcountMin: number;
  headcountMax: number;
  /** Occupations it hires for. */
  romeCodes: string[];
  /** 0–100, La Bonne Boîte's hiring potential. */
  hiringPotential: number;
  adapted: boolean;
}

/** An organisme de formation (training provider) with a declared activity number. */
export interface ProviderProfile {
  siret: string;
  name: string;
  activityNumber: string;
  uai: string | null;
  commune: CommuneReference;
  qualiopi: boolean;
}

/**
 * The shared simulated world: every simulator derives its payloads from these entities so the
 * operators agree with each other (a worker's sought occupation exists, a training's provider
 * SIRET is the one Anotéa reviews, a certification's ROME codes are real).
 */
export interface World {
  seed: string;
  refs: References;
  /** Communes weighted by population (for placing people, companies, trainings). */
  pickCommune(rng: Rng): CommuneReference;
  workers: WorkerProfile[];
  workerById: Map<string, WorkerProfile>;
  companies: CompanyProfile[];
  companyBySiret: Map<string, CompanyProfile>;
  providers: ProviderProfile[];
  providerBySiret: Map<string, ProviderProfile>;
  certifications: CertificationProfile[];
  certificationByCode: Map<string, CertificationProfile>;
}

export const DEFAULT_SEED = 'cpa-graph';

const NAF = [
  ['4711D', 'Supermarchés'], ['5610A', 'Restauration traditionnelle'], ['8610Z', 'Activités hospitalières'],
  ['6201Z', 'Programmation informatique'], ['4520A', 'Entretien et réparation de véhicules automobiles légers'],
  ['4321A', "Travaux d'installation électrique dans tous locaux"], ['8810A', 'Aide à domicile'],
  ['4941A', 'Transports routiers de fret interurbains'], ['1071C', 'Boulangerie et boulangerie-pâtisserie'],
  ['8411Z', 'Administration publique générale'], ['7022Z', 'Conseil pour les affaires et autres conseils de gestion'],
  ['5510Z', 'Hôtels et hébergement similaire'], ['4120A', 'Construction de maisons individuelles'],
  ['8121Z', 'Nettoyage courant des bâtiments'], ['5229A', 'Messagerie, fret express'],
] as const;

const COMPANY_WORDS = ['ATELIERS', 'SERVICES', 'GROUPE', 'SOCIETE', 'ETABLISSEMENTS', 'COOPERATIVE', 'HOLDING', 'CENTRE'];
const COMPANY_NAMES = ['DU VAL', 'DE LA LOIRE', 'MARTIN', 'BERNARD', 'DES ALPES', 'OCEANE', 'DUBOIS', 'LEROY', 'ATLANTIQUE', 'DU NORD', 'PETIT', 'MOREAU', 'GARNIER', 'DES SOURCES', 'FOURNIER', 'AZUR'];
const PROVIDER_KINDS = ['AFPA', 'GRETA', 'CFA', 'INSTITUT', 'ECOLE', 'ACADEMIE', 'CAMPUS', 'FORMATION'];

/** A deterministic SIRET with a valid Luhn key: SIREN (9) + NIC (5), the last digit being the key. */
export function makeSiret(rng: Rng): string {
  const first = String(rng.int(1, 9));
  let digits = first;
  while (digits.length < 13) digits += String(rng.int(0, 9));
  return withLuhnKey(digits);
}

let cachedWorld: World | undefined;

export function buildWorld(seed: string = DEFAULT_SEED): World {
  if (cachedWorld && cachedWorld.seed === seed) return cachedWorld;
  const refs = loadReferences();
  const root = new Rng(seed);
  const placed = refs.communes.filter((commune) => Number.isFinite(commune.latitude) && commune.population > 0);
  const weights = cumulativeWeights(placed, (commune) => Math.sqrt(commune.population));
  const pickCommune = (rng: Rng) => rng.weighted(placed, weights);

  const usedSirets = new Set<string>();
  const uniqueSiret = (rng: Rng): string => {
    for (;;) {
      const siret = makeSiret(rng);
      if (!usedSirets.has(siret)) {
        usedSirets.add(siret);
        return siret;
      }
    }
  };

  const companyRng = root.fork('companies');
  const companies: CompanyProfile[] = [];
  for (let index = 0; index < 500; index += 1) {
    const [naf, nafLabel] = companyRng.pick(NAF);
    const headcountMin = companyRng.pick([0, 1, 3, 6, 10, 20, 50, 100, 250]);
    companies.push({
      siret: uniqueSiret(companyRng),
      name: `${companyRng.pick(COMPANY_WORDS)} ${companyRng.pick(COMPANY_NAMES)}${index % 7 === 0 ? ' SAS' : ''}`,
      naf,
      nafLabel,
      commune: pickCommune(companyRng),
      headcountMin,
      headcountMax: headcountMin === 0 ? 0 : headcountMin * 2 - 1,
      romeCodes: companyRng.sample(refs.rome, companyRng.int(2, 8)).map((rome) => rome.code),
      hiringPotential: Math.round(companyRng.next() * 10000) / 100,
      adapted: companyRng.bool(0.03),
    });
  }

  const providerRng = root.fork('providers');
  const providers: ProviderProfile[] = [];
  for (let index = 0; index < 400; index += 1) {
    const commune = pickCommune(providerRng);
    providers.push({
      siret: uniqueSiret(providerRng),
      name: `${providerRng.pick(PROVIDER_KINDS)} ${commune.name.toUpperCase()}${index % 3 === 0 ? '' : ` ${providerRng.pick(COMPANY_NAMES)}`}`,
      activityNumber: `${commune.region.padStart(2, '0')}${String(providerRng.int(0, 999999999)).padStart(9, '0')}`,
      uai: providerRng.bool(0.3) ? `${commune.department.padStart(3, '0')}${providerRng.int(1000, 9999)}${String.fromCharCode(65 + providerRng.int(0, 25))}` : null,
      commune,
      qualiopi: providerRng.bool(0.92),
    });
  }

  const certifications = buildCertifications(root.fork('certifications'), refs);
  const workers = buildWorkers(root.fork('workers'), refs, pickCommune);

  cachedWorld = {
    seed,
    refs,
    pickCommune,
    workers,
    workerById: new Map(workers.map((worker) => [worker.id, worker])),
    companies,
    companyBySiret: new Map(companies.map((company) => [company.siret, company])),
    providers,
    providerBySiret: new Map(providers.map((provider) => [provider.siret, provider])),
    certifications,
    certificationByCode: new Map(certifications.map((certification) => [certification.code, certification])),
  };
  return cachedWorld;
}
