import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { countDropped, parseUpstreamJson, type UpstreamClient } from '../../../../lib/http/index.js';
import type { ReviewRepository } from '../domain/repositories.js';
import type { ReviewKey } from '../domain/training.js';
import type { FtCache } from './cache.js';
import { REVIEWS_PER_KEY, toAnoteaQuery, toReviewSummary } from './anotea.mapper.js';
import { reviewsResponseSchema, type ReviewPayload } from './anotea.response.js';

/** Anotéa's largest page (upstreams.md §4.2): a provider's reviews usually fit in one. */
const PROVIDER_PAGE = 2_000;

const entryOf = (key: ReviewKey) => `avis:${key.siret}:${'certifInfo' in key ? `c${key.certifInfo}` : `f${key.formacode}`}`;

/**
 * Written by `refreshProvider` once every review of the provider is known: the entries of its keys
 * that have reviews. A key of that provider not listed has none, and is answered without a call; a
 * listed key whose entry is gone (evicted) is read from Anotéa as usual.
 */
const completeEntryOf = (siret: string) => `avis-complete:${siret}`;

/** How long "not refreshed yet" is believed before the marker is read again. */
const INCOMPLETE_TTL_SECONDS = 60;

const NO_REVIEWS = { count: 0, averages: null, comments: [] };

/** The reviews Anotéa answers for `key` among the provider's: the same filters as `toAnoteaQuery` (5-digit Formacodes match exactly). */
const matches = (key: ReviewKey) => (review: ReviewPayload): boolean =>
  'certifInfo' in key
    ? (review.formation?.certifications ?? []).some((certification) => certification.certif_info === key.certifInfo)
    : (review.formation?.domaine_formation?.formacodes ?? []).includes(key.formacode);

/** Anotéa's v1 routes accept unauthenticated reads (upstreams.md §4.2): no HMAC header is sent. */
export function createReviewRepository(anotea: UpstreamClient, cache: FtCache): ReviewRepository {
  return {
    async summary(key) {
      const query = toAnoteaQuery(key);
      return await cache.fetch(
        'catalogue',
        entryOf(key),
        async () => {
          const reviewed = await cache.fetch<'catalogue', string[] | null>('catalogue', completeEntryOf(key.siret), async () => null, { scope: 'public', ttlSeconds: INCOMPLETE_TTL_SECONDS });
          if (reviewed !== null && !reviewed.includes(entryOf(key))) return NO_REVIEWS;
          return await anotea.call({ method: 'GET', path: '/api/v1/avis', query }, (response) => {
            if (response.status === 200) {
              const body = parseUpstreamJson(response, reviewsResponseSchema, anotea.operator);
              return toReviewSummary(body, countDropped(anotea.operator, body.avis, { endpoint: 'avis' }));
            }
            // 404 « Identifiant inconnu »; 204 (a proxy's empty answer) means the same: no reviews.
            if (response.status === 404 || response.status === 204) return NO_REVIEWS;
            throw upstreamUnavailable(anotea.operator, { status: response.status });
          });
        },
        { scope: 'public', staleSource: anotea.operator },
      );
    },
    async refreshProvider(siret, keys, refresh) {
      const reviews: ReviewPayload[] = [];
      let calls = 0;
      for (let page = 0, pages = 1; page < pages; page += 1) {
        const query = { organisme_formateur: siret, tri: 'date', ordre: 'desc', page: String(page), items_par_page: String(PROVIDER_PAGE), notes_decimales: 'true' };
        calls += 1;
        const body = await anotea.call({ method: 'GET', path: '/api/v1/avis', query }, (response) => {
          if (response.status === 404 || response.status === 204) return null;
          if (response.status !== 200) throw upstreamUnavailable(anotea.operator, { status: response.status });
          return parseUpstreamJson(response, reviewsResponseSchema, anotea.operator);
        });
        if (!body) break;
        reviews.push(...countDropped(anotea.operator, body.avis, { endpoint: 'avis' }));
        pages = body.meta?.pagination?.total_pages ?? 1;
      }
      // Every key the provider's reviews name too: the certification's certif_info the graph resolves
      // may come from another source than the feed (Mon Compte Formation), its reviews carry it.
      const all = new Map<string, ReviewKey>(keys.map((key) => [entryOf(key), key]));
      for (const review of reviews) {
        for (const certification of review.formation?.certifications ?? []) all.set(entryOf({ siret, certifInfo: certification.certif_info }), { siret, certifInfo: certification.certif_info });
        for (const formacode of review.formation?.domaine_formation?.formacodes ?? []) if (/^\d{5}$/.test(formacode)) all.set(entryOf({ siret, formacode }), { siret, formacode });
      }
      const reviewed: string[] = [];
      for (const key of all.values()) {
        // Newest first, as `summary` asks: the same reviews, count and averages as a per-key read.
        const mine = reviews.filter(matches(key));
        if (mine.length > 0) reviewed.push(entryOf(key));
        const kept = mine.slice(0, REVIEWS_PER_KEY);
        const summary = toReviewSummary({ avis: { items: kept, dropped: [] }, meta: { pagination: { page: 0, items_par_page: REVIEWS_PER_KEY, total_items: mine.length, total_pages: 1 } } }, kept);
        if (refresh.refresh) await cache.invalidate('catalogue', entryOf(key), { scope: 'public' });
        await cache.fetch('catalogue', entryOf(key), async () => summary, { scope: 'public', staleSource: anotea.operator, ttlSeconds: refresh.ttlSeconds });
      }
      // Written last, with the entries' TTL.
      await cache.invalidate('catalogue', completeEntryOf(siret), { scope: 'public' });
      await cache.fetch('catalogue', completeEntryOf(siret), async () => reviewed, { scope: 'public', ttlSeconds: refresh.ttlSeconds });
      return { calls, entries: all.size };
    },
  };
}
