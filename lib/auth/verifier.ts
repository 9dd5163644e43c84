import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode, GENERIC_MESSAGES, upstreamTimeout, upstreamUnavailable } from '../errors/index.js';
import { ACCESS_TOKEN_TYPE, principalFromClaims } from './claims.js';
import { ANONYMOUS, type Principal } from './principal.js';

/** Asymmetric algorithms only: `none` and HS* (which a public key could be abused to "sign") are never accepted. */
export const SUPPORTED_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];
export const DEFAULT_ALGORITHMS: readonly SigningAlgorithm[] = ['ES256', 'RS256'];

export interface TokenCheckOptions {
  issuer: string;
  audience: string;
  algorithms?: readonly SigningAlgorithm[];
  /** Leeway for `exp`/`nbf`/`iat` against clock skew between hosts (`TOKEN_CLOCK_SKEW_SECONDS`). */
  clockToleranceSeconds?: number;
  /**
   * Oldest accepted token (`now − iat`) and longest accepted lifetime (`exp − iat`), in seconds
   * (`TOKEN_MAX_AGE_SECONDS`, default 3600): a token issued in the future (beyond the skew), a
   * stolen old one, or one minted to live ten years is refused.
   */
  maxTokenAgeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 3_600;

export interface TokenVerifierOptions extends TokenCheckOptions {
  jwksUrl: string;
  /** Minimum time between two JWKS fetches triggered by an unknown `kid` (jose default 30 s). */
  jwksCooldownMs?: number;
  /** The JWKS is refetched when older than this, even without an unknown `kid` (default 10 min). */
  jwksCacheMaxAgeMs?: number;
  jwksTimeoutMs?: number;
}

export interface TokenVerifier {
  /**
   * No header → the anonymous principal. Anything else must be a valid `Bearer <jwt>`,
   * otherwise AppError(UNAUTHENTICATED) with a generic message; the failure reason (a jose
   * error code, never token content) is in `cause.reason` for logs.
   */
  principalFrom(authorizationHeader: string | undefined): Promise<Principal>;
  /** Fetches the issuer's keys now (readiness warm-up), so the first token needs no JWKS round trip. */
  warmUp?(): Promise<void>;
}

export interface AuthFailureCause {
  reason: string;
}

/** The identity provider's name in UPSTREAM_* errors. */
export const IDENTITY_OPERATOR = 'identity';

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*) *$/i;
/** Far above any token we issue; bounds the work an attacker can make us do per request. */
const MAX_HEADER_LENGTH = 8192;

const rejected = (reason: string): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, GENERIC_MESSAGES.UNAUTHENTICATED, { cause: { reason } satisfies AuthFailureCause });

/** Marks a failure of the key source (JWKS unreachable, slow or broken): the issuer's fault, not the token's. */
class IssuerFailure extends Error {
  constructor(readonly original: unknown) {
    super('identity key source failed');
  }
}

/** Errors a key lookup raises because of the token (unknown `kid`, unusable `alg`); anything else is the issuer's. */
const TOKEN_KEY_ERRORS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported, errors.JOSEAlgNotAllowed];

function guarded(getKey: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await getKey(header, token);
    } catch (error) {
      if (TOKEN_KEY_ERRORS.some((kind) => error instanceof kind)) throw error;
      throw new IssuerFailure(error);
    }
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof IssuerFailure) {
    const reason = error.original instanceof errors.JOSEError ? error.original.code : 'JWKS_FETCH_FAILED';
    return error.original instanceof errors.JWKSTimeout
      ? upstreamTimeout(IDENTITY_OPERATOR, { cause: { reason } })
      : upstreamUnavailable(IDENTITY_OPERATOR, { cause: { reason } });
  }
  return rejected(error instanceof errors.JOSEError ? error.code : 'ERR_MALFORMED_TOKEN');
}

function checkAlgorithms(algorithms: readonly string[]): string[] {
  const allowed: readonly string[] = SUPPORTED_ALGORITHMS;
  if (algorithms.length === 0 || !algorithms.every((algorithm) => allowed.includes(algorithm))) {
    throw new TypeError(`algorithms must be a non-empty subset of ${SUPPORTED_ALGORITHMS.join(', ')}`);
  }
  return [...algorithms];
}

/** A verifier over any key source: the remote JWKS in services, the issuer's own keys in the simulator. */
export function createTokenVerifierWithKeys(keySource: JWTVerifyGetKey, options: TokenCheckOptions): TokenVerifier {
  const getKey = guarded(keySource);
  const algorithms = checkAlgorithms(options.algorithms ?? DEFAULT_ALGORITHMS);
  const maxAge = options.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms,
    clockTolerance: options.clockToleranceSeconds ?? 30,
    // jose refuses `iat` older than this, and `iat` in the future beyond the tolerance.
    maxTokenAge: maxAge,
    typ: ACCESS_TOKEN_TYPE,
    requiredClaims: ['exp', 'iat', 'sub'],
  };

  async function verify(token: string): Promise<Principal> {
    // Checked before any key lookup: a token without `kid` would make jose try every key,
    // and a foreign `alg` must not trigger a JWKS refetch.
    const header = decodeProtectedHeader(token);
    if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 128) throw rejected('ERR_KID_MISSING');
    if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) throw rejected('ERR_JOSE_ALG_NOT_ALLOWED');
    const { payload } = await jwtVerify(token, getKey, verifyOptions);
    // jose checks age, not lifetime: `exp − iat` beyond the maximum age is refused too.
    if (typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp - payload.iat > maxAge) throw rejected('ERR_TOKEN_LIFETIME_TOO_LONG');
    const principal = principalFromClaims(payload);
    if (!principal) throw rejected('ERR_INCONSISTENT_CLAIMS');
    return principal;
  }

  return {
    async principalFrom(authorizationHeader) {
      if (authorizationHeader === undefined) return ANONYMOUS;
      if (authorizationHeader.length > MAX_HEADER_LENGTH) throw rejected('ERR_HEADER_TOO_LONG');
      const token = BEARER.exec(authorizationHeader)?.[1];
      if (token === undefined) throw rejected('ERR_NOT_BEARER');
      try {
        return await verify(token);
      } catch (error) {
        throw toAppError(error);
      }
    },
  };
}

/** The verifier the gateway and every subgraph use: keys from the issuer's JWKS, cached by jose. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
  });
  return { ...createTokenVerifierWithKeys(keys, options), warmUp: () => keys.reload() };
}
