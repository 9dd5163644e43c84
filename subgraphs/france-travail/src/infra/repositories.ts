import { createUpstreamClient, type UpstreamClient } from '../../../../lib/http/index.js';
import type { FranceTravailConfig } from '../config.js';
import type { Repositories } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import { createCompanyRepository } from './companies.repository.js';
import { createFranceTravailClient } from './france-travail.client.js';
import { createJobSeekerRepository } from './job-seekers.repository.js';
import { createOccupationRepository } from './occupations.repository.js';
import { createJobOfferRepository } from './offers.repository.js';
import { createOutcomeRepository } from './outcomes.repository.js';
import { createRateGate } from './rate-gate.js';
import { createReviewRepository } from './reviews.repository.js';
import { createTokenProvider, FT_OPERATOR } from './token-provider.js';

export interface Upstreams {
  repositories: Repositories;
  clients: UpstreamClient[];
}

/** One undici pool per upstream host, one token and one rate gate for the client id, then the repositories. */
export function createUpstreams(config: FranceTravailConfig, cache: FtCache): Upstreams {
  const api = createUpstreamClient({ operator: FT_OPERATOR, baseUrl: config.FT_API_URL });
  const auth = createUpstreamClient({ operator: FT_OPERATOR, baseUrl: config.FT_AUTH_URL });
  const anotea = createUpstreamClient({ operator: 'anotea', baseUrl: config.ANOTEA_URL });
  const tokens = createTokenProvider({ auth, clientId: config.FT_CLIENT_ID, clientSecret: config.FT_CLIENT_SECRET, scope: config.FT_SCOPES });
  // The quota is counted where requests arrive, not where they leave: a burst held up a few tens of
  // milliseconds on the way (connection pool, a busy upstream) lands closer to the next burst than
  // it left. A window 10 % longer than France Travail's second absorbs that jitter, so the gate
  // queues instead of the operator answering 429 (which lib/http retries outside the gate).
  const gate = createRateGate({ requests: config.FT_RATE_LIMIT_PER_SECOND, windowMs: 1_100 });
  const client = createFranceTravailClient({ api, tokens, gate });
  return {
    repositories: {
      offers: createJobOfferRepository(client, cache),
      occupations: createOccupationRepository(client, cache),
      companies: createCompanyRepository(client, cache),
      outcomes: createOutcomeRepository(client, cache),
      reviews: createReviewRepository(anotea, cache),
      jobSeekers: createJobSeekerRepository(client),
    },
    clients: [api, auth, anotea],
  };
}
