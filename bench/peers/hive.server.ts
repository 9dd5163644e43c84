import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { subgraphSignatureHeaders, subgraphSigningSecretsFromEnv } from '../../lib/auth/subgraph-signature.js';

/**
 * A peer of `npm run bench:peers`: Hive Gateway (MIT) serving the committed supergraph unchanged,
 * with its defaults (which include merging identical in-flight subgraph requests), the caller's
 * `authorization` propagated to the subgraphs, each fetch signed with the gateway's secret
 * (SUBGRAPH_SIGNING_SECRETS: the subgraphs answer no one else), logging off. PEER_RUST_PLANNER=true swaps in the
 * Rust query planner (@graphql-hive/router-runtime). Environment: PEER_PORT, PEER_HOST,
 * PEER_SUPERGRAPH.
 */
const supergraph = readFileSync(process.env['PEER_SUPERGRAPH'] ?? '', 'utf8');
const rust = process.env['PEER_RUST_PLANNER'] === 'true';
const secrets = subgraphSigningSecretsFromEnv();
const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  maskedErrors: process.env['PEER_UNMASK'] !== 'true',
  graphiql: false,
  landingPage: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
  ...(rust ? { unifiedGraphHandler } : {}),
  plugins: () => [
    {
      onFetch({ options, setOptions }) {
        const body = typeof options.body === 'string' ? options.body : '';
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), ...subgraphSignatureHeaders(body, secrets) } });
      },
    },
  ],
});
const server = createServer(gateway);
server.listen(Number(process.env['PEER_PORT']), process.env['PEER_HOST'] ?? '127.0.0.1', () => {
  process.stdout.write(`hive gateway${rust ? ' + rust planner' : ''} listening\n`);
});
const stop = () => server.close(() => void Promise.resolve(gateway.dispose()).finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
