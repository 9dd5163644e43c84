import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { startIssuer, type RunningIssuer } from '../../upstreams/identity/test-server.js';
import { createConsentClient, type ConsentClient } from './consent-client.js';

const LOOKUP = 'GET /identity/consents/me';

let sim: RunningIssuer;
let consents: ConsentClient;
let counsellor: string;

beforeAll(async () => {
  sim = await startIssuer();
  consents = createConsentClient({ issuer: sim.issuer });
  counsellor = `Bearer ${await sim.partnerToken('demo-counsellor', 'demo-counsellor-secret')}`;
});
afterAll(async () => {
  await consents.close();
  await sim.close();
});

const send = (method: 'POST' | 'DELETE', body: unknown) =>
  fetch(`${sim.issuer}/dev/consents`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('consents: grant → lookup → revoke → lookup', () => {
  it('sees the seeded demo consents', async () => {
    expect(await consents.scopesGranted('W000001', counsellor)).toEqual(new Set(['cpf:read', 'jobseeker:read']));
    expect(await consents.scopesGranted('W000009', counsellor)).toEqual(new Set());
  });

  it('applies a grant and a revocation on the very next lookup', async () => {
    const before = sim.calls(LOOKUP);
    expect((await send('POST', { workerId: 'W000009', clientId: 'demo-counsellor', scopes: ['cpf:read'] })).status).toBe(200);
    expect(await consents.scopesGranted('W000009', counsellor)).toEqual(new Set(['cpf:read']));

    const revoked = await send('DELETE', { workerId: 'W000009', clientId: 'demo-counsellor', scopes: ['cpf:read'] });
    expect(await revoked.json()).toEqual({ workerId: 'W000009', clientId: 'demo-counsellor', scopes: [] });
    expect(await consents.scopesGranted('W000009', counsellor)).toEqual(new Set());

    await send('DELETE', { workerId: 'W000002', clientId: 'demo-counsellor' });
    expect(await consents.scopesGranted('W000002', counsellor)).toEqual(new Set());
    // Nothing cached: every lookup reached the issuer.
    expect(sim.calls(LOOKUP) - before).toBe(3);
  });

  it('answers each partner about its own consents only', async () => {
    const jobboard = `Bearer ${await sim.partnerToken('demo-jobboard', 'demo-jobboard-secret')}`;
    expect(await consents.scopesGranted('W000005', jobboard)).toEqual(new Set(['jobseeker:read']));
    expect(await consents.scopesGranted('W000001', jobboard)).toEqual(new Set());
  });

  it('answers an unknown worker like one without consent (no id probing), and skips impossible ids', async () => {
    expect(await consents.scopesGranted('W999999', counsellor)).toEqual(new Set());
    const before = sim.calls(LOOKUP);
    expect(await consents.scopesGranted('../admin?x=1', counsellor)).toEqual(new Set());
    expect(sim.calls(LOOKUP)).toBe(before);
  });

  it('validates grants', async () => {
    expect((await send('POST', { workerId: 'W999999', clientId: 'demo-counsellor', scopes: ['cpf:read'] })).status).toBe(404);
    expect((await send('POST', { workerId: 'W000001', clientId: 'mallory', scopes: ['cpf:read'] })).status).toBe(404);
    expect((await send('POST', { workerId: 'W000001', clientId: 'demo-jobboard', scopes: ['cpf:read'] })).status).toBe(400);
    expect((await send('POST', { workerId: 'W000001' })).status).toBe(400);
  });
});

describe('the lookup endpoint only serves verified partner tokens', () => {
  const lookup = (authorization?: string) =>
    fetch(`${sim.issuer}/consents/me?worker_id=W000001`, authorization === undefined ? {} : { headers: { authorization } });

  it('refuses no token, a bad token and a worker token', async () => {
    expect((await lookup()).status).toBe(401);
    const forged = await lookup(`Bearer ${counsellor.slice(7, -4)}AAAA`);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'invalid_token' });
    expect((await lookup(`Bearer ${await sim.workerToken('W000001')}`)).status).toBe(403);
  });

  it('maps the refusals to the catalogue in the client', async () => {
    expect((await failure(consents.scopesGranted('W000001', 'Bearer x.y.z'))).code).toBe('UNAUTHENTICATED');
    const worker = `Bearer ${await sim.workerToken('W000001')}`;
    expect((await failure(consents.scopesGranted('W000001', worker))).code).toBe('FORBIDDEN');
  });
});
