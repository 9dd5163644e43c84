import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { registry } from '../metrics/index.js';
import { queryLimits } from './query-limits.js';

const estimates = async (): Promise<number> => (await registry.getSingleMetric('query_cost_estimates_total')?.get())?.values[0]?.value ?? 0;

describe('query cost estimated once per document', () => {
  it('prices a document once per numeric-variables key, whatever its other variables', async () => {
    const protection = queryLimits({
      maxDepth: 10, maxAliases: 10, maxRootFields: 5, maxTokens: 1000, maxDirectives: 5, maxCost: 50,
      maxRecursiveSelections: 100, defaultListSize: 20, maxVariablesBytes: 1000, maxOperations: 2, introspection: false,
    });
    const server = new ApolloServer({
      typeDefs: 'type Query { items(first: Int, search: String): [Item!]! } type Item { name: String }',
      resolvers: { Query: { items: () => [{ name: 'a' }] } },
      validationRules: protection.validationRules,
      plugins: [protection.plugin],
    });
    await server.start();
    try {
      const query = 'query Items($first: Int, $search: String) { items(first: $first, search: $search) { name } }';
      const before = await estimates();
      for (const search of ['a', 'b', 'c']) {
        const response = await server.executeOperation({ query, variables: { first: 2, search } });
        expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeFalsy();
      }
      expect((await estimates()) - before).toBe(1);
      // Another count is another price: estimated, and refused above the limit.
      const refused = await server.executeOperation({ query, variables: { first: 100, search: 'a' } });
      expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const again = await server.executeOperation({ query, variables: { first: 100, search: 'z' } });
      expect(again.body.kind === 'single' && again.body.singleResult.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect((await estimates()) - before).toBe(2);
    } finally {
      await server.stop();
    }
  });
});
