import { execFileSync } from 'node:child_process';

/**
 * Whole-stack tests that drive Debian binaries (redis-server, nginx) run whenever the binary is
 * installed. A developer without it sees why the suite is skipped; in CI (`CI=true`, where .ci/run
 * installs them) a missing binary is a failure, never a silent skip.
 */
export function binaryMissing(name: string): string | undefined {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return undefined;
  } catch {
    const reason = `${name} is not installed (apt-get install ${name === 'redis-server' ? 'redis-server' : name}); skipping the tests that need it`;
    if (process.env['CI'] === 'true') throw new Error(`${reason.split(';')[0]}, and CI must run these tests`);
    process.stderr.write(`SKIP: ${reason}\n`);
    return reason;
  }
}
