import { parseUpstreamJson } from '../../../../../lib/http/index.js';
import type { UpstreamClient } from '../../../../../lib/http/index.js';
import { expectOk } from '../upstream-policy.js';
import { LheoSyntaxError, parseLheo } from './lheo.parser.js';
import { lheoIndexSchema, type LheoFormation } from './lheo.response.js';

export const CARIF_OREF = 'carif-oref';

export interface FeedStats {
  pages: number;
  /** Pages that were not well-formed XML: their records after the error are lost, the refresh goes on. */
  pagesFailed: number;
}

/**
 * Reads the Carif-Oref LHEO feed page by page (`/lheo/index.json`, then each region's pages) and
 * yields its formations as they are parsed. Each page is streamed from the socket into the SAX
 * parser (`client.stream`), so memory holds a chunk and the formation being built, whatever the
 * size of a page or of the feed.
 */
export async function* readCarifOrefFeed(client: UpstreamClient, stats: FeedStats): AsyncGenerator<LheoFormation> {
  const index = parseUpstreamJson(expectOk(await client.request({ method: 'GET', path: '/lheo/index.json' }), CARIF_OREF), lheoIndexSchema, CARIF_OREF);
  for (const region of index.regions) {
    for (let page = 0; page < region.pages; page += 1) {
      const response = await client.stream({ method: 'GET', path: '/lheo/offres', query: { region: region.region, page: String(page) } });
      if (response.status !== 200) await response.discard();
      expectOk(response, CARIF_OREF);
      stats.pages += 1;
      try {
        yield* parseLheo(response.body);
      } catch (error) {
        if (!(error instanceof LheoSyntaxError)) throw error;
        stats.pagesFailed += 1;
        await response.discard();
      }
    }
  }
}
