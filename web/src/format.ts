/** French formatting of the graph's values (money in cents, ISO dates) and labels of its enums. */
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const dates = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export function formatMoney(money: { cents: number } | null | undefined): string {
  return money ? euros.format(money.cents / 100) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'date inconnue';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : dates.format(date);
}

export const MOVEMENT_KIND: Record<string, string> = {
  ACTIVITY_CREDIT: 'Alimentation (activité)',
  CIVIC_ENGAGEMENT_CREDIT: "Compte d'engagement citoyen",
  HOURS_CONVERSION: 'Conversion des heures DIF',
  REFUND: 'Remboursement',
  TOP_UP: 'Abondement',
  TRAINING_PURCHASE: 'Achat de formation',
};

export const REGIME: Record<string, string> = {
  STANDARD: 'Droit commun (500 € par an, plafond 5 000 €)',
  LOW_QUALIFICATION: 'Sans qualification de niveau 3 (800 € par an, plafond 8 000 €)',
  DISABILITY: 'Travailleur handicapé (800 € par an, plafond 8 000 €)',
  INDEPENDENT: 'Travailleur indépendant (500 € par an, plafond 5 000 €)',
};

export const EXPOSURE: Record<string, string> = {
  ALTERNATING_TEAMS: 'Équipes successives alternantes',
  EXTREME_TEMPERATURES: 'Températures extrêmes',
  HYPERBARIC: 'Milieu hyperbare',
  NIGHT_WORK: 'Travail de nuit',
  NOISE: 'Bruit',
  REPETITIVE_WORK: 'Travail répétitif',
};

export const CIVIC_KIND: Record<string, string> = {
  APPRENTICE_MENTOR: "Maître d'apprentissage",
  CIVIC_SERVICE: 'Service civique',
  MILITARY_RESERVE: 'Réserve militaire',
  VOLUNTEERING: 'Bénévolat associatif',
  VOLUNTEER_FIREFIGHTER: 'Sapeur-pompier volontaire',
};

export const MODALITY: Record<string, string> = { IN_PERSON: 'En présentiel', REMOTE: 'À distance', BLENDED: 'Mixte' };

export const ACTIVITY_KIND: Record<string, string> = {
  FULL_TIME: 'Salarié à temps plein',
  PART_TIME: 'Salarié à temps partiel',
  FIXED_TERM: 'Contrats courts (CDD)',
  INDEPENDENT: 'Travailleur indépendant',
  UNEMPLOYED: "Demandeur d'emploi",
  INACTIVE: 'Sans activité',
};

export const EXEMPTION: Record<string, string> = {
  EMPLOYER_TOP_UP: 'abondement employeur',
  JOB_SEEKER: "demandeur d'emploi inscrit",
  NOT_IN_FORCE: 'règle pas encore en vigueur',
};

export const CONTRACT: Record<string, string> = { CDI: 'CDI', CDD: 'CDD', MIS: 'Intérim', SAI: 'Saisonnier', OTHER: 'Autre contrat' };

/** French labels of the inputs an amount's explanation lists (the graph names them in English). */
export const EXPLANATION_INPUT: Record<string, string> = {
  acquiredCents: 'Déjà acquis au CEC',
  action: "Nature de l'action",
  balanceBeforeCents: "Solde en début d'année",
  balanceCents: 'Solde du CPF',
  capCents: 'Plafond par action',
  ceilingCents: 'Plafond du CPF',
  cpfBalanceCents: 'Solde du CPF utilisable',
  cpfEligible: 'Éligible au CPF',
  date: 'Date de référence',
  earnedCents: "Crédit acquis dans l'année",
  employeeHours: 'Heures salariées',
  employerTopUpCents: 'Abondement employeur',
  esat: 'Admission en ESAT',
  independentShare: "Part de l'année en indépendant",
  occupationalInjuryTopUpCents: 'Abondement accident du travail',
  participationCents: 'Participation forfaitaire',
  pointsAvailable: 'Points C2P disponibles',
  pointValueCents: "Valeur d'un point C2P",
  preventionPoints: 'Points C2P utilisés',
  priceCents: 'Prix de la formation',
  regime: "Régime d'alimentation",
  registeredJobSeeker: "Inscrit comme demandeur d'emploi",
  year: 'Année',
};

export const TRANSITION_ORDER: Record<string, string> = {
  REMAINING_COST: 'Reste à payer',
  START_DATE: 'Date de début',
  DISTANCE: 'Distance',
  RETURN_TO_WORK_RATE: "Taux de retour à l'emploi",
};
