import type { GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from './context.js';
import { operationMergePlugin } from './operation-merge.js';

/**
 * The merge plugin's edges, driven through its hooks as Apollo Server calls them: a follower waits
 * for the first request's answer; a first request that never answers frees its followers at their
 * wait limit and leaves no entry behind; mutations and other callers are never merged. The
 * whole-stack behaviour is in sharing.stack.test.ts.
 */
type Listener = GraphQLRequestListener<GatewayContext>;

function request(options: { operation?: 'query' | 'mutation'; authorization?: string; source?: string } = {}) {
  const restricted: unknown[] = [];
  const context = {
    operation: { operation: options.operation ?? 'query' },
    source: options.source ?? '{ jobOffers { totalCount } }',
    request: { operationName: undefined, variables: { a: 1 } },
    contextValue: { authorization: options.authorization, requestId: 'r', principal: { kind: 'anonymous' } },
    response: { http: { headers: new Map(), status: undefined }, body: { kind: 'single', singleResult: { data: { jobOffers: { totalCount: 3 } } } } },
    overallCachePolicy: { restrict: (hint: unknown) => restricted.push(hint), policyIfCacheable: () => ({ maxAge: 30, scope: 'PUBLIC' }) },
  } as unknown as GraphQLRequestContext<GatewayContext>;
  return { context, restricted };
}

async function listener(plugin: ReturnType<typeof operationMergePlugin>): Promise<Listener> {
  const started = await plugin.requestDidStart?.({} as GraphQLRequestContext<GatewayContext>);
  if (!started) throw new Error('no listener');
  return started;
}

const respond = async (l: Listener, context: GraphQLRequestContext<GatewayContext>) =>
  await l.responseForOperation?.(context as Parameters<NonNullable<Listener['responseForOperation']>>[0]);
const send = async (l: Listener, context: GraphQLRequestContext<GatewayContext>) =>
  await l.willSendResponse?.(context as Parameters<NonNullable<Listener['willSendResponse']>>[0]);

describe('operation merge plugin', () => {
  it('a follower gets a copy of the first answer, with its cache policy', async () => {
    const plugin = operationMergePlugin({ maxWaitMs: 1_000 });
    const [first, second] = [await listener(plugin), await listener(plugin)];
    const lead = request();
    expect(await respond(first, lead.context)).toBeNull();
    const follower = request();
    const waiting = respond(second, follower.context);
    await send(first, lead.context);
    const answer = await waiting;
    expect(answer?.body).toEqual({ kind: 'single', singleResult: { data: { jobOffers: { totalCount: 3 } } } });
    expect(follower.restricted).toEqual([{ maxAge: 30, scope: 'PUBLIC' }]);
  });

  it('a first request that never answers frees its followers at their limit and leaves no entry', async () => {
    const plugin = operationMergePlugin({ maxWaitMs: 30 });
    const first = await listener(plugin);
    expect(await respond(first, request().context)).toBeNull();
    // Waits its 30 ms, then executes on its own (null: Apollo runs the operation).
    expect(await respond(await listener(plugin), request().context)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 40));
    // The entry is gone: the next identical request leads, and its own follower gets its answer.
    const third = await listener(plugin);
    const leading = request();
    expect(await respond(third, leading.context)).toBeNull();
    const fourth = respond(await listener(plugin), request().context);
    (leading.context.response.body as { singleResult: { data: unknown } }).singleResult.data = { jobOffers: { totalCount: 4 } };
    await send(third, leading.context);
    expect((await fourth)?.body).toEqual({ kind: 'single', singleResult: { data: { jobOffers: { totalCount: 4 } } } });
  });

  it('never merges a mutation, nor two callers with different authorization', async () => {
    // A wrong merge would wait a minute, past the test's time-out: every call here must lead at once.
    const plugin = operationMergePlugin({ maxWaitMs: 60_000 });
    expect(await respond(await listener(plugin), request({ operation: 'mutation' }).context)).toBeNull();
    expect(await respond(await listener(plugin), request({ operation: 'mutation' }).context)).toBeNull();
    expect(await respond(await listener(plugin), request({ authorization: 'Bearer a' }).context)).toBeNull();
    // Another principal's identical query, and an anonymous one, lead their own executions.
    expect(await respond(await listener(plugin), request({ authorization: 'Bearer b' }).context)).toBeNull();
    expect(await respond(await listener(plugin), request().context)).toBeNull();
  });
});
