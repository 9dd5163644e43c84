import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { repoPath } from '../../../../../lib/paths.js';

export interface CommuneLocation {
  insee: string;
  name: string;
  latitude: number;
  longitude: number;
  department: string;
}

/** Real reference data shipped in `data/reference/`: commune coordinates and the Formacode tree. */
export interface References {
  communeByInsee: ReadonlyMap<string, CommuneLocation>;
  /** Narrower codes by broader (generic) Formacode. */
  formacodeChildren: ReadonlyMap<string, readonly string[]>;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(repoPath('data', 'reference', file), 'utf8'), { delimiter: ';', columns: true, bom: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
}

let cached: References | undefined;

export function loadReferences(): References {
  if (cached) return cached;
  const communeByInsee = new Map<string, CommuneLocation>();
  for (const row of readCsv('communes.csv')) {
    const latitude = Number(row['latitude']);
    const longitude = Number(row['longitude']);
    const insee = row['code_insee'] ?? '';
    if (!insee || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    communeByInsee.set(insee, { insee, name: row['nom'] ?? '', latitude, longitude, department: row['code_departement'] ?? '' });
  }
  const formacodeChildren = new Map<string, string[]>();
  for (const row of readCsv('formacode.csv')) {
    const generic = /^\d{5}/.exec(row['generique'] ?? '')?.[0];
    const code = row['code'];
    if (!generic || !code || generic === code) continue;
    const children = formacodeChildren.get(generic) ?? [];
    children.push(code);
    formacodeChildren.set(generic, children);
  }
  cached = { communeByInsee, formacodeChildren };
  return cached;
}
