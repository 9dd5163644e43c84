import { freePort } from '../../../../lib/testing/ports.js';
import { createSimulator } from '../../../../upstreams/server.js';

export interface RunningSimulator {
  url: string;
  cdcApiUrl: string;
  opendataUrl: string;
  /** Calls per `METHOD /route` since the last reset. */
  calls(): Promise<Record<string, number>>;
  reset(): Promise<void>;
  faults(patch: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

/** The upstream simulators in this process, on a free port (tests count calls through its admin API). */
export async function startSimulator(): Promise<RunningSimulator> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { app } = await createSimulator({ publicUrl: url });
  await app.listen({ port, host: '127.0.0.1' });
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    url,
    cdcApiUrl: `${url}/caissedesdepots`,
    opendataUrl: `${url}/opendata-cdc`,
    calls: async () => ((await admin('GET', '/_admin/calls'))['byEndpoint'] ?? {}) as Record<string, number>,
    reset: async () => void (await admin('POST', '/_admin/reset')),
    faults: async (patch) => void (await admin('POST', '/_admin/faults', patch)),
    clearFaults: async () => void (await admin('DELETE', '/_admin/faults')),
    close: async () => await app.close(),
  };
}

export const CDC_ROUTES = {
  token: 'POST /caissedesdepots/oauth/token',
  one: 'GET /caissedesdepots/api/cpa/v1/titulaires/:idTitulaire/droits',
  batch: 'POST /caissedesdepots/api/cpa/v1/droits/recherche',
  movements: 'GET /caissedesdepots/api/cpa/v1/titulaires/:idTitulaire/mouvements',
  mcf: 'GET /opendata-cdc/api/explore/v2.1/catalog/datasets/moncompteformation_catalogueformation/records',
} as const;
