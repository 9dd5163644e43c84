import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { FetcherRequestInit } from '@apollo/utils.fetcher';
import { subgraphSignatureHeaders } from '../../lib/auth/subgraph-signature.js';
import { counter, histogram } from '../../lib/metrics/index.js';
import { Agent } from 'undici';
import { BUDGET_HEADER, currentFairnessKey, FAIRNESS_HEADER } from '../../lib/budget/index.js';
import { currentRequestId, markStale, REQUEST_ID_HEADER } from '../../lib/logging/index.js';
import { STALE_HEADER } from '../../lib/server/http.js';
import { receiveSources, SOURCES_HEADER } from '../../lib/provenance/sources.js';
import type { GatewayContext } from './context.js';
import { subgraphBudgetMs, timedOutFetch } from './deadline.js';
import type { EntityCache } from './entity-cache.js';
import type { SubgraphFetcher } from './subgraph-fetcher.js';

const fetches = counter({ name: 'subgraph_fetches_total', help: 'Fetches from the gateway to each subgraph', labelNames: ['subgraph', 'outcome'] });
const fetchDuration = histogram({
    name: 'subgraph_fetch_duration_seconds',
    help: 'Duration of gateway fetches to each subgraph',
    labelNames: ['subgraph'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

/** Keep-alive connections to the subgraphs (undici), instead of a new socket per fetch. */
export function subgraphAgent(timeoutMs: number): Agent {
  return new Agent({ connections: 64, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

function signed(init: FetcherRequestInit | undefined, secrets: readonly string[]): { headers: Record<string, string> } {
  const headers = init?.headers ?? {};
  const body = typeof init?.body === 'string' ? init.body : '';
  return { headers: { ...headers, ...subgraphSignatureHeaders(body, secrets) } };
}

/**
 * Forwards the caller's token (each subgraph verifies it again) and the request id; counts
 * and times fetches per subgraph; carries a subgraph's stale-data flag back to the client; answers
 * public entities from the gateway's entity cache when it has them.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    url: string,
    fetcher: SubgraphFetcher,
    signingSecrets: readonly string[],
    /** Public entity results kept by the gateway (entity-cache.ts); none when ENTITY_CACHE_ENABLED=false. */
    private readonly entityCache?: EntityCache,
  ) {
    super({
      url,
      // Signed here, on the exact body Apollo serialised: subgraphs refuse any other caller. The fetch
      // ends with the request's budget: the subgraph was told the same deadline and answers before it.
      fetcher: (input, init) => fetcher(input, { ...(init ?? {}), ...signed(init, signingSecrets) }, Math.max(1, subgraphBudgetMs() + 25)),
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    const authorization = 'authorization' in context ? context.authorization : undefined;
    if (authorization) headers.set('authorization', authorization);
    const requestId = currentRequestId() ?? ('requestId' in context ? context.requestId : undefined);
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    headers.set(BUDGET_HEADER, String(subgraphBudgetMs()));
    headers.set(FAIRNESS_HEADER, currentFairnessKey());
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (this.entityCache && 'incomingRequestContext' in options) return await this.entityCache.process(this.subgraph, this.url ?? '', options, (reduced) => this.fetchFromSubgraph(reduced));
    return await this.fetchFromSubgraph(options);
  }

  /** One fetch to the subgraph, counted and timed. */
  private async fetchFromSubgraph(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const stop = fetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const response = await super.process(options);
      fetches.inc({ subgraph: this.subgraph, outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      fetches.inc({ subgraph: this.subgraph, outcome: 'failed' });
      if (isTimeout(error)) return timedOutFetch(options.request.query, options.request.variables, this.subgraph);
      throw error;
    } finally {
      stop();
    }
  }

  override didReceiveResponse({ response }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    const stale = response.http?.headers.get(STALE_HEADER);
    if (stale) for (const source of stale.split(',')) markStale(source.trim());
    receiveSources(response.http?.headers.get(SOURCES_HEADER));
    return response;
  }
}

function isTimeout(error: unknown): boolean {
  for (let item: unknown = error, depth = 0; item instanceof Error && depth < 5; item = item.cause, depth += 1) {
    if (item.name === 'TimeoutError' || item.name === 'AbortError') return true;
  }
  return false;
}
