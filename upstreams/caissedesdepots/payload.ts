import type { Dossier, Mouvement } from './dossier.js';

/** Euros as the CDC writes money in its open data: decimal numbers with at most two decimals. */
const euros = (cents: number): number => cents / 100;

/** The `DroitsTitulaire` body (README.md § Droits d'un titulaire). */
export function droitsPayload(dossier: Dossier) {
  const c2p = dossier.c2p;
  const acquis = c2p ? c2p.acquisitions.reduce((sum, row) => sum + row.points, 0) : 0;
  const consommes = c2p ? c2p.utilisations.reduce((sum, row) => sum + row.points, 0) : 0;
  return {
    idTitulaire: dossier.idTitulaire,
    titulaire: dossier.titulaire,
    cpf: {
      solde: euros(dossier.soldeCents),
      plafond: euros(dossier.plafondCents),
      alimentationAnnuelle: euros(dossier.alimentationAnnuelleCents),
      regime: dossier.regime,
      devise: 'EUR',
      nombreMouvements: dossier.mouvements.length,
      dateDernierMouvement: dossier.mouvements[0]?.dateOperation ?? null,
    },
    c2p: c2p
      ? {
          pointsAcquis: acquis,
          pointsConsommes: consommes,
          pointsConsommesFormation: c2p.utilisations.filter((row) => row.usage === 'FORMATION').reduce((sum, row) => sum + row.points, 0),
          pointsDisponibles: acquis - consommes,
          facteurs: c2p.facteurs,
          acquisitions: c2p.acquisitions,
          utilisations: c2p.utilisations,
        }
      : null,
    cec: dossier.cec
      ? {
          montantAcquis: euros(dossier.cec.acquisCents),
          plafond: 720,
          activites: dossier.cec.activites.map((activity) => ({
            annee: activity.year,
            type: activity.kind,
            organisme: activity.organisation,
            heures: activity.hours,
            montantCredite: euros(activity.montantCents),
          })),
        }
      : null,
    situation: { demandeurEmploiInscrit: dossier.demandeurEmploi },
  };
}

export function mouvementPayload(mouvement: Mouvement) {
  return {
    idMouvement: mouvement.idMouvement,
    dateOperation: mouvement.dateOperation,
    type: mouvement.type,
    libelle: mouvement.libelle,
    montant: euros(mouvement.montantCents),
  };
}
