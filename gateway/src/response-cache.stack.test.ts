import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../lib/paths.js';
import { metricSum } from '../../lib/testing/metrics.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

/**
 * Issue #15 points 1 and 3, through the whole stack: the gateway answers a repeated public query
 * from its response cache (zero subgraph fetches), never caches a personal answer, and the
 * Caisse des dépôts rights are read once per gateway request even when the plan reaches that
 * subgraph twice (dashboard, transition plan). Counted on the gateway's and the subgraphs'
 * /metrics and on the simulators' call counts, never timed.
 */
const bench = (name: string) => readFileSync(repoPath('bench', 'queries', `${name}.graphql`), 'utf8');
const JOB_SEARCH = bench('job-search');
const TRAINING_FINDER = bench('training-finder');
const DASHBOARD = bench('worker-dashboard');
const TRANSITION = `query { me { id transitions(to: "M1607", near: { communeCode: "33063", radiusKm: 30 }, startBefore: "2027-12-31", first: 5, orderBy: REMAINING_COST) {
  paths { rank remainingCost { cents } projectedCpfBalance { cents } funding { remainingCost { cents } } candidate { training { title } } } } } }`;

const rightsCalls = (byEndpoint: Record<string, number>) =>
  Object.entries(byEndpoint)
    .filter(([endpoint]) => endpoint.includes('/caissedesdepots/api/cpa/v1/') && !endpoint.includes('mouvements'))
    .reduce((sum, [, count]) => sum + count, 0);

describe('gateway response cache (cache hints from the subgraphs)', () => {
  let stack: TestStack;
  let fetches: () => Promise<number>;

  beforeAll(async () => {
    stack = await startTestStack();
    fetches = async () => await metricSum(stack.urls.metrics.gateway, 'subgraph_fetches_total');
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a repeated public query without a single subgraph fetch, with the same data and sources', async () => {
    const variables = { romeCodes: ['M1805'], near: { departmentCode: '33' } };
    const first = await stack.query(JOB_SEARCH, variables);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    const before = await fetches();
    const second = await stack.query(JOB_SEARCH, variables);
    expect(await fetches()).toBe(before);
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions?.['sources']).toEqual(first.body.extensions?.['sources']);
    expect(await metricSum(stack.urls.metrics.gateway, 'gateway_response_cache_total', 'outcome="hit"')).toBeGreaterThanOrEqual(1);
    // Other variables are another answer: fetched.
    await stack.query(JOB_SEARCH, { ...variables, near: { departmentCode: '75' } });
    expect(await fetches()).toBeGreaterThan(before);
  });

  it('caches the training finder (public fields of three subgraphs) the same way', async () => {
    const variables = { formacodes: ['31025'], near: { departmentCode: '33' } };
    const first = await stack.query(TRAINING_FINDER, variables);
    expect(first.body.errors).toBeUndefined();
    const before = await fetches();
    expect((await stack.query(TRAINING_FINDER, variables)).body.data).toEqual(first.body.data);
    expect(await fetches()).toBe(before);
  });

  it('never caches a personal answer: two workers, one document, each gets their own, fetched each time', async () => {
    const [a, b] = await Promise.all([stack.workerToken('W000005'), stack.workerToken('W000006')]);
    const first = await stack.query<{ me: { id: string } }>(DASHBOARD, {}, { authorization: `Bearer ${a}` });
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toBe('no-store');
    const before = await fetches();
    const other = await stack.query<{ me: { id: string } }>(DASHBOARD, {}, { authorization: `Bearer ${b}` });
    expect(other.body.errors).toBeUndefined();
    expect((other.body.data as { me: { id: string } }).me.id).toBe('W000006');
    const afterOther = await fetches();
    expect(afterOther).toBeGreaterThan(before);
    // The same worker again is fetched again too: personal answers are never stored.
    const again = await stack.query<{ me: { id: string } }>(DASHBOARD, {}, { authorization: `Bearer ${a}` });
    expect((again.body.data as { me: { id: string } }).me.id).toBe('W000005');
    expect(await fetches()).toBeGreaterThan(afterOther);
    // An anonymous caller of the personal document gets no one's data.
    const anonymous = await stack.query(DASHBOARD, {});
    expect(anonymous.body.data?.['me'] ?? null).toBeNull();
  });
});

describe('rights read once per gateway request (subgraph caches off, so only the memo can share)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ env: { CACHE_MODE: 'off' } });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const run = async (query: string, workerId: string) => {
    const token = await stack.workerToken(workerId);
    await stack.resetUpstreamCalls();
    const cdcFetchesBefore = await metricSum(stack.urls.metrics.gateway, 'subgraph_fetches_total', 'subgraph="caisse-des-depots"');
    const { body } = await stack.query(query, {}, { authorization: `Bearer ${token}` });
    expect(body.errors).toBeUndefined();
    const cdcFetches = (await metricSum(stack.urls.metrics.gateway, 'subgraph_fetches_total', 'subgraph="caisse-des-depots"')) - cdcFetchesBefore;
    return { rights: rightsCalls((await stack.upstreamCalls()).byEndpoint), cdcFetches };
  };

  it('the README dashboard: two fetches to caisse-des-depots, one rights call', async () => {
    const { rights, cdcFetches } = await run(DASHBOARD, 'W000005');
    expect(cdcFetches).toBe(2);
    expect(rights).toBe(1);
  });

  it('a transition plan: one fetch to caisse-des-depots (france-travail answers `me` and the plan), one rights call', async () => {
    const { rights, cdcFetches } = await run(TRANSITION, 'W000005');
    expect(cdcFetches).toBe(1);
    expect(rights).toBe(1);
  });
});
