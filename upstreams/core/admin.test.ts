import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Rng } from '../data/prng.js';
import { registerAdmin, type SimulatorState } from './admin.js';
import { faultsFromEnv } from './faults.js';

function simulator() {
  const app = Fastify();
  const state: SimulatorState = { faults: faultsFromEnv({}), calls: new Map(), requestIds: new Map(), rng: new Rng('admin') };
  registerAdmin(app, state);
  app.get('/francetravail/ping', async () => ({ ok: true }));
  return { app, state };
}

describe('simulator admin', () => {
  it('takes a fault patch naming one operator and leaves the others alone', async () => {
    const { app, state } = simulator();
    const response = await app.inject({ method: 'POST', url: '/_admin/faults', payload: { francetravail: { forcedStatus: 503 } } });
    expect(response.statusCode).toBe(200);
    expect(state.faults.get('francetravail')?.forcedStatus).toBe(503);
    expect(state.faults.get('caissedesdepots')?.forcedStatus).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/francetravail/ping' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'POST', url: '/_admin/faults', payload: { nowhere: {} } })).statusCode).toBe(400);
  });

  it('counts calls per route and per request id until reset', async () => {
    const { app } = simulator();
    await app.inject({ method: 'GET', url: '/francetravail/ping', headers: { 'x-request-id': 'r-1' } });
    await app.inject({ method: 'GET', url: '/francetravail/ping?x=1', headers: { 'x-request-id': 'r-1' } });
    expect((await app.inject({ method: 'GET', url: '/_admin/calls' })).json()).toEqual({
      total: 2,
      byOperator: { francetravail: 2 },
      byEndpoint: { 'GET /francetravail/ping': 2 },
    });
    expect((await app.inject({ method: 'GET', url: '/_admin/request-ids/r-1' })).json()).toEqual({ requestId: 'r-1', byOperator: { francetravail: 2 } });
    await app.inject({ method: 'POST', url: '/_admin/reset' });
    expect((await app.inject({ method: 'GET', url: '/_admin/calls' })).json()).toMatchObject({ total: 0 });
  });
});
