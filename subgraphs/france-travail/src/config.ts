import { z } from 'zod';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_UPSTREAM_URLS, parseEnv, port, url, type EnvSource } from '../../../lib/config/index.js';

/** The simulator's development client (upstreams/francetravail/README.md); production sets its own. */
export const DEV_FT_CLIENT_ID = 'PAR_cpagraph_dev';
export const DEV_FT_CLIENT_SECRET = 'cpagraph-dev-secret';

/** Every France Travail API this subgraph calls, as one scope string for the token. */
export const FT_SCOPES = [
  'api_offresdemploiv2 o2dsoffre',
  'api_rome-metiersv1 api_rome-fiches-metiersv1 nomenclatureRome',
  'api_labonneboitev2 search office',
  'api_stats-entrees-sorties-formationsv1 accesemploiDEformes',
  'api_statut-demandeurv1 statut',
].join(' ');

export function loadConfig(env: EnvSource = process.env) {
  return parseEnv(
    {
      FT_SUBGRAPH_PORT: port(DEFAULT_PORTS.FT_SUBGRAPH_PORT),
      HOST: z.string().min(1).default(DEFAULT_HOST),
      FT_API_URL: url(DEFAULT_UPSTREAM_URLS.FT_API_URL),
      FT_AUTH_URL: url(DEFAULT_UPSTREAM_URLS.FT_AUTH_URL),
      FT_CLIENT_ID: z.string().min(1).default(DEV_FT_CLIENT_ID),
      FT_CLIENT_SECRET: z.string().min(1).default(DEV_FT_CLIENT_SECRET),
      FT_SCOPES: z.string().min(1).default(FT_SCOPES),
      /** France Travail allows 10 requests/s per client id. */
      FT_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().max(10_000).default(10),
      ANOTEA_URL: url(DEFAULT_UPSTREAM_URLS.ANOTEA_URL),
    },
    env,
  );
}
export type FranceTravailConfig = ReturnType<typeof loadConfig>;
