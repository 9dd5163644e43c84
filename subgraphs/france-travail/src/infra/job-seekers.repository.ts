import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { parseUpstreamJson, type UpstreamClient } from '../../../../lib/http/index.js';
import { createLogger } from '../../../../lib/logging/index.js';
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
}

/**
 * The France Travail job-seeker status through API Particulier v3 (upstreams.md §2):
 * `GET /v3/france_travail/statut/identifiant?identifiant=…&recipient=<SIRET>`, bearer token.
 * 404 (code 24003, « Entité non trouvée ») is "not registered"; 422 on `identifiant` is an id the
 * provider does not know either; 401/403/422 on `recipient` are our configuration (logged with the
 * operator's error code, UPSTREAM_UNAVAILABLE to the caller); 429 is RATE_LIMITED (lib/http).
 * Personal data, deliberately not cached (the DataLoader still dedupes within a request).
 */
export function createJobSeekerRepository(options: ApiParticulierOptions): JobSeekerRepository {
  return {
    async status(workerId) {
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
    },
  };
}
