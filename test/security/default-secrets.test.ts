import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEV_RATE_LIMIT_KEY_SECRET } from '../../lib/config/index.js';
import { repoPath } from '../../lib/paths.js';
import { freshSecret, productionSecrets } from './fixture.js';

/** Runs a service's entry point to its end: exit code and what it wrote to stderr. */
async function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', repoPath(entry)], {
    cwd: repoPath(),
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

/**
 * Issue #12 item 7, process level: a production gateway given the published rate-limit key secret
 * does not start; it exits non-zero with one line naming the variable (the value is not repeated).
 * Each variable is covered by lib/config/secrets.test.ts.
 */
describe('a production process refuses a published default secret', () => {
  it('the gateway with RATE_LIMIT_KEY_SECRET at its development default exits 78 with one line naming it', async () => {
    const { code, stderr } = await run('gateway/src/main.ts', {
      NODE_ENV: 'production',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'silent',
      ...productionSecrets(),
      SUBGRAPH_SIGNING_SECRETS: freshSecret(),
      RATE_LIMIT_KEY_SECRET: DEV_RATE_LIMIT_KEY_SECRET,
    });
    expect(code).toBe(78);
    expect(stderr.trim().split('\n')).toEqual(['Invalid configuration: RATE_LIMIT_KEY_SECRET is a published default: production needs its own secret']);
  }, 60_000);

  it('the france-travail subgraph without FT_CLIENT_SECRET exits 78 naming it', async () => {
    const secrets = productionSecrets();
    delete secrets['FT_CLIENT_SECRET'];
    const { code, stderr } = await run('subgraphs/france-travail/src/main.ts', { NODE_ENV: 'production', FT_SUBGRAPH_PORT: '0', LOG_LEVEL: 'silent', ...secrets, SUBGRAPH_SIGNING_SECRETS: freshSecret() });
    expect(code).toBe(78);
    expect(stderr.trim().split('\n')).toEqual(['Invalid configuration: FT_CLIENT_SECRET is missing: production needs its own secret']);
  }, 60_000);
});
