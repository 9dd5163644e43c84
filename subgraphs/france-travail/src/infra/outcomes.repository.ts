import { countDropped, parseUpstreamJson } from '../../../../lib/http/index.js';
import type { OutcomeRepository } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import type { FranceTravailClient } from './france-travail.client.js';
import { toOutcomeRequest, toOutcomes } from './outcomes.mapper.js';
import { outcomeResponseSchema } from './outcomes.response.js';

const OPERATOR = 'france-travail';

export function createOutcomeRepository(client: FranceTravailClient, cache: FtCache): OutcomeRepository {
  return {
    async outcomes(key, refresh) {
      const entry = `outcomes:${key.formacode}:${key.departmentCode}`;
      if (refresh?.refresh) await cache.invalidate('catalogue', entry, { scope: 'public' });
      return await cache.fetch(
        'catalogue',
        entry,
        async () => {
          return await client.send({
            method: 'POST',
            path: '/partenaire/stats-entrees-sorties-formations/v1/indicateur/stat-acces-emploi-sorties-formation',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(toOutcomeRequest(key)),
            // A statistics read sent as POST: safe to retry.
            idempotent: true,
          }, (response) => {
            // 404 is "no figures for this key" (upstreams.md §4.3); a 400 would be our body, and means the same to a caller.
            if (response.status === 404 || response.status === 400 || response.status === 204) return null;
            const body = parseUpstreamJson(response, outcomeResponseSchema, OPERATOR);
            countDropped(OPERATOR, body.listeValeursParPeriode, { endpoint: 'stat-acces-emploi' });
            return toOutcomes(body);
          });
        },
        { scope: 'public', ...(refresh ? { ttlSeconds: refresh.ttlSeconds } : {}) },
      );
    },
  };
}
