import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoPath } from '../lib/paths.js';

/**
 * Bundles service entry points for the processes `startStack` runs: each entry and the repository's
 * own TypeScript it imports become one ES module (esbuild, the same transform tsx applies), while
 * every npm package stays an import that Node's own loader resolves from the repository's
 * node_modules. A service then starts without a module-loader hook: under `node --import tsx` every
 * one of the ~2,000 modules a subgraph loads, npm packages included, went through tsx's resolve and
 * load hooks on Node's loader thread, about half of a process's start-up CPU.
 *
 * The bundles go to a new directory under `.cache/build/` (gitignored) per call, so two stacks
 * starting at once (two test workers) never read each other's half-written files; the caller
 * removes it with `dispose`. Files the services read at run time are found from the repository
 * root (lib/paths.ts), never beside the module, so they are the same from a bundle. Source maps are
 * linked; the processes run with `--enable-source-maps`, so stack traces name the .ts lines.
 */
export interface ServiceBuild {
  /** The bundle of each entry (a repository-relative .ts path), as an absolute .js path. */
  file: (entry: string) => string;
  dispose: () => Promise<void>;
}

export async function buildServices(entries: readonly string[]): Promise<ServiceBuild> {
  const root = repoPath('.cache', 'build');
  await mkdir(root, { recursive: true });
  const outdir = await mkdtemp(join(root, 'stack-'));
  try {
    await build({
      entryPoints: entries.map((entry) => repoPath(entry)),
      outdir,
      outbase: repoPath(),
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
  } catch (error) {
    await rm(outdir, { recursive: true, force: true });
    throw error;
  }
  return {
    file: (entry) => join(outdir, entry.replace(/\.ts$/, '.js')),
    dispose: async () => await rm(outdir, { recursive: true, force: true }),
  };
}
