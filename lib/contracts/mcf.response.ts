import { z } from 'zod';
import { lenientNumber, lenientText, tolerantList } from '../http/items.js';

/**
 * Mon Compte Formation catalogue on the Caisse des dépôts Opendatasoft portal (Explore API v2.1),
 * dataset `moncompteformation_catalogueformation`: one row per formation, aggregated over its
 * actions and sessions. Column names are the operator's own (upstreams.md §5.1); they stop at the
 * mappers of the subgraphs that read this dataset (training-catalog, caisse-des-depots).
 */
export const MCF_DATASET = 'moncompteformation_catalogueformation';

export const MCF_RECORDS_PATH = `/api/explore/v2.1/catalog/datasets/${MCF_DATASET}/records`;
export const MCF_EXPORT_JSON_PATH = `/api/explore/v2.1/catalog/datasets/${MCF_DATASET}/exports/json`;
/** The same export as JSON Lines (one row per line): what a reader streams. */
export const MCF_EXPORT_JSONL_PATH = `/api/explore/v2.1/catalog/datasets/${MCF_DATASET}/exports/jsonl`;

/** Opendatasoft caps `limit` at 100 on `/records` and `offset + limit` at 10,000; `/exports` has no cap. */
export const MCF_MAX_LIMIT = 100;
export const MCF_MAX_WINDOW = 10_000;

/** Every column may be null, absent or of another type (a number sent as a string reads as the number). */
const text = lenientText;
const count = lenientNumber;

export const mcfRowSchema = z.object({
  date_extract: text,
  nom_of: text,
  nom_departement: text,
  nom_region: text,
  /** `RNCP`, `RS`, … — tells which of `code_rncp` / `code_inventaire` carries the certification. */
  type_referentiel: text,
  /** RS number, bare digits (the clients compare bare values). */
  code_inventaire: text,
  /** RNCP number, bare digits. */
  code_rncp: text,
  intitule_certification: text,
  libelle_niveau_sortie_formation: text,
  code_formacode_1: text,
  code_formacode_2: text,
  code_formacode_3: text,
  code_formacode_4: text,
  code_formacode_5: text,
  libelle_code_formacode_principal: text,
  libelle_nsf_1: text,
  libelle_nsf_2: text,
  libelle_nsf_3: text,
  code_nsf_1: text,
  code_nsf_2: text,
  code_nsf_3: text,
  code_certifinfo: text,
  siret: text,
  numero_formation: text,
  intitule_formation: text,
  points_forts: text,
  nb_action: count,
  nb_session_active: count,
  nb_session_a_distance: count,
  nombre_heures_total_min: count,
  nombre_heures_total_max: count,
  nombre_heures_total_mean: count,
  /** Price, all taxes included, in euros (no `prix` column exists). */
  frais_ttc_tot_min: count,
  frais_ttc_tot_max: count,
  frais_ttc_tot_mean: count,
  code_departement: text,
  code_region: text,
  nbaction_nbheures: count,
  coderegion_export: text,
});

export type McfRow = z.infer<typeof mcfRowSchema>;
export type McfColumn = keyof McfRow;

/** Every column, in the dataset's order (for `select=` clauses and the simulator). */
export const MCF_COLUMNS = Object.keys(mcfRowSchema.shape) as McfColumn[];

/** A row as returned with a `select=` clause: only the selected columns are present. */
export const mcfPartialRowSchema = mcfRowSchema.partial();
export type McfPartialRow = z.infer<typeof mcfPartialRowSchema>;

/** `GET …/records` answer. */
export const mcfRecordsResponseSchema = z.object({
  total_count: z.number().int().nonnegative(),
  results: z.array(mcfPartialRowSchema),
});
export type McfRecordsResponse = z.infer<typeof mcfRecordsResponseSchema>;

/** `GET …/exports/json` answer: a bare array of rows; a row that is not an object is dropped and counted. */
export const mcfExportResponseSchema = tolerantList(mcfPartialRowSchema);

/** Opendatasoft error body (400 on a bad ODSQL clause or a limit out of range). */
export const odsErrorSchema = z.object({
  error_code: z.string(),
  message: z.string(),
});
export type OdsError = z.infer<typeof odsErrorSchema>;
