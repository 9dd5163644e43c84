/** ROME 4.0 examples of upstreams.md §3.1–3.2, as published. */
export const docMetierListExample = [{ code: 'M1805', libelle: 'Études et développement informatique' }];

export const docMetierExample = {
  obsolete: false, code: 'A1201', libelle: 'Bûcheronnage et élagage', definition: '…', accesEmploi: '…',
  riasecMajeur: 'R', riasecMineur: 'C', codeIsco: '6210', label: 'A1201',
  emploiCadre: false, emploiReglemente: false, transitionEcologique: false, transitionEcologiqueDetaillee: 'EMPLOI_VERT',
  transitionNumerique: false, transitionDemographique: false,
  domaineProfessionnel: { code: 'A12', libelle: '…', grandDomaine: { code: 'A', libelle: '…' } },
  appellations: [{ code: '…', libelle: '…', libelleCourt: '…', classification: '…', competencesCles: [] }],
  themes: [{ code: '12', libelle: '…' }], centresInterets: [], secteursActivites: [{ code: '…', libelle: '…', secteurActivite: {} }],
  competencesMobilisees: [{ type: 'COMPETENCE-DETAILLEE', code: '100007', libelle: 'Techniques de soudage', codeOgr: '…', riasecMajeur: 'R', riasecMineur: 'I' }],
  competencesMobiliseesPrincipales: [], competencesMobiliseesEmergentes: [],
  divisionsNaf: [{ code: '…', libelle: '…' }], formacodes: [{ code: '…', libelle: '…' }],
  contextesTravail: [{ code: '…', libelle: '…', categorie: '…' }],
};

export const docFicheExample = {
  code: 'A1101', obsolete: false,
  metier: { code: 'A1101', libelle: "Conducteur / Conductrice d'engins agricoles" },
  groupesCompetencesMobilisees: [
    { enjeu: { code: '15', libelle: 'Aménagement' },
      competences: [{ type: 'COMPETENCE-DETAILLEE', code: '1', libelle: "Contrôler l'état d'une plantation" },
                    { type: 'MACRO-SAVOIR-FAIRE', code: '3', libelle: 'Préparer du matériel' }] },
  ],
  groupesSavoirs: [{ categorieSavoirs: { code: '…', libelle: '…' }, savoirs: [{ code: '…', libelle: '…' }] }],
};

export const docFicheListExample = [{ code: 'A1101', metier: { code: 'A1101', libelle: '…' } }];
