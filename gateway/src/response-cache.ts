import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { CacheStore } from '../../lib/cache/index.js';
import { counter } from '../../lib/metrics/index.js';
import { staleSources } from '../../lib/logging/index.js';
import { sourcesSeen, type SourceRecord } from '../../lib/provenance/sources.js';
import { lifetimeSeconds } from './cache-lifetime.js';
import { operationKey } from './operation-key.js';
import type { GatewayContext } from './context.js';

/**
 * The gateway's cache of whole answers to public operations (issue #15), driven by the subgraphs'
 * cache hints. Each subgraph runs Apollo's cache-control plugin over the `@cacheControl(maxAge)`
 * hints of its SDL (public types only) and answers `cache-control: max-age=N, public`, or
 * `no-store` as soon as one resolved field returns an unhinted type — every personal type is
 * unhinted, so a fetch touching personal data is `no-store`; a `private` hint is never cached
 * either. @apollo/gateway's data source folds each fetch's header into the request's overall
 * policy (`honorSubgraphCacheControlHeader`). This plugin stores the answer only when that policy
 * is PUBLIC with a positive max-age over every fetch of the request, the answer has no error and
 * no stale part, and every operator's data behind it is still fresh; its entry lives no longer
 * than the hint nor than the freshest-ending source (`extensions.sources`, replayed on a hit).
 *
 * The key is the operation name, the document text and the variables (canonical JSON): no
 * principal, since only data the subgraphs declared public is ever stored. Only queries are
 * cached. A hit answers without a single subgraph fetch, after parsing, validation and the query
 * limits, which still run. Entries sit in a bounded in-process store (lib/cache's MemoryStore).
 */
export interface ResponseCacheOptions {
  store: CacheStore;
  /** Upper bound of an entry's life whatever the hints say, in seconds. */
  maxTtlSeconds: number;
  now?: () => number;
}

const outcomes = counter<'outcome'>({
  name: 'gateway_response_cache_total',
  help: 'Operations answered from the gateway response cache (hit), executed and stored (store), or executed without storing (miss: not cacheable)',
  labelNames: ['outcome'],
});

interface Entry {
  data: Record<string, unknown>;
  sources: SourceRecord[];
  expiresAt: number;
}

function keyOf(context: GraphQLRequestContext<GatewayContext>): string | undefined {
  const key = operationKey(context);
  return key === undefined ? undefined : `gateway:response:${key}`;
}

const hitExtension = (entry: Entry) =>
  entry.sources.length === 0
    ? undefined
    : { sources: entry.sources.map((record) => ({ operator: record.operator, fetchedAt: new Date(record.fetchedAt).toISOString(), ttlSeconds: record.ttlSeconds, stale: record.stale })) };

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const now = options.now ?? Date.now;
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation(context) {
          key = keyOf(context);
          if (key === undefined) return null;
          const stored = await options.store.get(key).catch(() => null);
          if (stored === null) return null;
          const entry = JSON.parse(stored.toString()) as Entry;
          const left = Math.floor((entry.expiresAt - now()) / 1000);
          if (left <= 0) return null;
          hit = true;
          outcomes.inc({ outcome: 'hit' });
          context.overallCachePolicy.restrict({ maxAge: left, scope: 'PUBLIC' });
          const extensions = hitExtension(entry);
          return { http: context.response.http, body: { kind: 'single', singleResult: { data: entry.data, ...(extensions ? { extensions } : {}) } } };
        },
        async willSendResponse(context) {
          if (hit || key === undefined) return;
          const { response, overallCachePolicy } = context;
          const policy = overallCachePolicy.policyIfCacheable();
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const cacheable = policy !== null && policy.scope === 'PUBLIC' && result?.data && !result.errors?.length && staleSources().length === 0;
          const sources = sourcesSeen();
          const seconds = cacheable ? lifetimeSeconds(policy.maxAge, sources, now(), options.maxTtlSeconds) : 0;
          if (!result?.data || seconds <= 0) {
            outcomes.inc({ outcome: 'miss' });
            return;
          }
          const entry: Entry = { data: result.data, sources, expiresAt: now() + seconds * 1000 };
          outcomes.inc({ outcome: 'store' });
          await options.store.set(key, JSON.stringify(entry), seconds).catch(() => undefined);
        },
      };
    },
  };
}
