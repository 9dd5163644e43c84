import { z } from 'zod';
import { corsConfigFromEnv } from './http/cors.js';
import { repoPath } from '../../lib/paths.js';
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
      JOB_SEEKERS_SUBGRAPH_URL: z.string().url().optional(),
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
      /** Largest document registered as an automatic persisted query, in bytes. */
      APQ_MAX_QUERY_BYTES: positiveInt(8_192),
      /**
       * `apq`: automatic persisted queries (any valid document may register). `safelist`: only the
       * operations of PERSISTED_OPERATIONS_PATH run (schema/persisted-operations.json, `npm run safelist`).
       */
      PERSISTED_OPERATIONS: z.enum(['apq', 'safelist']).default('apq'),
      PERSISTED_OPERATIONS_PATH: z.string().min(1).optional(),
      SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
      /** The whole request's budget (gateway → subgraph → upstream calls, retries included). */
      REQUEST_BUDGET_MS: positiveInt(5_000),
      /** Merge identical in-flight subgraph fetches (same URL, authorization and body); off only for benchmarks. */
      SUBGRAPH_FETCH_MERGE: bool(true),
      /** Run identical client queries in flight at once (same authorization, document, variables) once (gateway/src/operation-merge.ts); off only for benchmarks. */
      OPERATION_MERGE: bool(true),
      /** Cache whole answers of public operations in the gateway, as the subgraphs' cache hints allow (gateway/src/response-cache.ts). */
      RESPONSE_CACHE_ENABLED: bool(true),
      /** Longest a cached public answer is reused, whatever the hints say, in seconds. */
      RESPONSE_CACHE_MAX_TTL_SECONDS: positiveInt(60),
      /** Bound of the in-process response cache, in MiB. */
      RESPONSE_CACHE_MAX_MIB: positiveInt(32),
      /** Cache public entity results in the gateway, one entry per entity, as the subgraphs' cache hints allow (gateway/src/entity-cache.ts). */
      ENTITY_CACHE_ENABLED: bool(true),
      /** Longest a cached public entity is reused, whatever the hints say, in seconds. */
      ENTITY_CACHE_MAX_TTL_SECONDS: positiveInt(60),
      /** Bound of the in-process entity cache, in MiB. */
      ENTITY_CACHE_MAX_MIB: positiveInt(32),
      /** Verified tokens remembered (by token string, until their expiry), so a token is verified once, not per request. */
      TOKEN_CACHE_MAX_ENTRIES: positiveInt(10_000),
      LOG_LEVEL: logLevel(),
    },
    env,
  );
  const production = parsed.NODE_ENV === 'production';
  return {
    ...parsed,
    production,
    cors: corsConfigFromEnv(env, production),
    explorer: production ? env['EXPLORER_ENABLED'] === 'true' : parsed.EXPLORER_ENABLED,
    introspection: production ? env['INTROSPECTION_ENABLED'] === 'true' : parsed.INTROSPECTION_ENABLED,
    subgraphUrls: {
      'caisse-des-depots': parsed.CDC_SUBGRAPH_URL,
      'france-travail': parsed.FT_SUBGRAPH_URL,
      'job-seekers': parsed.JOB_SEEKERS_SUBGRAPH_URL,
      'training-catalog': parsed.CATALOG_SUBGRAPH_URL,
    } as Record<string, string | undefined>,
  };
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** The supergraph the gateway serves: `SUPERGRAPH_PATH`, else the committed schema/supergraph.graphql. */
export const supergraphPath = (config: Pick<GatewayConfig, 'SUPERGRAPH_PATH'>): string => config.SUPERGRAPH_PATH ?? repoPath('schema', 'supergraph.graphql');
