import type { OriginClients } from '../feeds/origin-clients.js';
import { feedFiles } from '../feeds/unpack.js';
import { expectOk } from '../upstream-policy.js';
import { LheoSyntaxError, parseLheo } from './lheo.parser.js';
import type { LheoFormation } from './lheo.response.js';

export const CARIF_OREF = 'carif-oref';

/** A formation with the URL of the regional feed it was read from (its provenance). */
export type FeedFormation = LheoFormation & { feedUrl: string };

export interface FeedStats {
  /** Feed files read (a zip counts each XML entry). */
  pages: number;
  /** Files that were not well-formed XML: their records after the error are lost, the refresh goes on. */
  pagesFailed: number;
}

/**
 * Reads the Carif-Oref LHEO feeds, one URL per region as the Carif-Oref publish them (plain XML,
 * gzip or zip, told apart by their bytes), and yields their formations as they are parsed: each
 * body is streamed from the socket through the unpacker and the decoder into the SAX parser, so
 * memory holds a chunk and the formation being built, whatever the size of a regional feed.
 */
export async function* readCarifOrefFeed(http: OriginClients, feedUrls: readonly string[], stats: FeedStats): AsyncGenerator<FeedFormation> {
  for (const url of feedUrls) {
    const { client, path } = http.forUrl(CARIF_OREF, url);
    const response = await client.stream({ method: 'GET', path });
    if (response.status !== 200) await response.discard();
    expectOk(response, CARIF_OREF);
    const contentType = response.headers['content-type'];
    for await (const file of feedFiles(path, response.body)) {
      if (file.packing === 'zip' && !/\.xml$/i.test(file.name)) continue;
      stats.pages += 1;
      try {
        // A zip entry or a gunzipped body has no Content-Type of its own: its XML declaration decides.
        for await (const formation of parseLheo(file.data, file.packing === 'plain' ? contentType : undefined)) yield { ...formation, feedUrl: url };
      } catch (error) {
        if (!(error instanceof LheoSyntaxError)) throw error;
        stats.pagesFailed += 1;
      }
    }
  }
}
