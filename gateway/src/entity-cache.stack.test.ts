import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../lib/paths.js';
import { metricSum } from '../../lib/testing/metrics.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

/**
 * Issue #15 point 2, the gateway's entity cache through the whole stack (response cache off, so
 * only the entity cache can answer): a training search never sent before asks france-travail only
 * for the trainings earlier searches did not bring, answers the same data as a fetch of them all,
 * and personal data (the dashboard's CPF funding) is never stored. Counted on the gateway's
 * /metrics, never timed.
 */
const TRAINING_FINDER = readFileSync(repoPath('bench', 'queries', 'training-finder.graphql'), 'utf8');
const DASHBOARD = readFileSync(repoPath('bench', 'queries', 'worker-dashboard.graphql'), 'utf8');
// The same search with france-travail's fields in another order: another entity selection, so none of its entries.
const FINDER_REORDERED = TRAINING_FINDER.replace('outcomes { returnToWorkRate trainees }\n        reviews { count averages { overall } }', 'reviews { count averages { overall } }\n        outcomes { returnToWorkRate trainees }');

interface Finder {
  trainings: { edges: Array<{ node: { id: string } }> };
}

describe('gateway entity cache (response cache off)', () => {
  let stack: TestStack;
  let counted: (subgraph: string, outcome: string) => Promise<number>;

  beforeAll(async () => {
    // France Travail's unthrottled client: three 50-training searches in a row must not meet its quota.
    stack = await startTestStack({
      env: { RESPONSE_CACHE_ENABLED: 'false', FT_CLIENT_ID: 'PAR_cpagraph_unthrottled', FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret', FT_RATE_LIMIT_PER_SECOND: '10000' },
    });
    counted = async (subgraph, outcome) => await metricSum(stack.urls.metrics.gateway, 'gateway_entity_cache_total', `subgraph="${subgraph}",outcome="${outcome}"`);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const ids = (data: unknown) => (data as Finder).trainings.edges.map((edge) => edge.node.id);

  it('a new search asks france-travail only for the trainings earlier searches did not bring, with the same data', async () => {
    expect(FINDER_REORDERED).not.toBe(TRAINING_FINDER);
    const first = await stack.query(TRAINING_FINDER, { formacodes: ['23054'], near: { communeCode: '75056', radiusKm: 60 } });
    expect(first.body.errors).toBeUndefined();
    const seen = new Set(ids(first.body.data));
    expect(seen.size).toBeGreaterThan(10);

    const variables = { formacodes: ['23054', '15254'], near: { communeCode: '75056', radiusKm: 60 } };
    const [hitsBefore, missesBefore] = [await counted('france-travail', 'hit'), await counted('france-travail', 'miss')];
    const second = await stack.query(TRAINING_FINDER, variables);
    expect(second.body.errors).toBeUndefined();
    const secondIds = ids(second.body.data);
    const shared = secondIds.filter((id) => seen.has(id)).length;
    // The case worth testing: some trainings held, some not.
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThan(secondIds.length);
    expect((await counted('france-travail', 'hit')) - hitsBefore).toBe(shared);
    expect((await counted('france-travail', 'miss')) - missesBefore).toBe(secondIds.length - shared);

    // The same search with none of france-travail's entries held gives the same data.
    const missesBeforeTruth = await counted('france-travail', 'miss');
    const truth = await stack.query(FINDER_REORDERED, variables);
    expect((await counted('france-travail', 'miss')) - missesBeforeTruth).toBe(secondIds.length);
    expect(second.body.data).toEqual(truth.body.data);
    // The held trainings' operators are replayed: the answer names every operator the full fetch does
    // (times differ: the subgraphs' own caches were warmer for the second look).
    const operators = (body: typeof second.body) => ((body.extensions?.['sources'] ?? []) as Array<{ operator: string }>).map((source) => source.operator);
    expect(operators(second.body)).toEqual(expect.arrayContaining(operators(truth.body)));
    expect(operators(second.body)).toEqual(expect.arrayContaining(['anotea', 'france-travail']));
  });

  it('never stores personal data: the dashboard’s CPF funding is fetched for each worker, every time', async () => {
    const storedBefore = await counted('caisse-des-depots', 'store');
    const hitsBefore = await counted('caisse-des-depots', 'hit');
    for (const workerId of ['W000005', 'W000006', 'W000005']) {
      const token = await stack.workerToken(workerId);
      const { body, headers } = await stack.query<{ me: { id: string } }>(DASHBOARD, {}, { authorization: `Bearer ${token}` });
      expect(body.errors).toBeUndefined();
      expect((body.data as { me: { id: string } }).me.id).toBe(workerId);
      expect(headers.get('cache-control')).toBe('no-store');
    }
    expect(await counted('caisse-des-depots', 'store')).toBe(storedBefore);
    expect(await counted('caisse-des-depots', 'hit')).toBe(hitsBefore);
  });
});
