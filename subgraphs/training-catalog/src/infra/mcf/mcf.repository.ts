import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { MCF_EXPORT_JSONL_PATH, mcfPartialRowSchema, type McfPartialRow } from '../../../../../lib/contracts/mcf.response.js';
import { decodeStream } from '../../../../../lib/http/decode.js';
import { dropReason } from '../../../../../lib/http/items.js';
import type { UpstreamClient } from '../../../../../lib/http/index.js';
import { expectOk } from '../upstream-policy.js';
import { MCF_ELIGIBILITY_COLUMNS } from './mcf.mapper.js';

export const MCF_OPERATOR = 'opendata-cdc';

/**
 * The whole MCF catalogue's eligibility columns from Opendatasoft's `/exports/jsonl` (no 10,000
 * cap, unlike `/records`), streamed line by line: the export is ~90,000 rows, past lib/http's
 * buffered size cap. A line that is not a JSON object is dropped and counted.
 */
export async function readMcfCatalogue(client: UpstreamClient): Promise<{ rows: McfPartialRow[]; dropped: string[] }> {
  const response = await client.stream({
    method: 'GET',
    path: MCF_EXPORT_JSONL_PATH,
    query: { select: MCF_ELIGIBILITY_COLUMNS.join(','), limit: '-1' },
  });
  if (response.status !== 200) await response.discard();
  expectOk(response, MCF_OPERATOR);
  const rows: McfPartialRow[] = [];
  const dropped: string[] = [];
  const lines = createInterface({ input: Readable.from(decodeStream(response.body, { contentType: response.headers['content-type'] })), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      dropped.push('malformed_line');
      continue;
    }
    const parsed = mcfPartialRowSchema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else dropped.push(dropReason(raw, parsed.error.issues));
  }
  return { rows, dropped };
}
