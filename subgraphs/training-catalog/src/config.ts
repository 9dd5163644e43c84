import { z } from 'zod';
import { FC_DATASET_ID } from './infra/france-competences/france-competences.repository.js';
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_UPSTREAM_URLS, nonNegativeInt, parseEnv, port, url, type EnvSource } from '../../../lib/config/index.js';

export interface CatalogConfig {
  port: number;
  host: string;
  /** The regional LHEO feeds, absolute URLs. */
  carifOrefFeedUrls: string[];
  /** The France Compétences dataset on the data.gouv.fr API. */
  franceCompetencesDatasetUrl: string;
  cdcOpendataUrl: string;
  /** Seconds between two ingestions of the catalogues; 0 ingests once at start only. */
  refreshSeconds: number;
  /** Largest share (0–1) a refresh may shrink the index by before it is refused. */
  maxShrink: number;
}

/**
 * The Carif-Oref regions of the simulator's default feed list (INSEE region codes), each served in
 * one of the three shapes the real Carif-Oref publish (plain XML, gzip, zip), so all three are read.
 */
const DEFAULT_REGIONS = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
const PACKINGS = ['xml', 'xml.gz', 'zip'];

/** `CARIF_OREF_FEED_URLS` (comma-separated absolute URLs), else the simulator's regional files under `CARIF_OREF_URL`. */
export function feedUrls(list: string | undefined, carifOrefUrl: string): string[] {
  const urls = (list ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of urls) new URL(item);
  if (urls.length > 0) return urls;
  const base = carifOrefUrl.replace(/\/+$/, '');
  return DEFAULT_REGIONS.map((region, index) => `${base}/exports/lheo-${region}.${PACKINGS[index % PACKINGS.length]}`);
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
      CARIF_OREF_FEED_URLS: z.string().optional(),
      CATALOG_REFRESH_SECONDS: nonNegativeInt(3600),
      CATALOG_MAX_SHRINK: z.coerce.number().min(0).max(1).default(0.5),
    },
    env,
  );
  return {
    port: parsed.CATALOG_SUBGRAPH_PORT,
    host: parsed.HOST,
    carifOrefFeedUrls: feedUrls(parsed.CARIF_OREF_FEED_URLS, parsed.CARIF_OREF_URL),
    franceCompetencesDatasetUrl: `${parsed.FRANCE_COMPETENCES_URL.replace(/\/+$/, '')}/api/1/datasets/${FC_DATASET_ID}/`,
    cdcOpendataUrl: parsed.CDC_OPENDATA_URL,
    refreshSeconds: parsed.CATALOG_REFRESH_SECONDS,
    maxShrink: parsed.CATALOG_MAX_SHRINK,
  };
}
