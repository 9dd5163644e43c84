import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_UPSTREAM_URLS, nonNegativeInt, parseEnv, positiveInt, type EnvSource } from '../config/index.js';
import { DEFAULT_ALGORITHMS, DEFAULT_MAX_TOKEN_AGE_SECONDS, SUPPORTED_ALGORITHMS, type SigningAlgorithm, type TokenVerifierOptions } from './verifier.js';

const algorithmList = z
  .string()
  .default(DEFAULT_ALGORITHMS.join(','))
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(z.enum(SUPPORTED_ALGORITHMS)).min(1, 'must name at least one algorithm'));

/** Issuers compare `iss` by exact string: one trailing slash is dropped so `…/identity/` and `…/identity` agree. */
const issuerUrl = z.string().url().default(DEFAULT_UPSTREAM_URLS.IDENTITY_ISSUER).transform((value) => value.replace(/\/$/, ''));

/**
 * Token verification settings for the gateway and every subgraph, read once at start-up.
 * AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL (default `${AUTH_ISSUER}/jwks.json`), AUTH_ALGORITHMS
 * (comma list, asymmetric only), TOKEN_CLOCK_SKEW_SECONDS (formerly AUTH_CLOCK_TOLERANCE_SECONDS, still read),
 * TOKEN_MAX_AGE_SECONDS (oldest `iat` and longest `exp − iat` accepted), AUTH_JWKS_COOLDOWN_MS, AUTH_JWKS_CACHE_MAX_AGE_MS.
 */
export function authConfigFromEnv(env: EnvSource = process.env): TokenVerifierOptions & { algorithms: SigningAlgorithm[] } {
  const parsed = parseEnv(
    {
      AUTH_ISSUER: issuerUrl,
      AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
      AUTH_JWKS_URL: z.string().url().optional(),
      AUTH_ALGORITHMS: algorithmList,
      TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).optional(),
      AUTH_CLOCK_TOLERANCE_SECONDS: nonNegativeInt(30).pipe(z.number().max(300)),
      TOKEN_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(DEFAULT_MAX_TOKEN_AGE_SECONDS),
      AUTH_JWKS_COOLDOWN_MS: nonNegativeInt(30_000),
      AUTH_JWKS_CACHE_MAX_AGE_MS: positiveInt(600_000),
    },
    env,
  );
  return {
    issuer: parsed.AUTH_ISSUER,
    audience: parsed.AUTH_AUDIENCE,
    jwksUrl: parsed.AUTH_JWKS_URL ?? `${parsed.AUTH_ISSUER}/jwks.json`,
    algorithms: parsed.AUTH_ALGORITHMS,
    clockToleranceSeconds: parsed.TOKEN_CLOCK_SKEW_SECONDS ?? parsed.AUTH_CLOCK_TOLERANCE_SECONDS,
    maxTokenAgeSeconds: parsed.TOKEN_MAX_AGE_SECONDS,
    jwksCooldownMs: parsed.AUTH_JWKS_COOLDOWN_MS,
    jwksCacheMaxAgeMs: parsed.AUTH_JWKS_CACHE_MAX_AGE_MS,
  };
}
