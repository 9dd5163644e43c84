import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../../lib/paths.js';
import { fragmentBomb } from './bomb.fixture.js';
import { estimateCost } from '../../../lib/limits/cost.js';


let schema: GraphQLSchema;

beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8') });
  schema = (await gateway.load()).schema;
  await gateway.stop();
});

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  return estimateCost({ schema, document, operation, variables, defaultListSize: 20, ignoreIntrospection: false });
}

describe('static cost estimate on the composed supergraph', () => {
  it('charges one per field and multiplies lists by their default size', () => {
    expect(cost('{ occupation(romeCode: "M1805") { title } }')).toBe(2);
    // occupation (1) + relatedOccupations (1 + 20 × title)
    expect(cost('{ occupation(romeCode: "M1805") { relatedOccupations { title } } }')).toBe(1 + 1 + 20);
  });

  it('multiplies a connection’s edges by first, not its totalCount', () => {
    // occupation 1 + jobOffers 1 + totalCount 1 + edges (1 + 5 × node (1 + title 1))
    expect(cost('{ occupation(romeCode: "M1805") { jobOffers(first: 5) { totalCount edges { node { title } } } } }')).toBe(1 + 1 + 1 + (1 + 5 * 2));
    expect(cost('{ occupation(romeCode: "M1805") { jobOffers { totalCount } } }')).toBe(3);
  });

  it('reads first from variables, their defaults, and prices a missing one at the default', () => {
    const query = 'query($n: Int) { occupation(romeCode: "M1805") { jobOffers(first: $n) { edges { node { title } } } } }';
    expect(cost(query, { n: 5 })).toBe(cost('{ occupation(romeCode: "M1805") { jobOffers(first: 5) { edges { node { title } } } } }'));
    expect(cost(query, {})).toBe(cost('{ occupation(romeCode: "M1805") { jobOffers(first: 20) { edges { node { title } } } } }'));
    expect(cost('query($n: Int = 7) { jobOffers(filter: {}, first: $n) { edges { node { title } } } }')).toBe(cost('{ jobOffers(filter: {}, first: 7) { edges { node { title } } } }'));
    expect(cost(query, { n: '100' })).toBe(cost(query, {}));
  });

  it('prices fragments and inline fragments exactly like the same fields inline', () => {
    const inline = '{ occupation(romeCode: "M1805") { title relatedOccupations { title jobOffers(first: 3) { edges { node { title } } } } } }';
    const spread = `{ occupation(romeCode: "M1805") { ...O } }
      fragment O on Occupation { title relatedOccupations { ... on Occupation { title } ...J } }
      fragment J on Occupation { jobOffers(first: 3) { ...E } }
      fragment E on JobOfferConnection { edges { node { title } } }`;
    expect(cost(spread)).toBe(cost(inline));
  });

  it('makes every alias pay', () => {
    expect(cost('{ a: occupation(romeCode: "M1805") { title } b: occupation(romeCode: "M1805") { title } }')).toBe(4);
  });
});

describe('fragment bombs (issue #12)', () => {
  it('visits each fragment once, whatever the number of expanded fields', () => {
    for (const [levels, spreads] of [
      [8, 10],
      [45, 20],
    ] as const) {
      const query = fragmentBomb(levels, spreads);
      const stats = { visits: 0 };
      const document = parse(query);
      const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
      if (!operation) throw new Error('no operation');
      const total = estimateCost({ schema, document, operation, variables: {}, defaultListSize: 20, ignoreIntrospection: false, stats });
      // The price is still the expanded one (spreads^(levels-1) titles + the root field)…
      expect(total).toBeCloseTo(1 + spreads ** (levels - 1), -Math.floor(Math.log10(spreads ** (levels - 1))) + 6);
      // …but the work is one visit per selection written in the document.
      expect(stats.visits).toBeLessThanOrEqual(1 + (levels - 1) * spreads + 1 + 1);
    }
  });
});
