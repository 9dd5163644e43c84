import { describe, expect, it } from 'vitest';
import { actualCost } from '../../lib/limits/actual-cost.js';
import type { GraphQLResult } from '../stack.js';
import { bearer, codesOf, freshAddress, type AttackContext } from './fixture.js';

const DEPARTMENTS = ['01', '13', '31', '33', '35', '38', '44', '59', '67', '69', '75', '76', '06', '34', '57', '62', '63', '64', '74', '92'];

/** Ten aliased job searches, each a page of 20 offers with company and occupation (estimated cost 1,430). */
const heavy = (n: number) => `query Heavy {
${['J1506', 'J1501', 'M1805', 'G1602', 'D1102', 'K2111', 'H1203', 'N4101', 'F1703', 'I1304']
  .map((rome, index) => `  s${index}: jobOffers(filter: { romeCodes: ["${rome}"], near: { departmentCode: "${DEPARTMENTS[(index + n) % DEPARTMENTS.length] ?? '75'}" } }, first: 20) { totalCount edges { node { id title company { name } occupation { title } } } }`)
  .join('\n')}
}`;

const JOB_SEARCH = `query JobSearch($near: PlaceInput!) {
  jobOffers(filter: { romeCodes: ["J1506"], near: $near }, first: 20) { totalCount edges { node { id title company { name } occupation { title } } } }
}`;

/**
 * Issue #12 point 3: one anonymous client sends 20 heavy requests at once. The cost budget
 * (RATE_LIMIT_COST_ANONYMOUS, default 10,000: six such requests) refuses the rest with 429 before
 * any subgraph call; what passes shares France Travail's real 10 calls/s fairly, and another user's
 * job search made meanwhile is answered in full, its France Travail search made.
 */
export function egressAttacks(context: () => AttackContext): void {
  describe('fair egress', () => {
    it('charges a flood its cost and caps its requests in flight: part is refused, another user is served in full meanwhile', async () => {
      const ctx = context();
      const flooder = freshAddress();
      const token = await ctx.stack.workerToken('W000011');
      await ctx.stack.resetUpstreamCalls();
      const flood = Array.from({ length: 20 }, (_, n) => ctx.stack.query(heavy(n), {}, { 'x-forwarded-for': flooder }));
      const victims: GraphQLResult<{ jobOffers: { totalCount: number; edges: unknown[] } | null }>[] = [];
      for (const departmentCode of ['29', '56', '22']) victims.push(await ctx.ask(JOB_SEARCH, { near: { departmentCode } }, bearer(token)));
      const floodResults = await Promise.all(flood);

      const refused = floodResults.filter((result) => result.status === 429);
      // Six fit the budget on their estimates (6 × 1,430 ≤ 10,000). Each answer is then settled to its
      // actual cost (the fields and offers that came back, far below the estimate when a department
      // has few offers), which frees room: requests admitted after the first answers may pass, and
      // on a loaded machine, where the flood reaches the gateway spread out, most of it can (12 of
      // 20 once in CI). A charge that met Redis slower than RATE_LIMIT_REDIS_TIMEOUT_MS is counted in
      // the gateway's memory (the designed fallback). What holds: the budget refuses part of the
      // flood, the served part's actual cost is recorded below, and the victims are served in full.
      // Sent at once, most of the flood also meets the cap of requests in flight per address
      // (RATE_LIMIT_INFLIGHT_ANONYMOUS, 6): refused at once, before any GraphQL work.
      expect(refused.length).toBeGreaterThan(0);
      const servedCost = floodResults.filter((result) => result.status === 200).reduce((sum, result) => sum + actualCost(result.body.data ?? null), 0);
      const byPolicy = (comment: string) => refused.filter((result) => result.headers.get('ratelimit-policy')?.includes(`comment="${comment}"`)).length;
      console.info(JSON.stringify({ flood: floodResults.length, refused: refused.length, inFlight: byPolicy('in-flight'), cost: byPolicy('cost'), servedActualCost: servedCost }));
      expect(byPolicy('in-flight') + byPolicy('cost')).toBe(refused.length);
      for (const result of refused) {
        expect(codesOf(result)).toEqual(['RATE_LIMITED']);
        expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // The six that fit the budget were served. Some of their searches may be refused RATE_LIMITED by
      // the quota gate (they would wait past the deadline), or, when the gate let one start in time
      // that a loaded machine then answered late, cut UPSTREAM_TIMEOUT at the deadline: never a hang,
      // never another code.
      const served = floodResults.filter((result) => result.status === 200);
      expect(served.length).toBeGreaterThan(0);
      for (const result of served) for (const code of codesOf(result)) expect(['RATE_LIMITED', 'UPSTREAM_TIMEOUT']).toContain(code);

      for (const victim of victims) {
        expect(victim.status).toBe(200);
        expect(victim.body.errors ?? []).toEqual([]);
        expect(victim.body.data?.jobOffers?.totalCount).toBeGreaterThan(0);
      }
      // Their France Travail searches were made (the refused requests made none).
      const calls = await ctx.stack.upstreamCalls();
      const searches = Object.entries(calls.byEndpoint).filter(([endpoint]) => endpoint.includes('/offres/search')).reduce((sum, [, count]) => sum + count, 0);
      expect(searches).toBeGreaterThanOrEqual(victims.length);
      expect(searches).toBeLessThanOrEqual(victims.length + served.length * 10);
    }, 60_000);
  });
}
