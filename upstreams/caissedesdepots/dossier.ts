import { Rng } from '../data/prng.js';
import type { C2pFactor, CecActivity, WorkerProfile } from '../data/workers.js';

/**
 * The CDC's view of one holder ("dossier de droits"), computed once at start from the world.
 * The simulator plays the operator: it applies the accrual rules its own way, independently
 * of the subgraph's rules engine. Amounts are kept in cents here and written as euros.
 */
export type RegimeCpf = 'DROIT_COMMUN' | 'BAS_NIVEAU_QUALIFICATION' | 'TRAVAILLEUR_HANDICAPE' | 'TRAVAILLEUR_INDEPENDANT';
export type TypeMouvement = 'CONVERSION_HEURES' | 'ALIMENTATION_ACTIVITE' | 'ALIMENTATION_CEC' | 'ABONDEMENT' | 'ACHAT_FORMATION' | 'REMBOURSEMENT';

export interface Mouvement {
  idMouvement: string;
  dateOperation: string;
  type: TypeMouvement;
  libelle: string;
  montantCents: number;
}

export interface Dossier {
  idTitulaire: string;
  regime: RegimeCpf;
  soldeCents: number;
  plafondCents: number;
  alimentationAnnuelleCents: number;
  /** Newest first, as the API lists them. */
  mouvements: Mouvement[];
  c2p: {
    facteurs: string[];
    acquisitions: { annee: number; facteur: string; points: number }[];
    utilisations: { date: string; usage: 'FORMATION' | 'TEMPS_PARTIEL' | 'RETRAITE' | 'RECONVERSION'; points: number }[];
  } | null;
  cec: { activites: (CecActivity & { montantCents: number })[]; acquisCents: number } | null;
  demandeurEmploi: boolean;
  /** Who the holder is, as the CDC knows them (README § Droits d'un titulaire, `titulaire`). */
  titulaire: {
    dateNaissance: string;
    communeResidence: { codeInsee: string; codePostal: string | null; libelle: string };
  };
}

const FACTEURS: Record<C2pFactor, string> = {
  NIGHT_WORK: 'TRAVAIL_DE_NUIT',
  ALTERNATING_TEAMS: 'EQUIPES_SUCCESSIVES_ALTERNANTES',
  REPETITIVE_WORK: 'TRAVAIL_REPETITIF',
  HYPERBARIC: 'MILIEU_HYPERBARE',
  EXTREME_TEMPERATURES: 'TEMPERATURES_EXTREMES',
  NOISE: 'BRUIT',
};

/** Hours acquired before 2019 (DIF + CPF in hours), converted at 15 €/h on 1 Jan 2019 (décret n° 2018-1153 du 14 décembre 2018). */
const DEMO_HOURS: Record<string, number> = {
  W000001: 150, W000002: 150, W000003: 120, W000004: 60, W000005: 80,
  W000006: 40, W000007: 100, W000008: 20, W000009: 0, W000010: 50,
};
const EUROS_PER_HOUR_CENTS = 1_500;
const LAST_CREDITED_YEAR = 2025;

interface Event {
  date: string;
  type: TypeMouvement;
  libelle: string;
  cents: number;
  /** Activity credits stop at the ceiling; other movements do not. */
  capped?: boolean;
}

function events(worker: WorkerProfile, rng: Rng, reinforced: boolean): Event[] {
  const list: Event[] = [];
  const hours = DEMO_HOURS[worker.id] ?? (worker.career[0]?.kind === 'INACTIVE' ? 0 : rng.int(0, 150));
  if (hours > 0) list.push({ date: '2019-01-01', type: 'CONVERSION_HEURES', libelle: `Conversion de ${hours} heures acquises au 31/12/2018 (15 €/h)`, cents: hours * EUROS_PER_HOUR_CENTS });
  for (const year of worker.career) {
    if (year.year > LAST_CREDITED_YEAR) continue;
    const employee = year.kind === 'EMPLOYEE';
    if (!employee && year.kind !== 'INDEPENDENT') continue;
    const rate = employee && reinforced ? 80_000 : 50_000;
    const cents = year.workingTimeRatio >= 0.5 ? rate : Math.round(rate * year.workingTimeRatio);
    if (cents > 0) list.push({ date: `${year.year + 1}-04-15`, type: 'ALIMENTATION_ACTIVITE', libelle: `Alimentation au titre de l'activité ${year.year}`, cents, capped: true });
  }
  let cec = 0;
  for (const activity of [...worker.cec].sort((a, b) => a.year - b.year)) {
    const cents = Math.min(24_000, 72_000 - cec);
    if (cents <= 0 || (activity.kind === 'BENEVOLAT_ASSOCIATIF' && activity.hours < 200)) continue;
    cec += cents;
    list.push({ date: `${activity.year + 1}-10-01`, type: 'ALIMENTATION_CEC', libelle: `Compte d'engagement citoyen ${activity.year} — ${activity.organisation}`, cents });
  }
  if (worker.demo === null && rng.bool(0.05)) {
    list.push({ date: `${rng.int(2021, 2025)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, type: 'ABONDEMENT', libelle: 'Abondement employeur (accord d\'entreprise)', cents: rng.pick([50_000, 100_000, 150_000]) });
  }
  if (worker.demo === null && worker.jobSeeker && rng.bool(0.3)) {
    list.push({ date: worker.jobSeeker.since, type: 'ABONDEMENT', libelle: 'Abondement France Travail', cents: 50_000 });
  }
  for (const purchase of worker.purchases) {
    list.push({ date: purchase.date, type: 'ACHAT_FORMATION', libelle: `Achat : ${purchase.title}`, cents: -purchase.priceCents });
  }
  return list.sort((a, b) => a.date.localeCompare(b.date) || b.cents - a.cents);
}

export function regimeOf(worker: WorkerProfile): RegimeCpf {
  if (worker.disabled) return 'TRAVAILLEUR_HANDICAPE';
  if (worker.qualification === 'LOW') return 'BAS_NIVEAU_QUALIFICATION';
  return worker.career.at(-1)?.kind === 'INDEPENDENT' ? 'TRAVAILLEUR_INDEPENDANT' : 'DROIT_COMMUN';
}

function preventionOf(worker: WorkerProfile, rng: Rng): Dossier['c2p'] {
  if (worker.c2pFactors.length === 0 || worker.c2pSinceYear === null) return null;
  const acquisitions: NonNullable<Dossier['c2p']>['acquisitions'] = [];
  let total = 0;
  for (let year = worker.c2pSinceYear; year <= LAST_CREDITED_YEAR; year += 1) {
    // Before the 1 Sep 2023 reform, several factors earned 8 points a year at most and the career ceiling was 100.
    const perFactor = year < 2024 && worker.c2pFactors.length > 1 ? Math.floor(8 / worker.c2pFactors.length) : 4;
    for (const factor of worker.c2pFactors) {
      const points = year < 2024 ? Math.min(perFactor, Math.max(0, 100 - total)) : perFactor;
      total += points;
      acquisitions.push({ annee: year, facteur: FACTEURS[factor], points });
    }
  }
  const utilisations: NonNullable<Dossier['c2p']>['utilisations'] = [];
  if (worker.demo === null && total >= 30 && rng.bool(0.3)) utilisations.push({ date: '2025-09-01', usage: 'FORMATION', points: 10 });
  return { facteurs: worker.c2pFactors.map((factor) => FACTEURS[factor]), acquisitions, utilisations };
}

export function buildDossier(worker: WorkerProfile, seed: string): Dossier {
  const rng = new Rng(`${seed}:cdc:${worker.id}`);
  const regime = regimeOf(worker);
  const reinforced = regime === 'BAS_NIVEAU_QUALIFICATION' || regime === 'TRAVAILLEUR_HANDICAPE';
  const plafondCents = reinforced ? 800_000 : 500_000;
  let balance = 0;
  const mouvements: Mouvement[] = [];
  for (const event of events(worker, rng, reinforced)) {
    let cents = event.cents;
    if (event.capped) cents = Math.min(cents, Math.max(0, plafondCents - balance));
    // A purchase takes what the account holds; the holder paid the rest.
    if (event.type === 'ACHAT_FORMATION') cents = -Math.min(-cents, balance);
    if (cents === 0) continue;
    balance += cents;
    mouvements.push({ idMouvement: `${worker.id}-M${String(mouvements.length + 1).padStart(3, '0')}`, dateOperation: event.date, type: event.type, libelle: event.libelle, montantCents: cents });
    if (event.type === 'ACHAT_FORMATION' && worker.demo === null && rng.bool(0.1)) {
      balance -= cents;
      mouvements.push({ idMouvement: `${worker.id}-M${String(mouvements.length + 1).padStart(3, '0')}`, dateOperation: event.date, type: 'REMBOURSEMENT', libelle: `Annulation : ${event.libelle.replace(/^Achat : /, '')}`, montantCents: -cents });
    }
  }
  const cecActivities = worker.cec.length === 0 ? null : worker.cec;
  const cecCredited = new Map(mouvements.filter((m) => m.type === 'ALIMENTATION_CEC').map((m) => [m.libelle, m.montantCents]));
  return {
    idTitulaire: worker.id,
    regime,
    soldeCents: balance,
    plafondCents,
    alimentationAnnuelleCents: reinforced ? 80_000 : 50_000,
    mouvements: mouvements.reverse(),
    c2p: preventionOf(worker, rng),
    cec: cecActivities
      ? {
          activites: cecActivities.map((activity) => ({ ...activity, montantCents: cecCredited.get(`Compte d'engagement citoyen ${activity.year} — ${activity.organisation}`) ?? 0 })),
          acquisCents: [...cecCredited.values()].reduce((sum, cents) => sum + cents, 0),
        }
      : null,
    demandeurEmploi: worker.jobSeeker?.registered ?? false,
    titulaire: {
      dateNaissance: worker.birthDate,
      communeResidence: { codeInsee: worker.commune.insee, codePostal: worker.commune.postalCodes[0] ?? null, libelle: worker.commune.name },
    },
  };
}
