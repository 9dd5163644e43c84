import { subgraphSignatureHeaders, subgraphSigningSecretsFromEnv } from '../auth/subgraph-signature.js';

/**
 * POSTs a GraphQL operation straight to a subgraph as the gateway would: signed with the
 * stack's secret (a stack's `env.SUBGRAPH_SIGNING_SECRETS`), or — for subgraphs started in this
 * process — with this process's secret. Tests that call a subgraph directly go through here.
 */
export async function subgraphRequest(
  url: string,
  payload: { query: string; variables?: Record<string, unknown>; operationName?: string },
  options: { headers?: Record<string, string>; secrets?: readonly string[] | string } = {},
): Promise<Response> {
  const body = JSON.stringify(payload);
  const secrets =
    typeof options.secrets === 'string' ? options.secrets.split(',').map((secret) => secret.trim()) : (options.secrets ?? subgraphSigningSecretsFromEnv());
  return await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers, ...subgraphSignatureHeaders(body, secrets) },
    body,
  });
}
