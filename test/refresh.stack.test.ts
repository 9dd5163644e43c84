import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coldFinderPlaces, TRAINING_COUNT_QUERY } from '../bench/cold-variants.js';
import { metricSum } from '../lib/testing/metrics.js';
import { loadScenarios } from '../bench/scenarios.js';
import { startTestStack, type TestStack } from './stack.js';

type Finder = { trainings: { totalCount: number; edges: { node: { id: string; outcomes: unknown; reviews: { count: number } | null } }[] } };

/** France Travail's quota in this stack (the simulator's unthrottled client, so a whole pass fits in the test). */
const RATE = 1000;
const SHARE = 0.5;

/**
 * Both stacks of this file keep france-travail's in-process cache in one snapshot directory, under
 * one key prefix (a snapshot is only restored into the cache that wrote it).
 */
const SNAPSHOT = { CACHE_SNAPSHOT_DIR: mkdtempSync(join(tmpdir(), 'cpa-refresh-snapshot-')), CACHE_KEY_PREFIX: `cpa-refresh-${process.pid}` };

/**
 * No Redis, the refresher on, and the in-process tier sized for the whole catalogue's entries
 * (~6,000 outcomes, ~12,000 reviews): the refresher writes at most half of it, and counts two
 * entries per review key (a provider's reviews may name more keys than its trainings), so 120,000
 * covers every provider.
 */
const WARM_WITHOUT_REDIS = { REDIS_URL: '', CACHE_MEMORY_MAX_ENTRIES: '120000', FT_REFRESH_ENABLED: 'true', ...SNAPSHOT };

/**
 * Issue #15 point 4, by counting: the refresher writes every training's outcomes (France Travail,
 * Formacode × department) and reviews (Anotéa, by provider) ahead of demand, within its share of
 * the quota; a 50-training search nobody asked before then answers complete, without errors, and
 * makes at most 8 upstream calls on the user's path. The stack says ready once the first pass
 * covered every key (FT_REFRESH_READY_KEYS), so the test starts after it.
 */
describe('public per-training data refreshed ahead of demand', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        ...WARM_WITHOUT_REDIS,
        FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
        FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
        FT_RATE_LIMIT_PER_SECOND: String(RATE),
        FT_REFRESH_SHARE: String(SHARE),
        FT_REFRESH_READY_KEYS: '100000',
      },
      readyTimeoutMs: 240_000,
    });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a cold 50-training search complete with at most 8 upstream calls, the refresher never above its share', async () => {
    const metrics = await (await fetch(stack.urls.metrics['france-travail'])).text();
    const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? 'NaN');
    const refreshed = (kind: string) => Number(new RegExp(`^ft_refresh_entries_total\\{kind="${kind}",outcome="refreshed"\\} (\\S+)$`, 'm').exec(metrics)?.[1] ?? '0');
    expect(refreshed('outcomes')).toBeGreaterThan(5_000);
    expect(refreshed('reviews')).toBeGreaterThan(5_000);
    expect(value('ft_refresh_window_peak')).toBeGreaterThan(0);
    expect(value('ft_refresh_window_peak')).toBeLessThanOrEqual(Math.floor(RATE * SHARE));

    const finder = loadScenarios().find((scenario) => scenario.id === 'training-finder');
    if (!finder) throw new Error('training-finder scenario missing');
    // A place nobody asked for (the benchmark's cold traffic) with at least 50 trainings: their data was
    // never requested. Counting the trainings reads the catalogue only (no outcomes, no reviews).
    const countOf = async (variables: Record<string, unknown>) => (await stack.query<{ trainings: { totalCount: number } }>(TRAINING_COUNT_QUERY, variables)).body.data?.trainings.totalCount ?? 0;
    const [cold] = await coldFinderPlaces(countOf, { limit: 1, tried: 40, exclude: finder.variables });
    if (!cold) throw new Error('no cold variant with 50 trainings');
    await stack.resetUpstreamCalls();
    const { status, body } = await stack.query<Finder>(finder.query, cold);
    expect(status).toBe(200);
    expect(body.errors ?? []).toEqual([]);
    const edges = body.data?.trainings.edges ?? [];
    expect(edges.length).toBe(50);
    // Complete: every training has its reviews summary (outcomes are null only where France Travail has no figures).
    expect(edges.every((edge) => edge.node.reviews !== null)).toBe(true);
    expect(edges.filter((edge) => edge.node.outcomes !== null).length).toBeGreaterThan(edges.length / 2);
    const calls = await stack.upstreamCalls();
    const userPath = calls.total - (calls.byOperator['identity'] ?? 0);
    expect(calls.byOperator['anotea'] ?? 0).toBe(0);
    expect(calls.byOperator['francetravail'] ?? 0).toBe(0);
    expect(userPath).toBeLessThanOrEqual(8);
  }, 60_000);
});

/**
 * Issue #16.1 under France Travail's real quota (10 calls/s, `npm start`'s client and defaults): the
 * stack above is stopped (SIGTERM: france-travail writes its cache snapshot while draining) and a
 * new one started on the same snapshot. The moment it says ready, graph.md's four queries are sent
 * at once, as a front-end's first page would: every answer is complete and without errors, because
 * what the refresher read before the restart was restored before the port opened.
 */
describe('a restart under the real quota, warm from the cache snapshot', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      // npm start's France Travail client and quota, and its refresher (on, ready without waiting for it).
      env: WARM_WITHOUT_REDIS,
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers graph.md\'s four queries sent at once the moment it is ready, without an error', async () => {
    const scenarios = loadScenarios();
    const answers = await Promise.all(
      scenarios.map(async (scenario) => {
        const headers: Record<string, string> = scenario.workerId ? { authorization: `Bearer ${await stack.workerToken(scenario.workerId)}` } : {};
        return { id: scenario.id, answer: await stack.query<Record<string, unknown>>(scenario.query, scenario.variables, headers) };
      }),
    );
    for (const { id, answer } of answers) {
      expect(answer.status, id).toBe(200);
      expect(answer.body.errors ?? [], id).toEqual([]);
      expect(answer.body.data, id).toBeTruthy();
    }
    const finder = answers.find(({ id }) => id === 'training-finder')?.answer.body.data as Finder | undefined;
    expect(finder?.trainings.edges.length).toBe(50);
    expect(finder?.trainings.edges.every((edge) => edge.node.reviews !== null)).toBe(true);
    expect(await metricSum(stack.urls.metrics['france-travail'], 'cache_snapshot_entries', 'event="restored"')).toBeGreaterThan(10_000);
  }, 60_000);
});
