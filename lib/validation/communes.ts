import { createRequire } from 'node:module';

/**
 * The official list of commune codes (INSEE's Code officiel géographique, via
 * @etalab/decoupage-administratif): current communes and the municipal arrondissements of Paris,
 * Lyon and Marseille. A code of the right shape that is not on it (`99100`, `00000`) is refused
 * before any upstream call (issue #12 item 8). Loaded once (≈ 35,000 codes, ~0.1 s): services that
 * take commune arguments call `loadCommuneCodes()` at start-up so no request pays for it.
 */
const require = createRequire(import.meta.url);

interface CommuneRecord {
  code: string;
  type: string;
}

const LISTED_TYPES = new Set(['commune-actuelle', 'arrondissement-municipal']);

let codes: ReadonlySet<string> | undefined;

export function loadCommuneCodes(): ReadonlySet<string> {
  codes ??= new Set(
    (require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[])
      .filter((record) => LISTED_TYPES.has(record.type))
      .map((record) => record.code),
  );
  return codes;
}

export const isOfficialCommune = (code: string): boolean => loadCommuneCodes().has(code);
