import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { badInput } from '../errors/index.js';
import { repoPath } from '../paths.js';
import { isDepartment } from '../validation/index.js';

/**
 * The territories public labour-market figures are given for: a department (INSEE code) or an
 * employment basin (bassin d'emploi, France Travail's 4-digit code, as its 2020 tension figures and
 * `data/reference/bassins-emploi.csv` write it). Read once, at start, from the reference files;
 * shared by france-travail (tension, offers) and training-catalog (trainings counted by territory).
 */
export type TerritoryKind = 'DEPARTMENT' | 'EMPLOYMENT_BASIN';

export interface Territory {
  code: string;
  kind: TerritoryKind;
  name: string;
  /** The department itself, or the basin's department: the one holding most of its communes (20 of the 403 basins cross a boundary). */
  departmentCode: string;
  /** INSEE codes of the basin's communes; empty for a department (its trainings are found by department). */
  communes: readonly string[];
}

export const BASIN_PATTERN = /^\d{4}$/;

interface Basin {
  code: string;
  name: string;
  communes: string[];
  departments: Map<string, number>;
}

interface TerritoryTables {
  basins: Map<string, Territory>;
  departments: Map<string, Territory>;
  /** Basin codes by department (each basin under its main department). */
  basinsByDepartment: Map<string, string[]>;
}

let tables: TerritoryTables | undefined;

function load(): TerritoryTables {
  if (tables) return tables;
  const require = createRequire(import.meta.url);
  const departmentNames = require('@etalab/decoupage-administratif/data/departements.json') as { code: string; nom: string }[];
  const rows = parse(readFileSync(repoPath('data', 'reference', 'bassins-emploi.csv'), 'utf8'), { delimiter: ';', columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const raw = new Map<string, Basin>();
  for (const row of rows) {
    const code = row['code_bassin'] ?? '';
    const insee = row['code_insee'] ?? '';
    const department = row['code_departement'] ?? '';
    if (!BASIN_PATTERN.test(code) || !insee) continue;
    const basin = raw.get(code) ?? { code, name: row['nom_bassin'] ?? code, communes: [], departments: new Map<string, number>() };
    basin.communes.push(insee);
    basin.departments.set(department, (basin.departments.get(department) ?? 0) + 1);
    raw.set(code, basin);
  }
  const basins = new Map<string, Territory>();
  const basinsByDepartment = new Map<string, string[]>();
  for (const basin of raw.values()) {
    const [departmentCode = ''] = [...basin.departments.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    basins.set(basin.code, { code: basin.code, kind: 'EMPLOYMENT_BASIN', name: basin.name, departmentCode, communes: basin.communes });
    basinsByDepartment.set(departmentCode, [...(basinsByDepartment.get(departmentCode) ?? []), basin.code]);
  }
  const departments = new Map<string, Territory>(
    departmentNames.filter((item) => isDepartment(item.code)).map((item) => [item.code, { code: item.code, kind: 'DEPARTMENT', name: item.nom, departmentCode: item.code, communes: [] }]),
  );
  tables = { basins, departments, basinsByDepartment };
  return tables;
}

/** Loads the tables now (at start), so the first request does not parse 35,000 rows. */
export function loadTerritories(): void {
  load();
}

/** A well-formed but unknown code is null (the field is null, as for an unknown ROME code). */
export function territoryByCode(code: string): Territory | null {
  const { basins, departments } = load();
  return basins.get(code) ?? departments.get(code) ?? null;
}

/** The basins a department's figures add up (those whose main department it is), in code order. */
export function basinsOf(territory: Territory): string[] {
  if (territory.kind === 'EMPLOYMENT_BASIN') return [territory.code];
  return [...(load().basinsByDepartment.get(territory.code) ?? [])].sort();
}

/** Checks the shape of a territory code at the edge: BAD_USER_INPUT naming the argument otherwise. */
export function requireTerritoryCode(value: string, argument: string): string {
  const code = value.trim().toUpperCase();
  if (!BASIN_PATTERN.test(code) && !isDepartment(code)) {
    throw badInput(argument, `${argument} must be a department code (01–95, 2A, 2B, 971–976) or a 4-digit employment basin code.`);
  }
  return code;
}

/** The key of the `LabourMarket` entity (france-travail owns it, training-catalog extends it). */
export interface LabourMarketKey {
  romeCode: string;
  territoryCode: string;
}
