import { Rng } from '../data/prng.js';
import type { World } from '../data/world.js';

/** The 14 grands domaines of the ROME (real labels). */
export const GRANDS_DOMAINES: Record<string, string> = {
  A: 'Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux',
  B: "Arts et Façonnage d'ouvrages d'art",
  C: 'Banque, Assurance, Immobilier',
  D: 'Commerce, Vente et Grande distribution',
  E: 'Communication, Média et Multimédia',
  F: 'Construction, Bâtiment et Travaux publics',
  G: 'Hôtellerie-Restauration, Tourisme, Loisirs et Animation',
  H: 'Industrie',
  I: 'Installation et Maintenance',
  J: 'Santé',
  K: 'Services à la personne et à la collectivité',
  L: 'Spectacle',
  M: "Support à l'entreprise",
  N: 'Transport et Logistique',
};

const ENJEUX = [
  { code: '10', libelle: "Organisation de l'activité" },
  { code: '11', libelle: 'Relation client' },
  { code: '12', libelle: 'Qualité, sécurité, environnement' },
  { code: '13', libelle: 'Production et réalisation' },
  { code: '14', libelle: 'Gestion et pilotage' },
  { code: '15', libelle: 'Aménagement' },
];
const SKILL_VERBS = ['Réaliser', 'Contrôler', 'Préparer', 'Organiser', 'Vérifier', 'Planifier', 'Conseiller sur', 'Assurer le suivi de'];
const SKILL_OBJECTS = ['les opérations courantes', 'la conformité des travaux', 'le matériel et les équipements', 'son poste de travail', 'les consignes de sécurité', "l'activité de l'équipe", 'les besoins du client', 'la traçabilité des interventions'];
const SOFT_SKILLS = ['Travailler en équipe', "Faire preuve d'autonomie", 'Être rigoureux', "Faire preuve de curiosité", 'Gérer son stress', "S'adapter aux changements"];
const TITLE_PATTERNS = [
  (label: string) => `Agent / Agente ${of(label)}`,
  (label: string) => `Technicien / Technicienne en ${label}`,
  (label: string) => `Responsable ${label}`,
  (label: string) => `Chef / Cheffe d'équipe ${of(label)}`,
  (label: string) => `Assistant / Assistante ${label}`,
  (label: string) => `Conseiller / Conseillère en ${label}`,
];

export interface RomeSkill {
  type: string;
  code: string;
  libelle: string;
  enjeu: { code: string; libelle: string };
}

/** One ROME 4.0 métier as the simulator knows it; rendered by the Métiers and Fiches métiers routes. */
export interface RomeMetier {
  code: string;
  libelle: string;
  definition: string;
  accesEmploi: string;
  domaineProfessionnel: { code: string; libelle: string; grandDomaine: { code: string; libelle: string } };
  appellations: { code: string; libelle: string; libelleCourt: string }[];
  skills: RomeSkill[];
  formacodes: { code: string; libelle: string }[];
  proximite: { code: string; libelle: string }[];
  emploiCadre: boolean;
  riasecMajeur: string;
  riasecMineur: string;
}

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
/** « de » elides before a vowel or a mute h: « d'assistance », « de maintenance ». */
const of = (label: string) => (/^[aeiouyhâàéèêîôû]/i.test(label) ? `d'${label}` : `de ${label}`);

/**
 * Builds the ROME 4.0 referential from the real codes and labels; appellations, skills and
 * definitions are generated (plausible, deterministic). Proximity = codes of the same domaine
 * professionnel plus one or two of another domain, as real mobility links cross domains.
 */
export function buildRomeMetiers(world: World): Map<string, RomeMetier> {
  const rng = new Rng(`${world.seed}:rome`);
  const byDomain = new Map<string, string[]>();
  for (const rome of world.refs.rome) {
    const domain = rome.code.slice(0, 3);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), rome.code]);
  }
  const formacodesByRome = new Map<string, Set<string>>();
  for (const certification of world.certifications) {
    for (const rome of certification.romeCodes) {
      const set = formacodesByRome.get(rome) ?? new Set<string>();
      for (const formacode of certification.formacodes) set.add(formacode);
      formacodesByRome.set(rome, set);
    }
  }
  const leafFormacodes = world.refs.formacodes.filter((formacode) => formacode.genericCode !== null);
  const labelOf = (code: string) => world.refs.romeByCode.get(code)?.label ?? code;
  const metiers = new Map<string, RomeMetier>();
  let appellationCode = 10000;
  let skillCode = 100000;
  for (const rome of world.refs.rome) {
    const own = rng.fork(rome.code);
    const domainCode = rome.code.slice(0, 3);
    const grand = rome.code.charAt(0);
    const sameDomain = (byDomain.get(domainCode) ?? []).filter((code) => code !== rome.code);
    const crossDomain = own.sample(world.refs.rome, 2).map((item) => item.code).filter((code) => code !== rome.code && !sameDomain.includes(code));
    const proximity = [...own.sample(sameDomain, own.int(2, 4)), ...crossDomain.slice(0, own.int(1, 2))];
    const label = lower(rome.label);
    const appellations = own.sample(TITLE_PATTERNS, own.int(3, 6)).map((pattern) => {
      appellationCode += 1;
      const libelle = pattern(label);
      return { code: String(appellationCode), libelle, libelleCourt: libelle.replace(/ \/ [^ ]+/, '') };
    });
    const skills: RomeSkill[] = [];
    for (let index = 0; index < own.int(5, 9); index += 1) {
      skillCode += 1;
      skills.push({
        type: index < 2 ? 'MACRO-SAVOIR-FAIRE' : 'COMPETENCE-DETAILLEE',
        code: String(skillCode),
        libelle: index === 0 ? `Réaliser les activités ${of(label)}` : `${own.pick(SKILL_VERBS)} ${own.pick(SKILL_OBJECTS)}`,
        enjeu: own.pick(ENJEUX),
      });
    }
    skillCode += 1;
    skills.push({ type: 'MACRO-SAVOIR-ETRE-PROFESSIONNEL', code: String(skillCode), libelle: own.pick(SOFT_SKILLS), enjeu: { code: '16', libelle: 'Savoir-être professionnels' } });
    const knownFormacodes = [...(formacodesByRome.get(rome.code) ?? [])].slice(0, 4);
    const formacodes = (knownFormacodes.length > 0 ? knownFormacodes : own.sample(leafFormacodes, own.int(1, 3)).map((item) => item.code)).map((code) => ({
      code,
      libelle: world.refs.formacodeByCode.get(code)?.label ?? code,
    }));
    const firstOfDomain = byDomain.get(domainCode)?.[0] ?? rome.code;
    metiers.set(rome.code, {
      code: rome.code,
      libelle: rome.label,
      definition: `Réalise les activités ${of(label)} selon les règles de l'art, les normes de sécurité et les consignes de l'entreprise. Peut coordonner une équipe et être en contact avec la clientèle.`,
      accesEmploi: `Cet emploi est accessible avec un diplôme de niveau CAP/BEP à Bac+2 dans le domaine ${of(label)}. Il est également accessible avec une expérience professionnelle dans ce secteur.`,
      domaineProfessionnel: { code: domainCode, libelle: labelOf(firstOfDomain), grandDomaine: { code: grand, libelle: GRANDS_DOMAINES[grand] ?? grand } },
      appellations,
      skills,
      formacodes,
      proximite: proximity.map((code) => ({ code, libelle: labelOf(code) })),
      emploiCadre: own.bool(0.2),
      riasecMajeur: own.pick(['R', 'I', 'A', 'S', 'E', 'C']),
      riasecMineur: own.pick(['R', 'I', 'A', 'S', 'E', 'C']),
    });
  }
  return metiers;
}

/** The full métier object of `GET /metiers/metier/{code}` (upstreams.md §3.1). */
export function renderMetier(metier: RomeMetier): Record<string, unknown> {
  return {
    obsolete: false,
    code: metier.code,
    libelle: metier.libelle,
    definition: metier.definition,
    accesEmploi: metier.accesEmploi,
    riasecMajeur: metier.riasecMajeur,
    riasecMineur: metier.riasecMineur,
    codeIsco: null,
    label: metier.code,
    emploiCadre: metier.emploiCadre,
    emploiReglemente: false,
    transitionEcologique: false,
    transitionNumerique: false,
    transitionDemographique: false,
    domaineProfessionnel: metier.domaineProfessionnel,
    appellations: metier.appellations.map((appellation) => ({ ...appellation, classification: 'PRINCIPALE', competencesCles: [] })),
    themes: [],
    centresInterets: [],
    secteursActivites: [],
    competencesMobilisees: metier.skills.map(({ type, code, libelle }) => ({ type, code, libelle })),
    competencesMobiliseesPrincipales: metier.skills.slice(0, 3).map(({ type, code, libelle }) => ({ type, code, libelle })),
    competencesMobiliseesEmergentes: [],
    divisionsNaf: [],
    formacodes: metier.formacodes,
    contextesTravail: [],
  };
}

/** The fiche of `GET /fiches-rome/fiche-metier/{code}` (upstreams.md §3.2): skills grouped by enjeu. */
export function renderFiche(metier: RomeMetier): Record<string, unknown> {
  const groups = new Map<string, { enjeu: { code: string; libelle: string }; competences: { type: string; code: string; libelle: string }[] }>();
  for (const skill of metier.skills) {
    const group = groups.get(skill.enjeu.code) ?? { enjeu: skill.enjeu, competences: [] };
    group.competences.push({ type: skill.type, code: skill.code, libelle: skill.libelle });
    groups.set(skill.enjeu.code, group);
  }
  return {
    code: metier.code,
    obsolete: false,
    metier: { code: metier.code, libelle: metier.libelle },
    groupesCompetencesMobilisees: [...groups.values()],
    groupesSavoirs: [{ categorieSavoirs: { code: '1', libelle: 'Domaines d\'expertise' }, savoirs: metier.formacodes.map(({ code, libelle }) => ({ code, libelle })) }],
  };
}
