import { drainOnSignals } from '../../../lib/server/drain.js';
import { authConfigFromEnv } from '../../../lib/auth/config.js';
import { createTokenVerifier } from '../../../lib/auth/verifier.js';
import { runMain } from '../../../lib/config/index.js';
import { createUpstreamClient } from '../../../lib/http/index.js';
import { createLogger } from '../../../lib/logging/index.js';
import { createReadiness } from '../../../lib/server/readiness.js';
import { createTrainingCatalogSubgraph, SUBGRAPH_NAME } from './app.js';
import { catalogConfigFromEnv } from './config.js';
import { createOriginClients } from './infra/feeds/origin-clients.js';
import { createCatalogStore } from './infra/ingestion/catalog-store.js';
import { ingestCatalog } from './infra/ingestion/ingest.js';
import { MCF_OPERATOR } from './infra/mcf/mcf.repository.js';
import { loadReferences } from './infra/reference/references.js';
import { loadCommuneCodes } from '../../../lib/validation/index.js';
import { metricsListenFromEnv, startMetricsServer } from '../../../lib/server/metrics-server.js';
import { cachedVerifier, SUBGRAPH_TOKEN_CACHE_ENTRIES } from '../../../lib/auth/verified-tokens.js';

await runMain(async () => {
  const config = catalogConfigFromEnv();
  // The official commune list is read now, not by the first request that names a commune.
  loadCommuneCodes();
  // The gateway's token, verified once until it expires (lib/auth/verified-tokens.ts).
  const verifier = cachedVerifier(createTokenVerifier(authConfigFromEnv()), { maxEntries: SUBGRAPH_TOKEN_CACHE_ENTRIES });
  const logger = createLogger(SUBGRAPH_NAME);
  const references = loadReferences();
  const clients = {
    http: createOriginClients(),
    carifOrefFeeds: config.carifOrefFeedUrls,
    franceCompetencesDataset: config.franceCompetencesDatasetUrl,
    mcf: createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: config.cdcOpendataUrl }),
  };
  const store = createCatalogStore({ ingest: () => ingestCatalog(clients, references, logger, config.refreshSeconds), refreshSeconds: config.refreshSeconds, maxShrink: config.maxShrink, logger });
  store.start();
  // Ready once the first index is built and the issuer's keys were asked for (lib/server/readiness.ts).
  const readiness = createReadiness(
    {
      prerequisites: { catalogue: () => store.current() !== undefined },
      warmUp: { jwks: async () => await verifier.warmUp?.() },
      details: () => ({ counts: store.lastCounts() ?? null, mcf: clients.mcf.breakerState() }),
    },
    logger,
  );
  void readiness.warmUp();
  const running = await createTrainingCatalogSubgraph(
    { store, references, principalFrom: (authorization) => verifier.principalFrom(authorization), logger, readiness: readiness.check },
    { port: config.port, host: config.host },
  );
  // Metrics on their own loopback listener, not on the public port (issue #12).
  const metrics = await startMetricsServer(metricsListenFromEnv('training-catalog'));
  drainOnSignals(async () => {
    await store.stop();
    await running.stop();
    await Promise.all([metrics.close(), clients.http.close(), clients.mcf.close()]);
  }, { logger });
});
