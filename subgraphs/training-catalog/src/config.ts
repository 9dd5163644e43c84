import { z } from 'zod';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_UPSTREAM_URLS, nonNegativeInt, parseEnv, port, url, type EnvSource } from '../../../lib/config/index.js';

export interface CatalogConfig {
  port: number;
  host: string;
  carifOrefUrl: string;
  franceCompetencesUrl: string;
  cdcOpendataUrl: string;
  /** Seconds between two ingestions of the catalogues; 0 ingests once at start only. */
  refreshSeconds: number;
}

/** The training-catalog subgraph's settings, read once at start (token verification reads its own). */
export function catalogConfigFromEnv(env: EnvSource = process.env): CatalogConfig {
  const parsed = parseEnv(
    {
      CATALOG_SUBGRAPH_PORT: port(DEFAULT_PORTS.CATALOG_SUBGRAPH_PORT),
      HOST: z.string().min(1).default(DEFAULT_HOST),
      CARIF_OREF_URL: url(DEFAULT_UPSTREAM_URLS.CARIF_OREF_URL),
      FRANCE_COMPETENCES_URL: url(DEFAULT_UPSTREAM_URLS.FRANCE_COMPETENCES_URL),
      CDC_OPENDATA_URL: url(DEFAULT_UPSTREAM_URLS.CDC_OPENDATA_URL),
      CATALOG_REFRESH_SECONDS: nonNegativeInt(3600),
    },
    env,
  );
  return {
    port: parsed.CATALOG_SUBGRAPH_PORT,
    host: parsed.HOST,
    carifOrefUrl: parsed.CARIF_OREF_URL,
    franceCompetencesUrl: parsed.FRANCE_COMPETENCES_URL,
    cdcOpendataUrl: parsed.CDC_OPENDATA_URL,
    refreshSeconds: parsed.CATALOG_REFRESH_SECONDS,
  };
}
