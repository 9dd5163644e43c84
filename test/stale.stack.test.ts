import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './stack.js';

/**
 * Stale-if-error end to end: an entry past its TTL (1 s here) but within its grace period is
 * served when France Travail fails, and the client is told so (extensions.stale + x-cpa-stale).
 */
describe('stale-if-error through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ env: { CACHE_TTL_OFFERS_SECONDS: '1', CACHE_TTL_REFERENCE_SECONDS: '1' } });
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
});
