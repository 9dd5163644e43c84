/** Token, La Bonne Boîte, Anotéa, outcome and job-seeker examples of upstreams.md §2 and §4, as published. */
export const docTokenExample = { scope: 'api_offresdemploiv2 o2dsoffre', expires_in: 1499, token_type: 'Bearer', access_token: '…' };
export const docTokenErrorExamples = [
  { error: 'invalid_client', error_description: 'Client authentication failed' },
  { error: 'invalid_scope', error_description: 'Unknown/invalid scope(s): [api_xxx]' },
  { error: 'unsupported_grant_type', error_description: 'Grant type is not supported: authorization_code_flow' },
];

export const docLbbExample = {
  hits: 1,
  items: [{ id: 17687, rome: 'M1203', siret: '21860066600018', email: 'yes', company_name: 'COMMUNE DE CHATELLERAULT', office_name: 'MAIRIE CHATELLERAULT',
    headcount_min: 250, headcount_max: 499, naf: '8411Z', naf_label: 'Administration publique générale',
    location: { lat: 46.81, lon: 0.54 }, city: 'Châtellerault', citycode: '86066', postcode: '86100',
    department: 'Vienne', region: 'Nouvelle-Aquitaine', department_number: '86', hiring_potential: 59.5344812, is_high_potential: false }],
  params: {},
  resolved_params: { jobs: [{ type: 'rome', value: 'I1308', display: '…' }], locations: [{ type: 'city', value: '38185', display: 'Grenoble' }] },
};

export const docAnoteaExample = {
  avis: [{ id: '…', date: '2019-03-01T…',
    notes: { accueil: 5, contenu_formation: 4, equipe_formateurs: 5, moyen_materiel: 4, accompagnement: 4, global: 4 },
    commentaire: { titre: '…', texte: '…' }, reponse: { texte: '…' },
    formation: { intitule: '…', domaine_formation: { formacodes: ['22403'] }, certifications: [{ certif_info: '78997' }],
      action: { lieu_de_formation: { code_postal: '75019', ville: 'Paris' }, organisme_financeurs: ['2'],
        organisme_formateur: { raison_sociale: '…', siret: '…', numero: '…' },
        session: { numero: '…', periode: { debut: '…', fin: '…' } } } } }],
  meta: { pagination: { page: 0, items_par_page: 50, total_items: 120, total_pages: 3 } },
};
export const docBoomExample = { statusCode: 400, error: 'Bad Request', message: '…' };

export const docOutcomeExample = {
  libIndicateur: '…', libTerritoire: '…',
  listeValeursParPeriode: [{ codePeriode: '2024T1', libPeriode: '…', codeTypeTerritoire: 'DEP', codeTerritoire: '38',
    libTerritoire: 'Isère', valeurPrincipaleTaux: 61.2, valeurPrincipaleNombre: 120, valeurPrincipaleDecimale: null,
    valeurPrincipalePourcentage: null, valeurSecondaireTaux: null, valeurSecondairePourcentage: null }],
};

export const docJobSeekerExample = {
  data: { identifiant: 'default',
    identite: { civilite: 'M.', nom_naissance: 'DUPONT', nom_usage: null, prenom: 'JEAN', sexe: 'Masculin', date_naissance: '1990-01-01' },
    contact: { email: '…', telephone: '0636656565', telephone2: null },
    adresse: { code_cog_insee_commune: '75107', code_postal: '75007', ligne_voie: '42 RUE DE LA PAIX', localite: '75001 PARIS' },
    inscription: { date_debut: '2020-01-01', date_fin: null, code_certification_cnav: 'VC',
      categorie: { code: 1, libelle: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS' } } },
  links: {}, meta: {},
};
export const docJobSeekerNotFoundExample = {
  errors: [{ code: '24003', title: 'Entité non trouvée', detail: "Aucune situation France Travail n'a pu être trouvée avec les critères de recherche fournis.", source: null, meta: { provider: 'France Travail' } }],
};
