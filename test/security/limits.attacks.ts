import { describe, expect, it } from 'vitest';
import { codesOf, expectNoInternals, expectRefused, type AttackContext } from './fixture.js';

const aliases = (n: number, field: string, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${i}: ${field}`).join(' ');

/** A chain of `depth` single-item fields: only the depth limit can refuse it. */
const deep = (depth: number): string => {
  const hops = ['jobOffers(first: 1)', 'edges', 'node', 'occupation'];
  const chain = ['occupation(romeCode: "M1805")'];
  while (chain.length < depth - 1) chain.push(hops[(chain.length - 1) % hops.length] ?? 'node');
  return `{ ${chain.join(' { ')} { __typename }${' }'.repeat(chain.length)}`;
};

/** Issue #8 item 5, end to end: each abusive operation is refused by the gateway before any subgraph runs. */
export function limitAttacks(context: () => AttackContext): void {
  describe('query limits', () => {
    const refusedOperations: [string, string, Record<string, unknown>?][] = [
      ['deep nesting', deep(13)],
      ['deep nesting spread over fragments', `{ occupation(romeCode: "M1805") { ...A } } fragment A on Occupation { jobOffers(first: 1) { ...B } }
        fragment B on JobOfferConnection { edges { node { ... on JobOffer { occupation { ...A2 } } } } }
        fragment A2 on Occupation { jobOffers(first: 1) { edges { node { occupation { jobOffers(first: 1) { edges { node { title } } } } } } } }`],
      ['an alias flood', `{ occupation(romeCode: "M1805") { ${aliases(31, 'title')} } }`],
      ['a __typename alias flood', `{ ${aliases(31, '__typename')} }`],
      ['aliases split between a fragment and an inline fragment', `{ occupation(romeCode: "M1805") { ...F ... on Occupation { ${aliases(16, 'romeCode', 'b')} } } }
        fragment F on Occupation { ${aliases(16, 'title')} }`],
      ['a directive flood', `{ occupation(romeCode: "M1805") { ${Array.from({ length: 21 }, (_, i) => `t${i}: title @include(if: true)`).join(' ')} } }`],
      ['a token flood', `{ ${'__typename '.repeat(2_500)} }`],
      ['too many root fields', `{ ${aliases(11, 'occupation(romeCode: "M1805") { title }', 'o')} }`],
      ['an expensive fan-out', '{ occupations(search: "a", first: 100) { edges { node { relatedOccupations { jobOffers(first: 100) { edges { node { title } } } } } } } }'],
      ['an expensive fan-out through variables', 'query($n: Int) { occupations(search: "a", first: $n) { edges { node { jobOffers(first: $n) { edges { node { title } } } } } } }', { n: 100 }],
      ['huge variables', 'query($s: String!) { occupations(search: $s) { totalCount } }', { s: 'x'.repeat(30_000) }],
      ['introspection in production', '{ __schema { types { name fields { name } } } }'],
      ['type introspection in production', '{ __type(name: "Worker") { fields { name } } }'],
    ];
    for (const [name, query, variables] of refusedOperations) {
      it(`refuses ${name} with 400 BAD_USER_INPUT and no subgraph work`, async () => {
        const { ask, stack } = context();
        await stack.resetUpstreamCalls();
        expectRefused(await ask(query, variables), 400, 'BAD_USER_INPUT');
        expect((await stack.upstreamCalls()).total).toBe(0);
      });
    }

    it('gives no field suggestions in production', async () => {
      const { ask } = context();
      const result = await ask('{ ocupation(romeCode: "M1805") { titl } }');
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).not.toMatch(/Did you mean|"occupation"|"title"/);
    });

    it('answers a huge body 413 without reading it into GraphQL', async () => {
      const { raw, stack } = context();
      await stack.resetUpstreamCalls();
      const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } });
      const response = await raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(413);
      expect(JSON.parse(response.text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
      expect((await stack.upstreamCalls()).total).toBe(0);
    });

    it('refuses batched operations in one HTTP request', async () => {
      const { raw, stack } = context();
      await stack.resetUpstreamCalls();
      const batch = Array.from({ length: 50 }, () => ({ query: '{ occupation(romeCode: "M1805") { title } }' }));
      const response = await raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      expect(response.status).toBe(400);
      expect(codesOf({ status: 400, headers: response.headers, body: JSON.parse(response.text) as never })).toEqual(['BAD_USER_INPUT']);
      expectNoInternals(response.text);
      expect((await stack.upstreamCalls()).total).toBe(0);
    });

    it('refuses cross-site requests a browser would send without a preflight (CSRF)', async () => {
      const { raw, stack } = context();
      await stack.resetUpstreamCalls();
      const simplePost = await raw({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ occupation(romeCode: "M1805") { title } }' }) });
      const simpleGet = await raw({ method: 'GET', search: `?query=${encodeURIComponent('{ occupation(romeCode: "M1805") { title } }')}` });
      expect([simplePost.status, simpleGet.status]).toEqual([400, 400]);
      expect((await stack.upstreamCalls()).total).toBe(0);
    });

    it('still serves an ordinary query within every limit', async () => {
      const { ask } = context();
      const result = await ask('{ occupation(romeCode: "M1805") { title jobOffers(first: 5) { totalCount edges { node { title } } } } }');
      expect(result.status).toBe(200);
      expect(codesOf(result)).toEqual([]);
    });
  });
}
