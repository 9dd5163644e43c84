import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../lib/paths.js';
import { freePort } from '../lib/testing/ports.js';
import { freeStackPorts, PortInUseError, startStack } from '../scripts/stack.js';

/** The service processes the launcher spawned (tsx also runs an esbuild helper, which is not one). */
function servicePids(parent: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('main.ts'))
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

  it('npm start prints the URLs when ready and stops every child on SIGTERM with exit code 0', async () => {
    const ports = await freeStackPorts();
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([variable, port]) => [variable, String(port)])),
      LOG_LEVEL: 'warn',
    };
    const launcher = spawn(process.execPath, ['--import', 'tsx', repoPath('scripts', 'start.ts')], { cwd: repoPath(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output.slice(-3000)}`)), 110_000);
      launcher.stdout.on('data', () => {
        if (output.includes('cpa-graph is ready.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      launcher.once('exit', (code) => reject(new Error(`launcher exited early (${code}):\n${output.slice(-3000)}`)));
    });
    expect(output).toContain(`GraphQL endpoint: http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`);
    expect(output).toContain(`Explorer:         http://127.0.0.1:${ports.GATEWAY_PORT}/`);
    const children = servicePids(launcher.pid ?? 0);
    expect(children.length).toBe(5);
    const exitCode = await new Promise<number | null>((resolve) => {
      launcher.once('exit', (code) => resolve(code));
      launcher.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
    expect(children.filter(alive)).toEqual([]);
  }, 150_000);
});
