import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, print, type DocumentNode } from 'graphql';

/**
 * The persisted-operation safelist (issue #12 item 4), in Apollo's persisted query manifest format
 * (`apollo-persisted-query-manifest`, version 1). Each operation's `body` is the document in
 * graphql-js's canonical print and its `id` is the SHA-256 of that body, so a listed operation is
 * recognised whatever whitespace or comments the client sent it with (`operationId`), and a
 * hash-only request (APQ protocol) finds its body here. Written by `npm run safelist` from the
 * repository's own operations (scripts/safelist.ts); committed as schema/persisted-operations.json.
 */
export interface ManifestOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
  /** Where the operation comes from in this repository (file, and block or export). */
  source: string;
}

export interface PersistedManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The canonical text of a document: what the manifest lists and hashes. */
export const canonicalBody = (document: DocumentNode): string => print(document);

/** The id a document is listed under. */
export const operationId = (document: DocumentNode): string => sha256(canonicalBody(document));

export interface Safelist {
  has(id: string): boolean;
  /** Operation names of the manifest (the only operation labels in metrics). */
  readonly names: ReadonlySet<string>;
  body(id: string): string | undefined;
  readonly size: number;
}

export function safelistFrom(manifest: PersistedManifest): Safelist {
  const byId = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  const names = new Set(manifest.operations.flatMap((operation) => operation.name.split('+')));
  return { has: (id) => byId.has(id), body: (id) => byId.get(id), size: byId.size, names };
}

export function readManifest(path: string): PersistedManifest {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as PersistedManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${path} is not an Apollo persisted query manifest (version 1)`);
  }
  for (const operation of manifest.operations) {
    if (sha256(operation.body) !== operation.id || canonicalBody(parse(operation.body)) !== operation.body) {
      throw new Error(`${path}: operation ${operation.name} does not match its id (run npm run safelist)`);
    }
  }
  return manifest;
}
