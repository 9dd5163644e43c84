import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from './shared-stack.js';
import type { TestStack } from './stack.js';

/**
 * Issue #13 through the whole stack: the simulators' `quirks` knob makes France Travail and
 * Anotéa answer like the real operators at their oddest (nulls, missing optional fields, numbers
 * as strings, Latin-1 bodies, a proxy's HTML page), and the graph still answers — or fails with a
 * stable code, never a 500.
 */
describe('odd operator answers through the whole stack', () => {
  let stack: TestStack;
  const faults = async (body: unknown) =>
    await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    stack = await sharedStack();
  }, 120_000);
  afterAll(async () => {
    await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'DELETE' });
  });

  const SEARCH = `query { jobOffers(filter: { romeCodes: ["M1805"], near: { departmentCode: "69" } }, first: 10) {
    totalCount edges { node { id title companyName publishedAt location { label latitude } } } } }`;

  it('nulls, missing optional fields, numbers as strings and a Latin-1 body: the offers are still served', async () => {
    expect((await faults({ francetravail: { quirks: ['nulls', 'missingOptional', 'numbersAsStrings', 'latin1'] } })).status).toBe(200);
    const { body } = await stack.query<{ jobOffers: { totalCount: number; edges: { node: { id: string; title: string; companyName: string | null; publishedAt: string | null; location: { label: string; latitude: number | null } } }[] } }>(SEARCH);
    expect(body.errors).toBeUndefined();
    const edges = body.data?.jobOffers.edges ?? [];
    expect(edges).toHaveLength(10);
    expect(edges.every((edge) => edge.node.title.length > 0)).toBe(true);
    // Every other offer lost its sub-objects (entreprise, lieuTravail) and its optional scalars.
    expect(edges.filter((edge) => edge.node.companyName === null).length).toBeGreaterThanOrEqual(5);
    expect(edges.filter((edge) => edge.node.publishedAt === null).length).toBeGreaterThanOrEqual(5);
    // Latitudes sent as strings are read as numbers; Latin-1 labels decoded (no U+FFFD).
    expect(edges.some((edge) => typeof edge.node.location.latitude === 'number')).toBe(true);
    expect(JSON.stringify(edges)).not.toContain('\uFFFD');
  });

  it('a proxy’s HTML error page is UPSTREAM_UNAVAILABLE on the field, not a 500', async () => {
    await faults({ francetravail: { quirks: ['htmlErrorPage'] } });
    const { body } = await stack.query<{ jobOffers: unknown }>(SEARCH.replace('"69"', '"38"'));
    expect(body.errors?.[0]?.extensions?.['code']).toMatch(/^UPSTREAM_(UNAVAILABLE|TIMEOUT)$/);
    expect(JSON.stringify(body)).not.toContain('<html>');
  });

  it('204 without a body on a search is an empty page', async () => {
    await faults({ francetravail: { quirks: ['noContent'] } });
    const { body } = await stack.query<{ jobOffers: { totalCount: number; edges: unknown[] } }>(SEARCH.replace('"69"', '"33"'));
    expect(body.errors).toBeUndefined();
    expect(body.data?.jobOffers).toEqual({ totalCount: 0, edges: [] });
  });
});
