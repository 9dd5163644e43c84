import { auditLogFromEnv, authConfigFromEnv, createConsentClient, createTokenVerifier } from '../../../lib/auth/index.js';
import { cacheOptionsFromConfig, createCache, createRedisFromConfig, parseCacheConfig } from '../../../lib/cache/index.js';
import { runMain } from '../../../lib/config/index.js';
import { createFranceTravailSubgraph } from './app.js';
import { loadConfig } from './config.js';
import { createUpstreams } from './infra/repositories.js';

await runMain(async () => {
  const config = loadConfig();
  const cacheSettings = parseCacheConfig();
  const auth = authConfigFromEnv();
  const cache = createCache({ namespace: 'france-travail', redis: createRedisFromConfig(cacheSettings), ...cacheOptionsFromConfig(cacheSettings) });
  const upstreams = createUpstreams(config, cache);
  const verifier = createTokenVerifier(auth);
  const running = await createFranceTravailSubgraph(
    {
      repositories: upstreams.repositories,
      principalFrom: (authorization) => verifier.principalFrom(authorization),
      consent: createConsentClient({ issuer: auth.issuer }),
      audit: auditLogFromEnv('france-travail'),
    },
    { port: config.FT_SUBGRAPH_PORT, host: config.HOST },
  );
  const stop = () => void running.stop().then(() => Promise.all(upstreams.clients.map((client) => client.close()))).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
