import { parseUpstreamJson, type UpstreamClient, type UpstreamRequest, type UpstreamResponse } from '../../../../lib/http/index.js';
import type { MovementPage, RightsRepository, WorkerRights } from '../domain/rights.js';
import { CDC_OPERATOR, cdcFailure } from './cdc-errors.js';
import { toMovements, toWorkerRights } from './cdc-rights.mapper.js';
import { droitsTitulaireSchema, pageMouvementsSchema, rechercheDroitsSchema } from './cdc-rights.response.js';
import type { TokenProvider } from './cdc-token.js';

/** The CDC API's largest batch (`POST /api/cpa/v1/droits/recherche`) and page. */
export const CDC_MAX_BATCH = 50;
export const CDC_MAX_PAGE = 100;
const API = '/api/cpa/v1';
/** What a first 401 decodes to: refresh the token and ask again. */
const TOKEN_REJECTED = Symbol('token rejected');

/** Minimal view of lib/cache's `fetchMany` for the personal kind: each worker's rights under that worker's own scope. */
export interface RightsCache {
  fetchMany(
    kind: 'personal',
    keys: readonly string[],
    batchLoader: (missing: string[]) => Promise<ReadonlyMap<string, WorkerRights>>,
    options: { scope: { perOwner: string }; staleSource?: string },
  ): Promise<Map<string, WorkerRights | Error>>;
}


/**
 * Rights of CPF holders from the CDC API, read only after the access policy allowed the id (the
 * rights loader's contract) and deduplicated per request by that loader. Personal data, so cached
 * only as design.md allows it: keyed by the worker id (an HMAC in the key, the value sealed,
 * lib/cache), for the `personal` TTL (CACHE_TTL_PERSONAL_SECONDS, 45 s), never served stale when
 * the CDC fails, and never in the in-process tier (no Redis, no cache). Every read still passes the
 * policy and the audit log, which run before the loader. The CDC's rights change when a
 * training is bought or credited, not from one page view to the next: a worker who reloads the
 * dashboard within the TTL sees the same read, not a second call.
 */
export function createCdcRightsRepository(deps: { http: UpstreamClient; tokens: TokenProvider; cache: RightsCache }): RightsRepository {
  /**
   * One authenticated call, decoded inside lib/http's breaker. A 401 means the cached token was
   * revoked or expired early: refresh once (not a failure of the API); a 401 with the fresh token
   * goes to `decode`, whose UPSTREAM_UNAVAILABLE the breaker counts.
   */
  async function call<T>(request: UpstreamRequest, decode: (response: UpstreamResponse) => T): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await deps.tokens.token();
      const headers = { ...request.headers, authorization: `Bearer ${token}`, accept: 'application/json' };
      const outcome = await deps.http.call({ ...request, headers }, (response) => (response.status === 401 && attempt === 1 ? TOKEN_REJECTED : decode(response)));
      if (outcome !== TOKEN_REJECTED) return outcome;
      deps.tokens.invalidate(token);
    }
  }

  async function one(workerId: string): Promise<WorkerRights | undefined> {
    return await call({ method: 'GET', path: `${API}/titulaires/${encodeURIComponent(workerId)}/droits` }, (response) => {
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw cdcFailure(response, 'droits');
      return toWorkerRights(parseUpstreamJson(response, droitsTitulaireSchema, CDC_OPERATOR, { operation: 'droits' }));
    });
  }

  async function batch(workerIds: readonly string[]): Promise<WorkerRights[]> {
    const request = {
      method: 'POST',
      path: `${API}/droits/recherche`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idsTitulaires: workerIds }),
      idempotent: true,
    } as const;
    return await call(request, (response) => {
      if (response.status !== 200) throw cdcFailure(response, 'droits.recherche');
      return parseUpstreamJson(response, rechercheDroitsSchema, CDC_OPERATOR, { operation: 'droits.recherche' }).resultats.map(toWorkerRights);
    });
  }

  /** One GET for one holder, else batches of 50. Unknown ids are absent. */
  async function fromUpstream(ids: readonly string[]): Promise<Map<string, WorkerRights>> {
    const found = new Map<string, WorkerRights>();
    if (ids.length === 1 && ids[0] !== undefined) {
      const rights = await one(ids[0]);
      if (rights) found.set(rights.workerId, rights);
      return found;
    }
    const chunks: string[][] = [];
    for (let index = 0; index < ids.length; index += CDC_MAX_BATCH) chunks.push(ids.slice(index, index + CDC_MAX_BATCH));
    for (const rows of await Promise.all(chunks.map(batch))) {
      // Only the ids we asked for: an answer about someone else is dropped, never attributed.
      for (const rights of rows) if (ids.includes(rights.workerId)) found.set(rights.workerId, rights);
    }
    return found;
  }

  return {
    async rightsOf(workerIds) {
      const ids = [...new Set(workerIds)];
      const cached = await deps.cache.fetchMany('personal', ids, fromUpstream, { scope: { perOwner: 'droits' }, staleSource: CDC_OPERATOR });
      const found = new Map<string, WorkerRights>();
      for (const value of cached.values()) {
        if (value instanceof Error) throw value;
        found.set(value.workerId, value);
      }
      return found;
    },

    async movementsOf(workerId, offset, limit): Promise<MovementPage | null> {
      const request = { method: 'GET', path: `${API}/titulaires/${encodeURIComponent(workerId)}/mouvements`, query: { debut: offset, nombre: Math.min(CDC_MAX_PAGE, Math.max(1, limit)) } } as const;
      return await call(request, (response) => {
        if (response.status === 404) return null;
        if (response.status !== 200) throw cdcFailure(response, 'mouvements');
        const page = parseUpstreamJson(response, pageMouvementsSchema, CDC_OPERATOR, { operation: 'mouvements' });
        return { movements: limit === 0 ? [] : toMovements(page), totalCount: page.nombreTotal };
      });
    },
  };
}
