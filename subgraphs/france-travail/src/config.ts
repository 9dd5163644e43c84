import { z } from 'zod';
import { bool, DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_UPSTREAM_URLS, DEV_API_PARTICULIER_TOKEN, DEV_FT_CLIENT_SECRET, nonNegativeInt, ownSecret, parseEnv, port, positiveInt, url, type EnvSource } from '../../../lib/config/index.js';

/** The simulator's development client (upstreams/francetravail/README.md); production sets its own. */
export const DEV_FT_CLIENT_ID = 'PAR_cpagraph_dev';
export { DEV_FT_CLIENT_SECRET };
/** The simulator's API Particulier token (upstreams/api-particulier/README.md) and a development recipient (DINUM's SIRET). */
export { DEV_API_PARTICULIER_TOKEN };
export const DEV_API_PARTICULIER_RECIPIENT = '13002526500013';

/** Every France Travail API this subgraph calls, as one scope string for the token. */
export const FT_SCOPES = [
  'api_offresdemploiv2 o2dsoffre',
  'api_rome-metiersv1 api_rome-fiches-metiersv1 nomenclatureRome',
  'api_labonneboitev2 search office',
  'api_stats-entrees-sorties-formationsv1 accesemploiDEformes',
].join(' ');

export function loadConfig(env: EnvSource = process.env) {
  const parsed = parseEnv(
    {
      FT_SUBGRAPH_PORT: port(DEFAULT_PORTS.FT_SUBGRAPH_PORT),
      /** The job-seekers subgraph this process serves too (app.ts). */
      JOB_SEEKERS_SUBGRAPH_PORT: port(DEFAULT_PORTS.JOB_SEEKERS_SUBGRAPH_PORT),
      HOST: z.string().min(1).default(DEFAULT_HOST),
      FT_API_URL: url(DEFAULT_UPSTREAM_URLS.FT_API_URL),
      FT_AUTH_URL: url(DEFAULT_UPSTREAM_URLS.FT_AUTH_URL),
      /** Host of the ROME open-data archive (real: https://api.francetravail.fr). Unset: FT_API_URL, where the simulator serves it. */
      ROME_OPEN_DATA_URL: z.string().url().optional(),
      FT_CLIENT_ID: z.string().min(1).default(DEV_FT_CLIENT_ID),
      FT_CLIENT_SECRET: z.string().min(1).optional(),
      FT_SCOPES: z.string().min(1).default(FT_SCOPES),
      /** France Travail allows 10 requests/s per client id. */
      FT_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().max(10_000).default(10),
      /** Largest share of the quota one principal may hold in a window; the rest is headroom for everyone else (issue #12.3). */
      FT_QUOTA_SHARE_PER_PRINCIPAL: z.coerce.number().gt(0).max(1).default(0.7),
      /** Share of the quota the refresher of public per-training data may use, only when requests leave it free (issue #15.4). */
      FT_REFRESH_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
      /** Refresh public per-training data (outcomes, reviews) of the whole catalogue ahead of demand. */
      FT_REFRESH_ENABLED: bool(true),
      /** Pause between two refresh passes. */
      FT_REFRESH_INTERVAL_SECONDS: positiveInt(6 * 3600),
      /** How long a refreshed entry is kept: longer than a pass plus the interval, so it is rewritten before it expires. */
      FT_REFRESH_TTL_SECONDS: positiveInt(24 * 3600),
      /** Outcome keys (hottest first) the first pass refreshes before the subgraph says ready (reviews: every provider). */
      FT_REFRESH_READY_KEYS: nonNegativeInt(0),
      /** The catalogue the refresher enumerates: the Carif-Oref feeds the training-catalog reads (same variables). */
      CARIF_OREF_URL: url(DEFAULT_UPSTREAM_URLS.CARIF_OREF_URL),
      CARIF_OREF_FEED_URLS: z.string().optional(),
      CDC_OPENDATA_URL: url(DEFAULT_UPSTREAM_URLS.CDC_OPENDATA_URL),
      ANOTEA_URL: url(DEFAULT_UPSTREAM_URLS.ANOTEA_URL),
      /** The job-seeker status is API Particulier's (particulier.api.gouv.fr), not behind a France Travail token. */
      API_PARTICULIER_URL: url(DEFAULT_UPSTREAM_URLS.API_PARTICULIER_URL),
      API_PARTICULIER_TOKEN: z.string().min(1).optional(),
      /** SIRET of the administration on whose behalf the status is read (API Particulier's mandatory `recipient`). */
      API_PARTICULIER_RECIPIENT: z.string().regex(/^\d{14}$/).default(DEV_API_PARTICULIER_RECIPIENT),
    },
    env,
  );
  // Operator credentials: the simulators' published ones are refused in production (issue #12).
  return {
    ...parsed,
    FT_CLIENT_SECRET: ownSecret(env, 'FT_CLIENT_SECRET', parsed.FT_CLIENT_SECRET, DEV_FT_CLIENT_SECRET),
    API_PARTICULIER_TOKEN: ownSecret(env, 'API_PARTICULIER_TOKEN', parsed.API_PARTICULIER_TOKEN, DEV_API_PARTICULIER_TOKEN),
  };
}
export type FranceTravailConfig = ReturnType<typeof loadConfig>;
