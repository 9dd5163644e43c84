import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type { Principal } from '../auth/principal.js';
import { maskError } from '../errors/index.js';
import { createLogger, type Logger } from '../logging/index.js';
import { createGraphQLHttpServer, listen, type Readiness } from './http.js';
import { metricsPlugin } from './metrics-plugin.js';

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
  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    introspection: options.introspection ?? false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      maskError(formatted, error, { onHidden: (hidden) => logger.error({ err: hidden }, 'unexpected error hidden from client') }),
    // Federated traces would only serve Apollo Studio, which this graph does not report to.
    plugins: [metricsPlugin<Ctx>(options.name), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const server = createGraphQLHttpServer<Ctx>({
    name: options.name,
    apollo,
    logger,
    readiness: options.readiness,
    maxBodyBytes: 2_000_000,
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
