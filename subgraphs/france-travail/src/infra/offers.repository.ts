import { parseUpstreamJson } from '../../../../lib/http/index.js';
import type { JobOfferRepository } from '../domain/repositories.js';
import type { FranceTravailClient } from './france-travail.client.js';
import { rejectedByUpstream } from './france-travail.client.js';
import type { FtCache } from './cache.js';
import { toJobOffer, toSearchQuery, totalOf } from './offers.mapper.js';
import { offerSchema, offerSearchSchema } from './offers.response.js';

const BASE = '/partenaire/offresdemploi/v2/offres';
const OPERATOR = 'france-travail';

export function createJobOfferRepository(client: FranceTravailClient, cache: FtCache): JobOfferRepository {
  return {
    async search(search, page) {
      const query = toSearchQuery(search, page);
      return await cache.fetch(
        'offers',
        `search:${new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString()}`,
        async () => {
          const response = await client.send({ method: 'GET', path: `${BASE}/search`, query });
          if (response.status === 204) return { offers: [], totalCount: 0 };
          if (response.status === 400 || response.status === 404) throw rejectedByUpstream(OPERATOR, 'filter');
          const body = parseUpstreamJson(response, offerSearchSchema, OPERATOR);
          const offers = body.resultats.slice(0, page.limit).map(toJobOffer);
          return { offers, totalCount: totalOf(response, body, page.offset) };
        },
        { scope: 'public' },
      );
    },
    async byId(id) {
      return await cache.fetch(
        'offers',
        `offer:${id}`,
        async () => {
          const response = await client.send({ method: 'GET', path: `${BASE}/${encodeURIComponent(id)}` });
          // 204 = absent or expired; 400 = malformed id, which is also "no such offer" to a caller.
          if (response.status === 204 || response.status === 400 || response.status === 404) return null;
          return toJobOffer(parseUpstreamJson(response, offerSchema, OPERATOR));
        },
        { scope: 'public' },
      );
    },
  };
}
