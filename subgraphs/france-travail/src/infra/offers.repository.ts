import { countDropped, parseUpstreamJson } from '../../../../lib/http/index.js';
import type { JobOfferRepository } from '../domain/repositories.js';
import type { FranceTravailClient } from './france-travail.client.js';
import { rejectedByUpstream } from './france-travail.client.js';
import type { FtCache } from './cache.js';
import { toJobOffer, toSearchQuery, totalOf } from './offers.mapper.js';
import { offerSchema, offerSearchSchema } from './offers.response.js';

const BASE = '/partenaire/offresdemploi/v2/offres';
const OPERATOR = 'france-travail';

const queryString = (query: Record<string, string | undefined>): string =>
  new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

export function createJobOfferRepository(client: FranceTravailClient, cache: FtCache): JobOfferRepository {
  return {
    async count(search) {
      // `range=0-0`: the answer's Content-Range (`offres 0-0/496`) carries the total; one offer at most travels.
      const query = toSearchQuery(search, { offset: 0, limit: 1 });
      return await cache.fetch(
        'reference',
        `count:${queryString(query)}`,
        async () => {
          return await client.send({ method: 'GET', path: `${BASE}/search`, query }, (response) => {
            if (response.status === 204) return 0;
            if (response.status === 400 || response.status === 404) throw rejectedByUpstream(OPERATOR, 'filter');
            return totalOf(response, parseUpstreamJson(response, offerSearchSchema, OPERATOR), 0);
          });
        },
        { scope: 'public' },
      );
    },
    async search(search, page) {
      const query = toSearchQuery(search, page);
      return await cache.fetch(
        'offers',
        `search:${new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString()}`,
        async () => {
          return await client.send({ method: 'GET', path: `${BASE}/search`, query }, (response) => {
            if (response.status === 204) return { offers: [], totalCount: 0 };
            if (response.status === 400 || response.status === 404) throw rejectedByUpstream(OPERATOR, 'filter');
            const body = parseUpstreamJson(response, offerSearchSchema, OPERATOR);
            const offers = countDropped(OPERATOR, body.resultats, { endpoint: 'offres/search' }).slice(0, page.limit).map(toJobOffer);
            return { offers, totalCount: totalOf(response, body, page.offset) };
          });
        },
        { scope: 'public' },
      );
    },
    async byId(id) {
      return await cache.fetch(
        'offers',
        `offer:${id}`,
        async () => {
          return await client.send({ method: 'GET', path: `${BASE}/${encodeURIComponent(id)}` }, (response) => {
            // 204 = absent or expired; 400 = malformed id, which is also "no such offer" to a caller.
            if (response.status === 204 || response.status === 400 || response.status === 404) return null;
            return toJobOffer(parseUpstreamJson(response, offerSchema, OPERATOR));
          });
        },
        { scope: 'public' },
      );
    },
  };
}
