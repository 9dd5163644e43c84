import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let current = start;
  for (;;) {
    if (existsSync(join(current, 'package.json')) && existsSync(join(current, 'lib'))) return current;
    const parent = dirname(current);
    if (parent === current) throw new Error(`cpa-graph root not found above ${start}`);
    current = parent;
  }
}

/** The repository root, found from this file whether it runs from sources or from dist/. */
export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, from its root. Works from `src` (tsx) and from `dist/` (built). */
export function repoPath(...parts: string[]): string {
  const direct = join(REPO_ROOT, ...parts);
  if (existsSync(direct)) return direct;
  // Running from dist/: non-TS assets (SDL, data) stay at the repository root one level up.
  const parent = join(REPO_ROOT, '..', ...parts);
  return existsSync(parent) ? parent : direct;
}
