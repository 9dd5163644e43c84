import type { Cents } from './money.js';

/** CPF accrual regime (values match the GraphQL enum `CpfRegime`). */
export type CpfRegime = 'STANDARD' | 'LOW_QUALIFICATION' | 'DISABILITY' | 'INDEPENDENT' | 'ESAT';

export type ExposureFactor = 'NIGHT_WORK' | 'ALTERNATING_TEAMS' | 'REPETITIVE_WORK' | 'HYPERBARIC' | 'EXTREME_TEMPERATURES' | 'NOISE';

export type CivicActivityKind = 'VOLUNTEERING' | 'CIVIC_SERVICE' | 'MILITARY_RESERVE' | 'VOLUNTEER_FIREFIGHTER' | 'APPRENTICE_MENTOR';

export type PreventionUse = 'TRAINING' | 'PART_TIME' | 'RETIREMENT' | 'RECONVERSION';

export type MovementKind = 'HOURS_CONVERSION' | 'ACTIVITY_CREDIT' | 'CIVIC_ENGAGEMENT_CREDIT' | 'TOP_UP' | 'TRAINING_PURCHASE' | 'REFUND';

export interface Movement {
  id: string;
  date: string;
  kind: MovementKind;
  label: string;
  /** Signed: credits positive, debits negative. */
  amountCents: Cents;
}

export interface MovementPage {
  movements: Movement[];
  totalCount: number;
}

export interface CpfRights {
  balanceCents: Cents;
  regime: CpfRegime;
  movementCount: number;
}

export interface PreventionRights {
  pointsAcquired: number;
  pointsUsed: number;
  pointsUsedForTraining: number;
  pointsAvailable: number;
  exposures: ExposureFactor[];
  acquisitions: { year: number; factor: ExposureFactor; points: number }[];
  uses: { date: string; kind: PreventionUse; points: number }[];
  /** The holder's birth date (null when the CDC does not send it): R4163-13 reserves fewer points for those born before 1963. */
  holderBirthDate: string | null;
}

export interface CivicActivity {
  year: number;
  kind: CivicActivityKind;
  organisation: string;
  hours: number;
  creditedCents: Cents;
}

export interface CivicEngagementRights {
  activities: CivicActivity[];
  acquiredCents: Cents;
}

/** A commune, as the CDC records the holder's residence. */
export interface HomeCommune {
  inseeCode: string;
  postalCode: string | null;
  label: string;
}

/** One holder's rights as the Caisse des dépôts reports them, in domain terms. */
export interface WorkerRights {
  workerId: string;
  cpf: CpfRights;
  prevention: PreventionRights | null;
  civicEngagement: CivicEngagementRights | null;
  /** Registered job seeker: the CDC knows it, and it exempts the holder from the participation. */
  registeredJobSeeker: boolean;
  /** ISO birth date, when the CDC sends it: decides the C2P points reserved for training (R4163-13). */
  birthDate: string | null;
  /** Commune of residence, when the CDC sends it. */
  home: HomeCommune | null;
}

/** Read side of the CDC rights API. Unknown ids are absent from the map (not errors). */
export interface RightsRepository {
  rightsOf(workerIds: readonly string[]): Promise<Map<string, WorkerRights>>;
  movementsOf(workerId: string, offset: number, limit: number): Promise<MovementPage | null>;
}
