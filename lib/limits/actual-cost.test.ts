import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { actualCost } from './actual-cost.js';
import { estimateCost } from './cost.js';

const schema = buildSchema(`
  type Query { trainings(first: Int): TrainingConnection! me: Worker }
  type TrainingConnection { totalCount: Int! edges: [TrainingEdge!]! }
  type TrainingEdge { node: Training! }
  type Training { id: ID! title: String! sessions: [Session!]! }
  type Session { start: String }
  type Worker { id: ID! }
`);
const QUERY = '{ trainings(first: 3) { totalCount edges { node { id title sessions { start } } } } me { id } }';
const estimate = (query: string) => {
  const document = parse(query);
  return estimateCost({ schema, document, operation: document.definitions[0] as OperationDefinitionNode, variables: {}, defaultListSize: 2, ignoreIntrospection: false });
};
const training = (id: string, sessions: number) => ({ node: { id, title: `T${id}`, sessions: Array.from({ length: sessions }, () => ({ start: '2027-01-01' })) } });

describe('actual cost of an answer', () => {
  it('equals the estimate when every list comes back as long as the estimate assumed', () => {
    const full = { trainings: { totalCount: 9, edges: [training('1', 2), training('2', 2), training('3', 2)] }, me: { id: 'W1' } };
    expect(actualCost(full)).toBe(estimate(QUERY));
  });

  it('counts the items that came back: fewer results cost less, nulls cost their field only', () => {
    const short = { trainings: { totalCount: 1, edges: [training('1', 0)] }, me: null };
    const full = { trainings: { totalCount: 9, edges: [training('1', 2), training('2', 2), training('3', 2)] }, me: { id: 'W1' } };
    expect(actualCost(short)).toBeLessThan(actualCost(full));
    // trainings + totalCount + edges + node + id + title + sessions, then me.
    expect(actualCost(short)).toBe(8);
    expect(actualCost(null)).toBe(0);
  });
});
