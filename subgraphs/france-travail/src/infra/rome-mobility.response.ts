import { z } from 'zod';
import { requiredText } from '../../../../lib/http/index.js';
import { ROME_PATTERN } from '../../../../lib/validation/index.js';

/**
 * One row of `unix_rubrique_mobilite_v<version>_utf8.csv` in the ROME open-data archive
 * (upstreams/francetravail/README.md § ROME open data). The column names are those several
 * independent importers of this file read (`code_rome`, `code_rome_cible`,
 * `code_appellation_source`, `code_appellation_cible`, `code_type_mobilite`,
 * `libelle_type_mobilite`); the ROME 4.0 layout is not on record here, so only the two ROME codes
 * are essential and a row without them is dropped and counted.
 */
export const mobilityRowSchema = z.object({
  code_rome: requiredText.pipe(z.string().regex(ROME_PATTERN)),
  code_rome_cible: requiredText.pipe(z.string().regex(ROME_PATTERN)),
  code_appellation_source: z.string().nullish(),
  code_appellation_cible: z.string().nullish(),
  libelle_type_mobilite: z.string().nullish(),
});
export type MobilityRow = z.infer<typeof mobilityRowSchema>;

/** The columns without which the file cannot be read at all. */
export const MOBILITY_REQUIRED_COLUMNS = ['code_rome', 'code_rome_cible'] as const;

/** The archive entry holding the mobility links, whatever the ROME version. */
export const MOBILITY_FILE = /(?:^|\/)unix_rubrique_mobilite_v\d+_utf8\.csv$/;
