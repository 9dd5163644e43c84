import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { repoPath } from '../../lib/paths.js';

export interface RomeReference {
  code: string;
  label: string;
}

export interface FormacodeReference {
  code: string;
  label: string;
  /** Semantic field, e.g. "110 MATHEMATIQUES". */
  field: string;
  /** The broader (generic) Formacode, when any. */
  genericCode: string | null;
  nsf: string;
  definition: string;
}

export interface CommuneReference {
  insee: string;
  name: string;
  postalCodes: string[];
  latitude: number;
  longitude: number;
  department: string;
  region: string;
  population: number;
}

export interface TensionReference {
  rome: string;
  basin: string;
  offers: number;
  jobSeekers: number;
  tension: number;
}

export interface References {
  rome: RomeReference[];
  romeByCode: Map<string, RomeReference>;
  formacodes: FormacodeReference[];
  formacodeByCode: Map<string, FormacodeReference>;
  communes: CommuneReference[];
  communeByInsee: Map<string, CommuneReference>;
  /** Basin code by INSEE commune code. */
  basinByCommune: Map<string, string>;
  tension: TensionReference[];
}

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(readFileSync(repoPath('data', 'reference', file), 'utf8'), {
    delimiter: ';',
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_quotes: true,
  }) as Row[];
}

let cached: References | undefined;

/** The real French reference data shipped in data/reference/ (read once per process). */
export function loadReferences(): References {
  if (cached) return cached;
  const rome = readCsv('rome.csv').map((row) => ({ code: row['code_rome'] ?? '', label: row['libelle'] ?? '' }));
  const formacodes = readCsv('formacode.csv').map((row) => ({
    code: row['code'] ?? '',
    label: row['libelle'] ?? '',
    field: row['champ'] ?? '',
    genericCode: /^\d{5}/.exec(row['generique'] ?? '')?.[0] ?? null,
    nsf: row['nsf'] ?? '',
    definition: row['definition'] ?? '',
  }));
  const communes = readCsv('communes.csv').map((row) => ({
    insee: row['code_insee'] ?? '',
    name: row['nom'] ?? '',
    postalCodes: (row['codes_postaux'] ?? '').split(/[ ,|]+/).filter(Boolean),
    latitude: Number(row['latitude']),
    longitude: Number(row['longitude']),
    department: row['code_departement'] ?? '',
    region: row['code_region'] ?? '',
    population: Number(row['population'] ?? 0),
  }));
  const basinByCommune = new Map(readCsv('bassins-emploi.csv').map((row) => [row['code_insee'] ?? '', row['code_bassin'] ?? '']));
  const tension = readCsv('labour-market-tension-2020.csv').map((row) => ({
    rome: row['ROME'] ?? '',
    basin: row['cbassin'] ?? '',
    offers: Number(row['oee'] ?? 0),
    jobSeekers: Number(row['defm_abc'] ?? 0),
    tension: Number(row['ind_tension_d'] ?? 0),
  }));
  cached = {
    rome,
    romeByCode: new Map(rome.map((item) => [item.code, item])),
    formacodes,
    formacodeByCode: new Map(formacodes.map((item) => [item.code, item])),
    communes,
    communeByInsee: new Map(communes.map((item) => [item.insee, item])),
    basinByCommune,
    tension,
  };
  return cached;
}
