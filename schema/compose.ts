import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { repoPath } from '../lib/paths.js';
import { SUBGRAPHS } from './subgraphs.js';

/**
 * Composes the supergraph from the three subgraph SDLs with @apollo/composition (no network,
 * no Rover). `--check` fails when the committed supergraph differs from the composition.
 */
const check = process.argv.includes('--check');
const target = repoPath('schema', 'supergraph.graphql');

const result = composeServices(
  SUBGRAPHS.map((subgraph) => ({
    name: subgraph.name,
    url: subgraph.defaultUrl,
    typeDefs: parse(readFileSync(repoPath('subgraphs', subgraph.folder, 'schema.graphql'), 'utf8')),
  })),
);

if (result.errors) {
  process.stderr.write(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}\n`);
  process.exit(1);
}
for (const hint of result.hints ?? []) process.stderr.write(`hint: ${hint.definition.code}: ${hint.message}\n`);

const composed = `${result.supergraphSdl.trim()}\n`;
if (check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    process.stderr.write('schema/supergraph.graphql is missing: run `npm run compose`.\n');
    process.exit(1);
  }
  if (committed !== composed) {
    process.stderr.write('schema/supergraph.graphql is out of date with the subgraph SDLs: run `npm run compose` and commit.\n');
    process.exit(1);
  }
  process.stdout.write('supergraph is up to date\n');
} else {
  writeFileSync(target, composed);
  process.stdout.write(`wrote ${target}\n`);
}
