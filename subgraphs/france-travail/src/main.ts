import { drainOnSignals } from '../../../lib/server/drain.js';
import { createLogger } from '../../../lib/logging/index.js';
import { auditLogFromEnv, authConfigFromEnv, createConsentClient, createTokenVerifier } from '../../../lib/auth/index.js';
import { cacheOptionsFromConfig, createCache, createRedisFromConfig, parseCacheConfig } from '../../../lib/cache/index.js';
import { keepSnapshot } from '../../../lib/cache/snapshot.js';
import { runMain } from '../../../lib/config/index.js';
import { createReadiness } from '../../../lib/server/readiness.js';
import { createFranceTravailSubgraph, createJobSeekersSubgraph, createStatusReads, type FranceTravailDeps } from './app.js';
import { loadConfig } from './config.js';
import { createUpstreams } from './infra/repositories.js';
import { loadCommuneCodes } from '../../../lib/validation/index.js';
import { metricsListenFromEnv, startMetricsServer } from '../../../lib/server/metrics-server.js';
import { BACKGROUND_KEY } from '../../../lib/http/index.js';
import { feedUrls } from '../../training-catalog/src/config.js';
import { readCatalogueKeys } from './infra/catalogue-keys.source.js';
import { createRefresher } from './refresh/public-data.refresher.js';
import { cachedVerifier, SUBGRAPH_TOKEN_CACHE_ENTRIES } from '../../../lib/auth/verified-tokens.js';

await runMain(async () => {
  const config = loadConfig();
  // The official commune list is read now, not by the first request that names a commune.
  loadCommuneCodes();
  const cacheSettings = parseCacheConfig();
  const auth = authConfigFromEnv();
  const redis = createRedisFromConfig(cacheSettings);
  const cache = createCache({ namespace: 'france-travail', redis, ...cacheOptionsFromConfig(cacheSettings) });
  const upstreams = createUpstreams(config, cache);
  // The gateway's token, verified once until it expires (lib/auth/verified-tokens.ts).
  const verifier = cachedVerifier(createTokenVerifier(auth), { maxEntries: SUBGRAPH_TOKEN_CACHE_ENTRIES });
  const logger = createLogger('france-travail');
  // What was refreshed survives a restart on disk (CACHE_SNAPSHOT_DIR; `npm start` sets it, having no Redis): restored
  // before the refresher starts (its first pass keeps restored entries) and before the port opens.
  const snapshot = cache.snapshot
    ? await keepSnapshot(cache.snapshot, { intervalSeconds: cacheSettings.CACHE_SNAPSHOT_INTERVAL_SECONDS, logger: logger.child({ component: 'cache-snapshot' }) })
    : undefined;
  // Public per-training data of the whole catalogue, refreshed ahead of demand at the quota's background share.
  const feeds = feedUrls(config.CARIF_OREF_FEED_URLS, config.CARIF_OREF_URL);
  const refresher = config.FT_REFRESH_ENABLED
    ? createRefresher({
        outcomes: upstreams.repositories.outcomes,
        reviews: upstreams.repositories.reviews,
        keys: () => readCatalogueKeys(feeds, config.CDC_OPENDATA_URL),
        outcomeConcurrency: Math.min(50, Math.max(1, Math.floor(config.FT_RATE_LIMIT_PER_SECOND * config.FT_REFRESH_SHARE))),
        reviewConcurrency: 4,
        ttlSeconds: config.FT_REFRESH_TTL_SECONDS,
        intervalSeconds: config.FT_REFRESH_INTERVAL_SECONDS,
        hotKeys: config.FT_REFRESH_READY_KEYS,
        // Without Redis the refreshed entries live in this process's bounded tier: refresh what fits in half of it.
        ...(cache.mode === 'memory' ? { maxEntries: Math.floor(cacheSettings.CACHE_MEMORY_MAX_ENTRIES / 2) } : {}),
        backgroundInWindow: () => upstreams.gate.started?.(BACKGROUND_KEY) ?? 0,
        logger: logger.child({ component: 'refresher' }),
      })
    : undefined;
  refresher?.start();
  // Ready once the issuer's keys and the France Travail token were asked for (lib/server/readiness.ts),
  // and, with FT_REFRESH_READY_KEYS > 0, once the first refresh pass wrote every provider's reviews and that many hottest outcomes.
  const readiness = createReadiness({
    warmUp: {
      jwks: async () => await verifier.warmUp?.(),
      franceTravailToken: () => upstreams.tokens.get(),
      // Only when asked: a first pass reads the whole catalogue (feeds and Mon Compte Formation) before any key.
      ...(refresher && config.FT_REFRESH_READY_KEYS > 0 ? { publicData: () => refresher.hot } : {}),
    },
    details: () => ({ breakers: upstreams.clients.map((client) => ({ operator: client.operator, state: client.breakerState() })) }),
  });
  void readiness.warmUp();
  const deps: FranceTravailDeps = {
    repositories: upstreams.repositories,
    principalFrom: (authorization) => verifier.principalFrom(authorization),
    consent: createConsentClient({ issuer: auth.issuer }),
    audit: auditLogFromEnv('france-travail'),
    statusReads: createStatusReads(),
    readiness: readiness.check,
  };
  // Two subgraphs, one process: job-seekers (the worker's own situation) listens first, so that once
  // france-travail's port answers /readyz (what the launcher waits on) both are served.
  const jobSeekers = await createJobSeekersSubgraph(deps, { port: config.JOB_SEEKERS_SUBGRAPH_PORT, host: config.HOST });
  const running = await createFranceTravailSubgraph(deps, { port: config.FT_SUBGRAPH_PORT, host: config.HOST });
  // Metrics on their own loopback listener, not on the public port (issue #12).
  const metrics = await startMetricsServer(metricsListenFromEnv('france-travail'));
  drainOnSignals(async () => {
    refresher?.stop();
    await Promise.all([running.stop(), jobSeekers.stop()]);
    await snapshot?.close();
    await Promise.all([metrics.close(), ...upstreams.clients.map((client) => client.close()), redis?.quit()]);
  }, { logger });
});
