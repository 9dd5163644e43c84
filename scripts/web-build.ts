import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../lib/paths.js';

/**
 * Builds "Mon CPA" (web/ → web/dist) when the build is missing or older than any of its sources,
 * so `npm start` and the browser tests always serve the app as it is in the tree.
 */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function webBuildIsStale(): boolean {
  const built = repoPath('web', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => existsSync(repoPath(source)) && newestMtime(repoPath(source)) > builtAt);
}

/** Runs `vite build` when needed; returns true when it built. */
export function ensureWebBuild(output: 'inherit' | 'pipe' = 'inherit'): boolean {
  if (!webBuildIsStale()) return false;
  if (output === 'inherit') process.stdout.write('Building the Mon CPA web app (web/ → web/dist)…\n');
  execFileSync(process.execPath, [repoPath('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', repoPath('web', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: repoPath(),
    stdio: output === 'inherit' ? 'inherit' : 'pipe',
  });
  return true;
}
