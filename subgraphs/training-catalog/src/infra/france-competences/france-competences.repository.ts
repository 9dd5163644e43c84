import { upstreamUnavailable } from '../../../../../lib/errors/index.js';
import { parseUpstreamJson } from '../../../../../lib/http/index.js';
import type { OriginClients } from '../feeds/origin-clients.js';
import { feedFiles } from '../feeds/unpack.js';
import { expectOk } from '../upstream-policy.js';
import type { FcExport } from './france-competences.mapper.js';
import { kindOfFileName, parseFcStream } from './france-competences.parser.js';
import { FC_FILES, fcDatasetSchema, latestZip, type FcFileKind } from './france-competences.response.js';

export const FRANCE_COMPETENCES = 'france-competences';

/** The dataset « Répertoire national des certifications professionnelles et répertoire spécifique » on data.gouv.fr. */
export const FC_DATASET_ID = '5eebbc067a14b6fecc9c9976';

export interface FcDownload {
  files: FcExport;
  /** CSV rows without their essential cells. */
  rejectedRows: number;
  /** Why each of them was skipped. */
  rejectedReasons: string[];
  /** The resource read (its URL), for the ingestion log and the certifications' provenance. */
  resource: string;
  /** The export's date as data.gouv.fr gives it (`last_modified`, else `created_at`); null when absent. */
  exportedAt: string | null;
}

/**
 * The real way in: the data.gouv.fr dataset API (`GET /api/1/datasets/<id>/`) lists the
 * resources; the latest zip is downloaded and its ten CSVs are streamed out of it one after the
 * other (fflate's streaming unzip), each parsed row by row. Nothing is buffered whole.
 */
export async function readFranceCompetencesExport(http: OriginClients, datasetUrl: string): Promise<FcDownload> {
  const api = http.forUrl(FRANCE_COMPETENCES, datasetUrl);
  const dataset = parseUpstreamJson(expectOk(await api.client.request({ method: 'GET', path: api.path, headers: { accept: 'application/json' } }), FRANCE_COMPETENCES), fcDatasetSchema, FRANCE_COMPETENCES);
  const zip = latestZip(dataset.resources.items);
  if (!zip) throw upstreamUnavailable(FRANCE_COMPETENCES, { cause: { reason: 'NO_ZIP_RESOURCE' } });
  // The resource URL is absolute and often on another host (static.data.gouv.fr); a relative one is the API's.
  const download = http.forUrl(FRANCE_COMPETENCES, new URL(zip.url, datasetUrl).toString());
  const response = await download.client.stream({ method: 'GET', path: download.path });
  if (response.status !== 200) await response.discard();
  expectOk(response, FRANCE_COMPETENCES);
  const files: Partial<Record<FcFileKind, unknown[]>> = {};
  const rejectedReasons: string[] = [];
  for await (const file of feedFiles(download.path, response.body)) {
    const kind = kindOfFileName(file.name);
    if (!kind || files[kind]) continue;
    const parsed = await parseFcStream(kind, file.data);
    files[kind] = parsed.rows;
    rejectedReasons.push(...parsed.reasons);
  }
  // Without the Standard file there are no fiches to join the others to.
  if (!files.standard) throw upstreamUnavailable(FRANCE_COMPETENCES, { cause: { reason: 'NO_STANDARD_FILE' } });
  const complete = Object.fromEntries((Object.keys(FC_FILES) as FcFileKind[]).map((kind) => [kind, files[kind] ?? []])) as FcExport;
  return { files: complete, rejectedRows: rejectedReasons.length, rejectedReasons, resource: zip.url, exportedAt: zip.last_modified ?? zip.created_at ?? null };
}
