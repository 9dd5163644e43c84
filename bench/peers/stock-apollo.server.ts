import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Fetcher } from '@apollo/utils.fetcher';
import nodeFetch from 'node-fetch';
import { subgraphSignatureHeaders, subgraphSigningSecretsFromEnv } from '../../lib/auth/subgraph-signature.js';

/**
 * The baseline of `npm run bench:peers`: a stock @apollo/gateway behind a stock Apollo Server 5
 * standalone server, with nothing added but what the graph needs to work at all — the caller's
 * `authorization` forwarded to the subgraphs, and each fetch signed with the gateway's secret
 * (SUBGRAPH_SIGNING_SECRETS: the subgraphs answer no one else) on top of the data source's own
 * fetcher (node-fetch). Environment: PEER_PORT, PEER_HOST, PEER_SUPERGRAPH
 * (a supergraph file whose subgraph URLs point at the running subgraphs).
 */
interface Context {
  authorization?: string;
}

const supergraphSdl = readFileSync(process.env['PEER_SUPERGRAPH'] ?? '', 'utf8');
const secrets = subgraphSigningSecretsFromEnv();
const signedFetch: Fetcher = async (url, init) => {
  const body = typeof init?.body === 'string' ? init.body : '';
  return await (nodeFetch as unknown as Fetcher)(url, { ...init, headers: { ...(init?.headers ?? {}), ...subgraphSignatureHeaders(body, secrets) } });
};
const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Context>({
      ...(url ? { url } : {}),
      fetcher: signedFetch,
      willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env['PEER_PORT']), host: process.env['PEER_HOST'] ?? '127.0.0.1' },
  context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
});
process.stdout.write(`stock apollo listening at ${url}\n`);
const stop = () => void server.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
