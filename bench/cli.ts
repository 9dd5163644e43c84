import { parseArgs } from 'node:util';
import { CONFIG_IDS, type BenchConfig } from './configs.js';
import { loadScenarios, type Scenario } from './scenarios.js';
import { benchRedisUrl } from './stack.js';

export const USAGE = `npm run bench -- [options]
  --duration <s>      measured seconds per cell (default 5)
  --warmup <s>        warm-up seconds before each measured cell (default 2)
  --connections <n>   concurrent connections (default 10)
  --latency <ms>      simulated upstream latency (default 40)
  --jitter <ms>       ± jitter on that latency (default 10)
  --samples <n>       sequential requests counting warm upstream calls per request (default 3)
  --cold <n>          cache-on cold traffic: n requests, each with variables not asked before (default 30)
  --rounds <n>        measure every cell n times and report the medians (default 1)
  --interleave        start every configuration's stack first, then measure the configurations of
                      one scenario back to back (only one stack is under load at a time): on a
                      shared machine, background load then weighs on the compared cells alike
  --only <ids>        scenarios, comma-separated: worker-dashboard,training-finder,job-search,career-change
  --configs <ids>     configurations, comma-separated: off,on,nobatch (default all)
  --no-redis          cache-on run with the in-process tier only
  --ft-quota          keep France Travail's real 10 calls/s quota
  --allow-errors      measure scenarios whose check request fails instead of stopping
  --out <file>        also write the Markdown tables to this file
Environment: BENCH_REDIS_URL (default redis://127.0.0.1:6379/5; a dedicated database, flushed before and after).`;

export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  latencyMs: number;
  jitterMs: number;
  samples: number;
  /** Requests of the cold-traffic measure (cache on, every request with new variables). */
  coldRequests: number;
  rounds: number;
  interleave: boolean;
  scenarios: Scenario[];
  configIds: BenchConfig['id'][];
  noRedis: boolean;
  ftQuota: boolean;
  allowErrors: boolean;
  out: string | undefined;
  redisUrl: string;
}

function count(name: string, value: string, min: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return parsed;
}

function pick<T>(flag: string, list: string, known: readonly T[], idOf: (item: T) => string): T[] {
  return list.split(',').map((id) => {
    const found = known.find((item) => idOf(item) === id.trim());
    if (found === undefined) throw new Error(`--${flag}: unknown "${id}" (expected ${known.map(idOf).join(', ')})`);
    return found;
  });
}

/** The command line and BENCH_REDIS_URL; `null` when only the usage was asked for. */
export function parseBenchArgs(args: string[] = process.argv.slice(2)): BenchSettings | null {
  const { values: flags } = parseArgs({
    args,
    options: {
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      latency: { type: 'string', default: '40' },
      jitter: { type: 'string', default: '10' },
      samples: { type: 'string', default: '3' },
      cold: { type: 'string', default: '30' },
      rounds: { type: 'string', default: '1' },
      interleave: { type: 'boolean', default: false },
      only: { type: 'string' },
      configs: { type: 'string', default: CONFIG_IDS.join(',') },
      'no-redis': { type: 'boolean', default: false },
      'ft-quota': { type: 'boolean', default: false },
      'allow-errors': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (flags.help) return null;
  const scenarios = loadScenarios();
  return {
    durationSeconds: count('duration', flags.duration, 1),
    warmupSeconds: count('warmup', flags.warmup, 0),
    connections: count('connections', flags.connections, 1),
    latencyMs: count('latency', flags.latency, 0),
    jitterMs: count('jitter', flags.jitter, 0),
    samples: count('samples', flags.samples, 1),
    coldRequests: count('cold', flags.cold, 1),
    rounds: count('rounds', flags.rounds, 1),
    interleave: flags.interleave,
    scenarios: flags.only ? pick('only', flags.only, scenarios, (scenario) => scenario.id) : scenarios,
    configIds: pick('configs', flags.configs, CONFIG_IDS, (id) => id),
    noRedis: flags['no-redis'],
    ftQuota: flags['ft-quota'],
    allowErrors: flags['allow-errors'],
    out: flags.out,
    redisUrl: benchRedisUrl(),
  };
}
