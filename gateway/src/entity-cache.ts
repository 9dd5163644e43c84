import { createHash } from 'node:crypto';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { LRUCache } from 'lru-cache';
import { counter } from '../../lib/metrics/index.js';
import { STALE_HEADER } from '../../lib/server/http.js';
import { parseSourcesHeader, receiveSources, SOURCES_HEADER } from '../../lib/provenance/sources.js';
import { lifetimeSeconds, publicMaxAge } from './cache-lifetime.js';
import type { GatewayContext } from './context.js';

/**
 * The gateway's cache of public entity results (issue #15), one entry per entity, as Apollo
 * Router's entity cache does. An `_entities` fetch asks a subgraph for fields of a list of
 * representations (`{ __typename, id }`…); the same training, provider or occupation comes back in
 * many different searches, so the entry is per representation, not per fetch: a search never sent
 * before still finds the entities earlier searches brought.
 *
 * - **What is stored.** Only what the subgraph declared shared: its answer's `cache-control` is
 *   `public, max-age=N` (Apollo's cache-control plugin over the `@cacheControl` hints; every
 *   personal type is unhinted, so a fetch touching personal data is `no-store` and never stored),
 *   with no error, no stale part (`x-cpa-stale`) and every operator source still fresh. An entry
 *   lives no longer than the hint, the gateway's cap, nor the freshest-ending source.
 * - **The key** is the subgraph URL, the fetch's selection (the operation name the gateway gives it
 *   is left out: two client operations asking the same fields share entries), its other variables
 *   and the representation. No principal, since only public data is ever stored.
 * - **A fetch with hits** asks the subgraph only for the missing representations (none: no fetch
 *   at all), puts the answers back in the gateway's order, and moves the errors' `_entities`
 *   indexes back to it. The hits replay their sources (`extensions.sources` stays true) and
 *   restrict the request's cache policy to what is left of their life, so the whole-answer cache
 *   never outlives an entity it holds.
 * - Entries are JSON text in a bounded in-process LRU (per gateway process, like the response
 *   cache); each hit is parsed anew, so answers share no objects (the gateway merges entity results
 *   into its response tree in place).
 */
export interface EntityCacheOptions {
  maxBytes: number;
  /** Upper bound of an entry's life whatever the hints say, in seconds. */
  maxTtlSeconds: number;
  now?: () => number;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type Fetch = (options: ProcessOptions) => Promise<GatewayGraphQLResponse>;

interface Entry {
  text: string;
  expiresAt: number;
  /** The `x-cpa-sources` header of the fetch that brought it, replayed on a hit. */
  sources: string | undefined;
}

export interface EntityCache {
  /** Answers an `_entities` fetch from the cache where it can, through `fetch` for the rest; any other fetch goes straight to `fetch`. */
  process(subgraph: string, url: string, options: ProcessOptions, fetch: Fetch): Promise<GatewayGraphQLResponse>;
}

const outcomes = counter<'subgraph' | 'outcome'>({
  name: 'gateway_entity_cache_total',
  help: 'Entities of _entities fetches answered from the gateway entity cache (hit), asked of the subgraph (miss), or stored after it answered (store)',
  labelNames: ['subgraph', 'outcome'],
});

const ENTITIES_SELECTION = /^query(?:\s+[A-Za-z_][A-Za-z0-9_]*)?(\(\$representations:\[_Any!\]!.*)$/s;

/** The representations of an `_entities` fetch, and the key part shared by its entities; undefined for any other fetch. */
function entitiesFetch(url: string, options: ProcessOptions): { representations: unknown[]; prefix: string } | undefined {
  const { query, variables } = options.request;
  const representations = variables?.['representations'];
  if (query === undefined || !Array.isArray(representations)) return undefined;
  const selection = ENTITIES_SELECTION.exec(query)?.[1];
  if (selection === undefined) return undefined;
  const { representations: _, ...others } = variables ?? {};
  const prefix = createHash('sha256').update(url).update('\n').update(selection).update('\n').update(JSON.stringify(others)).digest('base64url');
  return { representations, prefix };
}

interface ErrorLike {
  path?: ReadonlyArray<string | number>;
}

/** An error of the reduced fetch, with its `_entities` index moved back to the original fetch's. */
function remapError<E extends ErrorLike>(error: E, asked: readonly number[]): E {
  const path = error.path;
  if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return error;
  const original = asked[path[1]];
  return original === undefined ? error : { ...error, path: ['_entities', original, ...path.slice(2)] };
}

export function createEntityCache(options: EntityCacheOptions): EntityCache {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => Math.max(1, 2 * (entry.text.length + key.length + (entry.sources?.length ?? 0)) + 64),
  });

  /** Stores the fetched entities when the subgraph's answer allows it. */
  function store(subgraph: string, keys: readonly string[], response: GatewayGraphQLResponse): void {
    const entities = (response.data as { _entities?: unknown } | undefined | null)?._entities;
    if (response.errors?.length || !Array.isArray(entities) || entities.length !== keys.length) return;
    const headers = response.http?.headers;
    if (!headers || headers.get(STALE_HEADER)) return;
    const maxAge = publicMaxAge(headers.get('cache-control'));
    if (maxAge <= 0) return;
    const sourcesHeader = headers.get(SOURCES_HEADER) ?? undefined;
    const sources = parseSourcesHeader(sourcesHeader);
    if (sourcesHeader && !sources) return;
    const at = now();
    const seconds = lifetimeSeconds(maxAge, sources ?? [], at, options.maxTtlSeconds);
    if (seconds <= 0) return;
    let stored = 0;
    entities.forEach((entity, index) => {
      const key = keys[index];
      if (entity === null || key === undefined) return;
      entries.set(key, { text: JSON.stringify(entity), expiresAt: at + seconds * 1000, sources: sourcesHeader });
      stored += 1;
    });
    if (stored > 0) outcomes.inc({ subgraph, outcome: 'store' }, stored);
  }

  return {
    async process(subgraph, url, processOptions, fetch) {
      const found = entitiesFetch(url, processOptions);
      if (!found) return await fetch(processOptions);
      const { representations, prefix } = found;
      const keys = representations.map((representation) => `${prefix}:${JSON.stringify(representation)}`);
      const at = now();
      const hits = keys.map((key) => {
        const entry = entries.get(key);
        return entry && entry.expiresAt > at ? entry : undefined;
      });
      const asked = hits.flatMap((hit, index) => (hit === undefined ? [index] : []));
      if (asked.length < keys.length) outcomes.inc({ subgraph, outcome: 'hit' }, keys.length - asked.length);
      if (asked.length > 0) outcomes.inc({ subgraph, outcome: 'miss' }, asked.length);
      if (asked.length === keys.length) {
        const response = await fetch(processOptions);
        store(subgraph, keys, response);
        return response;
      }

      // The hits' provenance and remaining life count for this request like a fetch's would.
      let left = Number.POSITIVE_INFINITY;
      const replayed = new Set<string>();
      for (const hit of hits) {
        if (hit === undefined) continue;
        left = Math.min(left, Math.floor((hit.expiresAt - at) / 1000));
        if (hit.sources !== undefined && !replayed.has(hit.sources)) {
          replayed.add(hit.sources);
          receiveSources(hit.sources);
        }
      }
      const policy = 'incomingRequestContext' in processOptions ? processOptions.incomingRequestContext.overallCachePolicy : undefined;
      if (policy && 'restrict' in policy) policy.restrict({ maxAge: Math.max(0, left), scope: 'PUBLIC' });

      let fetched: GatewayGraphQLResponse | undefined;
      let fetchedEntities: unknown[] = [];
      if (asked.length > 0) {
        const variables = { ...processOptions.request.variables, representations: asked.map((index) => representations[index]) };
        fetched = await fetch({ ...processOptions, request: { ...processOptions.request, variables } });
        store(subgraph, asked.map((index) => keys[index] ?? ''), fetched);
        const entities = (fetched.data as { _entities?: unknown } | undefined | null)?._entities;
        fetchedEntities = Array.isArray(entities) ? entities : [];
      }
      // The fetched entities come in the order of `asked`, which is the gateway's order minus the hits.
      let next = 0;
      const merged = hits.map((hit) => (hit ? (JSON.parse(hit.text) as unknown) : (fetchedEntities[next++] ?? null)));
      const errors = fetched?.errors?.map((error) => remapError(error, asked));
      return {
        ...(fetched ?? {}),
        data: { ...((fetched?.data as Record<string, unknown> | null | undefined) ?? {}), _entities: merged },
        ...(errors?.length ? { errors } : {}),
      };
    },
  };
}
