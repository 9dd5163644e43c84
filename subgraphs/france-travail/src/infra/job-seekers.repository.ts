import { parseUpstreamJson } from '../../../../lib/http/index.js';
import type { JobSeekerRepository } from '../domain/repositories.js';
import type { FranceTravailClient } from './france-travail.client.js';
import { toJobSeeker } from './job-seeker.mapper.js';
import { jobSeekerStatusSchema } from './job-seeker.response.js';

const OPERATOR = 'france-travail';

/**
 * Personal data, deliberately not cached: every read follows an access decision of this request,
 * and a stale registration status would mislead (the DataLoader still dedupes within a request).
 */
export function createJobSeekerRepository(client: FranceTravailClient): JobSeekerRepository {
  return {
    async status(workerId) {
      const response = await client.send({ method: 'GET', path: '/v3/france_travail/statut/identifiant', query: { identifiant: workerId } });
      if (response.status === 404 || response.status === 400) return null;
      return toJobSeeker(workerId, parseUpstreamJson(response, jobSeekerStatusSchema, OPERATOR));
    },
  };
}
