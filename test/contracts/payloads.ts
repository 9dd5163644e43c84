import { readdirSync, readFileSync } from 'node:fs';
import { repoPath } from '../../lib/paths.js';

/**
 * The payloads collected from public repositories that call the real operators (issue #13),
 * copied from the shared data folder with their source notes (`sources.json`: repo@commit and
 * path of each). The contract tests feed every one of them through its operator's client.
 */
export const PAYLOADS = repoPath('test', 'contracts', 'payloads');

export const payloadFiles = (folder: string): string[] => readdirSync(`${PAYLOADS}/${folder}`).filter((name) => !name.startsWith('.')).sort();

export const payloadBytes = (path: string): Buffer => readFileSync(`${PAYLOADS}/${path}`);

export const payloadJson = (path: string): unknown => JSON.parse(payloadBytes(path).toString('utf8')) as unknown;

/** Every file a contract test went through, per folder, so a test can check none was left out. */
export function coverage() {
  const seen = new Map<string, Set<string>>();
  return {
    use(path: string): string {
      const [folder = '', name = ''] = path.split('/');
      const names = seen.get(folder) ?? new Set<string>();
      names.add(name);
      seen.set(folder, names);
      return path;
    },
    missing(folder: string): string[] {
      return payloadFiles(folder).filter((name) => !seen.get(folder)?.has(name));
    },
  };
}
