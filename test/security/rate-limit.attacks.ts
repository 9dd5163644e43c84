import { describe, expect, it } from 'vitest';
import type { GraphQLResult } from '../stack.js';
import { bearer, expectRefused, freshAddress, RATE_LIMITS, type AttackContext } from './fixture.js';

/** `{ __typename }` is answered by the gateway itself: the flood costs no subgraph work. */
const CHEAP = '{ __typename }';

async function flood(context: AttackContext, count: number, headers: Record<string, string>): Promise<GraphQLResult<unknown>[]> {
  const results: GraphQLResult<unknown>[] = [];
  for (let i = 0; i < count; i += 1) results.push(await context.stack.query(CHEAP, {}, headers));
  return results;
}

/** Issue #8 item 7: sliding window per principal, 429 with Retry-After and RateLimit-* headers. */
export function rateLimitAttacks(context: () => AttackContext): void {
  describe('rate limiting', () => {
    it('limits an anonymous client by address, with RateLimit-* headers on every answer', async () => {
      const ctx = context();
      const address = freshAddress();
      const results = await flood(ctx, RATE_LIMITS.anonymous + 1, { 'x-forwarded-for': address });
      const first = results[0];
      expect(first?.status).toBe(200);
      expect(first?.headers.get('ratelimit-limit')).toBe(String(RATE_LIMITS.anonymous));
      expect(first?.headers.get('ratelimit-remaining')).toBe(String(RATE_LIMITS.anonymous - 1));
      expect(Number(first?.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(results.slice(0, -1).every((result) => result.status === 200)).toBe(true);
      const limited = results.at(-1);
      if (!limited) throw new Error('no answer');
      expectRefused(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      // Another client is not affected.
      expect((await ctx.ask(CHEAP)).status).toBe(200);
    });

    it('refuses the flooded client before any work, even for queries that would call subgraphs', async () => {
      const ctx = context();
      const address = freshAddress();
      await flood(ctx, RATE_LIMITS.anonymous, { 'x-forwarded-for': address });
      await ctx.stack.resetUpstreamCalls();
      const result = await ctx.stack.query('{ occupation(romeCode: "M1805") { title } }', {}, { 'x-forwarded-for': address });
      expectRefused(result, 429, 'RATE_LIMITED');
      expect((await ctx.stack.upstreamCalls()).total).toBe(0);
    });

    it('counts a worker in their own bucket, wherever they connect from, with the worker limit', async () => {
      const ctx = context();
      const token = await ctx.stack.workerToken('W000007');
      const results: GraphQLResult<unknown>[] = [];
      // A new address for every request: changing address does not reset a worker's count.
      for (let i = 0; i <= RATE_LIMITS.worker; i += 1) results.push(await ctx.ask(CHEAP, {}, bearer(token)));
      expect(results[0]?.headers.get('ratelimit-limit')).toBe(String(RATE_LIMITS.worker));
      expect(results.filter((result) => result.status === 200)).toHaveLength(RATE_LIMITS.worker);
      expect(results.at(-1)?.status).toBe(429);
      const other = await ctx.ask(CHEAP, {}, bearer(await ctx.stack.workerToken('W000008')));
      expect(other.status).toBe(200);
    });

    it('limits invalid-token attempts by address, so token guessing is throttled too', async () => {
      const ctx = context();
      const address = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i <= RATE_LIMITS.anonymous; i += 1) {
        statuses.push((await ctx.stack.query(CHEAP, {}, { 'x-forwarded-for': address, ...bearer(`forged.${i}.token`) })).status);
      }
      expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    });
  });
}
