import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios, type Scenario } from '../bench/scenarios.js';
import { repoPath } from '../lib/paths.js';
import { requireRedis } from '../lib/testing/redis.js';
import { freePort } from '../lib/testing/ports.js';
import { freeStackPorts, PortInUseError, serviceOfCommand, startStack } from '../scripts/stack.js';

/** The pid of one service the launcher runs, by its entry point's folder. */
function servicePid(parent: number, service: string): number {
  const line = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
    .split('\n')
    .find((each) => serviceOfCommand(each)?.name === service);
  const pid = Number(line?.trim().split(/\s+/)[0]);
  if (!(pid > 0)) throw new Error(`no ${service} process under ${parent}`);
  return pid;
}

/** The service processes the launcher spawned (esbuild also runs a helper process, which is not one). */
function servicePids(parent: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => serviceOfCommand(line) !== undefined)
      .map((line) => Number(line.trim().split(/\s+/)[0]))
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('launcher', () => {
  it('refuses a port already in use with one line naming the port and its variable', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const ports = { ...(await freeStackPorts()), CDC_SUBGRAPH_PORT: port };
      const error = await startStack({ ports }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(`Port ${port} is already in use: set CDC_SUBGRAPH_PORT to another port (e.g. CDC_SUBGRAPH_PORT=${port + 100} npm start).`);
    } finally {
      blocker.close();
    }
  });

  it('npm start says ready only when the first queries answer, restarts a killed service with backoff, and stops every child on SIGTERM', async () => {
    const ports = await freeStackPorts();
    const run = `t${randomBytes(6).toString('hex')}`;
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([variable, port]) => [variable, String(port)])),
      LOG_LEVEL: 'warn',
      // A cold start: no cache entry of an earlier run may answer for the services.
      CACHE_KEY_PREFIX: `cpa-${run}`,
      // Its own snapshot directory: never the developer's .cache/snapshots of `npm start`.
      CACHE_SNAPSHOT_DIR: mkdtempSync(join(tmpdir(), 'cpa-launcher-')),
      RATE_LIMIT_KEY_PREFIX: `cpa-${run}:ratelimit:`,
      // Readiness is under test, not France Travail's 10 calls/s. Under the real quota the refresher
      // (FT_REFRESH_*) needs a whole first pass (~5,800 outcome keys, ≥ 10 min at the full quota) before
      // a cold Paris training finder finds its outcomes cached; readiness does not wait that long. A
      // restart under the real quota, warm from the cache snapshot, is test/refresh.stack.test.ts's.
      // The simulator's unthrottled client here.
      FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
      FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
      FT_RATE_LIMIT_PER_SECOND: '10000',
      // Every process's metrics listener on a free port (the defaults may be a developer's npm start).
      METRICS_PORT: '0',
    };
    const launcher = spawn(process.execPath, ['--import', 'tsx', repoPath('scripts', 'start.ts')], { cwd: repoPath(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const printed = (text: string, within = 110_000) =>
      new Promise<void>((resolve, reject) => {
        if (output.includes(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`"${text}" not printed in time:\n${output.slice(-3000)}`)), within);
        const check = () => {
          if (!output.includes(text)) return;
          clearTimeout(timer);
          launcher.stdout.off('data', check);
          resolve();
        };
        launcher.stdout.on('data', check);
        launcher.once('exit', (code) => reject(new Error(`launcher exited early (${code}):\n${output.slice(-3000)}`)));
      });
    const graphql = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    const upstreams = `http://127.0.0.1:${ports.UPSTREAMS_PORT}`;
    try {
      await printed('cpa-graph is ready.');
      // The moment it says ready: graph.md's four queries, cold, all at once, answer without an error.
      const answers = await Promise.all(loadScenarios().map((scenario) => ask(graphql, upstreams, scenario)));
      for (const answer of answers) expect(answer).toEqual({ id: answer.id, errors: [], data: true });
      expect(output).toContain(`GraphQL endpoint: http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`);
      expect(output).toContain(`Explorer:         http://127.0.0.1:${ports.GATEWAY_PORT}/`);
      const children = servicePids(launcher.pid ?? 0);
      expect(children.length).toBe(5);

      // A crashed subgraph is restarted and said so; the graph answers again once it is back.
      const victim = servicePid(launcher.pid ?? 0, 'france-travail');
      process.kill(victim, 'SIGKILL');
      await printed('[launcher] france-travail exited (signal SIGKILL); restarting in 500 ms (restart 1)');
      await printed('[launcher] france-travail restarted and ready');
      const replacement = servicePid(launcher.pid ?? 0, 'france-travail');
      expect(replacement).not.toBe(victim);
      const jobSearch = loadScenarios().find((scenario) => scenario.id === 'job-search');
      if (!jobSearch) throw new Error('job-search scenario missing');
      expect(await ask(graphql, upstreams, jobSearch)).toEqual({ id: 'job-search', errors: [], data: true });

      const running = servicePids(launcher.pid ?? 0);
      const exitCode = await new Promise<number | null>((resolve) => {
        launcher.once('exit', (code) => resolve(code));
        launcher.kill('SIGTERM');
      });
      expect(exitCode).toBe(0);
      expect(running.filter(alive)).toEqual([]);
      expect(output).not.toContain('restarting in 500 ms (restart 2)');
    } finally {
      if (launcher.exitCode === null) launcher.kill('SIGKILL');
      await removeKeys(run);
    }
  }, 200_000);
});

async function ask(graphql: string, upstreams: string, scenario: Scenario): Promise<{ id: string; errors: unknown[]; data: boolean }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (scenario.workerId) {
    const login = await fetch(`${upstreams}/identity/dev/login`, { method: 'POST', headers, body: JSON.stringify({ workerId: scenario.workerId }) });
    headers['authorization'] = `Bearer ${String(((await login.json()) as Record<string, unknown>)['access_token'])}`;
  }
  const response = await fetch(graphql, { method: 'POST', headers, body: JSON.stringify({ query: scenario.query, variables: scenario.variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return { id: scenario.id, errors: body.errors ?? [], data: body.data !== null && body.data !== undefined };
}

async function removeKeys(run: string): Promise<void> {
  const redis = await requireRedis();
  try {
    for await (const keys of redis.scanStream({ match: `cpa-${run}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
