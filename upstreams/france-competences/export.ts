import { readdirSync, readFileSync } from 'node:fs';
import { repoPath } from '../../lib/paths.js';
import type { World } from '../data/world.js';
import { buildTrainings } from '../data/trainings.js';
import type { CertificationProfile } from '../data/certifications.js';

/** The ten files of one export, by the kind in their name (`export_fiches_CSV_<Kind>_YYYY_MM_DD.csv`). */
export const EXPORT_KINDS = [
  'Standard', 'Certificateurs', 'Partenaires', 'Rome', 'Formacode', 'Nsf',
  'Blocs_De_Compétences', 'CCN', 'Ancienne_Nouvelle_Certification', 'VoixdAccès',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_DATE = '2026_11_02';

export const exportFileName = (kind: ExportKind, date = EXPORT_DATE): string => `export_fiches_CSV_${kind}_${date}.csv`;

const SAMPLE_DIR = repoPath('data', 'reference', 'france-competences-sample');
const CRLF = '\r\n';

/** France Compétences quotes every non-empty cell and leaves empty ones bare. */
const cell = (value: string | null | undefined): string => (value ? `"${value.replace(/"/g, '""')}"` : '');
const line = (cells: (string | null | undefined)[]): string => cells.map(cell).join(';');
/** SIRET cells carry a leading TAB (so spreadsheets keep the zeros); consumers strip it. */
const siretCell = (siret: string): string => `\t${siret}`;

const isoToFrench = (iso: string): string => {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
};

const ABBREVIATION_TITLES: Record<string, string> = {
  CAP: "Certificat d'aptitude professionnelle", BP: 'Brevet professionnel', 'BAC PRO': 'Baccalauréat professionnel',
  TP: 'Titre professionnel', BTS: 'Brevet de technicien supérieur', BUT: 'Bachelor universitaire de technologie',
  LP: 'Licence professionnelle', MASTER: 'Master',
};

/**
 * Builds the ten CSVs of the current export: the real sample rows first (verbatim), then one
 * fiche per world certification, with the export's quirks (CRLF, TAB before SIRETs, doubled
 * apostrophes in the Rome file, dd/MM/yyyy dates, ACTIVE/INACTIVE).
 */
export function buildExport(world: World): Map<ExportKind, string> {
  const samples = readSamples();
  const generated = new Map<ExportKind, string[]>(EXPORT_KINDS.map((kind) => [kind, []]));
  const push = (kind: ExportKind, cells: (string | null | undefined)[]) => generated.get(kind)?.push(line(cells));
  const partners = partnersByCertification(world);

  world.certifications.forEach((certification, index) => {
    const code = certification.code;
    const rncp = certification.kind === 'RNCP';
    const end = isoToFrench(certification.endDate);
    const start = isoToFrench(`${Number(certification.endDate.slice(0, 4)) - 5}${certification.endDate.slice(4)}`);
    push('Standard', [
      String(40000 + index), code, certification.title, certification.abbreviation === 'TITRE RNCP' ? null : certification.abbreviation,
      certification.abbreviation ? ABBREVIATION_TITLES[certification.abbreviation] : null,
      certification.level === null ? null : `NIV${certification.level}`, certification.level === null ? null : `Niveau ${certification.level}`,
      'Non', 'Non', rncp ? start : null, rncp ? null : start, end, null, certification.registrationType, rncp ? null : 'Non',
      certification.active ? 'ACTIVE' : 'INACTIVE',
    ]);
    push('Certificateurs', [code, siretCell(certification.certifier.siret), certification.certifier.name]);
    for (const partner of partners.get(code) ?? []) push('Partenaires', [code, partner.name, siretCell(partner.siret), 'HABILITATION_ORGA_FORM']);
    for (const rome of certification.romeCodes) push('Rome', [code, rome, (world.refs.romeByCode.get(rome)?.label ?? '').replace(/'/g, "''")]);
    const nsf = new Set<string>();
    for (const formacode of certification.formacodes) {
      const reference = world.refs.formacodeByCode.get(formacode);
      push('Formacode', [code, formacode, `${formacode} : ${reference?.label ?? ''}`]);
      const nsfMatch = /^(\w{3,4})\s+(.*)$/.exec(reference?.nsf ?? '');
      if (nsfMatch?.[1] && !nsf.has(nsfMatch[1])) {
        nsf.add(nsfMatch[1]);
        push('Nsf', [code, nsfMatch[1], `${nsfMatch[1]} : ${nsfMatch[2] ?? ''}`]);
      }
    }
    for (const block of certification.blocks) push('Blocs_De_Compétences', [code, block.code, block.label]);
    if (rncp) for (const way of accessWays(certification)) push('VoixdAccès', [code, way]);
  });

  return new Map(EXPORT_KINDS.map((kind) => {
    const sample = samples.get(kind) ?? { header: '', rows: [] };
    return [kind, [sample.header, ...sample.rows, ...(generated.get(kind) ?? [])].join(CRLF) + CRLF];
  }));
}

function accessWays(certification: CertificationProfile): string[] {
  const ways = ['Par expérience', 'Après un parcours de formation continue'];
  if (certification.level !== null && certification.level <= 5) ways.push('En contrat d’apprentissage');
  return ways;
}

/** Providers whose trainings prepare a certification are its habilitated partners (at most three). */
function partnersByCertification(world: World): Map<string, { siret: string; name: string }[]> {
  const out = new Map<string, { siret: string; name: string }[]>();
  for (const training of buildTrainings(world)) {
    const code = training.certification?.code;
    if (!code) continue;
    const list = out.get(code) ?? [];
    if (list.length < 3 && !list.some((partner) => partner.siret === training.provider.siret)) list.push(training.provider);
    out.set(code, list);
  }
  return out;
}

/** The real sample's header and rows, verbatim (lines split on CRLF). */
function readSamples(): Map<ExportKind, { header: string; rows: string[] }> {
  const files = readdirSync(SAMPLE_DIR);
  const out = new Map<ExportKind, { header: string; rows: string[] }>();
  for (const kind of EXPORT_KINDS) {
    const file = files.find((name) => name.normalize('NFC').startsWith(`export_fiches_CSV_${kind}_`.normalize('NFC')));
    if (!file) throw new Error(`France Compétences sample has no ${kind} file`);
    const [header = '', ...rows] = readFileSync(`${SAMPLE_DIR}/${file}`, 'utf8').split(CRLF).filter((row) => row.length > 0);
    out.set(kind, { header, rows });
  }
  return out;
}
