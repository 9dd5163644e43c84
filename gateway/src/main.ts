import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { listSizeHints } from '../../lib/limits/list-size.js';
import { drainOnSignals } from '../../lib/server/drain.js';
import { authConfigFromEnv } from '../../lib/auth/config.js';
import { createTokenVerifier } from '../../lib/auth/verifier.js';
import { createRedisFromConfig, redisEnvShape } from '../../lib/cache/index.js';
import { parseEnv, runMain } from '../../lib/config/index.js';
import { createLogger } from '../../lib/logging/index.js';
import { createApqCache } from './apq.js';
import { startGateway } from './app.js';
import { loadGatewayConfig, supergraphPath } from './config.js';
import { createGatewaySecurity, securityConfigFromEnv } from './security/index.js';
import { metricsListenFromEnv, startMetricsServer } from '../../lib/server/metrics-server.js';

await runMain(async () => {
  const config = loadGatewayConfig();
  const security = securityConfigFromEnv(process.env, { introspection: config.introspection });
  const verifier = createTokenVerifier(authConfigFromEnv());
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // Rate-limit counts are shared through Redis when configured; without it (or while it is down) they are per process.
  const redis = security.rateLimit.enabled
    ? createRedisFromConfig(parseEnv(redisEnvShape), { commandTimeout: security.rateLimit.redisTimeoutMs })
    : null;
  // The supergraph's `@listSize` hints price lists a client cannot page (the API schema drops them).
  const supergraphSdl = readFileSync(supergraphPath(config), 'utf8');
  const listSizes = listSizeHints(parse(supergraphSdl));
  const protection = createGatewaySecurity(security, { redis, logger: logger.child({ component: 'rate-limit' }), listSizes });
  // Automatic persisted queries live in the shared cache, so every gateway replica knows every hash.
  const apqRedis = redis ?? createRedisFromConfig(parseEnv(redisEnvShape));
  const apqCache = createApqCache({ redis: apqRedis, ttlSeconds: config.APQ_TTL_SECONDS, maxQueryBytes: config.APQ_MAX_QUERY_BYTES });
  const gateway = await startGateway({
    config,
    verifier,
    logger,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    maxRecursiveSelections: protection.maxRecursiveSelections,
    plugins: protection.plugins,
    apqCache,
    supergraphSdl,
    ...(protection.admit ? { admit: protection.admit } : {}),
  });
  // Metrics on their own loopback listener, not on the public port (issue #12).
  const metrics = await startMetricsServer(metricsListenFromEnv('gateway'));
  drainOnSignals(async () => {
    await gateway.stop();
    await Promise.all([metrics.close(), redis?.quit(), apqRedis !== redis ? apqRedis?.quit() : undefined]);
  }, { logger });
});
