import { ConfigError, type EnvSource } from './env.js';

/**
 * Secrets that production must set itself (issue #12 item 7). Every value this repository
 * publishes — the development defaults below, the simulators' credentials, examples in the docs —
 * is in PUBLISHED_SECRETS; with `NODE_ENV=production` a secret variable that is missing, or set to
 * one of them, stops the process with one line naming the variable (runMain → exit 78).
 */

/** Development defaults of the graph's own secrets (never valid in production). */
export const DEV_CACHE_KEY_SECRET = 'cpa-graph-dev-cache-key-secret-change-me';
export const DEV_AUDIT_HASH_SECRET = 'cpa-graph-dev-audit-secret';
export const DEV_RATE_LIMIT_KEY_SECRET = 'cpa-graph-dev-rate-limit-secret';

/** The simulators' operator credentials (upstreams/): public, so never an operator's real secret. */
export const DEV_FT_CLIENT_SECRET = 'cpagraph-dev-secret';
export const DEV_CDC_CLIENT_SECRET = 'cpa-graph-dev-secret';
export const DEV_API_PARTICULIER_TOKEN = 'cpagraph-dev-api-particulier';

export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  DEV_CACHE_KEY_SECRET,
  DEV_AUDIT_HASH_SECRET,
  DEV_RATE_LIMIT_KEY_SECRET,
  DEV_FT_CLIENT_SECRET,
  DEV_CDC_CLIENT_SECRET,
  DEV_API_PARTICULIER_TOKEN,
  // Other simulator clients and demo partners (upstreams/francetravail/oauth.ts, caissedesdepots/auth.ts, identity/clients.ts).
  'cpagraph-offers-secret',
  'cpagraph-unthrottled-secret',
  'sans-droits-secret',
  'demo-counsellor-secret',
  'demo-jobboard-secret',
  'demo-dashboard-secret',
]);

export const isProduction = (env: EnvSource): boolean => env['NODE_ENV'] === 'production';

/**
 * The value of a secret variable: outside production, `value ?? fallback`; in production, the value
 * only when it is set and not published (otherwise a ConfigError naming the variable).
 */
export function ownSecret(env: EnvSource, variable: string, value: string | undefined, fallback: string): string {
  if (!isProduction(env)) return value ?? fallback;
  if (value === undefined) throw new ConfigError(variable, 'is missing: production needs its own secret');
  if (PUBLISHED_SECRETS.has(value)) throw new ConfigError(variable, 'is a published default: production needs its own secret');
  return value;
}
