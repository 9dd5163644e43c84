import { afterEach, describe, expect, it } from 'vitest';
import { codesOf, expectNoInternals, type AttackContext } from './fixture.js';

async function setFaults(context: AttackContext, faults: Record<string, unknown> | null): Promise<void> {
  const url = `${context.stack.urls.upstreams}/_admin/faults`;
  const response = faults
    ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })
    : await fetch(url, { method: 'DELETE' });
  expect(response.ok).toBe(true);
}

/** A search nobody made before: no cached (or stale) answer can hide the operator's failure. */
const freshSearch = () => `{ jobOffers(filter: { keywords: "leak-${Math.random().toString(36).slice(2)}" }, first: 1) { totalCount } }`;

/** Issue #8 item 6 end to end: failures reach the client as a code and a request id, never as internals. */
export function leakageAttacks(context: () => AttackContext): void {
  describe('error leakage', () => {
    afterEach(async () => {
      await setFaults(context(), null);
    });

    it('turns an operator answering 500 into UPSTREAM_UNAVAILABLE without its body', async () => {
      const ctx = context();
      await setFaults(ctx, { francetravail: { forcedStatus: 500 } });
      const result = await ctx.ask(freshSearch());
      expect(result.status).toBe(200);
      expect(codesOf(result)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(JSON.stringify(result.body)).not.toMatch(/Simulated status|francetravail\/|partenaire/);
      expectNoInternals(result.body);
    });

    it('turns an unparseable operator answer into UPSTREAM_UNAVAILABLE without quoting it', async () => {
      const ctx = context();
      await setFaults(ctx, { francetravail: { malformedRate: 1 } });
      const result = await ctx.ask(freshSearch());
      expect(codesOf(result)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(JSON.stringify(result.body)).not.toMatch(/resultats|Unexpected end|JSON/);
      expectNoInternals(result.body);
    });

    it('names the argument of bad input, with the request id the response header carries', async () => {
      const { ask } = context();
      const result = await ask('{ occupation(romeCode: "../../etc/passwd") { title } }');
      expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'romeCode' });
      expect(result.body.errors?.[0]?.extensions?.['requestId']).toBe(result.headers.get('x-request-id'));
      expectNoInternals(result.body);
    });
  });
}
