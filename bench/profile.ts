import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarios } from './scenarios.js';
import { startBenchStack } from './stack.js';
import { peersEnv } from './peers/env.js';
import { measureCell } from './peers/cell.js';
import { PEERS, startPeer, supergraphFor } from './peers/processes.js';
import { scenarioRequests } from './peers/requests.js';

/**
 * `npm run bench:profile -- --only job-search`: our gateway under bench:peers' load with
 * `node --cpu-prof`, then where its CPU went: self time per function and per package. Runs the
 * varied pool by default (what merging and the response cache cannot absorb); `--repeated` for
 * the same request over and over. `--env KEY=VALUE,…` sets gateway variables (e.g.
 * RESPONSE_CACHE_ENABLED=false to profile the execution path alone); `--peer stock` (or another
 * bench:peers gateway) profiles that one instead, to compare. The subgraphs run as under bench:peers
 * (bench/peers/env.ts: Redis, 40 ± 10 ms upstream latency; `--latency`, `--jitter`, `--no-redis`).
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'job-search' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    repeated: { type: 'boolean', default: false },
    env: { type: 'string', default: '' },
    top: { type: 'string', default: '25' },
    peer: { type: 'string', default: 'ours' },
    latency: { type: 'string', default: '40' },
    jitter: { type: 'string', default: '10' },
    'no-redis': { type: 'boolean', default: false },
  },
});
const dir = join(tmpdir(), `cpa-profile-${process.pid}`);
mkdirSync(dir, { recursive: true });
const extraEnv = Object.fromEntries(values.env.split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
const setup = await peersEnv({ latencyMs: Number(values.latency), jitterMs: Number(values.jitter), noRedis: values['no-redis'], say: (line) => process.stderr.write(`${line}\n`) });
const stack = await startBenchStack(setup.env);
try {
  const ours = PEERS.find((peer) => peer.id === values.peer);
  if (!ours) throw new Error(`--peer must be one of ${PEERS.map((peer) => peer.id).join(', ')}`);
  const peer = await startPeer({ ...ours, env: { ...ours.env, ...extraEnv }, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] }, stack.stack.env, supergraphFor(stack.stack.urls.subgraphs));
  const scenarios = loadScenarios().filter((scenario) => values.only.split(',').includes(scenario.id));
  const requests = await scenarioRequests(stack, scenarios, 30);
  for (const item of requests) {
    const pool = values.repeated ? [item.repeated] : item.varied;
    await measureCell(peer, pool, Number(values.connections), 2);
    const cell = await measureCell(peer, pool, Number(values.connections), Number(values.duration));
    process.stderr.write(`${item.scenario.id}: ${cell.requestsPerSecond.toFixed(0)} req/s, ${cell.cpuMsPerRequest.toFixed(2)} CPU ms/req, p99 ${cell.p99} ms, ${cell.errors} errors\n`);
  }
  await peer.stop();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const selfById = new Map<number, number>();
  profile.samples.forEach((id, index) => selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const self = selfById.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += self;
    const where = url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
    const pkg = functionName.startsWith('(') ? functionName : url.includes('node_modules/') ? (where.startsWith('@') ? where.split('/').slice(0, 2).join('/') : (where.split('/')[0] ?? '?')) : url.startsWith('node:') || url === '' ? 'node' : 'ours';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + self);
    const key = `${functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + self);
  }
  const pct = (micros: number) => `${((100 * micros) / busy).toFixed(1)} %`;
  const top = Number(values.top);
  const lines = ['| package | share of busy time |', '|---|--:|', ...[...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, micros]) => `| ${name} | ${pct(micros)} |`), ''];
  lines.push('| function (self time) | share |', '|---|--:|', ...[...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, micros]) => `| ${name.replace(/\|/g, '\\|')} | ${pct(micros)} |`));
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await stack.stop();
  await setup.release();
}
