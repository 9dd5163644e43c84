import { parseUpstreamJson } from '../../../../../lib/http/index.js';
import { MCF_EXPORT_JSON_PATH, mcfExportResponseSchema, type McfPartialRow } from '../../../../../lib/contracts/mcf.response.js';
import type { UpstreamClient } from '../../../../../lib/http/index.js';
import { expectOk } from '../upstream-policy.js';
import { MCF_ELIGIBILITY_COLUMNS } from './mcf.mapper.js';

export const MCF_OPERATOR = 'opendata-cdc';

/** The whole MCF catalogue's eligibility columns, in one `/exports/json` call (records are capped at 10,000). */
export async function readMcfCatalogue(client: UpstreamClient): Promise<McfPartialRow[]> {
  const response = await client.request({
    method: 'GET',
    path: MCF_EXPORT_JSON_PATH,
    query: { select: MCF_ELIGIBILITY_COLUMNS.join(','), limit: '-1' },
  });
  return parseUpstreamJson(expectOk(response, MCF_OPERATOR), mcfExportResponseSchema, MCF_OPERATOR);
}
