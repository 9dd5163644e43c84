import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { maskError } from '../../../lib/errors/index.js';
import { repoPath } from '../../../lib/paths.js';
import { defaultSecurityConfig } from './config.js';
import { BOMBS } from './bomb.fixture.js';
import { queryLimits } from '../../../lib/limits/query-limits.js';

// build: two realms, and graphql refuses to mix them. Node itself loads one; so do we, here.

/**
 * The limits run against the real composed supergraph, through Apollo Server's own pipeline,
 * with subgraphs replaced by a counter: a refused operation must make zero subgraph fetches.
 */
let fetches = 0;
let server: ApolloServer;

async function startLimitedServer(introspection: boolean): Promise<ApolloServer> {
  const { limits } = defaultSecurityConfig(introspection);
  const protection = queryLimits(limits);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8'),
    buildService: () => ({
      process: async () => {
        fetches += 1;
        return { data: {} };
      },
    }),
  });
  const apollo = new ApolloServer({
    gateway,
    introspection,
    hideSchemaDetailsFromClientErrors: !introspection,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    maxRecursiveSelections: protection.maxRecursiveSelections,
    plugins: [protection.plugin],
    formatError: (formatted, error) => maskError(formatted, error),
  });
  await apollo.start();
  return apollo;
}

interface Outcome {
  status: number;
  codes: string[];
  messages: string[];
}

async function run(query: string, variables?: Record<string, unknown>, target: ApolloServer = server): Promise<Outcome> {
  const response = await target.executeOperation({ query, ...(variables ? { variables } : {}) });
  const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
  const errors = body?.errors ?? [];
  return { status: response.http.status ?? 200, codes: errors.map((e) => String(e.extensions?.['code'])), messages: errors.map((e) => e.message) };
}

async function expectRefused(query: string, pattern: RegExp, variables?: Record<string, unknown>): Promise<void> {
  const outcome = await run(query, variables);
  expect(outcome.status).toBe(400);
  expect(outcome.codes).toContain('BAD_USER_INPUT');
  expect(outcome.messages.join('\n')).toMatch(pattern);
  expect(fetches).toBe(0);
}

/** A chain of `depth` nested fields with single items (first: 1), so only the depth limit can refuse it. */
const nest = (depth: number): string => {
  const hops = ['jobOffers(first: 1)', 'edges', 'node', 'occupation'];
  const chain = ['occupation(romeCode: "M1805")'];
  while (chain.length < depth - 1) chain.push(hops[(chain.length - 1) % hops.length] ?? 'node');
  return `{ ${chain.join(' { ')} { __typename }${' }'.repeat(chain.length)}`;
};

beforeAll(async () => {
  server = await startLimitedServer(false);
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  fetches = 0;
});

describe('query limits at the gateway (composed supergraph)', () => {
  it('lets an ordinary query through to the subgraphs', async () => {
    const outcome = await run('{ occupation(romeCode: "M1805") { title jobOffers(first: 5) { totalCount edges { node { title } } } } }');
    expect(outcome.status).toBe(200);
    expect(fetches).toBeGreaterThan(0);
  });

  it('refuses deep nesting, also when hidden in fragments and inline fragments', async () => {
    expect((await run(nest(12))).status).toBe(200);
    fetches = 0;
    await expectRefused(nest(13), /depth limit of 12/);
    const viaFragments = `
      query Deep { occupation(romeCode: "M1805") { ...A } }
      fragment A on Occupation { relatedOccupations { ...B } }
      fragment B on Occupation { relatedOccupations { ... on Occupation { relatedOccupations { ...C } } } }
      fragment C on Occupation { relatedOccupations { relatedOccupations { relatedOccupations { relatedOccupations { relatedOccupations { relatedOccupations { relatedOccupations { relatedOccupations { title } } } } } } } } }`;
    await expectRefused(viaFragments, /depth limit/);
  });

  it('counts every alias, __typename included, through fragments', async () => {
    const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
    await expectRefused(`{ ${aliases(31, '__typename')} }`, /Aliases limit of 30/);
    await expectRefused(`{ occupation(romeCode: "M1805") { ${aliases(31, 'title')} } }`, /Aliases limit of 30/);
    const split = `{ occupation(romeCode: "M1805") { ...F ... on Occupation { ${aliases(16, 'romeCode').replace(/a(\d+)/g, 'b$1')} } } }
      fragment F on Occupation { ${aliases(16, 'title')} }`;
    await expectRefused(split, /Aliases limit of 30/);
  });

  it('refuses too many root fields, including through fragments', async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `o${i}: occupation(romeCode: "M180${i % 10}") { title }`);
    await expectRefused(`{ ${roots.join(' ')} }`, /Root fields limit of 10/);
    const viaFragment = `{ ...R ... on Query { a: __typename b: __typename } } fragment R on Query { ${roots.slice(0, 9).join(' ')} }`;
    await expectRefused(viaFragment, /Root fields limit of 10 exceeded, found 11/);
  });

  it('refuses fragment bombs before planning, with the selection count as the reason', async () => {
    await expectRefused(BOMBS.issue, /recursively requests too many selections/);
    // Ten times larger: the token limit or the selection limit refuses it, never a 10^57-field expansion.
    await expectRefused(BOMBS.tenTimes, /too many selections|Token limit|tokens/i);
  });

  it('refuses a directive flood', async () => {
    const flood = Array.from({ length: 21 }, (_, i) => `t${i}: title @include(if: true)`).join(' ');
    await expectRefused(`{ occupation(romeCode: "M1805") { ${flood} } }`, /Directives limit of 20/);
  });

  it('refuses a token flood while parsing', async () => {
    const outcome = await run(`{ ${'__typename '.repeat(2_100)} }`);
    expect(outcome.status).toBe(400);
    expect(outcome.codes).toEqual(['BAD_USER_INPUT']);
    expect(outcome.messages[0]).toMatch(/more than 2000 tokens|token/i);
    expect(fetches).toBe(0);
  });

  it('prices list sizes from first, from variables, and defaults a missing first to 20', async () => {
    const nested = (outer: string, inner: string, variables = '') =>
      `query Q${variables} { occupation(romeCode: "M1805") { relatedOccupations { jobOffers(first: ${outer}) { edges { node { title occupation { trainings(first: ${inner}) { edges { node { title } } } } } } } } } }`;
    expect((await run(nested('2', '2'))).status).toBe(200);
    fetches = 0;
    await expectRefused(nested('100', '100'), /cost limit of 10000/);
    const declared = '($n: Int, $m: Int)';
    await expectRefused(nested('$n', '$m', declared), /cost limit/, { n: 100, m: 100 });
    expect((await run(nested('$n', '$m', declared), { n: 2, m: 2 })).status).toBe(200);
    fetches = 0;
    // Left out, a page size is priced at the default (20 × 20 × 20 here), not at 1.
    await expectRefused(nested('$n', '$m', declared), /cost limit/, {});
    await expectRefused('query($n: Int = 100000) { jobOffers(filter: {}, first: $n) { edges { node { title } } } }', /cost limit/);
  });

  it('does not multiply totalCount by the page size', async () => {
    const outcome = await run('{ occupation(romeCode: "M1805") { relatedOccupations { jobOffers { totalCount } trainings { totalCount } certifications { title } } } }');
    expect(outcome.status).toBe(200);
  });

  it('refuses oversized variables', async () => {
    await expectRefused('query($s: String!) { occupations(search: $s) { totalCount } }', /Variables limit of 16384 bytes/, { s: 'x'.repeat(20_000) });
  });

  it('refuses documents carrying many operations', async () => {
    const document = Array.from({ length: 6 }, (_, i) => `query Q${i} { __typename }`).join('\n');
    const response = await server.executeOperation({ query: document, operationName: 'Q0' });
    expect(response.http.status).toBe(400);
    expect(fetches).toBe(0);
  });

  it('hides introspection and field suggestions when introspection is off', async () => {
    const introspection = await run('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.codes).toEqual(['BAD_USER_INPUT']);
    const typo = await run('{ ocupation(romeCode: "M1805") { title } }');
    expect(typo.messages.join(' ')).not.toMatch(/Did you mean|occupation"/);
    const enumTypo = await run('query($m: Modality) { trainings(filter: { modality: $m }) { totalCount } }', { m: 'IN_PERSN' });
    expect(enumTypo.messages.join(' ')).not.toMatch(/Did you mean|IN_PERSON/);
  });

  it('lets the standard introspection query through when introspection is enabled', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const open = await startLimitedServer(true);
    try {
      const outcome = await run(getIntrospectionQuery(), undefined, open);
      expect(outcome.codes).toEqual([]);
      expect(outcome.status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});
