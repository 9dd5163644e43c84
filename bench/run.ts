import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseEnv } from '../lib/config/index.js';
import { benchConfigs, CONFIG_IDS, type BenchConfig } from './configs.js';
import { cpuWindow } from './cpu.js';
import { describeMachine } from './machine.js';
import { problemOf, runLoad, sendOnce } from './measure.js';
import { cpuSummary, header, scenarioTable, type CellResult, type ColdMeasure, type WarmMeasure } from './report.js';
import { loadScenarios, type Scenario } from './scenarios.js';
import { flushBenchRedis, redisAnswers, startBenchStack, type BenchStack } from './stack.js';

const USAGE = `npm run bench -- [options]
  --duration <s>      measured seconds per cell (default 5)
  --warmup <s>        warm-up seconds before each measured cell (default 2)
  --connections <n>   concurrent connections (default 10)
  --latency <ms>      simulated upstream latency (default 40)
  --jitter <ms>       ± jitter on that latency (default 10)
  --samples <n>       sequential requests counting warm upstream calls per request (default 3)
  --only <ids>        scenarios, comma-separated: worker-dashboard,training-finder,job-search,career-change
  --configs <ids>     configurations, comma-separated: off,on,nobatch (default all)
  --no-redis          cache-on run with the in-process tier only
  --ft-quota          keep France Travail's real 10 calls/s quota
  --allow-errors      measure scenarios whose check request fails instead of stopping
  --out <file>        also write the Markdown tables to this file
Environment: BENCH_REDIS_URL (default redis://127.0.0.1:6379/5; a dedicated database, flushed between runs).`;

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    latency: { type: 'string', default: '40' },
    jitter: { type: 'string', default: '10' },
    samples: { type: 'string', default: '3' },
    only: { type: 'string' },
    configs: { type: 'string', default: CONFIG_IDS.join(',') },
    'no-redis': { type: 'boolean', default: false },
    'ft-quota': { type: 'boolean', default: false },
    'allow-errors': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const count = (name: string, value: string, min: number): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return parsed;
};
const settings = {
  durationSeconds: count('duration', flags.duration, 1),
  warmupSeconds: count('warmup', flags.warmup, 0),
  connections: count('connections', flags.connections, 1),
  latencyMs: count('latency', flags.latency, 0),
  jitterMs: count('jitter', flags.jitter, 0),
  samples: count('samples', flags.samples, 1),
};
const { BENCH_REDIS_URL } = parseEnv({ BENCH_REDIS_URL: z.string().regex(/^redis:\/\//).default('redis://127.0.0.1:6379/5') });
const configIds = flags.configs.split(',').map((id) => {
  const known = CONFIG_IDS.find((candidate) => candidate === id.trim());
  if (!known) throw new Error(`--configs: unknown configuration "${id}" (expected ${CONFIG_IDS.join(', ')})`);
  return known;
});
const allScenarios = loadScenarios();
const scenarios = flags.only
  ? flags.only.split(',').map((id) => {
      const found = allScenarios.find((scenario) => scenario.id === id.trim());
      if (!found) throw new Error(`--only: unknown scenario "${id}" (expected ${allScenarios.map((s) => s.id).join(', ')})`);
      return found;
    })
  : allScenarios;

const say = (line: string) => process.stderr.write(`${line}\n`);

async function headersFor(stack: BenchStack, scenario: Scenario): Promise<Record<string, string>> {
  return scenario.workerId ? { authorization: `Bearer ${await stack.workerToken(scenario.workerId)}` } : {};
}

/** First request of a scenario on this stack: the check that it answers, and the cold measure. */
async function cold(stack: BenchStack, scenario: Scenario, headers: Record<string, string>): Promise<ColdMeasure | { problem: string }> {
  await stack.resetCalls();
  const first = await sendOnce(stack.graphql, scenario, headers);
  const calls = await stack.calls();
  const problem = problemOf(first);
  if (problem !== undefined) return { problem };
  return { calls: calls.total, byOperator: calls.byOperator, ms: first.ms };
}

/**
 * Waits until the stack has finished the requests autocannon abandoned when its time was up:
 * their upstream calls would otherwise be counted against the next measure.
 */
async function quiet(stack: BenchStack): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let attempt = 0; attempt < 200 && stable < 2; attempt += 1) {
    const { total } = await stack.calls();
    stable = total === last ? stable + 1 : 0;
    last = total;
    await sleep(300);
  }
}

/**
 * After a warm-up: the load run (latency, throughput, CPU), then a few sequential requests for
 * the upstream calls per request — counted apart from the load run, where requests still in
 * flight when it stops would make the ratio wrong.
 */
async function warm(stack: BenchStack, scenario: Scenario, headers: Record<string, string>): Promise<WarmMeasure> {
  const load = { connections: settings.connections };
  if (settings.warmupSeconds > 0) await runLoad(stack.graphql, scenario, headers, { ...load, durationSeconds: settings.warmupSeconds });
  await quiet(stack);
  const finishCpu = await cpuWindow(stack.simulatorCpu);
  const result = await runLoad(stack.graphql, scenario, headers, { ...load, durationSeconds: settings.durationSeconds });
  const cpu = await finishCpu();
  await quiet(stack);
  await stack.resetCalls();
  for (let sample = 0; sample < settings.samples; sample += 1) {
    const problem = problemOf(await sendOnce(stack.graphql, scenario, headers));
    if (problem !== undefined) throw new Error(`${scenario.id} failed after the load run:\n      ${problem}`);
  }
  const calls = await stack.calls();
  const callsByOperator = Object.fromEntries(Object.entries(calls.byOperator).map(([operator, total]) => [operator, total / settings.samples]));
  return { ...result, callsPerRequest: calls.total / settings.samples, callsByOperator, cpu };
}

async function runConfig(config: BenchConfig, failed: Set<string>): Promise<CellResult[]> {
  if (config.flushRedis) await flushBenchRedis(BENCH_REDIS_URL);
  say(`\n▶ ${config.label}: starting the stack…`);
  const stack = await startBenchStack(config.env);
  try {
    const headers = new Map<string, Record<string, string>>();
    for (const scenario of scenarios) headers.set(scenario.id, await headersFor(stack, scenario));
    // Every cold request before any warm-up: with the cache on, a warm-up would fill shared entries.
    const colds = new Map<string, ColdMeasure>();
    for (const scenario of scenarios) {
      const measured = await cold(stack, scenario, headers.get(scenario.id) ?? {});
      if ('problem' in measured) {
        say(`  ✗ ${scenario.id} did not answer cleanly:\n      ${measured.problem}`);
        failed.add(scenario.id);
        continue;
      }
      colds.set(scenario.id, measured);
      say(`  ✓ ${scenario.id}: cold ${measured.calls} upstream calls ${JSON.stringify(measured.byOperator)}, ${measured.ms.toFixed(0)} ms`);
    }
    if (failed.size > 0 && !flags['allow-errors']) return [];
    const cells: CellResult[] = [];
    for (const scenario of scenarios) {
      const coldMeasure = colds.get(scenario.id);
      if (coldMeasure === undefined) continue;
      const measured = await warm(stack, scenario, headers.get(scenario.id) ?? {});
      say(
        `  · ${scenario.id}: ${measured.callsPerRequest.toFixed(1)} calls/req ${JSON.stringify(measured.callsByOperator)}, p50 ${measured.p50} ms, p99 ${measured.p99} ms, ` +
          `${measured.requestsPerSecond.toFixed(1)} req/s, ${measured.graphqlErrors + measured.non2xx + measured.socketErrors} errors`,
      );
      cells.push({ config: config.id, label: config.label, scenario: scenario.id, cold: coldMeasure, warm: measured });
    }
    return cells;
  } catch (error) {
    say(`  stack logs (gateway):\n${stack.stack.logs('gateway').slice(-2000)}`);
    throw error;
  } finally {
    await stack.stop();
    // Leave nothing behind in the shared Redis (the keys would expire anyway).
    if (config.flushRedis) await flushBenchRedis(BENCH_REDIS_URL);
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const redisUrl = flags['no-redis'] ? null : (await redisAnswers(BENCH_REDIS_URL)) ? BENCH_REDIS_URL : null;
  if (!flags['no-redis'] && redisUrl === null) say(`Redis does not answer at ${BENCH_REDIS_URL}: the cache-on run uses the in-process tier only.`);
  const configs = benchConfigs({ redisUrl, latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, ftQuota: flags['ft-quota'] }, configIds);
  const failed = new Set<string>();
  const results: CellResult[] = [];
  // One stack at a time: two cores cannot run two stacks and a load generator honestly.
  for (const config of configs) {
    results.push(...(await runConfig(config, failed)));
    if (failed.size > 0 && !flags['allow-errors']) {
      say(`\nStopped: ${[...failed].join(', ')} returned errors (see above). Rerun with --allow-errors to measure the others.`);
      return 1;
    }
  }
  const info = { machine: describeMachine(), ...settings, redisUrl, ftQuota: flags['ft-quota'], startedAt, totalSeconds: (Date.now() - startedAt.getTime()) / 1000 };
  const sections = [header(info), ''];
  for (const scenario of scenarios) {
    const cells = results.filter((result) => result.scenario === scenario.id);
    if (cells.length > 0) sections.push(scenarioTable(scenario.title, cells), '');
  }
  sections.push('### Simulators\' CPU during the measured runs', '', cpuSummary(results));
  if (failed.size > 0) sections.push('', `Not measured (errors): ${[...failed].join(', ')}.`);
  const markdown = sections.join('\n');
  process.stdout.write(`\n${markdown}\n`);
  if (flags.out) writeFileSync(flags.out, `${markdown}\n`);
  return failed.size > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
