import { createUpstreamClient } from '../../../../lib/http/index.js';
import { freePort } from '../../../../lib/testing/ports.js';
import { createSimulator } from '../../../../upstreams/server.js';
import type { CatalogClients } from '../infra/ingestion/ingest.js';

export interface SimulatedUpstreams {
  baseUrl: string;
  clients: CatalogClients;
  calls(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** The operator simulators in-process on a free port, with this subgraph's three clients pointed at them. */
export async function startSimulatedUpstreams(): Promise<SimulatedUpstreams> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { app } = await createSimulator({ publicUrl: baseUrl });
  await app.listen({ port, host: '127.0.0.1' });
  const clients: CatalogClients = {
    carifOref: createUpstreamClient({ operator: 'carif-oref', baseUrl: `${baseUrl}/carif-oref` }),
    franceCompetences: createUpstreamClient({ operator: 'france-competences', baseUrl: `${baseUrl}/france-competences` }),
    mcf: createUpstreamClient({ operator: 'opendata-cdc', baseUrl: `${baseUrl}/opendata-cdc` }),
  };
  return {
    baseUrl,
    clients,
    calls: async () => ((await (await fetch(`${baseUrl}/_admin/calls`)).json()) as { byEndpoint: Record<string, number> }).byEndpoint,
    close: async () => {
      await Promise.all(Object.values(clients).map((client) => client.close()));
      await app.close();
    },
  };
}
