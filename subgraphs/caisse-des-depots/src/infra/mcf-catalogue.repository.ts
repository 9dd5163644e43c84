import { MCF_MAX_LIMIT, MCF_RECORDS_PATH, mcfRecordsResponseSchema } from '../../../../lib/contracts/mcf.response.js';
import { AppError, ErrorCode, upstreamUnavailable } from '../../../../lib/errors/index.js';
import { parseUpstreamJson, type UpstreamClient } from '../../../../lib/http/index.js';
import { parseEligibilityKey, type CatalogueRepository } from '../domain/catalogue.js';
import { keyOfRow, whereClause } from './mcf-catalogue.mapper.js';

export const MCF_OPERATOR = 'mon-compte-formation';
/** Keys per `where` (one OR clause each), matching the page size so one call usually answers a chunk. */
export const MCF_KEYS_PER_CALL = MCF_MAX_LIMIT;
/** A formation has one row per provider and certification, but a provider can list several: page, within reason. */
const MAX_PAGES = 10;

/** Minimal view of lib/cache's `fetchMany` for the public catalogue kind. */
export interface CatalogueCache {
  fetchMany(kind: 'catalogue', keys: readonly string[], batchLoader: (missing: string[]) => Promise<ReadonlyMap<string, boolean>>, options: { scope: 'public' }): Promise<Map<string, boolean | Error>>;
}

/**
 * CPF eligibility from the Mon Compte Formation open data: many (SIRET, certification) pairs in
 * one `where` of OR clauses. Public data, cached with the catalogue TTL.
 */
export function createMcfCatalogueRepository(deps: { http: UpstreamClient; cache: CatalogueCache }): CatalogueRepository {
  async function page(where: string, offset: number) {
    const request = {
      method: 'GET',
      path: MCF_RECORDS_PATH,
      query: { select: 'siret,code_rncp,code_inventaire,type_referentiel', where, limit: MCF_MAX_LIMIT, offset },
      headers: { accept: 'application/json' },
    } as const;
    return await deps.http.call(request, (response) => {
      if (response.status === 400) throw new AppError(ErrorCode.INTERNAL, 'Internal error.', { operator: MCF_OPERATOR, status: 400, cause: response.text().slice(0, 300) });
      if (response.status !== 200) throw upstreamUnavailable(MCF_OPERATOR, { status: response.status });
      return parseUpstreamJson(response, mcfRecordsResponseSchema, MCF_OPERATOR);
    });
  }

  async function lookUp(keys: readonly string[]): Promise<Map<string, boolean>> {
    const wanted = new Set(keys);
    const found = new Map<string, boolean>(keys.map((key) => [key, false]));
    const where = keys.map((key) => whereClause(parseEligibilityKey(key))).join(' OR ');
    for (let index = 0, offset = 0; index < MAX_PAGES; index += 1) {
      const body = await page(where, offset);
      for (const row of body.results) {
        const key = keyOfRow(row);
        if (key !== undefined && wanted.has(key)) found.set(key, true);
      }
      offset += body.results.length;
      if (body.results.length === 0 || offset >= body.total_count || [...found.values()].every(Boolean)) break;
    }
    return found;
  }

  return {
    async listed(keys) {
      const distinct = [...new Set(keys)];
      const cached = await deps.cache.fetchMany(
        'catalogue',
        distinct,
        async (missing) => {
          const chunks: string[][] = [];
          for (let index = 0; index < missing.length; index += MCF_KEYS_PER_CALL) chunks.push(missing.slice(index, index + MCF_KEYS_PER_CALL));
          const maps = await Promise.all(chunks.map(lookUp));
          return new Map(maps.flatMap((map) => [...map]));
        },
        { scope: 'public' },
      );
      return new Map(distinct.map((key) => [key, cached.get(key) ?? false]));
    },
  };
}
