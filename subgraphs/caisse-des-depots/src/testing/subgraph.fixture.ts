import type { AuditEvent } from '../../../../lib/auth/audit.js';
import type { Principal } from '../../../../lib/auth/principal.js';
import { createCache } from '../../../../lib/cache/index.js';
import { unauthenticated } from '../../../../lib/errors/index.js';
import { createUpstreamClient } from '../../../../lib/http/index.js';
import { createLogger } from '../../../../lib/logging/index.js';
import { freePort } from '../../../../lib/testing/ports.js';
import { subgraphRequest } from '../../../../lib/testing/subgraph-request.js';
import { createCaisseDesDepotsSubgraph } from '../app.js';
import { DEFAULT_PARAMETERS } from '../domain/rules/parameters.js';
import { CDC_OPERATOR } from '../infra/cdc-errors.js';
import { createCdcRightsRepository } from '../infra/cdc-rights.repository.js';
import { createTokenProvider } from '../infra/cdc-token.js';
import { createMcfCatalogueRepository, MCF_OPERATOR } from '../infra/mcf-catalogue.repository.js';
import { startSimulator, type RunningSimulator } from './simulator.fixture.js';

/**
 * Test tokens, read without signatures (token verification is lib/auth's, tested there):
 * `worker:<id>` (cpf:read), `worker-noscope:<id>`, `partner:<clientId>:<scopes comma-separated>`.
 */
export function fakePrincipal(authorization: string | undefined): Promise<Principal> {
  if (authorization === undefined) return Promise.resolve({ kind: 'anonymous' });
  const [kind, id = '', ...rest] = authorization.replace(/^Bearer /, '').split(':');
  const scopes = rest.join(':');
  if (kind === 'worker') return Promise.resolve({ kind: 'worker', workerId: id, scopes: ['cpf:read', 'jobseeker:read'] });
  if (kind === 'worker-noscope') return Promise.resolve({ kind: 'worker', workerId: id, scopes: [] });
  if (kind === 'partner') return Promise.resolve({ kind: 'partner', clientId: id, scopes: scopes.split(',').filter(Boolean) });
  return Promise.reject(unauthenticated());
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface CdcHarness {
  simulator: RunningSimulator;
  audit: AuditEvent[];
  /** Consents by partner client id, then worker id. */
  consents: Map<string, Map<string, string[]>>;
  query(query: string, variables?: Record<string, unknown>, authorization?: string): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

/** The simulator and the subgraph in this process, on free ports, with fake tokens and consents. */
export async function startCdcHarness(today = '2026-11-29'): Promise<CdcHarness> {
  const simulator = await startSimulator();
  const audit: AuditEvent[] = [];
  const consents = new Map<string, Map<string, string[]>>();
  const cdcHttp = createUpstreamClient({ operator: CDC_OPERATOR, baseUrl: simulator.cdcApiUrl, retry: { maxRetries: 0 } });
  const mcfHttp = createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: simulator.opendataUrl, retry: { maxRetries: 0 } });
  const running = await createCaisseDesDepotsSubgraph(
    {
      // No Redis here: personal data is not cached, so every test request reaches the simulator.
      rights: createCdcRightsRepository({
        http: cdcHttp,
        tokens: createTokenProvider({ http: cdcHttp, clientId: 'cpa-graph-dev', clientSecret: 'cpa-graph-dev-secret' }),
        cache: createCache({ namespace: 'cdc-test-rights', memory: {} }),
      }),
      catalogue: createMcfCatalogueRepository({ http: mcfHttp, cache: createCache({ namespace: 'cdc-test', memory: {} }) }),
      consent: {
        scopesGranted: async (workerId, header) => {
          const clientId = header.replace(/^Bearer /, '').split(':')[1] ?? '';
          return new Set(consents.get(clientId)?.get(workerId) ?? []);
        },
      },
      audit: { append: async (event) => void audit.push(event) },
      principalFrom: fakePrincipal,
      parameters: DEFAULT_PARAMETERS,
      today: () => today,
      logger: createLogger('cdc-test', process.env['CDC_TEST_LOG'] ?? 'silent'),
    },
    { port: await freePort(), host: '127.0.0.1' },
  );
  const url = `http://127.0.0.1:${running.port}/graphql`;
  return {
    simulator,
    audit,
    consents,
    query: async (query, variables, authorization) => {
      const response = await subgraphRequest(url, { query, ...(variables ? { variables } : {}) }, { headers: authorization ? { authorization: `Bearer ${authorization}` } : {} });
      return (await response.json()) as GraphQLAnswer;
    },
    close: async () => {
      await running.stop();
      await Promise.all([cdcHttp.close(), mcfHttp.close()]);
      await simulator.close();
    },
  };
}
