import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './stack.js';

/**
 * SIGTERM under load (#16.4, #19.5): the gateway and the France Travail subgraph are signalled
 * while requests are in flight (France Travail answering slowly); every one of them is answered in
 * full, both processes exit 0, and the gateway accepts nothing afterwards. Counted, not timed.
 */
describe('graceful shutdown', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // Ten anonymous requests at once from one address: past the in-flight cap per anonymous address
    // (6, under test in test/security), so the cap is off here; the shutdown is what is measured.
    stack = await startTestStack({ env: { CACHE_MODE: 'off', UPSTREAM_FAULTS: 'francetravail=latencyMs:1400', RATE_LIMIT_INFLIGHT_ANONYMOUS: '0' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('drops no in-flight request and exits 0', async () => {
    // Ten: France Travail's quota starts ten calls at once, so every request is at the operator
    // (answering in 1.4 s) well before the first one completes.
    const departments = ['01', '13', '31', '33', '35', '38', '44', '59', '67', '69'];
    await stack.resetUpstreamCalls();
    const inFlight = departments.map((departmentCode) =>
      stack.query(`{ jobOffers(filter: { romeCodes: ["M1805"], near: { departmentCode: "${departmentCode}" } }, first: 2) { totalCount edges { node { id } } } }`),
    );
    // In flight means France Travail has been reached for them (the simulator counts arrivals).
    // All of them: a request the gateway has not accepted yet is not in flight, and would be refused once it stops accepting.
    const searches = async () => (await stack.upstreamCalls()).byEndpoint['GET /francetravail/partenaire/offresdemploi/v2/offres/search'] ?? 0;
    for (let tries = 0; tries < 250 && (await searches()) < departments.length; tries += 1) await sleep(20);
    expect(await searches()).toBe(departments.length);
    const gateway = stack.child('gateway');
    const subgraph = stack.child('france-travail');
    const exits = [gateway, subgraph].map((child) => new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code))));
    gateway?.kill('SIGTERM');
    subgraph?.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(results.map((result) => result.status)).toEqual(departments.map(() => 200));
    for (const result of results) {
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data?.['jobOffers']).toBeTruthy();
    }
    expect(await Promise.all(exits)).toEqual([0, 0]);
    await expect(fetch(stack.urls.graphql, { method: 'POST' })).rejects.toThrow();
  }, 60_000);
});
