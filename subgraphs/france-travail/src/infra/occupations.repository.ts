import { countDropped, parseUpstreamJson } from '../../../../lib/http/index.js';
import type { OccupationRepository } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import type { FranceTravailClient } from './france-travail.client.js';
import type { MobilityRepository } from './rome-mobility.repository.js';
import { droppedSkills, toOccupation, toSkills, toSummaries } from './rome.mapper.js';
import { ficheMetierSchema, metierListSchema, metierSchema } from './rome.response.js';

const OPERATOR = 'france-travail';

/** ROME 4.0 has no batch endpoint: one call per code, cached as reference data (the loader dedupes per request). */
export function createOccupationRepository(client: FranceTravailClient, cache: FtCache, mobility: MobilityRepository): OccupationRepository {
  return {
    async related(romeCode) {
      return (await mobility.links())[romeCode] ?? [];
    },
    async byCode(romeCode) {
      return await cache.fetch(
        'reference',
        `metier:${romeCode}`,
        async () => {
          return await client.send({ method: 'GET', path: `/partenaire/rome-metiers/v1/metiers/metier/${romeCode}` }, (response) => {
            if (response.status === 404 || response.status === 204 || response.status === 400) return null;
            return toOccupation(parseUpstreamJson(response, metierSchema, OPERATOR));
          });
        },
        { scope: 'public' },
      );
    },
    async skills(romeCode) {
      return await cache.fetch(
        'reference',
        `fiche:${romeCode}`,
        async () => {
          return await client.send({ method: 'GET', path: `/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/${romeCode}` }, (response) => {
            if (response.status === 404 || response.status === 204 || response.status === 400) return null;
            const fiche = parseUpstreamJson(response, ficheMetierSchema, OPERATOR);
            countDropped(OPERATOR, droppedSkills(fiche), { endpoint: 'fiche-metier' });
            return toSkills(fiche);
          });
        },
        { scope: 'public' },
      );
    },
    async list() {
      return await cache.fetch(
        'reference',
        'metiers',
        async () => {
          return await client.send({
            method: 'GET',
            path: '/partenaire/rome-metiers/v1/metiers/metier',
            query: { champs: 'code,libelle,appellations(libelle)' },
          }, (response) => {
            return toSummaries(countDropped(OPERATOR, parseUpstreamJson(response, metierListSchema, OPERATOR), { endpoint: 'metiers' }));
          });
        },
        { scope: 'public' },
      );
    },
  };
}
