import { eurosToCents } from '../domain/money.js';
import type { CivicActivityKind, CpfRegime, ExposureFactor, Movement, MovementKind, PreventionUse, WorkerRights } from '../domain/rights.js';
import type { DroitsTitulaire, PageMouvements } from './cdc-rights.response.js';

/** The CDC's French vocabulary stops here. */
const REGIMES: Record<DroitsTitulaire['cpf']['regime'], CpfRegime> = {
  DROIT_COMMUN: 'STANDARD',
  BAS_NIVEAU_QUALIFICATION: 'LOW_QUALIFICATION',
  TRAVAILLEUR_HANDICAPE: 'DISABILITY',
  TRAVAILLEUR_INDEPENDANT: 'INDEPENDENT',
  TRAVAILLEUR_ESAT: 'ESAT',
};

type C2p = NonNullable<DroitsTitulaire['c2p']>;
const FACTORS: Record<C2p['facteurs'][number], ExposureFactor> = {
  TRAVAIL_DE_NUIT: 'NIGHT_WORK',
  EQUIPES_SUCCESSIVES_ALTERNANTES: 'ALTERNATING_TEAMS',
  TRAVAIL_REPETITIF: 'REPETITIVE_WORK',
  MILIEU_HYPERBARE: 'HYPERBARIC',
  TEMPERATURES_EXTREMES: 'EXTREME_TEMPERATURES',
  BRUIT: 'NOISE',
};
const USES: Record<C2p['utilisations'][number]['usage'], PreventionUse> = {
  FORMATION: 'TRAINING',
  TEMPS_PARTIEL: 'PART_TIME',
  RETRAITE: 'RETIREMENT',
  RECONVERSION: 'RECONVERSION',
};

type Cec = NonNullable<DroitsTitulaire['cec']>;
const CIVIC_KINDS: Record<Cec['activites'][number]['type'], CivicActivityKind> = {
  BENEVOLAT_ASSOCIATIF: 'VOLUNTEERING',
  SERVICE_CIVIQUE: 'CIVIC_SERVICE',
  RESERVE_MILITAIRE: 'MILITARY_RESERVE',
  SAPEUR_POMPIER_VOLONTAIRE: 'VOLUNTEER_FIREFIGHTER',
  MAITRE_APPRENTISSAGE: 'APPRENTICE_MENTOR',
};

const MOVEMENT_KINDS: Record<PageMouvements['mouvements'][number]['type'], MovementKind> = {
  CONVERSION_HEURES: 'HOURS_CONVERSION',
  ALIMENTATION_ACTIVITE: 'ACTIVITY_CREDIT',
  ALIMENTATION_CEC: 'CIVIC_ENGAGEMENT_CREDIT',
  ABONDEMENT: 'TOP_UP',
  ACHAT_FORMATION: 'TRAINING_PURCHASE',
  REMBOURSEMENT: 'REFUND',
};

export function toWorkerRights(payload: DroitsTitulaire): WorkerRights {
  const { c2p, cec } = payload;
  const commune = payload.titulaire?.communeResidence ?? null;
  return {
    workerId: payload.idTitulaire,
    cpf: { balanceCents: eurosToCents(payload.cpf.solde), regime: REGIMES[payload.cpf.regime], movementCount: payload.cpf.nombreMouvements },
    prevention: c2p
      ? {
          pointsAcquired: c2p.pointsAcquis,
          pointsUsed: c2p.pointsConsommes,
          pointsUsedForTraining: c2p.pointsConsommesFormation,
          pointsAvailable: c2p.pointsDisponibles,
          exposures: c2p.facteurs.map((factor) => FACTORS[factor]),
          acquisitions: c2p.acquisitions.map((row) => ({ year: row.annee, factor: FACTORS[row.facteur], points: row.points })),
          uses: c2p.utilisations.map((row) => ({ date: row.date, kind: USES[row.usage], points: row.points })),
          holderBirthDate: payload.titulaire?.dateNaissance ?? null,
        }
      : null,
    civicEngagement: cec
      ? {
          acquiredCents: eurosToCents(cec.montantAcquis),
          activities: cec.activites.map((row) => ({
            year: row.annee,
            kind: CIVIC_KINDS[row.type],
            organisation: row.organisme,
            hours: row.heures,
            creditedCents: eurosToCents(row.montantCredite),
          })),
        }
      : null,
    registeredJobSeeker: payload.situation.demandeurEmploiInscrit,
    birthDate: payload.titulaire?.dateNaissance ?? null,
    home: commune ? { inseeCode: commune.codeInsee, postalCode: commune.codePostal, label: commune.libelle } : null,
  };
}

export function toMovements(page: PageMouvements): Movement[] {
  return page.mouvements.map((row) => ({
    id: row.idMouvement,
    date: row.dateOperation,
    kind: MOVEMENT_KINDS[row.type],
    label: row.libelle,
    amountCents: eurosToCents(row.montant),
  }));
}
