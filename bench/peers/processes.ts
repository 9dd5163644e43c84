import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GATEWAY_ENTRY, nodeFlagsOf } from '../../scripts/node-flags.js';
import { repoPath } from '../../lib/paths.js';
import { processStat } from '../machine.js';
import { freePort } from '../../lib/testing/ports.js';
import { buildServices } from '../../scripts/build.js';

/**
 * The gateways `npm run bench:peers` compares, each its own process on a free port, all serving the
 * same committed supergraph against the same running subgraphs: ours (gateway/src/main.ts) as it
 * ships, ours with its entity cache only, ours with no cache of its own, a stock @apollo/gateway,
 * Hive Gateway, and Hive Gateway with the Rust planner.
 */
export interface PeerSpec {
  id: 'ours' | 'ours-entity' | 'ours-nocache' | 'stock' | 'hive' | 'hive-rust';
  label: string;
  entry: string;
  env: Record<string, string>;
  /** Extra Node flags (e.g. `--cpu-prof` for bench/profile.ts). */
  nodeArgs?: readonly string[];
}

export const PEERS: readonly PeerSpec[] = [
  { id: 'stock', label: 'stock @apollo/gateway', entry: 'bench/peers/stock-apollo.server.ts', env: {} },
  { id: 'ours', label: 'cpa-graph gateway', entry: 'gateway/src/main.ts', env: {} },
  // Whole answers not cached; public entities still are (gateway/src/entity-cache.ts): every request runs its plan and its root fetches.
  { id: 'ours-entity', label: 'cpa-graph gateway, entity cache only', entry: 'gateway/src/main.ts', env: { RESPONSE_CACHE_ENABLED: 'false' } },
  // The same gateway with no cache of its own: the like-for-like row (no peer caches answers or entities).
  { id: 'ours-nocache', label: 'cpa-graph gateway, no gateway cache', entry: 'gateway/src/main.ts', env: { RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' } },
  { id: 'hive', label: 'Hive Gateway', entry: 'bench/peers/hive.server.ts', env: { PEER_RUST_PLANNER: 'false' } },
  { id: 'hive-rust', label: 'Hive Gateway + Rust planner', entry: 'bench/peers/hive.server.ts', env: { PEER_RUST_PLANNER: 'true' } },
];

export interface RunningPeer {
  spec: PeerSpec;
  url: string;
  /** Our gateway's /metrics (its loopback listener); none for the other gateways. */
  metricsUrl?: string;
  pid: number;
  stop: () => Promise<void>;
}

/** The committed supergraph with each subgraph's URL replaced by where it runs now (the SDL is otherwise unchanged). */
export function supergraphFor(subgraphUrls: Record<string, string>): string {
  let sdl = readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8');
  for (const [name, url] of Object.entries(subgraphUrls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+(")`), `$1${url}$2`);
  }
  const file = join(tmpdir(), `cpa-bench-supergraph-${process.pid}.graphql`);
  writeFileSync(file, sdl);
  return file;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startPeer(spec: PeerSpec, stackEnv: Record<string, string>, supergraphFile: string): Promise<RunningPeer> {
  const port = await freePort();
  const ours = spec.entry === GATEWAY_ENTRY;
  const metricsPort = ours ? await freePort() : 0;
  // Every gateway runs from an esbuild bundle of its entry, as `npm start` runs ours (scripts/build.ts):
  // no TypeScript loader thread in any of them (it held ~40 MiB of each process's RSS).
  const bundle = await buildServices([spec.entry]);
  const env = { ...process.env, ...stackEnv, ...spec.env };
  // Ours with the flags `npm start` gives it (scripts/node-flags.ts: its heap cap); the peers' entries get none.
  const child: ChildProcess = spawn(process.execPath, [...nodeFlagsOf(spec.entry, env), ...(spec.nodeArgs ?? []), '--enable-source-maps', bundle.file(spec.entry)], {
    cwd: repoPath(),
    env: { ...env, GATEWAY_PORT: String(port), METRICS_PORT: String(metricsPort), PEER_PORT: String(port), PEER_HOST: '127.0.0.1', PEER_SUPERGRAPH: supergraphFile, SUPERGRAPH_PATH: supergraphFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await bundle.dispose();
      throw new Error(child.exitCode !== null ? `${spec.label} exited with ${child.exitCode}:\n${output}` : `${spec.label} did not answer at ${url}:\n${output}`);
    }
    await sleep(200);
  }
  return {
    spec,
    url,
    ...(ours ? { metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` } : {}),
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await bundle.dispose();
    },
  };
}

/** CPU ticks (user + system) and resident memory of one process, from /proc. */
export function processUsage(pid: number): { ticks: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { ticks: processStat(pid).ticks, rssMiB: rssKiB / 1024 };
}
