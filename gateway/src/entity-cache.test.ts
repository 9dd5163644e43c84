import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { describe, expect, it } from 'vitest';
import { sourcesSeen, withSourceLog } from '../../lib/provenance/sources.js';
import type { GatewayContext } from './context.js';
import { createEntityCache } from './entity-cache.js';

/**
 * The entity cache's contract (entity-cache.ts), against a stand-in subgraph that records which
 * representations it was asked for: only the missing ones go out, answers come back in the
 * gateway's order with error paths moved back, and nothing but a public, fresh, error-free answer
 * is ever stored. Counted, never timed.
 */
const URL = 'http://catalogue.test/graphql';
const SELECTION = '($representations:[_Any!]!){_entities(representations:$representations){...on Training{outcomes{returnToWorkRate}}}}';
const training = (id: string) => ({ __typename: 'Training', id });

interface Asked {
  representations: unknown[];
}

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

function options(ids: string[], name = 'TrainingFinder__france_travail__2', restrictions: unknown[] = []): Options {
  return {
    kind: 'incoming operation',
    request: { query: `query ${name}${SELECTION}`, variables: { representations: ids.map(training) } },
    context: {},
    incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => restrictions.push(hint) } },
  } as unknown as Options;
}

/** A subgraph answering each representation with its id, under the given headers. */
function subgraph(headers: Record<string, string> = { 'cache-control': 'max-age=60, public' }, errorAt?: number) {
  const asked: Asked[] = [];
  const fetch = async (sent: Options): Promise<GatewayGraphQLResponse> => {
    const representations = (sent.request.variables?.['representations'] ?? []) as Array<{ id: string }>;
    asked.push({ representations });
    return {
      data: { _entities: representations.map((r) => ({ __typename: 'Training', outcomes: { returnToWorkRate: r.id.length, of: r.id } })) },
      ...(errorAt === undefined ? {} : { errors: [{ message: 'upstream failed', path: ['_entities', errorAt, 'outcomes'] }] }),
      http: { headers: new Headers(headers) },
    } as unknown as GatewayGraphQLResponse;
  };
  return { asked, fetch };
}

const ofs = (response: GatewayGraphQLResponse) => ((response.data as { _entities: Array<{ outcomes: { of: string } } | null> })._entities).map((entity) => entity?.outcomes.of ?? null);

describe('gateway entity cache', () => {
  it('asks the subgraph only for entities it does not hold, and answers in the gateway’s order', async () => {
    const cache = createEntityCache({ maxBytes: 1 << 20, maxTtlSeconds: 60 });
    const { asked, fetch } = subgraph();
    await cache.process('france-travail', URL, options(['a', 'b', 'c']), fetch);
    const second = await cache.process('france-travail', URL, options(['d', 'b', 'e', 'a']), fetch);
    expect(asked.map((call) => call.representations)).toEqual([[training('a'), training('b'), training('c')], [training('d'), training('e')]]);
    expect(ofs(second)).toEqual(['d', 'b', 'e', 'a']);
    // All held: no fetch at all. Another client operation with the same selection shares the entries.
    const third = await cache.process('france-travail', URL, options(['c', 'e'], 'Other__france_travail__1'), fetch);
    expect(asked).toHaveLength(2);
    expect(ofs(third)).toEqual(['c', 'e']);
  });

  it('moves an error of the reduced fetch back to its entity in the gateway’s fetch, and stores nothing from it', async () => {
    const cache = createEntityCache({ maxBytes: 1 << 20, maxTtlSeconds: 60 });
    await cache.process('france-travail', URL, options(['a']), subgraph().fetch);
    const failing = subgraph({ 'cache-control': 'max-age=60, public' }, 1);
    const answer = await cache.process('france-travail', URL, options(['a', 'x', 'y']), failing.fetch);
    expect(failing.asked[0]?.representations).toEqual([training('x'), training('y')]);
    // Index 1 of the reduced fetch (y) is index 2 of the gateway's.
    expect(answer.errors?.map((error) => error.path)).toEqual([['_entities', 2, 'outcomes']]);
    expect(ofs(answer)).toEqual(['a', 'x', 'y']);
    const again = subgraph();
    await cache.process('france-travail', URL, options(['x', 'y']), again.fetch);
    expect(again.asked[0]?.representations).toEqual([training('x'), training('y')]);
  });

  it.each([
    ['no-store (personal data)', { 'cache-control': 'no-store' }],
    ['private', { 'cache-control': 'max-age=60, private' }],
    ['max-age=0', { 'cache-control': 'max-age=0, public' }],
    ['no cache-control', {}],
    ['a stale part', { 'cache-control': 'max-age=60, public', 'x-cpa-stale': 'anotea' }],
    ['a source read per request', { 'cache-control': 'max-age=60, public', 'x-cpa-sources': JSON.stringify([{ operator: 'anotea', fetchedAt: Date.now(), ttlSeconds: null, stale: false }]) }],
    ['a malformed sources header', { 'cache-control': 'max-age=60, public', 'x-cpa-sources': '{not json' }],
  ])('never stores an answer with %s', async (_, headers) => {
    const cache = createEntityCache({ maxBytes: 1 << 20, maxTtlSeconds: 60 });
    const { asked, fetch } = subgraph(headers);
    await cache.process('caisse-des-depots', URL, options(['a', 'b']), fetch);
    await cache.process('caisse-des-depots', URL, options(['a', 'b']), fetch);
    expect(asked).toHaveLength(2);
  });

  it('lets an entry live no longer than the hint, the cap or its sources’ freshness', async () => {
    let now = 1_000_000;
    const cache = createEntityCache({ maxBytes: 1 << 20, maxTtlSeconds: 30, now: () => now });
    const sources = JSON.stringify([{ operator: 'france-travail', fetchedAt: now - 5_000, ttlSeconds: 20, stale: false }]);
    const { asked, fetch } = subgraph({ 'cache-control': 'max-age=60, public', 'x-cpa-sources': sources });
    await cache.process('france-travail', URL, options(['a']), fetch);
    now += 14_000;
    await cache.process('france-travail', URL, options(['a']), fetch);
    expect(asked).toHaveLength(1);
    // The source ends 15 s after the fetch, before the cap (30 s) and the hint (60 s).
    now += 1_500;
    await cache.process('france-travail', URL, options(['a']), fetch);
    expect(asked).toHaveLength(2);
  });

  it('replays the hits’ sources and restricts the request’s cache policy to what is left of their life', async () => {
    let now = 2_000_000;
    const cache = createEntityCache({ maxBytes: 1 << 20, maxTtlSeconds: 60, now: () => now });
    const sources = [{ operator: 'anotea', fetchedAt: now, ttlSeconds: 3_600, stale: false }];
    await cache.process('france-travail', URL, options(['a']), subgraph({ 'cache-control': 'max-age=60, public', 'x-cpa-sources': JSON.stringify(sources) }).fetch);
    now += 20_000;
    const restrictions: unknown[] = [];
    const seen = await withSourceLog(async () => {
      await cache.process('france-travail', URL, options(['a'], 'Again', restrictions), subgraph().fetch);
      return sourcesSeen();
    });
    expect(seen).toEqual(sources);
    expect(restrictions).toEqual([{ maxAge: 40, scope: 'PUBLIC' }]);
  });

  it('passes any other fetch through untouched', async () => {
    const cache = createEntityCache({ maxBytes: 1 << 20, maxTtlSeconds: 60 });
    const root = { ...options([]), request: { query: 'query Finder__training_catalog__0{trainings{totalCount}}', variables: {} } } as Options;
    const sent: Options[] = [];
    const answer = { data: { trainings: { totalCount: 3 } } } as GatewayGraphQLResponse;
    expect(await cache.process('training-catalog', URL, root, async (o) => (sent.push(o), answer))).toBe(answer);
    expect(sent).toEqual([root]);
  });
});
