import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '../../lib/logging/index.js';
import { repoPath } from '../../lib/paths.js';
import { metricSum } from '../../lib/testing/metrics.js';
import { startTestStack, UNTHROTTLED_FRANCE_TRAVAIL, type TestStack } from '../../test/stack.js';

/**
 * Issue #15 point 2, what the gateway shares between requests, through the whole stack (one stack
 * for both, response cache off so that neither is hidden behind it; 100 ms per upstream call, so
 * that requests sent together, each the first of its kind, are in flight together):
 *
 * - its entity cache (gateway/src/entity-cache.ts): a training search never sent before asks
 *   france-travail only for the trainings earlier searches did not bring, answers the same data as a
 *   fetch of them all, and personal data (the dashboard's CPF funding) is never stored;
 * - its merging of identical operations in flight (gateway/src/operation-merge.ts): identical queries
 *   sent together run once, each caller gets the same data with its own request id, and a personal
 *   answer never reaches another principal.
 *
 * Counted on the gateway's /metrics, never timed.
 */
const bench = (name: string) => readFileSync(repoPath('bench', 'queries', `${name}.graphql`), 'utf8');
const TRAINING_FINDER = bench('training-finder');
const DASHBOARD = bench('worker-dashboard');
const JOB_SEARCH = bench('job-search');
// The same search with france-travail's fields in another order: another entity selection, so none of its entries.
const FINDER_REORDERED = TRAINING_FINDER.replace('outcomes { returnToWorkRate trainees }\n        reviews { count averages { overall } }', 'reviews { count averages { overall } }\n        outcomes { returnToWorkRate trainees }');

interface Finder {
  trainings: { edges: Array<{ node: { id: string } }> };
}

let stack: TestStack;
let counted: (subgraph: string, outcome: string) => Promise<number>;
let merged: () => Promise<number>;

beforeAll(async () => {
  stack = await startTestStack({
    env: {
      UPSTREAM_LATENCY_MS: '100',
      RESPONSE_CACHE_ENABLED: 'false',
      // Eight requests at once from one test client (anonymous callers get six in flight by default).
      RATE_LIMIT_INFLIGHT_ANONYMOUS: '0',
      // 50-training searches in a row must not meet France Travail's quota.
      ...UNTHROTTLED_FRANCE_TRAVAIL,
    },
  });
  counted = async (subgraph, outcome) => await metricSum(stack.urls.metrics.gateway, 'gateway_entity_cache_total', `subgraph="${subgraph}",outcome="${outcome}"`);
  merged = async () => await metricSum(stack.urls.metrics.gateway, 'gateway_operations_merged_total');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe('gateway entity cache', () => {
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

describe('identical operations in flight run once', () => {
  it('eight identical anonymous searches sent together: most answered by the first, all with the same data', async () => {
    const variables = { romeCodes: ['M1805'], near: { departmentCode: '33' } };
    const before = await merged();
    const answers = await Promise.all(Array.from({ length: 8 }, async () => await stack.query(JOB_SEARCH, variables)));
    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual(answers[0]?.body.data);
      expect(answer.body.extensions?.['sources']).toEqual(answers[0]?.body.extensions?.['sources']);
      expect(answer.headers.get('cache-control')).toBe(answers[0]?.headers.get('cache-control'));
    }
    expect((await merged()) - before).toBeGreaterThanOrEqual(4);
  });

  it('a merged error carries its own request’s id', async () => {
    const before = await merged();
    // A ROME code the subgraph refuses at execution (after validation): an error with a path.
    const answers = await Promise.all(Array.from({ length: 6 }, async () => await stack.query('query Bad { occupation(romeCode: "M18") { romeCode } }')));
    expect((await merged()) - before).toBeGreaterThanOrEqual(3);
    const ids = new Set<string>();
    for (const answer of answers) {
      const error = answer.body.errors?.[0];
      expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.['requestId']).toBe(answer.headers.get(REQUEST_ID_HEADER));
      ids.add(String(error?.extensions?.['requestId']));
    }
    expect(ids.size).toBe(6);
  });

  it('never merges across principals: two workers, three identical dashboards each, each gets their own', async () => {
    const tokens = { W000005: await stack.workerToken('W000005'), W000006: await stack.workerToken('W000006') };
    const before = await merged();
    const sent = (['W000005', 'W000006', 'W000005', 'W000006', 'W000005', 'W000006'] as const).map(async (workerId) => ({
      workerId,
      answer: await stack.query<{ me: { id: string } }>(DASHBOARD, {}, { authorization: `Bearer ${tokens[workerId]}` }),
    }));
    for (const { workerId, answer } of await Promise.all(sent)) {
      expect(answer.body.errors).toBeUndefined();
      expect((answer.body.data as { me: { id: string } }).me.id).toBe(workerId);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    // At most two of each worker's three merged; none across the two.
    const count = (await merged()) - before;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThanOrEqual(4);
  });
});
