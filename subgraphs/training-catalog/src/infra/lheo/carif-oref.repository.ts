import type { UpstreamClient } from '../../../../../lib/http/index.js';
import { expectOk, parseJson } from '../upstream-policy.js';
import { LheoSyntaxError, parseLheo } from './lheo.parser.js';
import { lheoIndexSchema, type LheoFormation } from './lheo.response.js';

export const CARIF_OREF = 'carif-oref';

export interface FeedStats {
  pages: number;
  /** Pages that were not well-formed XML: their records after the error are lost, the refresh goes on. */
  pagesFailed: number;
}

/** Bytes handed to the SAX parser at a time. */
const CHUNK = 64 * 1024;

/**
 * Reads the Carif-Oref LHEO feed page by page (`/lheo/index.json`, then each region's pages) and
 * yields its formations as they are parsed. lib/http buffers a response, so memory is bounded by
 * one page (the feed's paging keeps a page around a megabyte), not by the feed.
 */
export async function* readCarifOrefFeed(client: UpstreamClient, stats: FeedStats): AsyncGenerator<LheoFormation> {
  const index = parseJson(expectOk(await client.request({ method: 'GET', path: '/lheo/index.json' }), CARIF_OREF), lheoIndexSchema, CARIF_OREF);
  for (const region of index.regions) {
    for (let page = 0; page < region.pages; page += 1) {
      const response = expectOk(await client.request({ method: 'GET', path: '/lheo/offres', query: { region: region.region, page: String(page) } }), CARIF_OREF);
      stats.pages += 1;
      try {
        yield* parseLheo(chunksOf(response.text()));
      } catch (error) {
        if (!(error instanceof LheoSyntaxError)) throw error;
        stats.pagesFailed += 1;
      }
    }
  }
}

function* chunksOf(text: string): Generator<string> {
  for (let offset = 0; offset < text.length; offset += CHUNK) yield text.slice(offset, offset + CHUNK);
}
