/** docs/clients/type-policies.ts normalises every entity of the public schema by its supergraph key. */
import { readFileSync } from 'node:fs';
import { InMemoryCache } from '@apollo/client';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../lib/paths.js';
import { ENTITY_KEYS, typePolicies } from '../../docs/clients/type-policies.js';

/** Entity → key, from the `@join__type(…, key: "…")` directives of the composed supergraph. */
function supergraphKeys(): Record<string, string> {
  const sdl = readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8');
  const keys: Record<string, string> = {};
  for (const block of sdl.matchAll(/^type (\w+)([^{]*)\{/gm)) {
    const key = /key: "([^"]+)"/.exec(block[2] ?? '')?.[1];
    if (block[1] && key) keys[block[1]] = key;
  }
  return keys;
}

describe('Apollo typePolicies for clients', () => {
  it('has keyFields for every entity, equal to its federation key, and every such type is public', () => {
    const keys = supergraphKeys();
    expect(Object.keys(keys).length).toBeGreaterThan(5);
    expect(Object.fromEntries(Object.entries(ENTITY_KEYS).map(([type, fields]) => [type, fields.join(' ')]))).toEqual(keys);
    const api = buildSchema(readFileSync(repoPath('schema', 'api.graphql'), 'utf8'));
    for (const type of Object.keys(keys)) {
      expect(isObjectType(api.getType(type)), type).toBe(true);
      expect(typePolicies[type]?.keyFields, type).toEqual(keys[type]?.split(' '));
    }
  });

  it('identifies an entity by its key in a real InMemoryCache', () => {
    const cache = new InMemoryCache({ typePolicies });
    expect(cache.identify({ __typename: 'Company', siret: '73282932000074', name: 'x' })).toBe('Company:{"siret":"73282932000074"}');
    expect(cache.identify({ __typename: 'Occupation', romeCode: 'M1805' })).toBe('Occupation:{"romeCode":"M1805"}');
  });
});
