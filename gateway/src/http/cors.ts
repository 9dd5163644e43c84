/**
 * CORS at the gateway's HTTP edge (the `cors` package, the one Express and Apollo's own
 * integrations use). Contract:
 * - only origins in `CORS_ORIGINS` get `Access-Control-Allow-Origin` (their own origin echoed,
 *   with `Vary: Origin`); development default: any http(s) localhost / 127.0.0.1 / [::1] port;
 *   production default: none (browsers on other origins are refused until origins are configured);
 * - never credentials (the graph authenticates with bearer tokens, not cookies), never `*`;
 * - a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here, 204, cached by
 *   the browser `CORS_MAX_AGE_SECONDS` (Chromium caps at 7200), before any CSRF check or GraphQL:
 *   the CSRF prevention stays on for every GET and POST that follows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import { z } from 'zod';
import { ConfigError, parseEnv, positiveInt, type EnvSource } from '../../../lib/config/index.js';
import { REQUEST_ID_HEADER } from '../../../lib/logging/index.js';

export interface CorsConfig {
  /** Exact origins (`https://app.example.fr`) or patterns; empty: no browser origin is allowed. */
  origins: readonly (string | RegExp)[];
  maxAgeSeconds: number;
}

/** Any port on the loopback names a developer uses (Vite's 5173, Storybook's 6006…). */
export const LOCALHOST_ORIGINS = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Request headers a browser client may send: the ones the common GraphQL clients and the CSRF prevention use. */
export const CORS_ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  REQUEST_ID_HEADER,
] as const;

/** Response headers scripts may read (beyond the CORS-safelisted ones). */
export const CORS_EXPOSED_HEADERS = [
  REQUEST_ID_HEADER,
  'retry-after',
  'www-authenticate',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'x-cpa-stale',
] as const;

const ORIGIN = /^https?:\/\/[^/\s?#]+$/;

/**
 * `CORS_ORIGINS`: comma-separated origins (scheme://host[:port], no path), `localhost` for the
 * development pattern, or `none`. `CORS_MAX_AGE_SECONDS`: preflight cache lifetime.
 */
export function corsConfigFromEnv(env: EnvSource, production: boolean): CorsConfig {
  const parsed = parseEnv({ CORS_ORIGINS: z.string().optional(), CORS_MAX_AGE_SECONDS: positiveInt(7200) }, env);
  const raw = parsed.CORS_ORIGINS ?? (production ? 'none' : 'localhost');
  const origins: (string | RegExp)[] = [];
  for (const entry of raw.split(',').map((value) => value.trim().replace(/\/$/, '')).filter(Boolean)) {
    if (entry === 'none') continue;
    if (entry === 'localhost') origins.push(LOCALHOST_ORIGINS);
    else if (entry === '*') throw new ConfigError('CORS_ORIGINS', '= "*" is refused: list the origins of your front-ends');
    else if (ORIGIN.test(entry)) origins.push(entry.toLowerCase());
    else throw new ConfigError('CORS_ORIGINS', `= "${entry}" is not an origin (scheme://host[:port])`);
  }
  return { origins, maxAgeSeconds: parsed.CORS_MAX_AGE_SECONDS };
}

/**
 * Returns the edge handler for `createGraphQLHttpServer`: it sets the CORS headers on every
 * response to an allowed origin and answers preflights itself (returns true then).
 */
export function corsEdge(config: CorsConfig): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const middleware = cors({
    // Always an array: `false` would make `cors` skip preflights, and an empty origin means `*` to it.
    origin: [...config.origins],
    methods: ['GET', 'POST'],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    credentials: false,
    maxAge: config.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
  return async (request, response) => {
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (request.headers.origin === undefined && !preflight) return false;
    // `cors` calls next() for every non-preflight request and ends preflights itself.
    await new Promise<void>((resolve) => {
      middleware(request, response, () => resolve());
      if (preflight) resolve();
    });
    return preflight;
  };
}
