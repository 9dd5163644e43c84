import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withRequestId } from '../logging/index.js';
import { registry } from '../metrics/index.js';
import { createUpstreamClient, type UpstreamClientOptions } from './index.js';
import { caught, ORIGIN, scriptedUpstream } from './upstream.fixture.js';

let agent: MockAgent;
let sleeps: number[];

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  sleeps = [];
});

afterEach(async () => {
  await agent.close();
});

function client(overrides: Partial<UpstreamClientOptions> = {}) {
  return createUpstreamClient({
    operator: 'france-travail',
    baseUrl: `${ORIGIN}/francetravail`,
    dispatcher: agent,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  });
}

describe('createUpstreamClient', () => {
  it('appends path and query to the base URL (arrays as repeated keys) and reads the body', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 200, data: { total: 2 }, headers: { 'x-total': '2' } }]);
    const response = await client().request({
      method: 'GET',
      path: '/offres/search',
      query: { motsCles: 'boulanger pâtissier', codeROME: ['D1102', 'D1104'], sansDiplome: true, page: 0, skip: undefined },
    });
    expect(seen[0]?.path).toBe('/francetravail/offres/search?motsCles=boulanger%20p%C3%A2tissier&codeROME=D1102&codeROME=D1104&sansDiplome=true&page=0');
    expect(response.status).toBe(200);
    expect(response.headers['x-total']).toBe('2');
    expect(response.json<{ total: number }>()).toEqual({ total: 2 });
  });

  it('refuses a path that could leave the base URL', async () => {
    await expect(client().request({ method: 'GET', path: 'http://evil.test/x' })).rejects.toThrow(/relative/);
    await expect(client().request({ method: 'GET', path: '//evil.test/x' })).rejects.toThrow(/relative/);
  });

  it('retries a GET after a 503 and returns the success, with a jittered backoff', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 503 }, { statusCode: 200, data: { ok: true } }]);
    const response = await client({ retry: { minDelayMs: 100 } }).request({ method: 'GET', path: '/a' });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([50]);
  });

  it('honours Retry-After (seconds and HTTP date) on 429 and 503', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const seen = scriptedUpstream(agent, [
      { statusCode: 429, headers: { 'retry-after': '3' } },
      { statusCode: 503, headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:02 GMT' } },
      { statusCode: 200 },
    ]);
    const response = await client({ now: () => now }).request({ method: 'GET', path: '/a' });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([3000, 2000]);
  });

  it('does not wait for a Retry-After beyond the cap: RATE_LIMITED at once, with the hint', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 429, headers: { 'retry-after': '120' } }]);
    const error = await caught(client().request({ method: 'GET', path: '/a' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.operator).toBe('france-travail');
    expect(error.retryAfterSeconds).toBe(120);
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('turns a 429 that survives the retries into RATE_LIMITED', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 429, headers: { 'retry-after': '1' } });
    const error = await caught(client({ retry: { maxRetries: 2 } }).request({ method: 'GET', path: '/a' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('never retries a POST, unless it is flagged idempotent', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 503 }, { statusCode: 503 }, { statusCode: 200 }]);
    const upstream = client();
    const first = await upstream.request({ method: 'POST', path: '/a', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(first.status).toBe(503);
    expect(seen).toHaveLength(1);
    const second = await upstream.request({ method: 'POST', path: '/search', body: '{}', idempotent: true });
    expect(second.status).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it('returns 4xx to the caller without retrying', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 404, data: { message: 'offre inconnue' } }]);
    const response = await client().request({ method: 'GET', path: '/offres/XYZ' });
    expect(response.status).toBe(404);
    expect(seen).toHaveLength(1);
  });

  it('returns a 5xx that survives the retries (the subgraph maps it)', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 500, data: 'stack trace with secrets' });
    const response = await client().request({ method: 'GET', path: '/a' });
    expect(response.status).toBe(500);
    expect(seen).toHaveLength(3);
  });

  it('maps a connection error to UPSTREAM_UNAVAILABLE after retrying', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    const seen = scriptedUpstream(agent, [], refused);
    const error = await caught(client().request({ method: 'GET', path: '/a' }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.operator).toBe('france-travail');
    expect(error.message).not.toContain('10.0.0.1');
    expect(seen).toHaveLength(3);
  });

  it('refuses a body above the size cap without quoting it', async () => {
    scriptedUpstream(agent, [{ statusCode: 200, data: 'x'.repeat(2048) }]);
    const error = await caught(client({ maxResponseBytes: 1024 }).request({ method: 'GET', path: '/a' }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).not.toContain('xxx');
  });

  it('forwards the current request id', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 200 }]);
    await withRequestId('req-42', () => client().request({ method: 'GET', path: '/a' }));
    expect(seen[0]?.headers['x-request-id']).toBe('req-42');
  });

  it('counts requests by operator, method and outcome', async () => {
    scriptedUpstream(agent, [{ statusCode: 404 }]);
    await client({ operator: 'metrics-probe' }).request({ method: 'GET', path: '/a' });
    const text = await registry.getSingleMetricAsString('upstream_requests_total');
    expect(text).toContain('upstream_requests_total{operator="metrics-probe",method="GET",outcome="client_error"} 1');
  });
});
