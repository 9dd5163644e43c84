import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { freePort } from '../testing/ports.js';
import { startIssuer, type RunningIssuer } from '../../upstreams/identity/test-server.js';
import { ANONYMOUS } from './principal.js';
import { createTokenVerifier, type TokenVerifier } from './verifier.js';

const JWKS_ROUTE = 'GET /identity/jwks.json';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

let sim: RunningIssuer;
let verifier: TokenVerifier;
let kid: string;

beforeAll(async () => {
  sim = await startIssuer({ IDENTITY_SIGNING_KEY: pem });
  verifier = createTokenVerifier({ issuer: sim.issuer, audience: 'cpa-graph', jwksUrl: `${sim.issuer}/jwks.json` });
  kid = String(decodeProtectedHeader(await sim.workerToken('W000001')).kid);
});
afterAll(async () => {
  await sim.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the issuer's own key, so only the claim or header under test is wrong. */
function forge(claims: JWTPayload, header: Record<string, unknown> = {}, key: KeyObject = privateKey): Promise<string> {
  const payload = { iss: sim.issuer, aud: 'cpa-graph', sub: 'W000001', iat: now(), exp: now() + 600, cpa_kind: 'worker', scope: 'cpf:read', ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt', ...header }).sign(key);
}

const unsigned = (header: object, payload: object, signature = '') =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.${signature}`;

async function rejection(header: string | undefined, using: TokenVerifier = verifier): Promise<AppError> {
  const error: unknown = await using.principalFrom(header).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function expectGenericRejection(error: AppError, token: string, reason?: string): void {
  expect(error.code).toBe('UNAUTHENTICATED');
  expect(error.message).toBe('Authentication is required or the token is invalid.');
  for (const part of [token, ...token.split('.').filter((segment) => segment.length > 3), 'W000001', 'demo-']) {
    expect(error.message).not.toContain(part);
  }
  if (reason) expect(error.cause).toEqual({ reason });
}

describe('accepts', () => {
  it('no header as the anonymous principal', async () => {
    expect(await verifier.principalFrom(undefined)).toBe(ANONYMOUS);
  });

  it('a worker token from the dev login', async () => {
    expect(await verifier.principalFrom(`Bearer ${await sim.workerToken('W000002')}`)).toEqual({
      kind: 'worker',
      workerId: 'W000002',
      scopes: ['cpf:read', 'jobseeker:read'],
    });
  });

  it('a partner token from client credentials (scheme case-insensitive)', async () => {
    const token = await sim.partnerToken('demo-counsellor', 'demo-counsellor-secret', 'jobseeker:read');
    expect(await verifier.principalFrom(`bearer ${token}`)).toEqual({ kind: 'partner', clientId: 'demo-counsellor', scopes: ['jobseeker:read'] });
  });

  it('a token expired by less than the clock tolerance', async () => {
    const token = await forge({ exp: now() - 5 });
    expect((await verifier.principalFrom(`Bearer ${token}`)).kind).toBe('worker');
  });
});

describe('rejects with UNAUTHENTICATED and a message that echoes nothing', () => {
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const cases: [string, () => Promise<string>, string][] = [
    ['an expired token', () => forge({ exp: now() - 3600 }), 'ERR_JWT_EXPIRED'],
    ['a not-yet-valid token', () => forge({ nbf: now() + 3600 }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['a wrong audience', () => forge({ aud: 'another-api' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['a wrong issuer', () => forge({ iss: 'https://evil.example/identity' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['an ID-token type', () => forge({}, { typ: 'JWT' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['no kid', () => forge({}, { kid: undefined }), 'ERR_KID_MISSING'],
    ['alg none', async () => unsigned({ alg: 'none', kid, typ: 'at+jwt' }, decodeJwt(await forge({}))), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    [
      'HS256 keyed with the public key',
      async () => {
        const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
        const signingInput = unsigned({ alg: 'HS256', kid, typ: 'at+jwt' }, decodeJwt(await forge({}))).slice(0, -1);
        return `${signingInput}.${createHmac('sha256', publicPem).update(signingInput).digest('base64url')}`;
      },
      'ERR_JOSE_ALG_NOT_ALLOWED',
    ],
    ['a key the issuer does not publish', () => forge({}, { kid: 'unknown-kid' }, other), 'ERR_JWKS_NO_MATCHING_KEY'],
    ['a foreign key behind a published kid', () => forge({}, {}, other), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    [
      'a tampered payload',
      async () => {
        const [head, , signature] = (await sim.workerToken('W000004')).split('.');
        return `${head}.${base64url.encode(JSON.stringify({ ...decodeJwt(await forge({})), sub: 'W000001' }))}.${signature}`;
      },
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ],
    ['a worker token carrying client_id', () => forge({ client_id: 'demo-counsellor' }), 'ERR_INCONSISTENT_CLAIMS'],
    ['a partner token without client_id', () => forge({ cpa_kind: 'partner', sub: 'demo-counsellor' }), 'ERR_INCONSISTENT_CLAIMS'],
    ['a partner token whose client_id is not its sub', () => forge({ cpa_kind: 'partner', client_id: 'demo-counsellor', sub: 'W000001' }), 'ERR_INCONSISTENT_CLAIMS'],
    ['a token without kind', () => forge({ cpa_kind: undefined }), 'ERR_INCONSISTENT_CLAIMS'],
    ['a malformed scope', () => forge({ scope: 'cpf:read "x"' }), 'ERR_INCONSISTENT_CLAIMS'],
    // Issue #12 item 8: maximum age and clock skew (defaults: 3600 s, 30 s).
    ['iat in the future beyond the skew', () => forge({ iat: now() + 120, exp: now() + 600 }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['iat 30 days old (exp far ahead)', () => forge({ iat: now() - 30 * 86_400, exp: now() + 600 }), 'ERR_JWT_EXPIRED'],
    ['a lifetime exp − iat of ten years', () => forge({ exp: now() + 10 * 365 * 86_400 }), 'ERR_TOKEN_LIFETIME_TOO_LONG'],
    ['no iat', () => forge({ iat: undefined }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
  ];

  it.each(cases)('%s', async (_case, make, reason) => {
    const token = await make();
    expectGenericRejection(await rejection(`Bearer ${token}`), token, reason);
  });

  it.each([
    ['empty', ''],
    ['scheme only', 'Bearer '],
    ['Basic', 'Basic dXNlcjpwYXNz'],
    ['not a JWT', 'Bearer not-a-jwt'],
    ['two segments', 'Bearer a.b'],
    ['oversized', `Bearer ${'a'.repeat(9000)}.b.c`],
  ])('a header that is not "Bearer <jwt>" (%s)', async (_case, header) => {
    expectGenericRejection(await rejection(header), header.replace(/^Bearer ?/, '') || 'unused-token-marker');
  });
});

describe('JWKS cache', () => {
  it('refetches once on an unknown kid after rotation, then serves from cache', async () => {
    const local = await startIssuer();
    try {
      const fresh = createTokenVerifier({ issuer: local.issuer, audience: 'cpa-graph', jwksUrl: `${local.issuer}/jwks.json`, jwksCooldownMs: 0 });
      await fresh.principalFrom(`Bearer ${await local.workerToken('W000001')}`);
      expect(local.calls(JWKS_ROUTE)).toBe(1);
      await fetch(`${local.issuer}/dev/rotate-keys`, { method: 'POST' });
      const rotated = `Bearer ${await local.workerToken('W000002')}`;
      const principals = await Promise.all(Array.from({ length: 5 }, () => fresh.principalFrom(rotated)));
      expect(principals.every((principal) => principal.kind === 'worker')).toBe(true);
      expect(local.calls(JWKS_ROUTE)).toBe(2);
      await fresh.principalFrom(rotated);
      expect(local.calls(JWKS_ROUTE)).toBe(2);
    } finally {
      await local.close();
    }
  });

  it('does not refetch for unknown kids within the cooldown (no JWKS flood)', async () => {
    const local = await startIssuer();
    try {
      const cooled = createTokenVerifier({ issuer: local.issuer, audience: 'cpa-graph', jwksUrl: `${local.issuer}/jwks.json`, jwksCooldownMs: 60_000 });
      await cooled.principalFrom(`Bearer ${await local.workerToken('W000001')}`);
      const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      for (let index = 0; index < 5; index += 1) {
        const token = await new SignJWT({ cpa_kind: 'worker' })
          .setProtectedHeader({ alg: 'ES256', kid: `random-${index}`, typ: 'at+jwt' })
          .setIssuer(local.issuer).setAudience('cpa-graph').setSubject('W000001').setIssuedAt().setExpirationTime('5m')
          .sign(stranger);
        expect((await rejection(`Bearer ${token}`, cooled)).code).toBe('UNAUTHENTICATED');
      }
      expect(local.calls(JWKS_ROUTE)).toBe(1);
    } finally {
      await local.close();
    }
  });

  it('reports an unreachable issuer as UPSTREAM_UNAVAILABLE, not as a bad token', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/identity`;
    const down = createTokenVerifier({ issuer: closed, audience: 'cpa-graph', jwksUrl: `${closed}/jwks.json` });
    const error = await rejection(`Bearer ${await forge({})}`, down);
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.operator).toBe('identity');
  });
});

describe('construction', () => {
  it.each([[['HS256']], [['none']], [[]]])('refuses algorithms %j', (algorithms) => {
    expect(() =>
      createTokenVerifier({ issuer: 'http://127.0.0.1:1/identity', audience: 'a', jwksUrl: 'http://127.0.0.1:1/j', algorithms: algorithms as never }),
    ).toThrow(/algorithms/);
  });
});
