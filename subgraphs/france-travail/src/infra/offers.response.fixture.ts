/** The offer search example of upstreams.md §1.3, as published (placeholders `…` kept). */
export const docOfferSearchExample = {
  resultats: [
    {
      id: '132LKFB',
      intitule: 'Barman / Barmaid (H/F)',
      description: '…',
      dateCreation: '2021-10-28T14:01:33.000Z',
      dateActualisation: '2021-10-28T14:01:33.000Z',
      lieuTravail: { libelle: '51 - REIMS', latitude: 49.250859, longitude: 4.053047, codePostal: '51100', commune: '51454' },
      romeCode: 'I1401',
      romeLibelle: 'Maintenance informatique et bureautique',
      appellationlibelle: "Technicien(ne) d'…",
      entreprise: { nom: 'LE PLEIN AIR', description: '…', logo: 'https://…', url: 'https://…', entrepriseAdaptee: false, siret: '…' },
      typeContrat: 'CDD',
      typeContratLibelle: 'Contrat à durée déterminée - 6 Mois',
      natureContrat: 'Contrat travail',
      experienceExige: 'D',
      experienceLibelle: 'Débutant accepté',
      experienceCommentaire: '…',
      formations: [{ codeFormation: '…', domaineLibelle: '…', niveauLibelle: 'Bac ou équivalent', commentaire: 'Bac Pro Automobile', exigence: 'S' }],
      langues: [{ libelle: 'Anglais', exigence: 'S' }],
      permis: [{ libelle: 'B - Véhicule léger', exigence: 'E' }],
      outilsBureautiques: ['…'],
      competences: [{ code: '…', libelle: 'Réaliser la prescription médicale', exigence: 'E' }],
      salaire: { libelle: 'Mensuel de 1500 Euros sur 12 mois', commentaire: '…', complement1: '…', complement2: '…' },
      dureeTravailLibelle: '35H Horaires normaux',
      dureeTravailLibelleConverti: 'Temps plein',
      complementExercice: '…',
      conditionExercice: '…',
      alternance: false,
      contact: { nom: '…', coordonnees1: '…', telephone: '…', courriel: '…', urlPostulation: '…' },
      agence: { telephone: '…', courriel: '…' },
      nombrePostes: 1,
      accessibleTH: false,
      deplacementCode: '…',
      deplacementLibelle: '…',
      qualificationCode: '6',
      qualificationLibelle: 'Employé qualifié',
      codeNAF: '56.30Z',
      secteurActivite: '56',
      secteurActiviteLibelle: 'Débits de boissons',
      qualitesProfessionnelles: [{ libelle: '…', description: '…' }],
      trancheEffectifEtab: '…',
      origineOffre: { origine: '1', urlOrigine: 'https://candidat.francetravail.fr/offres/recherche/detail/132LKFB', partenaires: [{ nom: '…', url: '…', logo: '…' }] },
      offresManqueCandidats: false,
    },
  ],
  filtresPossibles: [
    { filtre: 'typeContrat', agregation: [{ valeurPossible: 'CDI', nbResultats: 150 }] },
    { filtre: 'experience', agregation: [{ valeurPossible: '1', nbResultats: 45 }] },
    { filtre: 'qualification', agregation: [{ valeurPossible: '0', nbResultats: 180 }] },
    { filtre: 'natureContrat', agregation: [{ valeurPossible: 'E1', nbResultats: 15 }] },
  ],
};

/** A search answer builder for client tests: `anOfferSearch({ resultats: [anOffer({ id: '1234567' })] })`. */
export function anOffer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...docOfferSearchExample.resultats[0], ...overrides };
}

export function anOfferSearch(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...docOfferSearchExample, ...overrides };
}
