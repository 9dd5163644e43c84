import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coldFinderPlaces, TRAINING_COUNT_QUERY } from './cold-variants.js';
import { commonEnv } from './configs.js';
import { errorCodes, percentileOf, sendOnce, type SingleRun } from './measure.js';
import { loadScenarios, type Scenario } from './scenarios.js';
import { startBenchStack, type BenchStack } from './stack.js';

/**
 * `npm run bench:refresh`: issue #15.4's figure. A 50-training search in a place nobody asked
 * before, under France Travail's real quota (the simulator's 10 calls/s client, as `npm start`), with
 * the public per-training data refreshed ahead of demand, against the same searches without it.
 *
 * 1. A stack whose refresher reads the whole catalogue (outcomes by Formacode × department, reviews
 *    by provider) and says ready when done. That pass runs at 400 calls/s to fit in a benchmark;
 *    at the real quota the same pass takes 10–20 minutes at its 50 % share. It is stopped with
 *    SIGTERM, which writes its cache snapshot (lib/cache/snapshot.ts).
 * 2. "refreshed": a stack at the real quota on that snapshot, its refresher off so that every call
 *    counted is the searches' own. Each search alone, one after another, with the simulators' call
 *    counters reset before it.
 * 3. "not refreshed": the same stack without the snapshot, the same searches.
 * Upstream latency 40 ± 10 ms everywhere; no Redis (the in-process tier holds the catalogue).
 * Printed as Markdown; times vary with the machine, so this is a benchmark, not a test.
 */
const SEARCHES = 10;

const found = loadScenarios().find((scenario) => scenario.id === 'training-finder');
if (!found) throw new Error('training-finder scenario missing');
const finder: Scenario = found;

const snapshotDir = mkdtempSync(join(tmpdir(), 'cpa-bench-refresh-'));
const shared = {
  ...commonEnv({ redisUrl: null, latencyMs: 40, jitterMs: 10, ftQuota: true }),
  CACHE_MEMORY_MAX_ENTRIES: '120000',
  CACHE_MEMORY_MAX_MB: '512',
  CACHE_KEY_PREFIX: `cpa-bench-refresh-${process.pid}`,
};
const realQuota = { ...shared, FT_REFRESH_ENABLED: 'false' };

type Search = { run: SingleRun; calls: number; ftCalls: number };

async function searches(bench: BenchStack, variants: readonly Record<string, unknown>[]): Promise<Search[]> {
  const done: Search[] = [];
  for (const variables of variants) {
    await bench.resetCalls();
    const run = await sendOnce(bench.graphql, { ...finder, variables }, {});
    const calls = await bench.calls();
    done.push({ run, calls: calls.total - (calls.byOperator['identity'] ?? 0), ftCalls: calls.byOperator['francetravail'] ?? 0 });
  }
  return done;
}

/** Places with at least 50 trainings for the measured Formacodes, none of them the scenario's own. */
async function coldPlaces(bench: BenchStack): Promise<Record<string, unknown>[]> {
  const countOf = async (variables: Record<string, unknown>) => {
    const count = await sendOnce(bench.graphql, { id: 'count', title: 'count', query: TRAINING_COUNT_QUERY, variables }, {});
    return (count.body.data as { trainings?: { totalCount: number } } | null | undefined)?.trainings?.totalCount ?? 0;
  };
  return await coldFinderPlaces(countOf, { limit: SEARCHES, tried: 60, exclude: finder.variables });
}

function row(label: string, runs: Search[]): string {
  const ms = runs.map((search) => search.run.ms);
  const withErrors = runs.filter((search) => (search.run.body.errors?.length ?? 0) > 0).length;
  const calls = runs.map((search) => search.calls);
  const ft = runs.map((search) => search.ftCalls);
  return `| ${label} | ${runs.length} | ${Math.round(percentileOf(ms, 50))} | ${Math.round(Math.max(...ms))} | ${percentileOf(calls, 50)} / ${Math.max(...calls)} | ${percentileOf(ft, 50)} | ${withErrors} | ${errorCodes(runs.map((search) => search.run))} |`;
}

async function main(): Promise<void> {
  const started = Date.now();
  process.stderr.write('▶ refreshing the whole catalogue (400 calls/s) into a snapshot…\n');
  const pass = await startBenchStack({
    ...shared,
    FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
    FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
    FT_RATE_LIMIT_PER_SECOND: '400',
    FT_REFRESH_ENABLED: 'true',
    FT_REFRESH_READY_KEYS: '100000',
    CACHE_SNAPSHOT_DIR: snapshotDir,
  });
  const passSeconds = (Date.now() - started) / 1000;
  const places = await coldPlaces(pass);
  await pass.stop();

  process.stderr.write(`▶ ${places.length} searches at the real quota on the snapshot…\n`);
  const warm = await startBenchStack({ ...realQuota, CACHE_SNAPSHOT_DIR: snapshotDir });
  const refreshed = await searches(warm, places).finally(() => warm.stop());

  process.stderr.write('▶ the same searches at the real quota without it…\n');
  const cold = await startBenchStack({ ...realQuota, CACHE_SNAPSHOT_DIR: mkdtempSync(join(tmpdir(), 'cpa-bench-empty-')) });
  const unrefreshed = await searches(cold, places).finally(() => cold.stop());
  rmSync(snapshotDir, { recursive: true, force: true });

  const p50 = (runs: Search[]) => percentileOf(runs.map((search) => search.run.ms), 50);
  console.log(
    [
      `## Cold training finder under France Travail's real quota (10 calls/s) — ${new Date().toISOString()}`,
      '',
      `${places.length} searches of graph.md's training finder (50 trainings, outcomes and reviews) in places nobody asked before, one at a time; upstream latency 40 ± 10 ms; the refresher's pass took ${Math.round(passSeconds)} s at 400 calls/s (stack start included).`,
      '',
      '| public per-training data | searches | p50 ms | max ms | upstream calls per search, median / max | France Travail calls, median | searches with errors | errors by code |',
      '|---|--:|--:|--:|--:|--:|--:|---|',
      row('refreshed ahead of demand (snapshot of the pass)', refreshed),
      row('not refreshed', unrefreshed),
      '',
      `p50: **${(p50(unrefreshed) / Math.max(1, p50(refreshed))).toFixed(1)}×** lower refreshed (goal: ≤ 1 s, ≤ 8 upstream calls on the user's path, complete).`,
    ].join('\n'),
  );
}

await main();
