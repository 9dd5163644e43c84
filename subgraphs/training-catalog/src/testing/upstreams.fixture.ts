import { createUpstreamClient } from '../../../../lib/http/index.js';
import { startInProcessSimulator } from '../../../../upstreams/testing.js';
import { catalogConfigFromEnv } from '../config.js';
import { createOriginClients } from '../infra/feeds/origin-clients.js';
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
  const config = catalogConfigFromEnv({ CARIF_OREF_URL: `${baseUrl}/carif-oref`, FRANCE_COMPETENCES_URL: `${baseUrl}/france-competences` });
  const clients: CatalogClients = {
    http: createOriginClients(),
    carifOrefFeeds: config.carifOrefFeedUrls,
    franceCompetencesDataset: config.franceCompetencesDatasetUrl,
    mcf: createUpstreamClient({ operator: 'opendata-cdc', baseUrl: `${baseUrl}/opendata-cdc` }),
  };
  return {
    baseUrl,
    clients,
    calls: async () => simulator.calls(),
    close: async () => {
      await Promise.all([clients.http.close(), clients.mcf.close()]);
      await simulator.close();
    },
  };
}
