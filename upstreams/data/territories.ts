import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Territory {
  code: string;
  nom: string;
}

/** Official department and region names (INSEE's Code officiel géographique via @etalab/decoupage-administratif). */
export const departmentName: ReadonlyMap<string, string> = new Map(
  (require('@etalab/decoupage-administratif/data/departements.json') as Territory[]).map((item) => [item.code, item.nom]),
);

export const regionName: ReadonlyMap<string, string> = new Map(
  (require('@etalab/decoupage-administratif/data/regions.json') as Territory[]).map((item) => [item.code, item.nom]),
);
