import { auditLogFromEnv } from '../../../lib/auth/audit-sinks.js';
import { authConfigFromEnv } from '../../../lib/auth/config.js';
import { createConsentClient } from '../../../lib/auth/consent-client.js';
import { createTokenVerifier } from '../../../lib/auth/verifier.js';
import { createCache, createRedisFromConfig, kindsFromConfig, parseCacheConfig } from '../../../lib/cache/index.js';
import { runMain } from '../../../lib/config/index.js';
import { createUpstreamClient } from '../../../lib/http/index.js';
import { createCaisseDesDepotsSubgraph, SUBGRAPH_NAME } from './app.js';
import { cdcConfigFromEnv } from './config.js';
import { CDC_OPERATOR } from './infra/cdc-errors.js';
import { createCdcRightsRepository } from './infra/cdc-rights.repository.js';
import { createTokenProvider } from './infra/cdc-token.js';
import { createMcfCatalogueRepository, MCF_OPERATOR } from './infra/mcf-catalogue.repository.js';

await runMain(async () => {
  const config = cdcConfigFromEnv();
  const auth = authConfigFromEnv();
  const cacheSettings = parseCacheConfig();
  const cache = createCache({
    namespace: SUBGRAPH_NAME,
    kinds: kindsFromConfig(cacheSettings),
    redis: createRedisFromConfig(cacheSettings),
    secret: cacheSettings.CACHE_KEY_SECRET,
  });
  const cdcHttp = createUpstreamClient({ operator: CDC_OPERATOR, baseUrl: config.cdcApiUrl });
  const mcfHttp = createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: config.cdcOpendataUrl });
  const verifier = createTokenVerifier(auth);
  const consent = createConsentClient({ issuer: auth.issuer });
  const audit = auditLogFromEnv(SUBGRAPH_NAME);
  const tokens = createTokenProvider({ http: cdcHttp, clientId: config.cdcClientId, clientSecret: config.cdcClientSecret });
  const running = await createCaisseDesDepotsSubgraph(
    {
      rights: createCdcRightsRepository({ http: cdcHttp, tokens }),
      catalogue: createMcfCatalogueRepository({ http: mcfHttp, cache }),
      consent,
      audit,
      principalFrom: (authorization) => verifier.principalFrom(authorization),
      parameters: config.parameters,
      ...(config.rulesDate === undefined ? {} : { today: () => config.rulesDate ?? '' }),
      // Ready even when an operator is down: only the fields that need it fail (design.md § Failure).
      readiness: async () => ({ ready: true, details: { cdc: cdcHttp.breakerState(), mcf: mcfHttp.breakerState() } }),
    },
    { port: config.port, host: config.host },
  );
  const stop = () =>
    void running
      .stop()
      .then(() => Promise.all([cdcHttp.close(), mcfHttp.close(), consent.close(), audit.close()]))
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
