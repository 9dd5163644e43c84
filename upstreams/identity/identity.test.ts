import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer, type RunningIssuer } from './test-server.js';

let sim: RunningIssuer;
beforeAll(async () => {
  sim = await startIssuer();
});
afterAll(async () => {
  await sim.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function token(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('discovery and keys', () => {
  it('publishes OpenID metadata pointing at this issuer', async () => {
    const metadata = (await (await fetch(`${sim.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: sim.issuer,
      jwks_uri: `${sim.issuer}/jwks.json`,
      token_endpoint: `${sim.issuer}/token`,
      grant_types_supported: ['client_credentials'],
      scopes_supported: ['cpf:read', 'jobseeker:read'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
  });

  it('publishes public keys only, each with kid, alg and use', async () => {
    const jwks = (await (await fetch(`${sim.issuer}/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe('POST /identity/token (client credentials)', () => {
  it('issues a partner token with HTTP Basic', async () => {
    const { status, headers, body } = await token(form({ grant_type: 'client_credentials', scope: 'cpf:read' }), {
      authorization: basic('demo-counsellor', 'demo-counsellor-secret'),
    });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'cpf:read' });
    const jwt = String(body['access_token']);
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({ iss: sim.issuer, aud: 'cpa-graph', sub: 'demo-counsellor', client_id: 'demo-counsellor', cpa_kind: 'partner', scope: 'cpf:read' });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('accepts credentials in the form and defaults to every allowed scope', async () => {
    const { status, body } = await token(form({ grant_type: 'client_credentials', client_id: 'demo-jobboard', client_secret: 'demo-jobboard-secret' }));
    expect(status).toBe(200);
    expect(body['scope']).toBe('jobseeker:read');
  });

  it('gives the dashboard a token with the dashboard scope and no personal scope', async () => {
    const { body } = await token(form({ grant_type: 'client_credentials', client_id: 'demo-dashboard', client_secret: 'demo-dashboard-secret' }));
    expect(decodeJwt(String(body['access_token']))['scope']).toBe('dashboard');
    const refused = await token(form({ grant_type: 'client_credentials', client_id: 'demo-dashboard', client_secret: 'demo-dashboard-secret', scope: 'dashboard cpf:read' }));
    expect(refused.status).toBe(400);
  });

  it.each([
    ['a wrong secret', form({ grant_type: 'client_credentials', client_id: 'demo-counsellor', client_secret: 'nope' }), {}],
    ['an unknown client', form({ grant_type: 'client_credentials', client_id: 'mallory', client_secret: 'x' }), {}],
    ['no credentials', form({ grant_type: 'client_credentials' }), {}],
    ['malformed Basic', form({ grant_type: 'client_credentials' }), { authorization: 'Basic !!!' }],
  ])('answers invalid_client (401) for %s', async (_case, body, headers) => {
    const response = await token(body, headers);
    expect(response.status).toBe(401);
    expect(response.body['error']).toBe('invalid_client');
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('answers unsupported_grant_type (400) for another grant', async () => {
    const response = await token(form({ grant_type: 'password', username: 'a', password: 'b' }), { authorization: basic('demo-counsellor', 'demo-counsellor-secret') });
    expect(response).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it.each([
    ['a scope the client may not hold', 'cpf:read'],
    ['an unknown scope', 'admin'],
    ['a malformed scope', 'cpf:read "x"'],
  ])('answers invalid_scope (400) for %s', async (_case, scope) => {
    const response = await token(form({ grant_type: 'client_credentials', scope }), { authorization: basic('demo-jobboard', 'demo-jobboard-secret') });
    expect(response).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it.each([
    ['no grant_type', form({ client_id: 'demo-jobboard', client_secret: 'demo-jobboard-secret' }), {}],
    ['a repeated parameter', 'grant_type=client_credentials&grant_type=client_credentials&client_id=demo-jobboard&client_secret=demo-jobboard-secret', {}],
    ['two authentication methods', form({ grant_type: 'client_credentials', client_secret: 'demo-jobboard-secret' }), { authorization: basic('demo-jobboard', 'demo-jobboard-secret') }],
  ])('answers invalid_request (400) for %s', async (_case, body, headers) => {
    expect(await token(body, headers)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('refuses a JSON body', async () => {
    const response = await fetch(`${sim.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-jobboard', client_secret: 'demo-jobboard-secret' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('development endpoints', () => {
  const login = (body: unknown) =>
    fetch(`${sim.issuer}/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('logs a worker in: sub is the worker id, no client_id', async () => {
    const response = await login({ workerId: 'W000001' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const claims = decodeJwt(String(body['access_token']));
    expect(claims).toMatchObject({ sub: 'W000001', cpa_kind: 'worker', scope: 'cpf:read jobseeker:read', aud: 'cpa-graph' });
    expect(claims).not.toHaveProperty('client_id');
  });

  it('down-scopes a worker token on request and refuses foreign scopes', async () => {
    const narrowed = (await (await login({ workerId: 'W000002', scope: 'cpf:read' })).json()) as { access_token: string };
    expect(decodeJwt(narrowed.access_token)['scope']).toBe('cpf:read');
    expect((await login({ workerId: 'W000002', scope: 'admin' })).status).toBe(400);
  });

  it('answers 404 for an unknown worker and 400 for a bad body', async () => {
    const unknown = await login({ workerId: 'W999999' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
    expect((await login({ nope: true })).status).toBe(400);
  });

  it('lists the ten demo workers and the demo clients', async () => {
    const { workers } = (await (await fetch(`${sim.issuer}/dev/workers`)).json()) as { workers: { id: string; label: string; why: string }[] };
    expect(workers.map((worker) => worker.id)).toEqual(Array.from({ length: 10 }, (_, index) => `W${String(index + 1).padStart(6, '0')}`));
    expect(workers.every((worker) => worker.label && worker.why)).toBe(true);
    const { clients } = (await (await fetch(`${sim.issuer}/dev/clients`)).json()) as { clients: { clientId: string }[] };
    expect(clients.map((client) => client.clientId)).toEqual(['demo-counsellor', 'demo-jobboard', 'demo-dashboard']);
  });

  it('rotates keys: a new current kid, the old one still published', async () => {
    const before = decodeProtectedHeader(await sim.workerToken('W000003')).kid;
    const rotated = (await (await fetch(`${sim.issuer}/dev/rotate-keys`, { method: 'POST' })).json()) as { kid: string; published: string[] };
    expect(rotated.kid).not.toBe(before);
    expect(rotated.published).toEqual([rotated.kid, before]);
    expect(decodeProtectedHeader(await sim.workerToken('W000003')).kid).toBe(rotated.kid);
  });
});

describe('IDENTITY_SIGNING_KEY', () => {
  it.each([
    ['EC P-256', 'ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['RSA 2048', 'RS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
  ])('signs with a configured %s key', async (_kind, alg, makeKey) => {
    const pem = makeKey().export({ format: 'pem', type: 'pkcs8' }).toString();
    const first = await startIssuer({ IDENTITY_SIGNING_KEY: pem });
    const second = await startIssuer({ IDENTITY_SIGNING_KEY: pem.replace(/\n/g, '\\n') });
    try {
      const header = decodeProtectedHeader(await first.workerToken('W000001'));
      expect(header.alg).toBe(alg);
      // Same key, same kid across restarts (RFC 7638 thumbprint), even from a one-line env value.
      expect(decodeProtectedHeader(await second.workerToken('W000001')).kid).toBe(header.kid);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('refuses a key that is not PKCS8 or too weak, naming the variable', async () => {
    await expect(startIssuer({ IDENTITY_SIGNING_KEY: 'not a pem' })).rejects.toThrow(/IDENTITY_SIGNING_KEY/);
    const weak = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(startIssuer({ IDENTITY_SIGNING_KEY: weak })).rejects.toThrow(/IDENTITY_SIGNING_KEY/);
  });
});
