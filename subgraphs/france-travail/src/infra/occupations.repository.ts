import { parseUpstreamJson } from '../../../../lib/http/index.js';
import type { OccupationRepository } from '../domain/repositories.js';
import type { FtCache } from './cache.js';
import type { FranceTravailClient } from './france-travail.client.js';
import { toOccupation, toSkills, toSummaries } from './rome.mapper.js';
import { ficheMetierSchema, metierSchema } from './rome.response.js';
import { z } from 'zod';

const OPERATOR = 'france-travail';
const listSchema = z.array(z.object({ code: z.string(), libelle: z.string(), appellations: z.array(z.object({ libelle: z.string() })).optional() }));

/** ROME 4.0 has no batch endpoint: one call per code, cached as reference data (the loader dedupes per request). */
export function createOccupationRepository(client: FranceTravailClient, cache: FtCache): OccupationRepository {
  return {
    async byCode(romeCode) {
      return await cache.fetch(
        'reference',
        `metier:${romeCode}`,
        async () => {
          const response = await client.send({ method: 'GET', path: `/partenaire/rome-metiers/v1/metiers/metier/${romeCode}` });
          if (response.status === 404 || response.status === 204 || response.status === 400) return null;
          return toOccupation(parseUpstreamJson(response, metierSchema, OPERATOR));
        },
        { scope: 'public' },
      );
    },
    async skills(romeCode) {
      return await cache.fetch(
        'reference',
        `fiche:${romeCode}`,
        async () => {
          const response = await client.send({ method: 'GET', path: `/partenaire/rome-fiches-metiers/v1/fiches-rome/fiche-metier/${romeCode}` });
          if (response.status === 404 || response.status === 204 || response.status === 400) return null;
          return toSkills(parseUpstreamJson(response, ficheMetierSchema, OPERATOR));
        },
        { scope: 'public' },
      );
    },
    async list() {
      return await cache.fetch(
        'reference',
        'metiers',
        async () => {
          const response = await client.send({
            method: 'GET',
            path: '/partenaire/rome-metiers/v1/metiers/metier',
            query: { champs: 'code,libelle,appellations(libelle)' },
          });
          return toSummaries(parseUpstreamJson(response, listSchema, OPERATOR));
        },
        { scope: 'public' },
      );
    },
  };
}
