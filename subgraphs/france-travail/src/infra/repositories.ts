import { createQuotaGate, createUpstreamClient, type QuotaGate, type TokenCache, type UpstreamClient } from '../../../../lib/http/index.js';
import type { FranceTravailConfig } from '../config.js';
import type { Repositories } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import { createCompanyRepository } from './companies.repository.js';
import { createFranceTravailClient } from './france-travail.client.js';
import { API_PARTICULIER, createJobSeekerRepository } from './job-seekers.repository.js';
import { createOccupationRepository } from './occupations.repository.js';
import { createMobilityRepository } from './rome-mobility.repository.js';
import { loadTensionTable } from './labour-market/tension.reference.js';
import { createJobOfferRepository } from './offers.repository.js';
import { createOutcomeRepository } from './outcomes.repository.js';
import { createReviewRepository } from './reviews.repository.js';
import { createTokenProvider, FT_OPERATOR } from './token-provider.js';

export interface Upstreams {
  repositories: Repositories;
  clients: UpstreamClient[];
  /** The client-credentials token, fetched at start by the readiness warm-up. */
  tokens: TokenCache;
  /** France Travail's quota gate (the refresher reads its background share from it). */
  gate: QuotaGate;
}

/** One undici pool per upstream host, one token and one rate gate for the client id, then the repositories. */
export function createUpstreams(config: FranceTravailConfig, cache: FtCache): Upstreams {
  const auth = createUpstreamClient({ operator: FT_OPERATOR, baseUrl: config.FT_AUTH_URL });
  const anotea = createUpstreamClient({ operator: 'anotea', baseUrl: config.ANOTEA_URL });
  const particulier = createUpstreamClient({ operator: API_PARTICULIER, baseUrl: config.API_PARTICULIER_URL });
  const tokens = createTokenProvider({ auth, clientId: config.FT_CLIENT_ID, clientSecret: config.FT_CLIENT_SECRET, scope: config.FT_SCOPES });
  // The quota is counted where requests arrive, not where they leave: a burst held up a few tens of
  // milliseconds on the way (connection pool, a busy upstream) lands closer to the next burst than
  // it left. A window 10 % longer than France Travail's second absorbs that jitter, so the gate
  // queues instead of the operator answering 429. Retries pass the same gate (lib/http).
  // No principal holds more than its share of a window, so another one's call starts at once;
  // background refreshes come last and within their own share.
  const gate = createQuotaGate({
    operator: FT_OPERATOR,
    requests: config.FT_RATE_LIMIT_PER_SECOND,
    windowMs: 1_100,
    maxSharePerKey: config.FT_QUOTA_SHARE_PER_PRINCIPAL,
    backgroundShare: config.FT_REFRESH_SHARE,
  });
  const api = createUpstreamClient({ operator: FT_OPERATOR, baseUrl: config.FT_API_URL, tokens, gate });
  const client = createFranceTravailClient({ api });
  // The ROME open-data archive: another host (api.francetravail.fr), no token, no quota.
  const romeOpenData = createUpstreamClient({ operator: FT_OPERATOR, baseUrl: config.ROME_OPEN_DATA_URL ?? config.FT_API_URL });
  return {
    repositories: {
      offers: createJobOfferRepository(client, cache),
      occupations: createOccupationRepository(client, cache, createMobilityRepository(romeOpenData, cache)),
      companies: createCompanyRepository(client, cache),
      outcomes: createOutcomeRepository(client, cache),
      reviews: createReviewRepository(anotea, cache),
      jobSeekers: createJobSeekerRepository({ http: particulier, token: config.API_PARTICULIER_TOKEN, recipient: config.API_PARTICULIER_RECIPIENT, cache }),
      tension: loadTensionTable(),
    },
    clients: [api, auth, anotea, particulier, romeOpenData],
    tokens,
    gate,
  };
}
