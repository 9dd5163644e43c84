import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { repoPath } from '../lib/paths.js';
import { SUBGRAPHS } from './subgraphs.js';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/**
 * `supergraphSdl` is what gateways load; `apiSdl` is the public schema clients see (no `join__`/`link__`
 * internals, no federation fields), sorted so that its diff reads as the contract's changes.
 */
export type CompositionResult =
  | { ok: true; supergraphSdl: string; apiSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

/** The subgraphs' SDLs as committed. */
export function committedSubgraphs(): SubgraphSource[] {
  return SUBGRAPHS.map((subgraph) => ({
    name: subgraph.name,
    url: subgraph.defaultUrl,
    sdl: readFileSync(repoPath('subgraphs', subgraph.folder, subgraph.schemaFile), 'utf8'),
  }));
}

/** Composes a Federation 2 supergraph with @apollo/composition: no network, no Rover. */
export function composeSupergraph(subgraphs: SubgraphSource[]): CompositionResult {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })));
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return {
    ok: true,
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    apiSdl: `${printSchema(lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema())).trim()}\n`,
    hints: (result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}
