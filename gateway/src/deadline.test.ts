import { describe, expect, it } from 'vitest';
import { timedOutFetch } from './deadline.js';

describe('a subgraph fetch cut by the deadline', () => {
  it('answers one UPSTREAM_TIMEOUT per root field, with its path (aliases kept)', () => {
    const response = timedOutFetch('query($a: ID!) { jobOffer(id: $a) { id } offers: jobOffers(filter: {}) { totalCount } }', {}, 'france-travail');
    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([
      [['jobOffer'], 'UPSTREAM_TIMEOUT'],
      [['offers'], 'UPSTREAM_TIMEOUT'],
    ]);
  });

  it('answers one error per entity representation, for the gateway to place', () => {
    const response = timedOutFetch('query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', { representations: [{}, {}, {}] }, 'france-travail');
    expect(response.errors?.map((error) => error.path)).toEqual([
      ['_entities', 0],
      ['_entities', 1],
      ['_entities', 2],
    ]);
  });
});
