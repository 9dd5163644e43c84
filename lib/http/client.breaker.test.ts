import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('circuit breaker', () => {
  const breaker = { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 25 };

  it('opens after repeated 5xx and then fails fast without calling the upstream', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 502 });
    const upstream = client({ retry: { maxRetries: 0 }, breaker: { ...breaker, resetTimeoutMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) expect((await upstream.request({ method: 'GET', path: '/a' })).status).toBe(502);
    expect(upstream.breakerState()).toBe('open');
    const error = await caught(upstream.request({ method: 'GET', path: '/a' }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.operator).toBe('france-travail');
    expect(seen).toHaveLength(3);
    await upstream.close();
  });

  it('stays closed on 4xx answers', async () => {
    scriptedUpstream(agent, [], { statusCode: 404 });
    const upstream = client({ breaker });
    for (let i = 0; i < 6; i += 1) await upstream.request({ method: 'GET', path: '/a' });
    expect(upstream.breakerState()).toBe('closed');
    await upstream.close();
  });

  it('half-opens after the reset timeout and a successful probe closes it', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 503 }, { statusCode: 503 }, { statusCode: 503 }], { statusCode: 200 });
    const upstream = client({ retry: { maxRetries: 0 }, breaker });
    for (let i = 0; i < 3; i += 1) await upstream.request({ method: 'GET', path: '/a' });
    expect(upstream.breakerState()).toBe('open');
    await vi.waitFor(() => expect(upstream.breakerState()).toBe('half-open'), { timeout: 5_000, interval: 5 });
    const probe = await upstream.request({ method: 'GET', path: '/a' });
    expect(probe.status).toBe(200);
    expect(upstream.breakerState()).toBe('closed');
    expect(seen).toHaveLength(4);
    await upstream.close();
  });
});
