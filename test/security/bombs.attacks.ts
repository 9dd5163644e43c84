import { describe, expect, it } from 'vitest';
import { BOMBS } from '../../gateway/src/security/bomb.fixture.js';
import { codesOf, expectRefused, type AttackContext } from './fixture.js';

/**
 * Issue #12 point 1: fragment bombs are refused by linear analysis, and the gateway keeps serving
 * while they arrive. Bound by counting: every bomb is answered, every health probe sent among
 * them is answered, another user's query succeeds — a blocked event loop would hold them all.
 */
export function bombAttacks(context: () => AttackContext): void {
  describe('fragment bombs', () => {
    it('refuses the 8×10 bomb and one ten times larger with 400, with no subgraph work', async () => {
      const { ask, stack } = context();
      await stack.resetUpstreamCalls();
      expectRefused(await ask(BOMBS.issue), 400, 'BAD_USER_INPUT');
      expectRefused(await ask(BOMBS.tenTimes), 400, 'BAD_USER_INPUT');
      expect((await stack.upstreamCalls()).total).toBe(0);
    });

    it('answers /healthz and other users while bombs are in flight', async () => {
      const { ask, stack } = context();
      const bombs = Array.from({ length: 10 }, (_, i) => ask(i % 2 ? BOMBS.tenTimes : BOMBS.issue));
      const probes = Array.from({ length: 5 }, () => fetch(`${stack.urls.gateway}/healthz`).then((response) => response.status));
      const user = ask('{ occupation(romeCode: "M1805") { title } }');
      const [bombResults, probeStatuses, userResult] = await Promise.all([Promise.all(bombs), Promise.all(probes), user]);
      expect(bombResults.map((result) => result.status)).toEqual(Array(10).fill(400));
      expect(probeStatuses).toEqual(Array(5).fill(200));
      expect(userResult.status).toBe(200);
      expect(codesOf(userResult)).toEqual([]);
    });
  });
}
