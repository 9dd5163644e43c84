import { createUpstreamClient } from '../../../../lib/http/index.js';
import { startInProcessSimulator } from '../../../../upstreams/testing.js';
import type { CatalogClients } from '../infra/ingestion/ingest.js';

export interface SimulatedUpstreams {
  baseUrl: string;
  clients: CatalogClients;
  calls(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** The operator simulators in-process on a free port, with this subgraph's three clients pointed at them. */
export async function startSimulatedUpstreams(): Promise<SimulatedUpstreams> {
  const simulator = await startInProcessSimulator();
  const { baseUrl } = simulator;
  const clients: CatalogClients = {
    carifOref: createUpstreamClient({ operator: 'carif-oref', baseUrl: `${baseUrl}/carif-oref` }),
    franceCompetences: createUpstreamClient({ operator: 'france-competences', baseUrl: `${baseUrl}/france-competences` }),
    mcf: createUpstreamClient({ operator: 'opendata-cdc', baseUrl: `${baseUrl}/opendata-cdc` }),
  };
  return {
    baseUrl,
    clients,
    calls: async () => simulator.calls(),
    close: async () => {
      await Promise.all(Object.values(clients).map((client) => client.close()));
      await simulator.close();
    },
  };
}
