import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '../../lib/logging/index.js';
import { repoPath } from '../../lib/paths.js';
import { metricSum } from '../../lib/testing/metrics.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

/**
 * Issue #15 point 2, merging identical client operations in flight (gateway/src/operation-merge.ts)
 * through the whole stack: identical queries sent together run once, each caller gets the same
 * data with its own request id, and a personal answer never reaches another principal. The
 * operators answer after 100 ms and the caches are off, so the requests sent together are in flight
 * together; counted on the gateway's /metrics, never timed.
 */
const JOB_SEARCH = readFileSync(repoPath('bench', 'queries', 'job-search.graphql'), 'utf8');
const DASHBOARD = readFileSync(repoPath('bench', 'queries', 'worker-dashboard.graphql'), 'utf8');

describe('identical operations in flight run once', () => {
  let stack: TestStack;
  let merged: () => Promise<number>;

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        UPSTREAM_LATENCY_MS: '100',
        CACHE_MODE: 'off',
        RESPONSE_CACHE_ENABLED: 'false',
        ENTITY_CACHE_ENABLED: 'false',
        // Eight requests at once from one test client (anonymous callers get six in flight by default).
        RATE_LIMIT_INFLIGHT_ANONYMOUS: '0',
        FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
        FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
        FT_RATE_LIMIT_PER_SECOND: '10000',
      },
    });
    merged = async () => await metricSum(stack.urls.metrics.gateway, 'gateway_operations_merged_total');
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

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
