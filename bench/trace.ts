import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarios } from './scenarios.js';
import { startTestStack } from '../test/stack.js';

/**
 * `npm run bench:trace -- [scenario] [--latency ms] [--requests n]`: where one request's time goes
 * against the operators. Starts a stack with the cache off and a fixed upstream latency (no
 * jitter), sends the scenario's request n times one after another, and prints each upstream call's
 * arrival at the simulators in ms from the request's start (the simulators print them with
 * TRACE_CALLS=<file>, upstreams/core/admin.ts). Dependent waits show as steps: what bench/README's
 * "Dashboard" section reads its critical path from. The first request also pays the one-time
 * costs (JWKS, the operators' OAuth2 tokens). Not a measure of throughput: `npm run bench` is.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const id = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--')) ?? 'worker-dashboard';
const scenario = loadScenarios().find((item) => item.id === id);
if (!scenario) throw new Error(`unknown scenario ${id}: ${loadScenarios().map((item) => item.id).join(', ')}`);
const latency = option('--latency', 40);
const requests = option('--requests', 4);
const traceFile = join(tmpdir(), `cpa-trace-${process.pid}.txt`);

const stack = await startTestStack({
  env: {
    TRACE_CALLS: traceFile,
    UPSTREAM_LATENCY_MS: String(latency),
    UPSTREAM_JITTER_MS: '0',
    CACHE_MODE: 'off',
    FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
    FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
    FT_RATE_LIMIT_PER_SECOND: '10000',
  },
});
try {
  const headers: Record<string, string> = scenario.workerId ? { authorization: `Bearer ${await stack.workerToken(scenario.workerId)}` } : {};
  process.stdout.write(`${scenario.title}: cache off, ${latency} ms per upstream call, no jitter\n`);
  for (let index = 0; index < requests; index += 1) {
    writeFileSync(traceFile, '');
    const started = Date.now();
    const answer = await stack.query(scenario.query, scenario.variables, headers);
    const took = Date.now() - started;
    process.stdout.write(`\nrequest ${index + 1}: ${took} ms, ${answer.body.errors?.length ?? 0} errors\n`);
    for (const line of readFileSync(traceFile, 'utf8').split('\n')) {
      const [tag, at, method, route] = line.split(' ');
      if (tag === 'TRACE') process.stdout.write(`  +${String(Number(at) - started).padStart(4)} ms  ${method} ${route}\n`);
    }
  }
} finally {
  await stack.stop();
  rmSync(traceFile, { force: true });
}
