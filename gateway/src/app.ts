import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { ParseOptions, ValidationRule } from 'graphql';
import { authConfigFromEnv } from '../../lib/auth/config.js';
import type { Principal } from '../../lib/auth/principal.js';
import { SIGNATURE_HEADER, subgraphSignatureHeaders, subgraphSigningSecretsFromEnv } from '../../lib/auth/subgraph-signature.js';
import type { TokenVerifier } from '../../lib/auth/verifier.js';
import { maskError } from '../../lib/errors/index.js';
import { createLogger, currentRequestId, REQUEST_ID_HEADER, staleSources, type Logger } from '../../lib/logging/index.js';
import { repoPath } from '../../lib/paths.js';
import { createGraphQLHttpServer, listen, type GraphQLHttpOptions } from '../../lib/server/http.js';
import { metricsPlugin } from '../../lib/server/metrics-plugin.js';
import { drainServer, shutdownGraceMsFromEnv } from '../../lib/server/drain.js';
import { createReadiness } from '../../lib/server/readiness.js';
import { supergraphPath, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource, subgraphAgent } from './datasource.js';
import { explorerRoutes } from './explorer.js';
import { createSubgraphHealth } from './health.js';
import { createSubgraphFetcher } from './subgraph-fetcher.js';
import { corsEdge } from './http/cors.js';
import { csrfRefusal } from './http/csrf.js';
import { operationResolutionPlugin } from './http/operation-resolution.js';
import { webAppRoutes } from './web-app.js';
import { subgraphFailure, type AdmissionRequest } from './security/index.js';
import { clientAddress } from './security/principal-key.js';
import { BUDGET_HEADER, FAIRNESS_HEADER, fairnessKeyOf, setFairnessKey } from '../../lib/budget/index.js';
import { sourcesPlugin } from './sources.plugin.js';
import { MemoryStore } from '../../lib/cache/index.js';
import { responseCachePlugin } from './response-cache.js';
import { createEntityCache } from './entity-cache.js';
import { operationMergePlugin } from './operation-merge.js';
import { cachedVerifier } from '../../lib/auth/verified-tokens.js';
import { duplicateErrorsPlugin } from './security/duplicate-errors.plugin.js';
import { readManifest, safelistFrom } from './persisted/manifest.js';
import { safelistCache, safelistPlugin } from './persisted/safelist.plugin.js';

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
  /** Apollo Server's recursive-selection limit (fragment spreads expanded, memoised). */
  maxRecursiveSelections?: number;
  /**
   * Runs after the token is verified and before GraphQL (rate limiting per principal): may set
   * headers, or throw an AppError that answers the request. `principal` is undefined when the
   * token did not verify; the request is answered 401 right after.
   */
  admit?: (request: AdmissionRequest) => Promise<void>;
  /** Secrets signing subgraph requests (default: SUBGRAPH_SIGNING_SECRETS; the first signs). */
  signingSecrets?: readonly string[];
  /** The supergraph's text when the caller has read it already (main.ts, for its `@listSize` hints); default: read from SUPERGRAPH_PATH. */
  supergraphSdl?: string;
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
  const { config } = deps;
  // Each token verified once until it expires, not once per request (lib/auth/verified-tokens.ts).
  const verifier = cachedVerifier(deps.verifier, { maxEntries: config.TOKEN_CACHE_MAX_ENTRIES, metric: 'gateway_token_cache_total' });
  const logger = deps.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const supergraphSdl = deps.supergraphSdl ?? readFileSync(supergraphPath(config), 'utf8');
  const agent = subgraphAgent(config.SUBGRAPH_TIMEOUT_MS);
  const signingSecrets = deps.signingSecrets ?? subgraphSigningSecretsFromEnv();
  const fetcher = createSubgraphFetcher({
    agent,
    merge: config.SUBGRAPH_FETCH_MERGE,
    // Per-request headers that must not keep two otherwise identical fetches apart.
    ignoredHeaders: [REQUEST_ID_HEADER, BUDGET_HEADER, FAIRNESS_HEADER, SIGNATURE_HEADER],
  });
  // Public entity results, one entry per entity, as the subgraphs' hints allow (entity-cache.ts).
  const entityCache = config.ENTITY_CACHE_ENABLED
    ? createEntityCache({ maxBytes: config.ENTITY_CACHE_MAX_MIB * 1024 * 1024, maxTtlSeconds: config.ENTITY_CACHE_MAX_TTL_SECONDS })
    : undefined;
  const effectiveUrls = new Map([...subgraphUrls(supergraphSdl)].map(([name, url]) => [name, config.subgraphUrls[name] ?? url]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MIB,
    buildService: ({ name, url }) => new SubgraphDataSource(name, effectiveUrls.get(name) ?? url ?? '', fetcher, signingSecrets, entityCache),
  });
  // PERSISTED_OPERATIONS=safelist: only the manifest's operations run; nothing registers (issue #12).
  const safelist = config.PERSISTED_OPERATIONS === 'safelist' ? safelistFrom(readManifest(config.PERSISTED_OPERATIONS_PATH ?? repoPath('schema', 'persisted-operations.json'))) : undefined;
  const persistedQueries = safelist
    ? { cache: safelistCache(safelist), ttl: config.APQ_TTL_SECONDS }
    : deps.apqCache ? { cache: deps.apqCache, ttl: config.APQ_TTL_SECONDS } : { ttl: config.APQ_TTL_SECONDS };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    csrfPrevention: true,
    // Our drain (lib/server/drain.ts) finishes in-flight requests first; Apollo's handler would not.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    persistedQueries,
    validationRules: deps.validationRules ?? [],
    ...(deps.parseOptions ? { parseOptions: deps.parseOptions } : {}),
    maxRecursiveSelections: deps.maxRecursiveSelections ?? true,
    formatError: (formatted, error) => {
      // A subgraph that is down, slow or answering garbage is a provider outage for the client;
      // its URL, status and body go to the log only.
      const failure = subgraphFailure(error);
      // Per error at debug (with the stack): an outage is reported by lib/http's breaker warnings, once per state change.
      if (failure) logger.debug({ err: error, code: failure.code, path: formatted.path }, 'subgraph fetch failed');
      return maskError(formatted, failure ?? error, {
        requestId: currentRequestId(),
        onHidden: (hidden) => logger.error({ err: hidden }, 'unexpected error hidden from client'),
      });
    },
    plugins: [
      metricsPlugin<GatewayContext>('gateway', 100, safelist?.names),
      stalePlugin,
      sourcesPlugin,
      operationResolutionPlugin<GatewayContext>(),
      duplicateErrorsPlugin<GatewayContext>(),
      ...(safelist ? [safelistPlugin<GatewayContext>(safelist)] : []),
      ...(deps.plugins ?? []),
      // Apollo asks it after every plugin's didResolveOperation: the limits and the safelist still refuse what they refuse.
      ...(config.RESPONSE_CACHE_ENABLED
        ? [responseCachePlugin({ store: new MemoryStore({ maxBytes: config.RESPONSE_CACHE_MAX_MIB * 1024 * 1024 }), maxTtlSeconds: config.RESPONSE_CACHE_MAX_TTL_SECONDS })]
        : []),
      // Last: a request merged with an identical one in flight has passed every check above.
      ...(config.OPERATION_MERGE ? [operationMergePlugin({ maxWaitMs: config.REQUEST_BUDGET_MS })] : []),
    ],
  });
  await apollo.start();

  // Ready while any subgraph is (gateway/src/health.ts); the issuer's keys are fetched first.
  const self = createReadiness({ warmUp: { jwks: async () => await verifier.warmUp?.() } }, logger);
  void self.warmUp();
  const health = createSubgraphHealth({ urls: effectiveUrls, agent, selfReady: self.check });
  const readiness = health.check;
  // Keeps the per-subgraph gauge current for scrapes between probes.
  const healthTimer = setInterval(() => void health.check(), 10_000).unref();

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

  const webApp = webAppRoutes({ issuer: authConfigFromEnv().issuer });
  // The explorer's "Act as" picker (development issuer tokens) never exists in production.
  const explorer = explorerRoutes({ issuer: authConfigFromEnv().issuer, devIdentities: !config.production });
  const developmentRoutes: GraphQLHttpOptions<GatewayContext>['extraRoutes'] = async (request, response) =>
    (await explorer(request, response)) || (await webApp(request, response));
  const server = createGraphQLHttpServer<GatewayContext>({
    name: 'gateway',
    apollo,
    logger,
    readiness,
    maxBodyBytes: config.MAX_BODY_BYTES,
    budget: { fromHeader: false, maxMs: config.REQUEST_BUDGET_MS, reserveMs: 0 },
    edge: corsEdge(config.cors),
    // CSRF before the token check and the rate limit (issue #12 item 8).
    precheck: csrfRefusal,
    // Development pages: GraphiQL at / and the "Mon CPA" web app at /app/.
    ...(config.explorer ? { extraRoutes: developmentRoutes } : {}),
    ...(beforeGraphQL ? { beforeGraphQL } : {}),
    buildContext: async (request, requestId) => {
      const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
      const principal = await principalOf(request);
      setFairnessKey(fairnessKeyOf(principal, clientAddress(request, 0)));
      return { requestId, principal, authorization, logger: logger.child({ requestId }) };
    },
  });
  const port = await listen(server, config.GATEWAY_PORT, config.HOST, 'GATEWAY_PORT');
  logger.info({ url: `http://${config.HOST}:${port}/graphql` }, 'gateway listening');
  return {
    server,
    port,
    stop: async () => {
      clearInterval(healthTimer);
      await drainServer(server, shutdownGraceMsFromEnv());
      await apollo.stop();
      await agent.close();
    },
  };
}
