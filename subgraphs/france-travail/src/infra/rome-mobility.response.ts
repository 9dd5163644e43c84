import { z } from 'zod';
import { lenientNumber, requiredText } from '../../../../lib/http/index.js';
import { ROME_PATTERN } from '../../../../lib/validation/index.js';

/**
 * One row of `unix_rubrique_mobilite_v<version>_utf8.csv` in the ROME open-data archive
 * (upstreams/francetravail/README.md § ROME open data). Two layouts are on record:
 * - ROME 4.0 (v460, v461): `code_rome`, `code_rome_cible`, `numero_ordre` — the header a public
 *   TypeScript importer of the v461 archive checks exactly, "unit-tested against the real archive";
 *   links are ranked by `numero_ordre` (1 first), with no close/evolution type;
 * - ROME v3 (v330–v451): `code_rome`, `code_rome_cible`, `code_appellation_source`,
 *   `code_appellation_cible`, `code_type_mobilite`, `libelle_type_mobilite` (Proche / Evolution),
 *   as several independent importers read it.
 * Only the two ROME codes are essential: a row without them is dropped and counted.
 */
export const mobilityRowSchema = z.object({
  code_rome: requiredText.pipe(z.string().regex(ROME_PATTERN)),
  code_rome_cible: requiredText.pipe(z.string().regex(ROME_PATTERN)),
  /** ROME 4.0: the link's rank for its source (1 first); absent in v3 files, blank or garbage read as null. */
  numero_ordre: lenientNumber,
  code_appellation_source: z.string().nullish(),
  code_appellation_cible: z.string().nullish(),
  libelle_type_mobilite: z.string().nullish(),
});
export type MobilityRow = z.infer<typeof mobilityRowSchema>;

/** The columns without which the file cannot be read at all. */
export const MOBILITY_REQUIRED_COLUMNS = ['code_rome', 'code_rome_cible'] as const;

/** The archive entry holding the mobility links, whatever the ROME version. */
export const MOBILITY_FILE = /(?:^|\/)unix_rubrique_mobilite_v\d+_utf8\.csv$/;
