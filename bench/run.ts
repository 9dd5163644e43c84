import { writeFileSync } from 'node:fs';
import { parseBenchArgs, USAGE, type BenchSettings } from './cli.js';
import { benchConfigs, type BenchConfig } from './configs.js';
import { describeMachine } from './machine.js';
import { cold, coldTraffic, combineRounds, headersFor, warm, type Headers } from './phases.js';
import { cpuSummary, header, scenarioTable, type CellResult, type ColdMeasure, type ColdTrafficMeasure, type WarmMeasure } from './report.js';
import type { Scenario } from './scenarios.js';
import { flushBenchRedis, startBenchStack, usableBenchRedis, type BenchStack } from './stack.js';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** A configuration's stack, started, with its cold requests done. */
interface Prepared {
  config: BenchConfig;
  stack: BenchStack;
  headers: Map<string, Headers>;
  colds: Map<string, ColdMeasure>;
  coldTraffic: Map<string, ColdTrafficMeasure>;
}

class StopBench extends Error {}

async function prepare(settings: BenchSettings, config: BenchConfig, failed: Set<string>): Promise<Prepared> {
  if (config.flushRedis) await flushBenchRedis(settings.redisUrl);
  say(`\n▶ ${config.label}: starting the stack…`);
  const stack = await startBenchStack(config.env);
  try {
    const headers = new Map<string, Headers>();
    for (const scenario of settings.scenarios) headers.set(scenario.id, await headersFor(stack, scenario));
    // Every cold request before any warm-up: with the cache on, a warm-up would fill shared entries.
    const colds = new Map<string, ColdMeasure>();
    for (const scenario of settings.scenarios) {
      const measured = await cold(stack, scenario, headers.get(scenario.id) ?? {});
      if ('problem' in measured) {
        say(`  ✗ ${scenario.id} did not answer cleanly:\n      ${measured.problem}`);
        failed.add(scenario.id);
        continue;
      }
      colds.set(scenario.id, measured);
      say(`  ✓ ${scenario.id}: cold ${measured.calls} upstream calls ${JSON.stringify(measured.byOperator)}, ${measured.ms.toFixed(0)} ms`);
    }
    if (failed.size > 0 && !settings.allowErrors) throw new StopBench(`${[...failed].join(', ')} returned errors (see above). Rerun with --allow-errors to measure the others.`);
    // Cold traffic, also before any warm-up: only where a cache exists to be cold.
    const traffic = new Map<string, ColdTrafficMeasure>();
    if (config.id === 'on') {
      for (const scenario of settings.scenarios.filter((item) => colds.has(item.id))) {
        const measured = await coldTraffic(stack, scenario, settings);
        traffic.set(scenario.id, measured);
        say(`  · ${scenario.id}: cold traffic ${measured.callsPerRequest.toFixed(1)} calls/req, p50 ${measured.p50.toFixed(0)} ms, p99 ${measured.p99.toFixed(0)} ms, ${measured.requestsPerSecond.toFixed(1)} req/s, ${measured.errors} errors`);
      }
    }
    return { config, stack, headers, colds, coldTraffic: traffic };
  } catch (error) {
    if (!(error instanceof StopBench)) say(`  gateway logs:\n${stack.stack.logs('gateway').slice(-2000)}`);
    await release(settings, { config, stack });
    throw error;
  }
}

async function release(settings: BenchSettings, prepared: Pick<Prepared, 'config' | 'stack'>): Promise<void> {
  await prepared.stack.stop();
  // Leave nothing behind in the shared Redis (the keys would expire anyway).
  if (prepared.config.flushRedis) await flushBenchRedis(settings.redisUrl);
}

async function measure(settings: BenchSettings, prepared: Prepared, scenario: Scenario, into: Map<string, WarmMeasure[]>): Promise<void> {
  if (!prepared.colds.has(scenario.id)) return;
  const measured = await warm(prepared.stack, scenario, prepared.headers.get(scenario.id) ?? {}, settings);
  say(
    `  · ${prepared.config.label} · ${scenario.id}: ${measured.callsPerRequest.toFixed(1)} calls/req ${JSON.stringify(measured.callsByOperator)}, ` +
      `p50 ${measured.p50} ms, p99 ${measured.p99} ms, ${measured.requestsPerSecond.toFixed(1)} req/s, ` +
      `${measured.graphqlErrors + measured.non2xx + measured.socketErrors} errors`,
  );
  const key = `${prepared.config.id}:${scenario.id}`;
  into.set(key, [...(into.get(key) ?? []), measured]);
}

/**
 * Sequential (default): one stack at a time, all its cells, then the next — two cores cannot run
 * two loaded stacks honestly. Interleaved: every stack started first (idle ones cost no CPU), then
 * each scenario measured on every configuration back to back, the order rotating each round.
 */
async function measureAll(settings: BenchSettings, configs: BenchConfig[], failed: Set<string>) {
  const warmRounds = new Map<string, WarmMeasure[]>();
  const colds = new Map<string, ColdMeasure>();
  const traffic = new Map<string, ColdTrafficMeasure>();
  const keep = (prepared: Prepared) => {
    for (const [scenario, measured] of prepared.colds) colds.set(`${prepared.config.id}:${scenario}`, measured);
    for (const [scenario, measured] of prepared.coldTraffic) traffic.set(`${prepared.config.id}:${scenario}`, measured);
  };
  if (settings.interleave) {
    const prepared: Prepared[] = [];
    try {
      for (const config of configs) prepared.push(await prepare(settings, config, failed));
      prepared.forEach(keep);
      for (let round = 0; round < settings.rounds; round += 1) {
        for (const scenario of settings.scenarios) {
          const order = prepared.map((_, index) => prepared[(index + round) % prepared.length]);
          for (const stack of order) if (stack) await measure(settings, stack, scenario, warmRounds);
        }
      }
    } finally {
      for (const stack of prepared) await release(settings, stack);
    }
  } else {
    for (const config of configs) {
      const prepared = await prepare(settings, config, failed);
      keep(prepared);
      try {
        for (let round = 0; round < settings.rounds; round += 1) {
          for (const scenario of settings.scenarios) await measure(settings, prepared, scenario, warmRounds);
        }
      } finally {
        await release(settings, prepared);
      }
    }
  }
  return { warmRounds, colds, traffic };
}

async function main(): Promise<number> {
  const settings = parseBenchArgs();
  if (settings === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const startedAt = new Date();
  const redisUrl = await usableBenchRedis(settings.redisUrl, settings.noRedis);
  if (!settings.noRedis && redisUrl === null) say(`Redis does not answer at ${settings.redisUrl}: the cache-on run uses the in-process tier only.`);
  const configs = benchConfigs({ redisUrl, latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, ftQuota: settings.ftQuota }, settings.configIds);
  const failed = new Set<string>();
  let measured: Awaited<ReturnType<typeof measureAll>>;
  try {
    measured = await measureAll(settings, configs, failed);
  } catch (error) {
    if (!(error instanceof StopBench)) throw error;
    say(`\nStopped: ${error.message}`);
    return 1;
  }
  const results: CellResult[] = [];
  for (const scenario of settings.scenarios) {
    for (const config of configs) {
      const coldMeasure = measured.colds.get(`${config.id}:${scenario.id}`);
      const rounds = measured.warmRounds.get(`${config.id}:${scenario.id}`) ?? [];
      if (coldMeasure) {
        results.push({
          config: config.id,
          label: config.label,
          scenario: scenario.id,
          cold: coldMeasure,
          coldTraffic: measured.traffic.get(`${config.id}:${scenario.id}`) ?? null,
          warm: rounds.length > 0 ? combineRounds(rounds) : null,
        });
      }
    }
  }
  const totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
  const sections = [header({ machine: describeMachine(), ...settings, redisUrl, startedAt, totalSeconds }), ''];
  for (const scenario of settings.scenarios) {
    const cells = results.filter((result) => result.scenario === scenario.id);
    const critical = scenario.criticalPathHops === undefined ? undefined : { hops: scenario.criticalPathHops, latencyMs: settings.latencyMs };
    if (cells.length > 0) sections.push(scenarioTable(scenario.title, cells, critical), '');
  }
  sections.push('### Where the CPU went during the measured runs (cores)', '', cpuSummary(results));
  if (failed.size > 0) sections.push('', `Not measured (errors): ${[...failed].join(', ')}.`);
  const markdown = sections.join('\n');
  process.stdout.write(`\n${markdown}\n`);
  if (settings.out) writeFileSync(settings.out, `${markdown}\n`);
  return failed.size > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
