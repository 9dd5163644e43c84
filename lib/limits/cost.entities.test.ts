import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../paths.js';
import { estimateCost } from './cost.js';

/** The subgraph side of the estimate: an `_entities` fetch is priced by the representations the gateway sent. */
describe('estimateCost on a subgraph _entities fetch', () => {
  const schema = buildSubgraphSchema({ typeDefs: parse(readFileSync(repoPath('subgraphs', 'caisse-des-depots', 'schema.graphql'), 'utf8')) });
  const document = parse(`query($representations: [_Any!]!) { _entities(representations: $representations) { ... on TransitionPlan { paths { rank funding { cpf { cents explanation { ruleId legalBasis { text } } } } } } } }`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const cost = (representations: unknown[]) => estimateCost({ schema, document, operation, variables: { representations }, defaultListSize: 20, ignoreIntrospection: false });

  it('grows with the number of representations, one plan costing a twentieth of the old default', () => {
    const one = cost([{ __typename: 'TransitionPlan', id: 'a' }]);
    expect(cost(Array.from({ length: 20 }, (_, index) => ({ __typename: 'TransitionPlan', id: String(index) })))).toBe(20 * (one - 1) + 1);
    expect(one).toBeGreaterThan(1);
  });

  it('falls back to the default list size when the representations are not a list', () => {
    const twenty = cost(Array.from({ length: 20 }, () => ({ __typename: 'TransitionPlan', id: 'a' })));
    expect(estimateCost({ schema, document, operation, variables: {}, defaultListSize: 20, ignoreIntrospection: false })).toBe(twenty);
  });
});
