import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { parseUpstreamJson, type UpstreamClient } from '../../../../lib/http/index.js';
import { createLogger } from '../../../../lib/logging/index.js';
import type { JobSeeker } from '../domain/job-seeker.js';
import type { JobSeekerRepository } from '../domain/repositories.js';
import { toJobSeeker } from './job-seeker.mapper.js';
import { jobSeekerStatusSchema, particulierErrorSchema } from './job-seeker.response.js';

export const API_PARTICULIER = 'api-particulier';
const log = createLogger('france-travail.api-particulier');

export interface ApiParticulierOptions {
  /** lib/http client on API_PARTICULIER_URL. */
  http: UpstreamClient;
  token: string;
  /** SIRET of the administration asking (API Particulier's mandatory `recipient`). */
  recipient: string;
  /** lib/cache's `fetch` for the personal kind (the subgraph's cache). */
  cache: StatusCache;
}

/** Minimal view of lib/cache's `fetch` for the personal kind. */
export interface StatusCache {
  fetch(kind: 'personal', key: string, loader: () => Promise<JobSeeker | null>, options: { scope: { ownerId: string }; staleSource?: string }): Promise<JobSeeker | null>;
}

/**
 * The France Travail job-seeker status through API Particulier v3 (upstreams.md §2):
 * `GET /v3/france_travail/statut/identifiant?identifiant=…&recipient=<SIRET>`, bearer token.
 * 404 (code 24003, « Entité non trouvée ») is "not registered"; 422 on `identifiant` is an id the
 * provider does not know either; 401/403/422 on `recipient` are our configuration (logged with the
 * operator's error code, UPSTREAM_UNAVAILABLE to the caller); 429 is RATE_LIMITED (lib/http).
 * Personal data, cached only as design.md allows: under the worker's own scope (an HMAC in the key,
 * the value sealed, Redis only: lib/cache), for the `personal` TTL (CACHE_TTL_PERSONAL_SECONDS,
 * 45 s), never served stale. "Not registered" is cached too, as an answer. Every read still
 * passes the access policy and the audit log first (resolvers); within one gateway request the
 * request memo (app.ts) still reads it once across both subgraphs of this process.
 */
export function createJobSeekerRepository(options: ApiParticulierOptions): JobSeekerRepository {
  async function read(workerId: string): Promise<JobSeeker | null> {
    const request = {
      method: 'GET' as const,
      path: '/v3/france_travail/statut/identifiant',
      query: { identifiant: workerId, recipient: options.recipient },
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
    };
    // Decoded inside the breaker's view: a garbage body or a refusal of our configuration counts against the upstream.
    return await options.http.call(request, (response) => {
      if (response.status === 200) return toJobSeeker(workerId, parseUpstreamJson(response, jobSeekerStatusSchema, API_PARTICULIER));
      const errors = (() => {
        try {
          const parsed = particulierErrorSchema.safeParse(response.json());
          return parsed.success ? parsed.data.errors : [];
        } catch {
          return [];
        }
      })();
      if (response.status === 404) return null;
      if ((response.status === 400 || response.status === 422) && errors.every((error) => error.source?.parameter !== 'recipient')) return null;
      log.error({ status: response.status, codes: errors.map((error) => error.code) }, 'API Particulier refused the status request');
      throw upstreamUnavailable(API_PARTICULIER, { status: response.status });
    });
  }

  return {
    async status(workerId) {
      return await options.cache.fetch('personal', 'statut', async () => await read(workerId), { scope: { ownerId: workerId }, staleSource: API_PARTICULIER });
    },
  };
}
