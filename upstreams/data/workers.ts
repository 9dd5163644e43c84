import type { Rng } from './prng.js';
import type { CommuneReference, References } from './references.js';

/** C2P exposure factors (Code du travail, art. L4163-1 since 2017). */
export const C2P_FACTORS = ['NIGHT_WORK', 'ALTERNATING_TEAMS', 'REPETITIVE_WORK', 'HYPERBARIC', 'EXTREME_TEMPERATURES', 'NOISE'] as const;
export type C2pFactor = (typeof C2P_FACTORS)[number];

export type EmploymentKind = 'EMPLOYEE' | 'INDEPENDENT' | 'JOB_SEEKER' | 'INACTIVE';

/** One calendar year of activity: what the CPF credit for that year is computed from. */
export interface ActivityYear {
  year: number;
  kind: EmploymentKind;
  /** Share of the legal working time worked over the year (1 = full time). */
  workingTimeRatio: number;
}

export interface CecActivity {
  year: number;
  kind: 'BENEVOLAT_ASSOCIATIF' | 'SERVICE_CIVIQUE' | 'RESERVE_MILITAIRE' | 'SAPEUR_POMPIER_VOLONTAIRE' | 'MAITRE_APPRENTISSAGE';
  hours: number;
  organisation: string;
}

export interface TrainingPurchase {
  date: string;
  title: string;
  priceCents: number;
}

export interface JobSeekerProfile {
  registered: boolean;
  /** Catégorie d'inscription (1–5 in API Particulier; A–E in everyday use). */
  category: 'A' | 'B' | 'C' | 'D' | 'E';
  since: string;
  soughtRome: string;
  allowance: { kind: 'ARE' | 'ASS' | 'AREF'; dailyAmountCents: number; endDate: string } | null;
}

export interface WorkerProfile {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  commune: CommuneReference;
  /** LOW: no level-3 certification (800 €/year regime). */
  qualification: 'LOW' | 'STANDARD';
  disabled: boolean;
  /** Years 2019–2025, oldest first: the CPF has been credited in euros since 2019. */
  career: ActivityYear[];
  c2pFactors: C2pFactor[];
  c2pSinceYear: number | null;
  cec: CecActivity[];
  purchases: TrainingPurchase[];
  jobSeeker: JobSeekerProfile | null;
  /** Demo workers are fixed and documented: what makes each one interesting. */
  demo: { label: string; why: string } | null;
}

const FIRST = ['Camille', 'Nadia', 'Karim', 'Léa', 'Thomas', 'Inès', 'Yann', 'Sophie', 'Mamadou', 'Chloé', 'Hugo', 'Aïcha', 'Julien', 'Emma', 'Lucas', 'Manon'];
const LAST = ['Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Diallo', 'Nguyen', 'Garcia', 'Roux', 'Fournier', 'Girard', 'Haddad', 'Lefèvre'];
const CEC_ORGS = ['Restos du Cœur', 'Secours populaire', 'Croix-Rouge française', 'Association sportive locale', 'Banque alimentaire'];

interface DemoSpec {
  label: string;
  why: string;
  insee: string;
  qualification: WorkerProfile['qualification'];
  disabled?: boolean;
  career: (year: number) => Omit<ActivityYear, 'year'>;
  c2p?: C2pFactor[];
  cec?: Omit<CecActivity, 'organisation'>[];
  purchases?: TrainingPurchase[];
  jobSeeker?: Omit<JobSeekerProfile, 'registered'>;
}

const full = (): Omit<ActivityYear, 'year'> => ({ kind: 'EMPLOYEE', workingTimeRatio: 1 });

const DEMOS: DemoSpec[] = [
  { label: 'Full-time employee, balance above typical prices', why: 'Seven years full time: the CPF is at the 5,000 € ceiling, so most trainings are covered except the flat participation.', insee: '69123', qualification: 'STANDARD', career: full },
  { label: 'Low-qualification employee near the ceiling', why: 'No level-3 certification: 800 €/year up to 8,000 €; close to the ceiling, so the projection shows the cap.', insee: '59350', qualification: 'LOW', career: full },
  { label: 'Night-shift worker with C2P points', why: 'Exposed to night work and alternating teams since 2019: C2P points usable for training after the CPF.', insee: '13055', qualification: 'STANDARD', career: full, c2p: ['NIGHT_WORK', 'ALTERNATING_TEAMS'], purchases: [{ date: '2023-03-14', title: 'Permis C — transport de marchandises', priceCents: 260000 }] },
  { label: 'Volunteer with CEC credits', why: 'Declared volunteering (≥ 200 h/year) three years running: 720 € of CEC credited to the CPF, at the CEC ceiling.', insee: '35238', qualification: 'STANDARD', career: (year) => ({ kind: 'EMPLOYEE', workingTimeRatio: year < 2022 ? 1 : 0.8 }), cec: [{ year: 2021, kind: 'BENEVOLAT_ASSOCIATIF', hours: 220 }, { year: 2022, kind: 'BENEVOLAT_ASSOCIATIF', hours: 240 }, { year: 2023, kind: 'SERVICE_CIVIQUE', hours: 900 }] },
  { label: 'Registered job seeker with allowance', why: 'Category A with ARE: exempt from the flat participation; recommended offers for the sought occupation.', insee: '33063', qualification: 'STANDARD', career: (year) => (year >= 2024 ? { kind: 'JOB_SEEKER', workingTimeRatio: 0 } : full()), jobSeeker: { category: 'A', since: '2024-02-05', soughtRome: 'M1805', allowance: { kind: 'ARE', dailyAmountCents: 5843, endDate: '2026-12-31' } } },
  { label: 'Registered job seeker without allowance', why: 'Category B, no allowance rights: still exempt from the participation as a registered job seeker.', insee: '31555', qualification: 'LOW', career: (year) => (year >= 2023 ? { kind: 'JOB_SEEKER', workingTimeRatio: 0 } : { kind: 'EMPLOYEE', workingTimeRatio: 0.5 }), jobSeeker: { category: 'B', since: '2023-06-19', soughtRome: 'K1304', allowance: null } },
  { label: 'Independent worker', why: 'Self-employed since 2020: credited 500 €/year when the contribution to training was paid.', insee: '44109', qualification: 'STANDARD', career: (year) => (year >= 2020 ? { kind: 'INDEPENDENT', workingTimeRatio: 1 } : full()) },
  { label: 'Part-time employee at 40 %', why: 'Below half of the legal working time: credited pro rata (40 % of 500 €), a typical atypical career.', insee: '67482', qualification: 'STANDARD', career: () => ({ kind: 'EMPLOYEE', workingTimeRatio: 0.4 }) },
  { label: 'Young worker with a small balance', why: 'Started work in 2024: the balance is below typical training prices, so the funding plan leaves a remainder.', insee: '06088', qualification: 'STANDARD', career: (year) => (year >= 2024 ? full() : { kind: 'INACTIVE', workingTimeRatio: 0 }) },
  { label: 'Worker with a disability', why: 'Recognised disability (OETH): 800 €/year up to 8,000 €, like low qualification.', insee: '34172', qualification: 'STANDARD', disabled: true, career: full, purchases: [{ date: '2022-09-01', title: 'Bureautique — TOSA Excel', priceCents: 99000 }] },
];

export const CAREER_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

export function workerId(index: number): string {
  return `W${String(index + 1).padStart(6, '0')}`;
}

export function buildWorkers(rng: Rng, refs: References, pickCommune: (rng: Rng) => CommuneReference): WorkerProfile[] {
  const workers: WorkerProfile[] = [];
  const communeOf = (insee: string): CommuneReference => {
    const commune = refs.communeByInsee.get(insee);
    if (!commune) throw new Error(`demo commune ${insee} missing from data/reference/communes.csv`);
    return commune;
  };
  DEMOS.forEach((demo, index) => {
    workers.push({
      id: workerId(index),
      firstName: FIRST[index % FIRST.length] ?? 'Camille',
      lastName: LAST[index % LAST.length] ?? 'Martin',
      birthDate: `${1975 + index * 3}-0${(index % 9) + 1}-15`,
      commune: communeOf(demo.insee),
      qualification: demo.qualification,
      disabled: demo.disabled ?? false,
      career: CAREER_YEARS.map((year) => ({ year, ...demo.career(year) })),
      c2pFactors: demo.c2p ?? [],
      c2pSinceYear: demo.c2p ? 2019 : null,
      cec: (demo.cec ?? []).map((activity, cecIndex) => ({ ...activity, organisation: CEC_ORGS[cecIndex % CEC_ORGS.length] ?? 'Association' })),
      purchases: demo.purchases ?? [],
      jobSeeker: demo.jobSeeker ? { registered: true, ...demo.jobSeeker } : null,
      demo: { label: demo.label, why: demo.why },
    });
  });
  for (let index = DEMOS.length; index < 2000; index += 1) workers.push(randomWorker(rng, refs, pickCommune, index));
  return workers;
}

function randomWorker(rng: Rng, refs: References, pickCommune: (rng: Rng) => CommuneReference, index: number): WorkerProfile {
  const startYear = rng.pick([2010, 2015, 2019, 2019, 2020, 2021, 2022, 2023, 2024]);
  const independent = rng.bool(0.1);
  const partTime = rng.bool(0.18) ? rng.pick([0.3, 0.4, 0.5, 0.6, 0.8]) : 1;
  const unemployedFrom = rng.bool(0.15) ? rng.int(2020, 2025) : null;
  const career = CAREER_YEARS.map((year): ActivityYear => {
    if (year < startYear) return { year, kind: 'INACTIVE', workingTimeRatio: 0 };
    if (unemployedFrom !== null && year >= unemployedFrom) return { year, kind: 'JOB_SEEKER', workingTimeRatio: 0 };
    return { year, kind: independent ? 'INDEPENDENT' : 'EMPLOYEE', workingTimeRatio: partTime };
  });
  const exposed = rng.bool(0.08);
  const c2pFactors = exposed ? rng.sample([...C2P_FACTORS], rng.int(1, 2)) : [];
  const cec: CecActivity[] = rng.bool(0.06)
    ? [{ year: rng.int(2019, 2024), kind: 'BENEVOLAT_ASSOCIATIF', hours: rng.int(200, 400), organisation: rng.pick(CEC_ORGS) }]
    : [];
  const purchases: TrainingPurchase[] = rng.bool(0.25)
    ? [{ date: `${rng.int(2020, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, title: 'Formation certifiante', priceCents: rng.int(4, 30) * 10000 }]
    : [];
  const registered = unemployedFrom !== null;
  return {
    id: workerId(index),
    firstName: rng.pick(FIRST),
    lastName: rng.pick(LAST),
    birthDate: `${rng.int(1962, 2005)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    commune: pickCommune(rng),
    qualification: rng.bool(0.2) ? 'LOW' : 'STANDARD',
    disabled: rng.bool(0.04),
    career,
    c2pFactors,
    c2pSinceYear: exposed ? rng.int(2019, 2024) : null,
    cec,
    purchases,
    jobSeeker: registered
      ? {
          registered: true,
          category: rng.pick(['A', 'A', 'A', 'B', 'C', 'D', 'E'] as const),
          since: `${unemployedFrom}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          soughtRome: rng.pick(refs.rome).code,
          allowance: rng.bool(0.6) ? { kind: rng.pick(['ARE', 'ARE', 'ASS', 'AREF'] as const), dailyAmountCents: rng.int(3200, 9800), endDate: `${rng.int(2026, 2028)}-06-30` } : null,
        }
      : null,
    demo: null,
  };
}
