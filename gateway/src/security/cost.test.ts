import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../../lib/paths.js';
import { fragmentBomb } from './bomb.fixture.js';
import { estimateCost } from '../../../lib/limits/cost.js';
import { listSizeHints } from '../../../lib/limits/list-size.js';

let schema: GraphQLSchema;

beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8') });
  schema = (await gateway.load()).schema;
  await gateway.stop();
});

function cost(query: string, variables?: Record<string, unknown>, listSizes?: ReadonlyMap<string, number>): number {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  return estimateCost({ schema, document, operation, variables, defaultListSize: 20, ignoreIntrospection: false, ...(listSizes ? { listSizes } : {}) });
}

describe("the supergraph's @listSize hints (lib/limits/list-size.ts)", () => {
  const hints = listSizeHints(parse(readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8')));

  it('are composed into the supergraph from the subgraph SDLs', () => {
    expect(Object.fromEntries(hints)).toEqual({ 'Explanation.legalBasis': 8, 'Explanation.inputs': 8 });
  });

  it('price a list the client cannot page at its hint instead of the default size', () => {
    const query = '{ me { activityAccount { cpf { ceiling { explanation { legalBasis { text article } inputs { name } } } } } } }';
    // me, activityAccount, cpf, ceiling, explanation (5) + legalBasis (1 + n × 2) + inputs (1 + n × 1)
    expect(cost(query)).toBe(5 + (1 + 20 * 2) + (1 + 20));
    expect(cost(query, {}, hints)).toBe(5 + (1 + 8 * 2) + (1 + 8));
  });

  it('never replace a count the client asked for', () => {
    const query = '{ occupation(romeCode: "M1805") { jobOffers(first: 50) { edges { node { title } } } } }';
    expect(cost(query, {}, new Map([['Occupation.jobOffers', 2]]))).toBe(cost(query));
  });
});

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

  it('counts a single object once even when it takes a first (it sizes a list inside it)', () => {
    // me 1 + transitions (1 + id 1): the plan is one object; first: 5 bounds its paths, not the plan.
    expect(cost('{ me { transitions(to: "M1805", first: 5) { id } } }')).toBe(3);
    expect(cost('{ me { transitions(to: "M1805", first: 5) { paths(first: 5) { rank } } } }')).toBe(1 + 1 + (1 + 5 * 1));
    // Its lists without their own first are priced at no less than the plan's first.
    expect(cost('{ me { transitions(to: "M1805", first: 50) { paths { rank } } } }')).toBe(1 + 1 + (1 + 50 * 1));
    expect(cost('{ me { transitions(to: "M1805", first: 5) { paths { rank } } } }')).toBe(1 + 1 + (1 + 20 * 1));
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
