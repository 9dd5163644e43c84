import { existsSync } from 'node:fs';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { repoPath } from '../../lib/paths.js';

/** The signature interface fixed in COMMON.md (lib/auth/subgraph-signature.ts, owned by `security`). */
type SignatureHeaders = (body: string, secrets: readonly string[], now?: number) => Record<string, string>;

/**
 * Loads `subgraphSignatureHeaders` when the signature module exists in this checkout; without it
 * (before `security`'s branch is merged) subgraphs accept unsigned callers and nothing is signed.
 */
export async function loadSignature(): Promise<SignatureHeaders | undefined> {
  const path = repoPath('lib', 'auth', 'subgraph-signature.ts');
  if (!existsSync(path)) return undefined;
  const module = (await import(path)) as { subgraphSignatureHeaders?: SignatureHeaders };
  return module.subgraphSignatureHeaders;
}

export interface HivePluginOptions {
  /** The committed supergraph's subgraph URLs → where the running subgraphs really listen. */
  rewrite: ReadonlyMap<string, string>;
  secrets: readonly string[];
  sign: SignatureHeaders | undefined;
}

/**
 * What our gateway's datasource does, done by a Hive Gateway plugin so the supergraph is served
 * unchanged: each subgraph fetch goes to the running subgraph (URL rewritten), carries the
 * caller's token, and is signed with the gateway's secret.
 */
export function cpaSubgraphPlugin(options: HivePluginOptions): GatewayPlugin {
  return {
    onFetch({ url, setURL, options: init, setOptions, context }) {
      const target = options.rewrite.get(url);
      if (target) setURL(target);
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      const request = (context as { request?: Request } | undefined)?.request;
      const authorization = request?.headers.get('authorization');
      if (authorization) headers['authorization'] = authorization;
      const body = typeof init.body === 'string' ? init.body : '';
      if (options.sign && options.secrets.length > 0) Object.assign(headers, options.sign(body, options.secrets));
      setOptions({ ...init, headers });
    },
  };
}
