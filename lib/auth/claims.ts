import type { JWTPayload } from 'jose';
import type { PartnerPrincipal, WorkerPrincipal } from './principal.js';

/**
 * The access-token layout shared by the development issuer (which signs it) and every
 * verifier (gateway, subgraphs). Keeping both sides on one definition is what makes
 * "a worker token can never be read as a partner token" checkable in one place.
 *
 * Header: `alg` (ES256 | RS256), `kid`, `typ: at+jwt` (RFC 9068: an ID token or any other
 * JWT from the same issuer is not an access token).
 * Payload: `iss`, `aud`, `exp`, `iat`, `nbf`, `jti`, `sub`, `scope` (space-separated),
 * `cpa_kind` ('worker' | 'partner') and, for partners only, `client_id` (= `sub`).
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const KIND_CLAIM = 'cpa_kind';
export const CLIENT_ID_CLAIM = 'client_id';

export type TokenKind = 'worker' | 'partner';

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  scope: string;
  [KIND_CLAIM]: TokenKind;
  [CLIENT_ID_CLAIM]?: string;
}

/** RFC 6749 §3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,64}$/;
/** Ids that are safe to log and to put in URLs and cache keys. */
const WORKER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_SCOPES = 32;

export const isWorkerId = (value: unknown): value is string => typeof value === 'string' && WORKER_ID.test(value);
export const isClientId = (value: unknown): value is string => typeof value === 'string' && CLIENT_ID.test(value);

/** Splits a `scope` string into distinct scope tokens; undefined when any token is malformed. */
export function parseScope(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (typeof value !== 'string') return undefined;
  const tokens = value.split(' ').filter((token) => token !== '');
  if (tokens.length > MAX_SCOPES || !tokens.every((token) => SCOPE_TOKEN.test(token))) return undefined;
  return [...new Set(tokens)];
}

/**
 * Builds the principal from an already signature-checked payload, or returns undefined when
 * the claims contradict each other: the kind claim must be present, a worker token must not
 * carry `client_id`, a partner token must carry `client_id` equal to `sub`.
 */
export function principalFromClaims(payload: JWTPayload): WorkerPrincipal | PartnerPrincipal | undefined {
  const scopes = parseScope(payload['scope']);
  if (scopes === undefined || typeof payload.sub !== 'string') return undefined;
  const kind = payload[KIND_CLAIM];
  const clientId = payload[CLIENT_ID_CLAIM];
  if (kind === 'worker') {
    if (clientId !== undefined || !isWorkerId(payload.sub)) return undefined;
    return { kind: 'worker', workerId: payload.sub, scopes: Object.freeze(scopes) };
  }
  if (kind === 'partner') {
    if (!isClientId(clientId) || clientId !== payload.sub) return undefined;
    return { kind: 'partner', clientId, scopes: Object.freeze(scopes) };
  }
  return undefined;
}
