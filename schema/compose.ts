import { readFileSync, writeFileSync } from 'node:fs';
import { repoPath } from '../lib/paths.js';
import { committedSubgraphs, composeSupergraph } from './composition.js';

/**
 * `npm run compose` writes schema/supergraph.graphql from the three subgraph SDLs;
 * `npm run compose:check` fails when the committed supergraph differs from the composition.
 */
const check = process.argv.includes('--check');
const target = repoPath('schema', 'supergraph.graphql');
const result = composeSupergraph(committedSubgraphs());

if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((error) => `- ${error}`).join('\n')}\n`);
  process.exit(1);
}
for (const hint of result.hints) process.stderr.write(`hint: ${hint}\n`);

if (check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    process.stderr.write('schema/supergraph.graphql is missing: run `npm run compose`.\n');
    process.exit(1);
  }
  if (committed !== result.supergraphSdl) {
    process.stderr.write('schema/supergraph.graphql is out of date with the subgraph SDLs: run `npm run compose` and commit.\n');
    process.exit(1);
  }
  process.stdout.write('supergraph is up to date\n');
} else {
  writeFileSync(target, result.supergraphSdl);
  process.stdout.write(`wrote ${target}\n`);
}
