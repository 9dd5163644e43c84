import { beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from './shared-stack.js';
import type { TestStack } from './stack.js';

/** graph.md's "Job search" and "Career change" queries, through the gateway, over separate processes. */
describe('france-travail through the whole stack', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await sharedStack();
  }, 120_000);

  it('job search: offers with their company and occupation, one ROME call per distinct code', async () => {
    await stack.resetUpstreamCalls();
    const { body } = await stack.query<{ jobOffers: { totalCount: number; edges: { node: { title: string; companyName: string | null; company: { name: string } | null; occupation: { title: string } } }[] } }>(
      `query JobSearch { jobOffers(filter: { romeCodes: ["M1805", "M1810"], near: { communeCode: "75056", radiusKm: 30 } }, first: 20) {
        totalCount edges { node { title companyName company { name } occupation { title } location { label } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const offers = body.data?.jobOffers;
    expect(offers?.totalCount).toBeGreaterThan(0);
    expect(offers?.edges.every((edge) => ['Études et développement informatique', 'Production et exploitation de systèmes d\'information'].includes(edge.node.occupation.title) || edge.node.occupation.title.length > 0)).toBe(true);
    // Offres v2 rarely publishes a SIRET (#13): every offer has its employer's name, few a Company.
    expect(offers?.edges.every((edge) => edge.node.companyName !== null)).toBe(true);
    expect(offers?.edges.filter((edge) => edge.node.company !== null).length).toBeLessThan((offers?.edges.length ?? 0) / 2);
    const calls = await stack.upstreamCalls();
    const searches = Object.entries(calls.byEndpoint).filter(([key]) => key.includes('/offres/search')).reduce((sum, [, count]) => sum + count, 0);
    expect(searches).toBe(1);
  });

  it('career change: related occupations with offer counts, trainings and certifications', async () => {
    const { body } = await stack.query<{ occupation: { title: string; relatedOccupations: { title: string; jobOffers: { totalCount: number }; trainings: { totalCount: number }; certifications: { title: string }[] }[] } }>(
      `query CareerChange { occupation(romeCode: "M1805") { title relatedOccupations {
        romeCode title jobOffers { totalCount } trainings { totalCount } certifications { title } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const related = body.data?.occupation.relatedOccupations ?? [];
    expect(related.length).toBeGreaterThan(0);
    for (const occupation of related) {
      expect(occupation.title.length).toBeGreaterThan(0);
      expect(occupation.jobOffers.totalCount).toBeGreaterThanOrEqual(0);
      expect(occupation.trainings.totalCount).toBeGreaterThanOrEqual(0);
    }
  });

  it('bad input is BAD_USER_INPUT through the gateway, with no upstream call', async () => {
    await stack.resetUpstreamCalls();
    const { body } = await stack.query('{ occupation(romeCode: "12345") { title } }');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamCalls()).byOperator['francetravail'] ?? 0).toBe(0);
  });
});
