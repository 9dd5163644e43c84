import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTrainings } from '../../../../upstreams/data/trainings.js';
import { buildWorld } from '../../../../upstreams/data/world.js';
import { callsTo, startFtTestStack, type FtTestStack } from '../testing/subgraph.fixture.js';

// A stack per test: the first one's hundred calls at once, slow on a loaded machine, can open the
// France Travail breaker (calls over 1 s count as failures), which would refuse the next test's calls.
let stack: FtTestStack;
beforeEach(async () => {
  stack = await startFtTestStack();
});
afterEach(async () => stack.close());

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Training { id outcomes { returnToWorkRate period territory } reviews { count averages { overall } latestComments(first: 2) { text } } }
  }
}`;

describe('batching', () => {
  it('a 50-training _entities query costs one upstream call per distinct outcome key and review key', async () => {
    const trainings = buildTrainings(buildWorld()).slice(0, 50);
    const representations = trainings.map((training) => ({
      __typename: 'Training',
      id: training.id,
      formacodes: training.formacodes,
      location: { departmentCode: training.actions[0]?.commune.department ?? null },
      provider: { siret: training.provider.siret },
      certification: training.certification ? { certifInfo: training.certification.certifInfo } : null,
    }));
    // Repeat every representation: a query plan often carries the same entity twice.
    const doubled = [...representations, ...representations];
    const outcomeKeys = new Set(representations.map((item) => `${item.formacodes[0]}:${item.location.departmentCode}`));
    const reviewKeys = new Set(representations.map((item) => `${item.provider.siret}:${item.certification?.certifInfo ?? item.formacodes[0]}`));
    await stack.resetCalls();
    const answer = await stack.query(ENTITIES, { representations: doubled });
    expect(answer.errors).toBeUndefined();
    const entities = answer.data?.['_entities'] as { id: string; outcomes: unknown; reviews: { count: number } | null }[];
    expect(entities).toHaveLength(100);
    expect(entities.filter((entity) => entity.reviews !== null && entity.reviews.count > 0).length).toBeGreaterThan(50);
    expect(entities.some((entity) => entity.outcomes !== null)).toBe(true);
    const calls = await stack.calls();
    expect(callsTo(calls, 'stat-acces-emploi-sorties-formation')).toBe(outcomeKeys.size);
    expect(callsTo(calls, '/anotea/api/v1/avis')).toBe(reviewKeys.size);
    expect(callsTo(calls, '/oauth2/access_token')).toBeLessThanOrEqual(1);

    // The same query again: every key is now served from the cache.
    await stack.resetCalls();
    await stack.query(ENTITIES, { representations });
    expect(callsTo(await stack.calls(), 'francetravail') + callsTo(await stack.calls(), 'anotea')).toBe(0);
  });

  it('job offers sharing an occupation cost one ROME call per distinct code', async () => {
    await stack.resetCalls();
    const answer = await stack.query(`{ jobOffers(filter: { near: { departmentCode: "33" } }, first: 40) { edges { node { id occupation { title definition } } } } }`);
    expect(answer.errors).toBeUndefined();
    const edges = (answer.data?.['jobOffers'] as { edges: { node: { occupation: { definition: string } | null } }[] }).edges;
    const codes = new Set(edges.map((edge) => edge.node.occupation?.definition));
    expect(callsTo(await stack.calls(), 'GET /francetravail/partenaire/rome-metiers/v1/metiers/metier/:code')).toBe(codes.size);
  });
});
