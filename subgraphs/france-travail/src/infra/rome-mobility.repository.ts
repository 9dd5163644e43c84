import { parse } from 'csv-parse/sync';
import { Unzip, UnzipInflate } from 'fflate';
import { countDropped, decodeBody, tolerantList, type UpstreamClient } from '../../../../lib/http/index.js';
import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { FtCache } from './cache.js';
import { toMobilityLinks, type MobilityLinks } from './rome-mobility.mapper.js';
import { MOBILITY_FILE, MOBILITY_REQUIRED_COLUMNS, mobilityRowSchema } from './rome-mobility.response.js';

/** Where the archive lives on the open-data host (real: https://api.francetravail.fr). */
export const ROME_OPEN_DATA_PATH = '/api-nomenclatureemploi/v1/open-data/csv';

export interface MobilityRepository {
  /** Mobility links of the whole ROME, from the open-data archive (cached as reference data). */
  links(): Promise<MobilityLinks>;
}

/**
 * Streams the zip and inflates only the mobility entry (fflate's streaming `Unzip`: the other
 * CSVs of the archive — appellations, texts, skills, several MB — are skipped, not inflated).
 */
async function mobilityCsv(body: AsyncIterable<Uint8Array>, operator: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let found = false;
  let done = false;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (found || !MOBILITY_FILE.test(file.name)) return;
    found = true;
    file.ondata = (error, chunk, final) => {
      if (error) failure ??= error;
      else parts.push(chunk);
      if (final) done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of body) {
      unzip.push(chunk);
      if (failure) throw failure;
      if (done) break;
    }
    if (!done) unzip.push(new Uint8Array(0), true);
  } catch (error) {
    throw upstreamUnavailable(operator, { cause: error });
  }
  if (failure || !found) throw upstreamUnavailable(operator, { cause: failure ?? new Error('no unix_rubrique_mobilite_*.csv in the ROME archive') });
  return Buffer.concat(parts);
}

/** The file's rows, by its header; a file missing an essential column is refused as a whole. */
export function parseMobilityCsv(bytes: Uint8Array, operator: string): MobilityLinks {
  // Decoded by BOM / declaration, UTF-8 by default (the file name says `_utf8`).
  const rows = parse(decodeBody(bytes), { columns: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as Record<string, string>[];
  const columns = Object.keys(rows[0] ?? {});
  const missing = MOBILITY_REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (rows.length > 0 && missing.length > 0) throw upstreamUnavailable(operator, { cause: new Error(`ROME mobility file lacks ${missing.join(', ')}`) });
  const kept = tolerantList(mobilityRowSchema).parse(rows);
  return toMobilityLinks(countDropped(operator, kept, { endpoint: 'rome-open-data' }));
}

export function createMobilityRepository(http: UpstreamClient, cache: FtCache): MobilityRepository {
  const operator = http.operator;
  return {
    async links() {
      return await cache.fetch(
        'reference',
        'rome-mobilites',
        async () => {
          const response = await http.stream({ method: 'GET', path: ROME_OPEN_DATA_PATH });
          if (response.status !== 200) {
            await response.discard();
            throw upstreamUnavailable(operator, { status: response.status });
          }
          return parseMobilityCsv(await mobilityCsv(response.body, operator), operator);
        },
        { scope: 'public' },
      );
    },
  };
}
