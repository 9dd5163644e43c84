import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './stack.js';

/**
 * Deadlines end to end (#16.3, #19.2): one budget (REQUEST_BUDGET_MS, 3 s here) split gateway →
 * subgraph → upstream call. A hung operator costs only its own fields, each with its path and
 * code, and stale entries are served on failures and timeouts. Counted, never timed.
 */
const TRAINING_FINDER = readFileSync(new URL('../bench/queries/training-finder.graphql', import.meta.url), 'utf8');
const finderVariables = { formacodes: ['23054', '15254'], near: { communeCode: '75056', radiusKm: 60 } };

describe('request budget with a hung operator', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ env: { REQUEST_BUDGET_MS: '3000' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'DELETE' });
  });

  const fault = async (patch: Record<string, unknown>) => {
    const response = await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
    expect(response.status).toBe(200);
  };

  it('Anotéa hung: reviews are null with UPSTREAM_TIMEOUT and their path, outcomes from the same subgraph call are served', async () => {
    await fault({ anotea: { timeoutRate: 1 } });
    await stack.resetUpstreamCalls();
    const { status, body } = await stack.query(TRAINING_FINDER, finderVariables);
    expect(status).toBe(200);
    const edges = (body.data as { trainings: { edges: { node: { outcomes: unknown; reviews: unknown; title: string } }[] } }).trainings.edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((edge) => edge.node.reviews === null && typeof edge.node.title === 'string')).toBe(true);
    expect(edges.some((edge) => edge.node.outcomes !== null)).toBe(true);
    const errors = body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      const field = error.path?.at(-1);
      expect(['reviews', 'outcomes']).toContain(field);
      // Anotéa's fields time out (or meet the open breaker); France Travail's quota (10/s) cannot
      // serve fifty outcomes in 3 s, and the calls that could not start in time fail fast.
      if (field === 'reviews') expect(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']).toContain(error.extensions?.['code']);
      else expect(error.extensions?.['code']).toBe('RATE_LIMITED');
    }
    expect(errors.some((error) => error.extensions?.['code'] === 'UPSTREAM_TIMEOUT')).toBe(true);
    // Bounded: at most two attempts per distinct Anotéa lookup, then the breaker stops the rest.
    const calls = await stack.upstreamCalls();
    expect(calls.byOperator['anotea'] ?? 0).toBeLessThanOrEqual(2 * edges.length);
  }, 60_000);
});

/**
 * Stale-if-error end to end, on one stack whose entries live 1 s: an entry past its TTL but within
 * its grace period is served when France Travail fails or hangs, and the client is told so
 * (extensions.stale + x-cpa-stale). The failures first, then the hang.
 */
describe('stale-if-error through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ env: { REQUEST_BUDGET_MS: '3000', CACHE_TTL_OFFERS_SECONDS: '1', CACHE_TTL_REFERENCE_SECONDS: '1' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const query = '{ jobOffers(filter: { romeCodes: ["M1805"], near: { departmentCode: "69" } }, first: 3) { totalCount edges { node { id title } } } }';

  it('serves the expired entry, flagged stale, while the operator fails; fresh data otherwise', async () => {
    const fresh = await stack.query(query);
    expect(fresh.body.errors).toBeUndefined();
    expect(fresh.body.extensions?.['stale']).toBeUndefined();
    expect(fresh.headers.get('x-cpa-stale')).toBeNull();

    // Let the entry pass its 1 s TTL (it stays in the store for its grace period), then break the operator.
    await sleep(1500);
    const faults = await fetch(`${stack.urls.upstreams}/_admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ francetravail: { forcedStatus: 503 } }),
    });
    expect(faults.status).toBe(200);
    await stack.resetUpstreamCalls();

    const stale = await stack.query(query);
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(stale.body.extensions?.['stale']).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(stale.headers.get('x-cpa-stale')).toBeTruthy();
    expect((await stack.upstreamCalls()).byOperator['francetravail'] ?? 0).toBeGreaterThan(0);

    await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'DELETE' });
  });

  it('answers UPSTREAM_UNAVAILABLE for data it never had, and keeps the rest of the response', async () => {
    await fetch(`${stack.urls.upstreams}/_admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ francetravail: { forcedStatus: 503 } }),
    });
    try {
      const { status, body } = await stack.query('{ jobOffer(id: "ZZZ9999") { title } certification(code: "RNCP509") { code title } }');
      expect(status).toBe(200);
      expect(body.data?.['jobOffer']).toBeNull();
      expect(body.data?.['certification']).toMatchObject({ code: 'RNCP509' });
      expect(body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(body.errors)).not.toMatch(/Simulated|127\.0\.0\.1|stack/);
    } finally {
      await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'DELETE' });
    }
  });

  it('serves the expired job search when France Travail hangs, flagged stale, within the budget', async () => {
    const query = '{ jobOffers(filter: { romeCodes: ["M1805"], near: { departmentCode: "69" } }, first: 3) { totalCount edges { node { id title } } } }';
    const fresh = await stack.query(query);
    expect(fresh.body.errors).toBeUndefined();
    await sleep(1500);
    await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ francetravail: { timeoutRate: 1 } }) });
    try {
      const stale = await stack.query(query);
      expect(stale.body.errors).toBeUndefined();
      expect(stale.body.data).toEqual(fresh.body.data);
      expect(stale.headers.get('x-cpa-stale')).toBeTruthy();
    } finally {
      await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'DELETE' });
    }
  }, 60_000);
});
