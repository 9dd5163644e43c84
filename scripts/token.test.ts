/**
 * `npm run token` asks the issuer of the stack `npm start` would start with the same variables:
 * UPSTREAMS_PORT (and HOST) pick the simulators' issuer, never silently another stack's on 4010.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../lib/testing/ports.js';
import { repoPath } from '../lib/paths.js';
import { startInProcessSimulator, type InProcessSimulator } from '../upstreams/testing.js';

const run = promisify(execFile);
let simulator: InProcessSimulator;

beforeAll(async () => {
  simulator = await startInProcessSimulator();
});

afterAll(async () => {
  await simulator?.close();
});

/** The token script with `npm start`'s variables only (no AUTH_ISSUER). */
async function token(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { AUTH_ISSUER: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', repoPath('scripts', 'token.ts'), ...args], { env: { ...inherited, ...env }, cwd: repoPath() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run token', () => {
  it('takes a worker token from the issuer on UPSTREAMS_PORT', async () => {
    const port = new URL(simulator.baseUrl).port;
    const { code, stdout } = await token(['--worker', 'W000005'], { UPSTREAMS_PORT: port, HOST: '127.0.0.1' });
    expect(code).toBe(0);
    const claims = decodeJwt(stdout.trim());
    expect(claims.iss).toBe(`${simulator.baseUrl}/identity`);
    expect(claims.sub).toBe('W000005');
  });

  it('takes a partner token there too', async () => {
    const port = new URL(simulator.baseUrl).port;
    const { code, stdout } = await token(['--client', 'demo-counsellor', '--scope', 'cpf:read'], { UPSTREAMS_PORT: port });
    expect(code).toBe(0);
    expect(decodeJwt(stdout.trim())).toMatchObject({ iss: `${simulator.baseUrl}/identity`, sub: 'demo-counsellor', scope: 'cpf:read' });
  });

  it('names the issuer it tried when nothing answers on UPSTREAMS_PORT, instead of asking another stack', async () => {
    const port = String(await freePort());
    const { code, stdout, stderr } = await token(['--worker', 'W000005'], { UPSTREAMS_PORT: port });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`http://127.0.0.1:${port}/identity does not answer`);
  });
});
