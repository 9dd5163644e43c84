import { beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from './shared-stack.js';
import type { TestStack } from './stack.js';

type Edge = { node: { title: string; provider: { name: string }; certification: { title: string; level: number | null } | null; cpfEligible: boolean; sessions: { place: { departmentCode: string | null } | null }[] } };

/** graph.md's "Training finder": fifty trainings, each needing caisse-des-depots and france-travail too. */
const TRAINING_FINDER = `query TrainingFinder($formacodes: [String!], $near: PlaceInput) {
  trainings(filter: { formacodes: $formacodes, near: $near }, first: 50) {
    totalCount
    edges { node {
      title
      provider { name }
      certification { title level }
      sessions { place { departmentCode } }
      cpfEligible
      outcomes { returnToWorkRate period }
      reviews { count }
    } }
  }
}`;

describe('training-catalog through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await sharedStack();
  }, 120_000);

  it('answers the Training finder across the three subgraphs, the catalogue served from its index', async () => {
    const probe = await stack.query<{ trainings: { edges: { node: { formacodes: string[] } }[] } }>(
      '{ trainings(filter: { near: { departmentCode: "75" } }, first: 3) { edges { node { formacodes } } } }',
    );
    const formacodes = [...new Set(probe.body.data?.trainings.edges.flatMap((edge) => edge.node.formacodes) ?? [])];
    expect(formacodes.length).toBeGreaterThan(0);
    await stack.resetUpstreamCalls();
    const { status, body } = await stack.query<{ trainings: { totalCount: number; edges: Edge[] } }>(TRAINING_FINDER, {
      formacodes,
      near: { departmentCode: '75' },
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const edges = body.data?.trainings.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    // A training matches a department through any of its sites (sessions carry the site).
    expect(edges.every((edge) => edge.node.sessions.some((session) => session.place?.departmentCode === '75'))).toBe(true);
    expect(edges.some((edge) => edge.node.cpfEligible)).toBe(true);
    expect(edges.some((edge) => edge.node.certification !== null)).toBe(true);
    const calls = await stack.upstreamCalls();
    // The catalogue is served from the ingested index: no catalogue upstream call per query.
    expect(calls.byOperator['carif-oref'] ?? 0).toBe(0);
    expect(calls.byOperator['france-competences'] ?? 0).toBe(0);
  });

  it('rejects a bad Formacode as BAD_USER_INPUT naming the argument, before any upstream call', async () => {
    await stack.resetUpstreamCalls();
    const { body } = await stack.query(TRAINING_FINDER, { formacodes: ['3105'] });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.formacodes' });
    expect((await stack.upstreamCalls()).total).toBe(0);
  });

  it('serves the career-change view of an occupation: trainings and certifications by ROME code', async () => {
    const { body } = await stack.query<{ occupation: { certifications: { code: string }[]; trainings: { totalCount: number } } | null }>(
      '{ occupation(romeCode: "M1805") { title certifications { code title } trainings(first: 3) { totalCount edges { node { id title } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.occupation?.trainings.totalCount).toBeGreaterThanOrEqual(body.data?.occupation?.certifications.length ? 1 : 0);
  });
});
