import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { request as undiciRequest } from 'undici';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { Principal } from '../../lib/auth/principal.js';
import type { TokenVerifier } from '../../lib/auth/verifier.js';
import { maskError } from '../../lib/errors/index.js';
import { createLogger, currentRequestId, staleSources, type Logger } from '../../lib/logging/index.js';
import { repoPath } from '../../lib/paths.js';
import { createGraphQLHttpServer, listen, type GraphQLHttpOptions } from '../../lib/server/http.js';
import { metricsPlugin } from '../../lib/server/metrics-plugin.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource, subgraphAgent } from './datasource.js';
import { serveExplorer } from './explorer.js';
import { subgraphFailure, type AdmissionRequest } from './security/index.js';

export interface GatewayDeps {
  config: GatewayConfig;
  verifier: TokenVerifier;
  logger?: Logger;
  /** Shared cache for automatic persisted queries (Redis or memory). */
  apqCache?: KeyValueCache<string>;
  /** Extra protections (limits, rate limiting) plugged in by the security layer. */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  validationRules?: ValidationRule[];
  /** Parser limits (e.g. `maxTokens`), applied before validation. */
  parseOptions?: ParseOptions;
  /**
   * Runs after the token is verified and before GraphQL (rate limiting per principal): may set
   * headers, or throw an AppError that answers the request. `principal` is undefined when the
   * token did not verify; the request is answered 401 right after.
   */
  admit?: (request: AdmissionRequest) => Promise<void>;
}

export interface RunningGateway {
  server: Server;
  port: number;
  stop: () => Promise<void>;
}

/** Adds `extensions.stale` when some data was served past its TTL because an operator failed. */
const stalePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const stale = staleSources();
        if (stale.length === 0 || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale };
      },
    };
  },
};

function subgraphUrls(supergraphSdl: string): Map<string, string> {
  const urls = new Map<string, string>();
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    if (match[1] && match[2]) urls.set(match[1], match[2]);
  }
  return urls;
}

/** The gateway: Apollo Server 5 + @apollo/gateway over the committed, static supergraph. */
export async function startGateway(deps: GatewayDeps): Promise<RunningGateway> {
  const { config, verifier } = deps;
  const logger = deps.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH ?? repoPath('schema', 'supergraph.graphql'), 'utf8');
  const agent = subgraphAgent(config.SUBGRAPH_TIMEOUT_MS);
  const effectiveUrls = new Map([...subgraphUrls(supergraphSdl)].map(([name, url]) => [name, config.subgraphUrls[name] ?? url]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MIB,
    buildService: ({ name, url }) => new SubgraphDataSource(name, effectiveUrls.get(name) ?? url ?? '', agent),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    persistedQueries: deps.apqCache ? { cache: deps.apqCache, ttl: config.APQ_TTL_SECONDS } : { ttl: config.APQ_TTL_SECONDS },
    validationRules: deps.validationRules ?? [],
    ...(deps.parseOptions ? { parseOptions: deps.parseOptions } : {}),
    formatError: (formatted, error) => {
      // A subgraph that is down, slow or answering garbage is a provider outage for the client;
      // its URL, status and body go to the log only.
      const failure = subgraphFailure(error);
      if (failure) logger.warn({ err: error, code: failure.code, path: formatted.path }, 'subgraph fetch failed');
      return maskError(formatted, failure ?? error, {
        requestId: currentRequestId(),
        onHidden: (hidden) => logger.error({ err: hidden }, 'unexpected error hidden from client'),
      });
    },
    plugins: [metricsPlugin<GatewayContext>('gateway'), stalePlugin, ...(deps.plugins ?? [])],
  });
  await apollo.start();

  const readiness = async () => {
    const checks = await Promise.all(
      [...effectiveUrls].map(async ([name, url]) => {
        try {
          const response = await undiciRequest(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ __typename }' }),
            dispatcher: agent,
            headersTimeout: 2000,
            bodyTimeout: 2000,
          });
          await response.body.dump();
          return [name, response.statusCode === 200] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    return { ready: checks.every(([, ok]) => ok), details: { supergraph: 'loaded', subgraphs: Object.fromEntries(checks) } };
  };

  // The token is verified once per request, shared by admission (rate limiting) and the context.
  const principals = new WeakMap<IncomingMessage, Promise<Principal>>();
  const principalOf = (request: IncomingMessage): Promise<Principal> => {
    let principal = principals.get(request);
    if (!principal) {
      const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
      principal = verifier.principalFrom(authorization);
      principals.set(request, principal);
    }
    return principal;
  };
  const { admit } = deps;
  const beforeGraphQL: GraphQLHttpOptions<GatewayContext>['beforeGraphQL'] = admit
    ? async (request, response) => await admit({ request, response, principal: await principalOf(request).catch(() => undefined) })
    : undefined;

  const server = createGraphQLHttpServer<GatewayContext>({
    name: 'gateway',
    apollo,
    logger,
    readiness,
    maxBodyBytes: config.MAX_BODY_BYTES,
    ...(config.explorer ? { extraRoutes: serveExplorer } : {}),
    ...(beforeGraphQL ? { beforeGraphQL } : {}),
    buildContext: async (request, requestId) => {
      const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
      const principal = await principalOf(request);
      return { requestId, principal, authorization, logger: logger.child({ requestId }) };
    },
  });
  const port = await listen(server, config.GATEWAY_PORT, config.HOST, 'GATEWAY_PORT');
  logger.info({ url: `http://${config.HOST}:${port}/graphql` }, 'gateway listening');
  return {
    server,
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await agent.close();
    },
  };
}
