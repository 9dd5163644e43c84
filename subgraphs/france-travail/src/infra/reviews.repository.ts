import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { parseUpstreamJson, type UpstreamClient } from '../../../../lib/http/index.js';
import type { ReviewRepository } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import { toAnoteaQuery, toReviewSummary } from './anotea.mapper.js';
import { reviewsResponseSchema } from './anotea.response.js';

/** Anotéa's v1 routes accept unauthenticated reads (upstreams.md §4.2): no HMAC header is sent. */
export function createReviewRepository(anotea: UpstreamClient, cache: FtCache): ReviewRepository {
  return {
    async summary(key) {
      const query = toAnoteaQuery(key);
      return await cache.fetch(
        'catalogue',
        `avis:${key.siret}:${'certifInfo' in key ? `c${key.certifInfo}` : `f${key.formacode}`}`,
        async () => {
          const response = await anotea.request({ method: 'GET', path: '/api/v1/avis', query });
          if (response.status === 200) return toReviewSummary(parseUpstreamJson(response, reviewsResponseSchema, anotea.operator));
          if (response.status === 404) return { count: 0, averages: null, comments: [] };
          throw upstreamUnavailable(anotea.operator, { status: response.status });
        },
        { scope: 'public' },
      );
    },
  };
}
