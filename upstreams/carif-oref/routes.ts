import { Readable } from 'node:stream';
import type { OperatorPlugin } from '../operators.js';
import { buildTrainings } from '../data/trainings.js';
import { buildFeed, pageCount, PAGE_SIZE, type CarifOrefFeed, type FeedEntry } from './feed.js';
import { formationXml, LHEO_HEAD, LHEO_TAIL } from './lheo-writer.js';

/**
 * Carif-Oref LHEO 2.2 feed (design in README.md): `GET /lheo/index.json` lists the regions and their
 * pages, `GET /lheo/offres?region=84&page=0` streams one page as an LHEO document.
 */
export const carifOrefRoutes: OperatorPlugin = (app, context) => {
  let feed: CarifOrefFeed | undefined;
  const getFeed = (): CarifOrefFeed => (feed ??= buildFeed(buildTrainings(context.world)));

  app.get('/lheo/index.json', async () => {
    const current = getFeed();
    return {
      version: '2.2',
      generated: current.generated,
      pageSize: PAGE_SIZE,
      regions: current.regions.map((region) => ({
        region: region.code,
        formations: region.entries.length,
        pages: pageCount(region),
        path: `/lheo/offres?region=${region.code}&page=0`,
      })),
    };
  });

  app.get('/lheo/offres', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const current = getFeed();
    const regionCode = query['region'];
    const pageText = query['page'] ?? '0';
    if (!/^\d{1,5}$/.test(pageText)) return reply.code(400).send({ message: 'page doit être un entier positif ou nul' });
    const page = Number(pageText);
    let entries: FeedEntry[];
    if (regionCode === undefined) {
      entries = current.regions.flatMap((region) => region.entries);
    } else {
      const region = current.byRegion.get(regionCode);
      if (!region) return reply.code(404).send({ message: `Région inconnue : ${regionCode}` });
      entries = region.entries;
    }
    const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
    if (page >= pages) return reply.code(404).send({ message: `Page ${page} hors limites (${pages} pages)` });
    const slice = entries.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('x-total-count', String(entries.length))
      .header('x-page-count', String(pages));
    return reply.send(Readable.from(documentChunks(slice)));
  });
};

/** Streams the document formation by formation instead of building one string. */
function* documentChunks(entries: readonly FeedEntry[]): Generator<string> {
  yield LHEO_HEAD;
  for (const entry of entries) yield formationXml(entry.training, entry.defect);
  yield LHEO_TAIL;
}
