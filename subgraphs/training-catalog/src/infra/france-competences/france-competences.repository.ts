import { parseUpstreamJson } from '../../../../../lib/http/index.js';
import type { UpstreamClient } from '../../../../../lib/http/index.js';
import { upstreamUnavailable } from '../../../../../lib/errors/index.js';
import { expectOk } from '../upstream-policy.js';
import type { FcExport } from './france-competences.mapper.js';
import { kindOfFileName, parseFcFile } from './france-competences.parser.js';
import { FC_FILES, fcIndexSchema, type FcFileKind } from './france-competences.response.js';

export const FRANCE_COMPETENCES = 'france-competences';

export interface FcDownload {
  files: FcExport;
  /** CSV rows that did not fit their file's columns. */
  rejectedRows: number;
}

/** Downloads the current export's ten CSVs (listed by `/exports/index.json`) and parses them. */
export async function readFranceCompetencesExport(client: UpstreamClient): Promise<FcDownload> {
  const index = parseUpstreamJson(expectOk(await client.request({ method: 'GET', path: '/exports/index.json' }), FRANCE_COMPETENCES), fcIndexSchema, FRANCE_COMPETENCES);
  const files: Partial<Record<FcFileKind, unknown[]>> = {};
  let rejectedRows = 0;
  for (const file of index.files) {
    const kind = kindOfFileName(file.name);
    if (!kind || files[kind]) continue;
    const response = expectOk(await client.request({ method: 'GET', path: file.path }), FRANCE_COMPETENCES);
    const parsed = parseFcFile(kind, response.text());
    files[kind] = parsed.rows;
    rejectedRows += parsed.rejected;
  }
  // Without the Standard file there are no fiches to join the others to.
  if (!files.standard) throw upstreamUnavailable(FRANCE_COMPETENCES);
  const complete = Object.fromEntries((Object.keys(FC_FILES) as FcFileKind[]).map((kind) => [kind, files[kind] ?? []])) as FcExport;
  return { files: complete, rejectedRows };
}
