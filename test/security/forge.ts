import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';

/**
 * Token forging for the attack tests. The stack's issuer signs with a key the test generated
 * (IDENTITY_SIGNING_KEY), so the tests can also mint tokens that are correctly signed but wrong
 * in one claim (expired, foreign audience or issuer…) — each must still be refused.
 */
export interface SigningKeyPair {
  privateKey: KeyObject;
  publicJwk: JWK;
  kid: string;
  /** PKCS8 PEM for IDENTITY_SIGNING_KEY. */
  pem: string;
}

export async function generateSigningKey(): Promise<SigningKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  return { privateKey, publicJwk, kid: await calculateJwkThumbprint(publicJwk), pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

export interface TokenSpec {
  issuer: string;
  audience?: string;
  subject?: string;
  kind?: 'worker' | 'partner';
  scope?: string;
  /** Seconds relative to now. */
  expiresIn?: number;
  issuedAgo?: number;
  /** `nbf` at `iat` (default) or now: a token "issued in the future" that is already valid. */
  notBefore?: 'issuedAt' | 'now';
  typ?: string;
  kid?: string;
  extraClaims?: Record<string, unknown>;
}

export async function signToken(key: KeyObject, kid: string, spec: TokenSpec): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const kind = spec.kind ?? 'worker';
  const subject = spec.subject ?? 'W000001';
  const claims: Record<string, unknown> = {
    scope: spec.scope ?? 'cpf:read jobseeker:read',
    cpa_kind: kind,
    ...(kind === 'partner' ? { client_id: subject } : {}),
    ...spec.extraClaims,
  };
  const issuedAt = now - (spec.issuedAgo ?? 0);
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: spec.kid ?? kid, typ: spec.typ ?? 'at+jwt' })
    .setIssuer(spec.issuer)
    .setAudience(spec.audience ?? 'cpa-graph')
    .setSubject(subject)
    .setIssuedAt(issuedAt)
    .setNotBefore(spec.notBefore === 'now' ? now : issuedAt)
    .setExpirationTime(now + (spec.expiresIn ?? 600))
    .setJti(`attack-${Math.random().toString(36).slice(2)}`)
    .sign(key);
}

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function payloadFor(spec: TokenSpec): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: spec.issuer, aud: 'cpa-graph', sub: spec.subject ?? 'W000001', scope: 'cpf:read jobseeker:read', cpa_kind: 'worker', iat: now, nbf: now, exp: now + 600 };
}

/** `alg: none`, no signature at all. */
export function unsignedToken(kid: string, spec: TokenSpec): string {
  return `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(payloadFor(spec))}.`;
}

/** The classic key-confusion attack: HS256 keyed with the issuer's public key, which anyone can download. */
export function hs256WithPublicKey(publicJwk: JWK, kid: string, spec: TokenSpec): string {
  const signingInput = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(payloadFor(spec))}`;
  const signature = createHmac('sha256', JSON.stringify(publicJwk)).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** A real token with its payload swapped (signature no longer matches). */
export function tamperedToken(token: string, patch: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>), ...patch };
  return `${header}.${b64(claims)}.${signature}`;
}
