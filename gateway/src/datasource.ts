import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { counter, histogram } from '../../lib/metrics/index.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { currentRequestId, markStale, REQUEST_ID_HEADER } from '../../lib/logging/index.js';
import { STALE_HEADER } from '../../lib/server/http.js';
import type { GatewayContext } from './context.js';

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

/**
 * Forwards the caller's token (each subgraph verifies it again) and the request id; counts
 * and times fetches per subgraph; carries a subgraph's stale-data flag back to the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    url: string,
    agent: Agent,
  ) {
    super({
      url,
      fetcher: ((input: string, init?: Record<string, unknown>) =>
        undiciFetch(input, { ...(init ?? {}), dispatcher: agent } as Parameters<typeof undiciFetch>[1])) as unknown as RemoteGraphQLDataSource['fetcher'],
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    const authorization = 'authorization' in context ? context.authorization : undefined;
    if (authorization) headers.set('authorization', authorization);
    const requestId = currentRequestId() ?? ('requestId' in context ? context.requestId : undefined);
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const stop = fetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const response = await super.process(options);
      fetches.inc({ subgraph: this.subgraph, outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      fetches.inc({ subgraph: this.subgraph, outcome: 'failed' });
      throw error;
    } finally {
      stop();
    }
  }

  override didReceiveResponse({ response }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    const stale = response.http?.headers.get(STALE_HEADER);
    if (stale) for (const source of stale.split(',')) markStale(source.trim());
    return response;
  }
}
