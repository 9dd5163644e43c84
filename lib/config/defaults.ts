/**
 * Default ports and upstream locations. Everything runs on localhost against the
 * simulators in `upstreams/`; every value is overridable by the environment variable named here.
 */
export const DEFAULT_PORTS = {
  GATEWAY_PORT: 4000,
  CDC_SUBGRAPH_PORT: 4001,
  FT_SUBGRAPH_PORT: 4002,
  /** The job-seekers subgraph, served by the france-travail process. */
  JOB_SEEKERS_SUBGRAPH_PORT: 4004,
  CATALOG_SUBGRAPH_PORT: 4003,
  UPSTREAMS_PORT: 4010,
} as const;

export type PortVariable = keyof typeof DEFAULT_PORTS;

export const DEFAULT_HOST = '127.0.0.1';

const sim = (prefix: string) => `http://${DEFAULT_HOST}:${DEFAULT_PORTS.UPSTREAMS_PORT}${prefix}`;

/** Base URLs of the operators, by environment variable. Point these at the real hosts in production. */
export const DEFAULT_UPSTREAM_URLS = {
  /** France Travail API host (real: https://api.francetravail.io). Paths like /partenaire/offresdemploi/v2 are appended. */
  FT_API_URL: sim('/francetravail'),
  /** France Travail OAuth2 host (real: https://entreprise.francetravail.fr). */
  FT_AUTH_URL: sim('/francetravail'),
  /** Anotéa host (real: https://anotea.francetravail.fr). /api/v1 is appended. */
  ANOTEA_URL: sim('/anotea'),
  /** Caisse des dépôts CPF rights API (no public equivalent; see upstreams/README.md). */
  CDC_API_URL: sim('/caissedesdepots'),
  /** Caisse des dépôts open data (real: https://opendata.caissedesdepots.fr). */
  CDC_OPENDATA_URL: sim('/opendata-cdc'),
  /** Carif-Oref LHEO feed host. */
  CARIF_OREF_URL: sim('/carif-oref'),
  /** France Compétences RNCP/RS export host. */
  FRANCE_COMPETENCES_URL: sim('/france-competences'),
  /** API Particulier host (real: https://particulier.api.gouv.fr): the France Travail job-seeker status. */
  API_PARTICULIER_URL: sim('/api-particulier'),
  /** OpenID issuer (development: the simulator). */
  IDENTITY_ISSUER: sim('/identity'),
} as const;

export const DEFAULT_AUDIENCE = 'cpa-graph';
