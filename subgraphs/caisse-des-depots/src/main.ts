import { drainOnSignals } from '../../../lib/server/drain.js';
import { createLogger } from '../../../lib/logging/index.js';
import { auditLogFromEnv } from '../../../lib/auth/audit-sinks.js';
import { authConfigFromEnv } from '../../../lib/auth/config.js';
import { createConsentClient } from '../../../lib/auth/consent-client.js';
import { createTokenVerifier } from '../../../lib/auth/verifier.js';
import { createCache, createRedisFromConfig, kindsFromConfig, parseCacheConfig } from '../../../lib/cache/index.js';
import { runMain } from '../../../lib/config/index.js';
import { createReadiness } from '../../../lib/server/readiness.js';
import { createUpstreamClient } from '../../../lib/http/index.js';
import { createCaisseDesDepotsSubgraph, SUBGRAPH_NAME } from './app.js';
import { cdcConfigFromEnv } from './config.js';
import { CDC_OPERATOR } from './infra/cdc-errors.js';
import { createCdcRightsRepository } from './infra/cdc-rights.repository.js';
import { createTokenProvider } from './infra/cdc-token.js';
import { createMcfCatalogueRepository, MCF_OPERATOR } from './infra/mcf-catalogue.repository.js';
import { metricsListenFromEnv, startMetricsServer } from '../../../lib/server/metrics-server.js';
import { cachedVerifier, SUBGRAPH_TOKEN_CACHE_ENTRIES } from '../../../lib/auth/verified-tokens.js';

await runMain(async () => {
  const config = cdcConfigFromEnv();
  const auth = authConfigFromEnv();
  const cacheSettings = parseCacheConfig();
  const redis = createRedisFromConfig(cacheSettings);
  const cache = createCache({
    namespace: SUBGRAPH_NAME,
    kinds: kindsFromConfig(cacheSettings),
    redis,
    secret: cacheSettings.CACHE_KEY_SECRET,
  });
  const cdcHttp = createUpstreamClient({ operator: CDC_OPERATOR, baseUrl: config.cdcApiUrl });
  const mcfHttp = createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: config.cdcOpendataUrl });
  // The gateway's token, verified once until it expires (lib/auth/verified-tokens.ts).
  const verifier = cachedVerifier(createTokenVerifier(auth), { maxEntries: SUBGRAPH_TOKEN_CACHE_ENTRIES });
  const consent = createConsentClient({ issuer: auth.issuer });
  const audit = auditLogFromEnv(SUBGRAPH_NAME);
  const tokens = createTokenProvider({ http: cdcHttp, clientId: config.cdcClientId, clientSecret: config.cdcClientSecret });
  // Ready once the issuer's keys and the Caisse des dépôts token were asked for; still ready when
  // that failed (the operator is down: only the fields that need it fail, design.md § Failure).
  const readiness = createReadiness({
    warmUp: { jwks: async () => await verifier.warmUp?.(), cdcToken: () => tokens.token() },
    details: () => ({ cdc: cdcHttp.breakerState(), mcf: mcfHttp.breakerState() }),
  });
  void readiness.warmUp();
  const running = await createCaisseDesDepotsSubgraph(
    {
      rights: createCdcRightsRepository({ http: cdcHttp, tokens, cache }),
      catalogue: createMcfCatalogueRepository({ http: mcfHttp, cache }),
      consent,
      audit,
      principalFrom: (authorization) => verifier.principalFrom(authorization),
      parameters: config.parameters,
      ...(config.rulesDate === undefined ? {} : { today: () => config.rulesDate ?? '' }),
      readiness: readiness.check,
    },
    { port: config.port, host: config.host },
  );
  // Metrics on their own loopback listener, not on the public port (issue #12).
  const metrics = await startMetricsServer(metricsListenFromEnv('caisse-des-depots'));
  drainOnSignals(async () => {
    await running.stop();
    await Promise.all([metrics.close(), cdcHttp.close(), mcfHttp.close(), consent.close(), audit.close(), redis?.quit()]);
  }, { logger: createLogger(SUBGRAPH_NAME) });
});
