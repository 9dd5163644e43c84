import { Readable } from 'node:stream';
import type { OperatorPlugin } from '../operators.js';
import { buildTrainings } from '../data/trainings.js';
import { gzipStream, zipStream } from '../core/packing.js';
import { buildFeed, type CarifOrefFeed, type FeedEntry } from './feed.js';
import { formationXml, LHEO_HEAD, LHEO_TAIL } from './lheo-writer.js';

/** INSEE region codes a Carif-Oref publishes for (a region without trainings serves an empty feed). */
export const REGION_CODES = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];

/**
 * Carif-Oref LHEO 2.2 feeds (contract in README.md): one file per region, as the real Carif-Oref
 * publish them — `GET /exports/lheo-84.xml` (plain), `lheo-84.xml.gz` (gzip) or `lheo-84.zip` (a
 * zip holding `lheo-84.xml`); the reader is configured with the list of URLs. Streamed formation
 * by formation (and compressed on the fly), never built as one string.
 */
export const carifOrefRoutes: OperatorPlugin = (app, context) => {
  let feed: CarifOrefFeed | undefined;
  const getFeed = (): CarifOrefFeed => (feed ??= buildFeed(buildTrainings(context.world)));

  app.get('/exports/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const match = /^lheo-(\d{2})\.(xml|xml\.gz|zip)$/.exec(file);
    if (!match?.[1] || !REGION_CODES.includes(match[1])) return reply.code(404).type('text/html').send('<html><body><h1>404 Not Found</h1></body></html>');
    const region = getFeed().byRegion.get(match[1]);
    const chunks = documentChunks(region?.entries ?? []);
    if (match[2] === 'xml') return reply.header('content-type', 'application/xml; charset=utf-8').send(Readable.from(chunks));
    if (match[2] === 'xml.gz') return reply.header('content-type', 'application/gzip').send(gzipStream(chunks));
    return reply.header('content-type', 'application/zip').send(zipStream([{ name: `lheo-${match[1]}.xml`, chunks }]));
  });
};

/** Streams the document formation by formation instead of building one string. */
function* documentChunks(entries: readonly FeedEntry[]): Generator<string> {
  yield LHEO_HEAD;
  for (const entry of entries) yield formationXml(entry.training, entry.defect);
  yield LHEO_TAIL;
}
