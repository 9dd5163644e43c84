import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTypenameToDocument } from '@apollo/client/utilities';
import { buildSchema, Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { canonicalBody, sha256, type ManifestOperation, type PersistedManifest } from '../gateway/src/persisted/manifest.js';
import { repoPath } from '../lib/paths.js';

/**
 * `npm run safelist` writes schema/persisted-operations.json (the `PERSISTED_OPERATIONS=safelist`
 * manifest) from the repository's own operations: the web app's (web/src, as codegen's client preset
 * generated them, both as written and with the `__typename` fields Apollo Client adds), the
 * benchmark queries (bench/queries/*.graphql) and the example operations of docs/graph.md and the
 * README. Every operation must validate against schema/api.graphql; schema blocks in the docs are
 * skipped. `npm run safelist:check` fails when the committed file differs (CI, like compose:check).
 */
const MANIFEST = repoPath('schema', 'persisted-operations.json');
const schema = buildSchema(readFileSync(repoPath('schema', 'api.graphql'), 'utf8'));

interface Candidate {
  document: DocumentNode;
  source: string;
}

const isExecutable = (document: DocumentNode): boolean =>
  document.definitions.length > 0 && document.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION);

/** ```graphql blocks of a Markdown file that are operations (type definitions are skipped). */
function markdownOperations(file: string): Candidate[] {
  const text = readFileSync(repoPath(file), 'utf8');
  const candidates: Candidate[] = [];
  let index = 0;
  for (const match of text.matchAll(/^[ \t]*```graphql\n([\s\S]*?)^[ \t]*```/gm)) {
    index += 1;
    let document: DocumentNode;
    try {
      document = parse(match[1] ?? '');
    } catch {
      continue;
    }
    if (isExecutable(document)) candidates.push({ document, source: `${file} block ${index}` });
  }
  return candidates;
}

function benchOperations(): Candidate[] {
  const folder = repoPath('bench', 'queries');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ document: parse(readFileSync(join(folder, file), 'utf8')), source: `bench/queries/${file}` }));
}

/** The web app's operations: the documents codegen generated (web/src/gql/graphql.ts), fragments inlined. */
async function webOperations(): Promise<Candidate[]> {
  const generated = (await import('../web/src/gql/graphql.js')) as Record<string, unknown>;
  const candidates: Candidate[] = [];
  for (const [name, value] of Object.entries(generated).sort(([a], [b]) => a.localeCompare(b))) {
    const document = value as DocumentNode;
    if (!name.endsWith('Document') || document?.kind !== Kind.DOCUMENT) continue;
    candidates.push({ document, source: `web/src/gql/graphql.ts ${name}` });
    // What Apollo Client actually sends: its cache adds __typename to every selection set.
    candidates.push({ document: addTypenameToDocument(document), source: `web/src/gql/graphql.ts ${name} (+__typename)` });
  }
  return candidates;
}

async function build(): Promise<PersistedManifest> {
  const candidates = [...(await webOperations()), ...benchOperations(), ...markdownOperations('docs/graph.md'), ...markdownOperations('README.md')];
  const operations = new Map<string, ManifestOperation>();
  for (const { document, source } of candidates) {
    const errors = validate(schema, document);
    if (errors.length > 0) throw new Error(`${source} does not validate against schema/api.graphql: ${errors[0]?.message ?? ''}`);
    const body = canonicalBody(document);
    const id = sha256(body);
    if (operations.has(id)) continue;
    const definitions = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const name = definitions.map((definition) => definition.name?.value ?? 'anonymous').join('+');
    operations.set(id, { id, name, type: definitions[0]?.operation ?? 'query', body, source });
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: [...operations.values()] };
}

const text = `${JSON.stringify(await build(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(MANIFEST, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== text) {
    process.stderr.write('schema/persisted-operations.json is out of date with the repository\'s operations: run `npm run safelist` and commit.\n');
    process.exit(1);
  }
  process.stdout.write('persisted operations are up to date\n');
} else {
  writeFileSync(MANIFEST, text);
  process.stdout.write(`wrote schema/persisted-operations.json (${JSON.parse(text).operations.length} operations)\n`);
}
