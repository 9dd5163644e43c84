import { authConfigFromEnv } from '../../../lib/auth/config.js';
import { createTokenVerifier } from '../../../lib/auth/verifier.js';
import { runMain } from '../../../lib/config/index.js';
import { createUpstreamClient } from '../../../lib/http/index.js';
import { createLogger } from '../../../lib/logging/index.js';
import { createTrainingCatalogSubgraph, SUBGRAPH_NAME } from './app.js';
import { catalogConfigFromEnv } from './config.js';
import { FRANCE_COMPETENCES } from './infra/france-competences/france-competences.repository.js';
import { createCatalogStore } from './infra/ingestion/catalog-store.js';
import { ingestCatalog } from './infra/ingestion/ingest.js';
import { CARIF_OREF } from './infra/lheo/carif-oref.repository.js';
import { MCF_OPERATOR } from './infra/mcf/mcf.repository.js';
import { loadReferences } from './infra/reference/references.js';

await runMain(async () => {
  const config = catalogConfigFromEnv();
  const verifier = createTokenVerifier(authConfigFromEnv());
  const logger = createLogger(SUBGRAPH_NAME);
  const references = loadReferences();
  const clients = {
    carifOref: createUpstreamClient({ operator: CARIF_OREF, baseUrl: config.carifOrefUrl }),
    franceCompetences: createUpstreamClient({ operator: FRANCE_COMPETENCES, baseUrl: config.franceCompetencesUrl }),
    mcf: createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: config.cdcOpendataUrl }),
  };
  const store = createCatalogStore({ ingest: () => ingestCatalog(clients, references, logger), refreshSeconds: config.refreshSeconds, logger });
  store.start();
  const running = await createTrainingCatalogSubgraph(
    { store, references, principalFrom: (authorization) => verifier.principalFrom(authorization), logger },
    { port: config.port, host: config.host },
  );
  const stop = () =>
    void store
      .stop()
      .then(() => running.stop())
      .then(() => Promise.all(Object.values(clients).map((client) => client.close())))
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
