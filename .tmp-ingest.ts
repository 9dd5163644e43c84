import { createSimulator } from './upstreams/server.js';
import { createUpstreamClient } from './lib/http/index.js';
import { createLogger } from './lib/logging/index.js';
import { ingestCatalog } from './subgraphs/training-catalog/src/infra/ingestion/ingest.js';
import { loadReferences } from './subgraphs/training-catalog/src/infra/reference/references.js';
const { app } = await createSimulator({ publicUrl: 'http://127.0.0.1:4998' });
await app.listen({ port: 4998, host: '127.0.0.1' });
const base = 'http://127.0.0.1:4998';
const clients = {
  carifOref: createUpstreamClient({ operator: 'carif-oref', baseUrl: `${base}/carif-oref` }),
  franceCompetences: createUpstreamClient({ operator: 'france-competences', baseUrl: `${base}/france-competences` }),
  mcf: createUpstreamClient({ operator: 'opendata-cdc', baseUrl: `${base}/opendata-cdc` }),
};
const t = Date.now();
const mem0 = process.memoryUsage().heapUsed;
const { index, counts } = await ingestCatalog(clients, loadReferences(), createLogger('x'));
console.log(JSON.stringify(counts), Date.now() - t, 'ms', Math.round((process.memoryUsage().heapUsed - mem0) / 1e6), 'MB');
const s = Date.now();
for (let i = 0; i < 100; i++) index.searchTrainings({ formacodes: ['31054'], near: { kind: 'commune', code: '75056', latitude: 48.85, longitude: 2.35, radiusKm: 50 } });
console.log('100 searches', Date.now() - s, 'ms', index.searchTrainings({ keywords: 'électricité' }).length, index.searchTrainings({ near: { kind: 'commune', code: '75056', latitude: 48.85, longitude: 2.35, radiusKm: 30 } }).length);
await app.close(); process.exit(0);
