import { MockAgent } from 'undici';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBudget } from '../budget/index.js';
import { createQuotaGate, createUpstreamClient, parseUpstreamJson, type UpstreamClientOptions } from './index.js';
import { caught, ORIGIN, scriptedUpstream } from './upstream.fixture.js';

/** Every failure class reaches the breaker; retries are budgeted and pass the quota gate. Counts only, no clocks. */
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

const breaker = { volumeThreshold: 4, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 };
const schema = z.object({ ok: z.boolean() });

function client(overrides: Partial<UpstreamClientOptions> = {}) {
  return createUpstreamClient({
    operator: 'anotea',
    baseUrl: ORIGIN,
    dispatcher: agent,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    breaker,
    ...overrides,
  });
}

const decodeOk = (response: Parameters<typeof parseUpstreamJson>[0]) => parseUpstreamJson(response, schema, 'anotea');

describe('every failure class opens the breaker', () => {
  it('a 200 with a truncated body is the upstream failing: counted, not retried, then no more calls', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 200, data: '{"ok": tr' });
    const upstream = client();
    for (let i = 0; i < 10; i += 1) expect((await caught(upstream.call({ method: 'GET', path: '/a' }, decodeOk))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(seen).toHaveLength(4);
    const counters = upstream.counters();
    expect(counters.retries).toBe(0);
    expect(counters.transitions).toEqual([{ to: 'open', calls: 4, failures: { 'bad-answer': 4 } }]);
    await upstream.close();
  });

  it('a 401 with a freshly refreshed token: one refresh per call, then neither API nor token calls', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 401, data: { message: 'no' } });
    let issued = 0;
    const invalidated: string[] = [];
    const tokens = { get: async () => `t${(issued += 1)}`, invalidate: (token: string) => void invalidated.push(token) };
    const upstream = client({ tokens });
    for (let i = 0; i < 10; i += 1) expect((await caught(upstream.call({ method: 'GET', path: '/a' }, decodeOk))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(seen).toHaveLength(8);
    expect(issued).toBe(8);
    expect(invalidated).toEqual(['t1', 't3', 't5', 't7']);
    expect(upstream.counters().transitions).toEqual([{ to: 'open', calls: 4, failures: { auth: 4 } }]);
    await upstream.close();
  });

  it('429s count too: an operator answering only 429 stops being asked', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 429, headers: { 'retry-after': '30' } });
    const upstream = client();
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await caught(upstream.request({ method: 'GET', path: '/a' }))).code);
    expect(codes).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
    expect(seen).toHaveLength(4);
    expect(sleeps).toEqual([]);
    expect(upstream.counters().transitions[0]?.failures).toEqual({ 'rate-limited': 4 });
    await upstream.close();
  });

  it('4xx answers the decoder maps (404 → null) are not failures', async () => {
    scriptedUpstream(agent, [], { statusCode: 404 });
    const upstream = client();
    for (let i = 0; i < 8; i += 1) expect(await upstream.call({ method: 'GET', path: '/a' }, (response) => (response.status === 404 ? null : decodeOk(response)))).toBeNull();
    expect(upstream.counters().transitions).toEqual([]);
    await upstream.close();
  });
});

describe('429 and Retry-After within the request budget', () => {
  it('waits a Retry-After that fits in the budget, the retry passing the quota gate again', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 429, headers: { 'retry-after': '1' } }], { statusCode: 200, data: { ok: true } });
    const quota = createQuotaGate({ operator: 'anotea', requests: 100, windowMs: 1000 });
    let admitted = 0;
    const gate = { queued: quota.queued, acquire: async () => void (admitted += 1) };
    const upstream = client({ gate });
    expect(await withBudget(5_000, () => upstream.call({ method: 'GET', path: '/a' }, decodeOk))).toEqual({ ok: true });
    expect(sleeps).toEqual([1000]);
    expect(admitted).toBe(2);
    expect(seen).toHaveLength(2);
    await upstream.close();
  });

  it('a Retry-After longer than the budget left: RATE_LIMITED at once, without waiting', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 429, headers: { 'retry-after': '2' } });
    const upstream = client();
    const error = await caught(withBudget(1_500, () => upstream.call({ method: 'GET', path: '/a' }, decodeOk)));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    expect(sleeps).toEqual([]);
    expect(seen).toHaveLength(1);
    await upstream.close();
  });

  it('no call starts once the budget is spent', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 200, data: { ok: true } });
    const upstream = client();
    expect((await caught(withBudget(0, () => upstream.call({ method: 'GET', path: '/a' }, decodeOk)))).code).toBe('UPSTREAM_TIMEOUT');
    expect(seen).toHaveLength(0);
    await upstream.close();
  });
});

describe('retry budget', () => {
  it('retries at most 20 % of calls (plus a small reserve) against a failing upstream', async () => {
    const seen = scriptedUpstream(agent, [], { statusCode: 503 });
    const upstream = client({ retry: { maxRetries: 2 }, breaker: { volumeThreshold: 100_000 } });
    for (let i = 0; i < 100; i += 1) expect((await upstream.request({ method: 'GET', path: '/a' })).status).toBe(503);
    const { retries, attempts } = upstream.counters();
    expect(retries).toBeLessThanOrEqual(5 + 20);
    expect(retries).toBeGreaterThanOrEqual(20);
    expect(attempts).toBe(100 + retries);
    expect(seen).toHaveLength(attempts);
    await upstream.close();
  });
});
