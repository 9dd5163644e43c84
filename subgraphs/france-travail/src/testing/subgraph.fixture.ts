import { createAuditLog, createConsentClient, createTokenVerifier, type AuditRecord } from '../../../../lib/auth/index.js';
import { createCache, kindsFromConfig, parseCacheConfig } from '../../../../lib/cache/index.js';
import { subgraphRequest } from '../../../../lib/testing/subgraph-request.js';
import { startIssuer, type RunningIssuer } from '../../../../upstreams/identity/test-server.js';
import { createFranceTravailSubgraph, createJobSeekersSubgraph, createStatusReads, type FranceTravailDeps } from '../app.js';
import { loadConfig } from '../config.js';
import { createUpstreams } from '../infra/repositories.js';

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface FtTestStack {
  simulator: RunningIssuer;
  url: string;
  audit: AuditRecord[];
  /** The job-seekers subgraph this process serves too. */
  jobSeekersUrl: string;
  /** Sends `query` to france-travail; `headers` adds e.g. the gateway's `x-request-id`. */
  query(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  /** Sends `query` to job-seekers. */
  queryJobSeekers(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  /** Upstream calls per `METHOD /route` since the last `resetCalls()`. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** A new subgraph (fresh cache) over the same simulator. */
  close(): Promise<void>;
}

/**
 * The whole simulator (France Travail, Anotéa, identity) and this process's two subgraphs
 * (france-travail, job-seekers), in process on free ports. The subgraph uses the simulator's unthrottled client so tests count calls, not seconds.
 */
export async function startFtTestStack(): Promise<FtTestStack> {
  const simulator = await startIssuer();
  const audit: AuditRecord[] = [];
  const config = loadConfig({
    FT_SUBGRAPH_PORT: '0',
    FT_API_URL: `${simulator.baseUrl}/francetravail`,
    FT_AUTH_URL: `${simulator.baseUrl}/francetravail`,
    ANOTEA_URL: `${simulator.baseUrl}/anotea`,
    API_PARTICULIER_URL: `${simulator.baseUrl}/api-particulier`,
    FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
    FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
    FT_RATE_LIMIT_PER_SECOND: '1000',
  });
  const cache = createCache({ namespace: 'ft-test', kinds: kindsFromConfig(parseCacheConfig({})), memory: {} });
  const upstreams = createUpstreams(config, cache);
  const verifier = createTokenVerifier({ issuer: simulator.issuer, audience: 'cpa-graph', jwksUrl: `${simulator.issuer}/jwks.json` });
  const deps: FranceTravailDeps = {
    repositories: upstreams.repositories,
    principalFrom: (authorization) => verifier.principalFrom(authorization),
    consent: createConsentClient({ issuer: simulator.issuer }),
    audit: createAuditLog({ service: 'france-travail', hashSecret: 'test-audit-secret-0123456789', sink: { name: 'memory', write: async (record) => void audit.push(record), close: async () => undefined } }),
    statusReads: createStatusReads(),
  };
  const running = await createFranceTravailSubgraph(deps, { port: 0, host: '127.0.0.1' });
  const jobSeekers = await createJobSeekersSubgraph(deps, { port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${running.port}/graphql`;
  const jobSeekersUrl = `http://127.0.0.1:${jobSeekers.port}/graphql`;
  const send = async (target: string, query: string, variables: Record<string, unknown>, token: string | undefined, headers: Record<string, string>) => {
    const response = await subgraphRequest(target, { query, variables }, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    return (await response.json()) as GraphQLAnswer;
  };
  return {
    simulator,
    url,
    jobSeekersUrl,
    audit,
    query: async (query, variables = {}, token, headers = {}) => await send(url, query, variables, token, headers),
    queryJobSeekers: async (query, variables = {}, token, headers = {}) => await send(jobSeekersUrl, query, variables, token, headers),
    async calls() {
      const body = (await (await fetch(`${simulator.baseUrl}/_admin/calls`)).json()) as { byEndpoint: Record<string, number> };
      return body.byEndpoint;
    },
    async resetCalls() {
      await fetch(`${simulator.baseUrl}/_admin/reset`, { method: 'POST' });
    },
    async close() {
      await Promise.all([running.stop(), jobSeekers.stop()]);
      await Promise.all(upstreams.clients.map((client) => client.close()));
      await simulator.close();
    },
  };
}

/** Sum of calls whose key contains `fragment`. */
export function callsTo(calls: Record<string, number>, fragment: string): number {
  return Object.entries(calls).reduce((sum, [key, count]) => (key.includes(fragment) ? sum + count : sum), 0);
}
