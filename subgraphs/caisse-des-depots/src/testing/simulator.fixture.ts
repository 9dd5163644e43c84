import { startInProcessSimulator } from '../../../../upstreams/testing.js';

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
  const simulator = await startInProcessSimulator();
  const url = simulator.baseUrl;
  return {
    url,
    cdcApiUrl: `${url}/caissedesdepots`,
    opendataUrl: `${url}/opendata-cdc`,
    calls: async () => simulator.calls(),
    reset: simulator.reset,
    faults: simulator.faults,
    clearFaults: simulator.clearFaults,
    close: simulator.close,
  };
}

export const CDC_ROUTES = {
  token: 'POST /caissedesdepots/oauth/token',
  one: 'GET /caissedesdepots/api/cpa/v1/titulaires/:idTitulaire/droits',
  batch: 'POST /caissedesdepots/api/cpa/v1/droits/recherche',
  movements: 'GET /caissedesdepots/api/cpa/v1/titulaires/:idTitulaire/mouvements',
  mcf: 'GET /opendata-cdc/api/explore/v2.1/catalog/datasets/moncompteformation_catalogueformation/records',
} as const;
