import { readFileSync, writeFileSync } from 'node:fs';
import { repoPath } from '../lib/paths.js';
import { committedSubgraphs, composeSupergraph } from './composition.js';

/**
 * `npm run compose` writes schema/supergraph.graphql (what gateways and routers load) and
 * schema/api.graphql (the public schema for clients and codegen) from the three subgraph SDLs;
 * `npm run compose:check` fails when either committed file differs from the composition.
 */
const check = process.argv.includes('--check');
const result = composeSupergraph(committedSubgraphs());

if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((error) => `- ${error}`).join('\n')}\n`);
  process.exit(1);
}
for (const hint of result.hints) process.stderr.write(`hint: ${hint}\n`);

const artefacts = [
  { file: 'supergraph.graphql', text: result.supergraphSdl },
  { file: 'api.graphql', text: result.apiSdl },
];

if (check) {
  for (const { file, text } of artefacts) {
    let committed = '';
    try {
      committed = readFileSync(repoPath('schema', file), 'utf8');
    } catch {
      process.stderr.write(`schema/${file} is missing: run \`npm run compose\`.\n`);
      process.exit(1);
    }
    if (committed !== text) {
      process.stderr.write(`schema/${file} is out of date with the subgraph SDLs: run \`npm run compose\` and commit.\n`);
      process.exit(1);
    }
  }
  process.stdout.write('supergraph and api schema are up to date\n');
} else {
  for (const { file, text } of artefacts) {
    writeFileSync(repoPath('schema', file), text);
    process.stdout.write(`wrote schema/${file}\n`);
  }
}
