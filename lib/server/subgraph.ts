import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type { Principal } from '../auth/principal.js';
import { subgraphSigningSecretsFromEnv, verifySubgraphSignature } from '../auth/subgraph-signature.js';
import { listSizeHints } from '../limits/list-size.js';
import { queryLimits, type QueryLimits } from '../limits/query-limits.js';
import { subgraphLimitsFromEnv } from '../limits/subgraph-config.js';
import { maskError } from '../errors/index.js';
import { createLogger, type Logger } from '../logging/index.js';
import { createGraphQLHttpServer, listen, type Readiness } from './http.js';
import { metricsPlugin } from './metrics-plugin.js';
import { drainServer, shutdownGraceMsFromEnv } from './drain.js';

/** What every subgraph resolver receives; subgraphs add their own loaders on top. */
export interface SubgraphContext extends BaseContext {
  requestId: string;
  logger: Logger;
  principal: Principal;
  /** The caller's `Authorization` header as received (forwarded by the gateway), for consent lookups. */
  authorization: string | undefined;
}

export interface SubgraphOptions<Ctx extends SubgraphContext> {
  name: string;
  schemaPath: string;
  resolvers: GraphQLResolverMap<Ctx>;
  /** Verifies the forwarded token and returns the principal; throws AppError(UNAUTHENTICATED) when invalid. */
  principalFrom: (authorization: string | undefined) => Promise<Principal>;
  /** Adds the subgraph's per-request state (loaders…) to the base context. */
  extendContext: (base: SubgraphContext) => Ctx;
  readiness?: () => Promise<Readiness>;
  introspection?: boolean;
  logger?: Logger;
  /** Secrets that verify the gateway's signature (default: SUBGRAPH_SIGNING_SECRETS). */
  signingSecrets?: readonly string[];
  /** The subgraph's own query limits (default: SUBGRAPH_LIMIT_* variables). */
  limits?: QueryLimits & { maxBodyBytes: number };
}

export interface RunningSubgraph {
  server: Server;
  apollo: ApolloServer<SubgraphContext>;
  port: number;
  stop: () => Promise<void>;
}

/** Builds the Apollo subgraph and its HTTP server; `main.ts` only calls this and listens. */
export async function startSubgraph<Ctx extends SubgraphContext>(
  options: SubgraphOptions<Ctx>,
  listenOn: { port: number; host: string; portVariable: string },
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(options.name);
  const typeDefs = parse(readFileSync(options.schemaPath, 'utf8'));
  const secrets = options.signingSecrets ?? subgraphSigningSecretsFromEnv();
  const limitSettings = options.limits ?? subgraphLimitsFromEnv(process.env, { introspection: options.introspection ?? false });
  const limits = queryLimits(limitSettings, { listSizes: listSizeHints(typeDefs) });
  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    introspection: options.introspection ?? false,
    csrfPrevention: true,
    // Our drain (lib/server/drain.ts) finishes in-flight requests first; Apollo's handler would not.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    maxRecursiveSelections: limits.maxRecursiveSelections,
    formatError: (formatted, error) =>
      maskError(formatted, error, { onHidden: (hidden) => logger.error({ err: hidden }, 'unexpected error hidden from client') }),
    // Federated traces would only serve Apollo Studio, which this graph does not report to.
    plugins: [metricsPlugin<Ctx>(options.name), ApolloServerPluginInlineTraceDisabled(), limits.plugin],
  });
  await apollo.start();
  const server = createGraphQLHttpServer<Ctx>({
    name: options.name,
    apollo,
    logger,
    readiness: options.readiness,
    maxBodyBytes: limitSettings.maxBodyBytes,
    // Only the gateway may call a subgraph: checked on the raw body, before any parsing (`_service` included).
    verifyCaller: (request, body) => verifySubgraphSignature(request.headers, body, secrets),
    buildContext: async (request: IncomingMessage, requestId: string) => {
      const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
      const principal = await options.principalFrom(authorization);
      return options.extendContext({ requestId, logger: logger.child({ requestId }), principal, authorization });
    },
  });
  const port = await listen(server, listenOn.port, listenOn.host, listenOn.portVariable);
  logger.info({ url: `http://${listenOn.host}:${port}/graphql` }, 'subgraph listening');
  return {
    server,
    apollo: apollo as unknown as ApolloServer<SubgraphContext>,
    port,
    stop: async () => {
      await drainServer(server, shutdownGraceMsFromEnv());
      await apollo.stop();
    },
  };
}
