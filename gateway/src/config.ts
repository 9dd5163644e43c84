import { z } from 'zod';
import { bool, DEFAULT_HOST, DEFAULT_PORTS, logLevel, parseEnv, port, positiveInt, type EnvSource } from '../../lib/config/index.js';

/** Gateway configuration, parsed once at start; every limit is overridable by its variable. */
export function loadGatewayConfig(env: EnvSource = process.env) {
  const parsed = parseEnv(
    {
      GATEWAY_PORT: port(DEFAULT_PORTS.GATEWAY_PORT),
      HOST: z.string().min(1).default(DEFAULT_HOST),
      /** `production` turns off the explorer, introspection and field suggestions unless re-enabled. */
      NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
      CDC_SUBGRAPH_URL: z.string().url().optional(),
      FT_SUBGRAPH_URL: z.string().url().optional(),
      CATALOG_SUBGRAPH_URL: z.string().url().optional(),
      SUPERGRAPH_PATH: z.string().optional(),
      EXPLORER_ENABLED: bool(true),
      INTROSPECTION_ENABLED: bool(true),
      /** Request body limit in bytes (answered 413 above it). */
      MAX_BODY_BYTES: positiveInt(100_000),
      /** Approximate size of the query-plan cache in MiB. */
      QUERY_PLAN_CACHE_MIB: positiveInt(30),
      /** Time-to-live of automatic persisted queries in the shared cache, in seconds. */
      APQ_TTL_SECONDS: positiveInt(86_400),
      SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
      LOG_LEVEL: logLevel(),
    },
    env,
  );
  const production = parsed.NODE_ENV === 'production';
  return {
    ...parsed,
    production,
    explorer: production ? env['EXPLORER_ENABLED'] === 'true' : parsed.EXPLORER_ENABLED,
    introspection: production ? env['INTROSPECTION_ENABLED'] === 'true' : parsed.INTROSPECTION_ENABLED,
    subgraphUrls: {
      'caisse-des-depots': parsed.CDC_SUBGRAPH_URL,
      'france-travail': parsed.FT_SUBGRAPH_URL,
      'training-catalog': parsed.CATALOG_SUBGRAPH_URL,
    } as Record<string, string | undefined>,
  };
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
