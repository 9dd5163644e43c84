import type { Rng } from './prng.js';
import type { References } from './references.js';

export interface CertificationProfile {
  /** `RNCP12345` or `RS1234`, prefix included, as France Compétences writes `Numero_Fiche`. */
  code: string;
  kind: 'RNCP' | 'RS';
  title: string;
  /** Abbreviated diploma kind (CAP, BTS, TP…), RNCP only. */
  abbreviation: string | null;
  /** EU level 3–8 for RNCP; null for RS. */
  level: number | null;
  active: boolean;
  romeCodes: string[];
  formacodes: string[];
  certifier: { siret: string; name: string };
  blocks: { code: string; label: string }[];
  /** Certif Info number used by Carif-Oref and Anotéa. */
  certifInfo: string;
  registrationType: 'Enregistrement de droit' | 'Enregistrement sur demande';
  /** Registration end, ISO date. */
  endDate: string;
}

const RNCP_KINDS = [
  { abbreviation: 'CAP', level: 3 }, { abbreviation: 'BP', level: 4 }, { abbreviation: 'BAC PRO', level: 4 },
  { abbreviation: 'TP', level: 3 }, { abbreviation: 'TP', level: 4 }, { abbreviation: 'TP', level: 5 },
  { abbreviation: 'BTS', level: 5 }, { abbreviation: 'BUT', level: 6 }, { abbreviation: 'LP', level: 6 },
  { abbreviation: 'MASTER', level: 7 }, { abbreviation: 'TITRE RNCP', level: 6 }, { abbreviation: 'TITRE RNCP', level: 7 },
] as const;

const CERTIFIERS = [
  { siret: '11004301500012', name: "MINISTERE DE L'EDUCATION NATIONALE ET DE LA JEUNESSE" },
  { siret: '11000007200014', name: 'MINISTERE DU TRAVAIL, DU PLEIN EMPLOI ET DE L\'INSERTION' },
  { siret: '13001727000401', name: "MINISTERE DE L'ENSEIGNEMENT SUPERIEUR ET DE LA RECHERCHE" },
  { siret: '78466840200018', name: 'CONFEDE. NATIONALE BOULANGERS PATISSIERS' },
  { siret: '79279132900016', name: 'SIMPLON.CO' },
  { siret: '82948645500019', name: 'ESCAIA' },
];

const KIND_TITLES: Record<string, string> = {
  CAP: "Certificat d'aptitude professionnelle",
  BP: 'Brevet professionnel',
  'BAC PRO': 'Baccalauréat professionnel',
  TP: 'Titre professionnel',
  BTS: 'Brevet de technicien supérieur',
  BUT: 'Bachelor universitaire de technologie',
  LP: 'Licence professionnelle',
  MASTER: 'Master',
  'TITRE RNCP': 'Titre certifié',
};

/** Codes of the real France Compétences sample (data/reference/france-competences-sample), kept out of the generated range. */
const RESERVED = new Set(['RNCP509', 'RNCP1197', 'RNCP4049', 'RNCP22094', 'RNCP28155', 'RNCP30271', 'RNCP19468', 'RS5000', 'RS6117']);

export function buildCertifications(rng: Rng, refs: References): CertificationProfile[] {
  const out: CertificationProfile[] = [];
  const used = new Set<string>(RESERVED);
  const leafFormacodes = refs.formacodes.filter((formacode) => formacode.genericCode !== null);
  for (let index = 0; index < 1000; index += 1) {
    const isRs = index % 4 === 3;
    let code: string;
    do code = isRs ? `RS${rng.int(5001, 6999)}` : `RNCP${rng.int(30000, 39999)}`;
    while (used.has(code));
    used.add(code);
    // A certification leads to a few occupations of one professional domain (same 3-character ROME prefix).
    const first = rng.pick(refs.rome);
    const sameDomain = refs.rome.filter((rome) => rome.code !== first.code && rome.code.slice(0, 3) === first.code.slice(0, 3));
    const romes = [first, ...rng.sample(sameDomain, rng.int(0, 2))];
    const formacodes = rng.sample(leafFormacodes, rng.int(1, 3));
    const mainRome = romes[0];
    const mainFormacode = formacodes[0];
    if (!mainRome || !mainFormacode) throw new Error('reference data is empty');
    const kind = rng.pick(RNCP_KINDS);
    const title = isRs
      ? `Certificat de compétences — ${mainRome.label.toLowerCase()}`
      : `${KIND_TITLES[kind.abbreviation] ?? 'Titre'} ${mainRome.label.toLowerCase()}`;
    const blocks = isRs ? [] : Array.from({ length: rng.int(2, 5) }, (_, blockIndex) => ({
      code: `${code}BC${String(blockIndex + 1).padStart(2, '0')}`,
      label: `${['Préparer', 'Réaliser', 'Contrôler', 'Organiser', 'Gérer'][blockIndex] ?? 'Conduire'} ${rng.pick(formacodes).label}`,
    }));
    const endYear = rng.int(2022, 2030);
    out.push({
      code,
      kind: isRs ? 'RS' : 'RNCP',
      title,
      abbreviation: isRs ? null : kind.abbreviation,
      level: isRs ? null : kind.level,
      active: endYear >= 2026,
      romeCodes: romes.map((rome) => rome.code),
      formacodes: formacodes.map((formacode) => formacode.code),
      certifier: rng.pick(CERTIFIERS),
      blocks,
      certifInfo: String(rng.int(10000, 129999)),
      registrationType: rng.bool(0.3) ? 'Enregistrement de droit' : 'Enregistrement sur demande',
      endDate: `${endYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    });
  }
  return out;
}

