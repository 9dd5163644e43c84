import { describe, expect, it } from 'vitest';
import { randomSigningSecret, SIGNATURE_HEADER, subgraphSignatureHeaders } from '../../lib/auth/subgraph-signature.js';
import { subgraphRequest } from '../../lib/testing/subgraph-request.js';
import { codesOf, expectNoInternals, type AttackContext } from './fixture.js';

const SUBGRAPHS = ['caisse-des-depots', 'france-travail', 'job-seekers', 'training-catalog'] as const;
const SERVICE_SDL = JSON.stringify({ query: '{ _service { sdl } }' });

/** 25 levels of relatedOccupations: it grew france-travail to 4 GB when sent straight to its port. */
const deepRelated = (levels: number): string =>
  `{ occupation(romeCode: "M1805") { ${'relatedOccupations { '.repeat(levels)}title${' }'.repeat(levels)} } }`;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
}

/** Issue #12 point 2: a subgraph serves the gateway only; what it is sent anyway is still bounded. */
export function subgraphTrustAttacks(context: () => AttackContext): void {
  describe('subgraphs trust only the gateway', () => {
    it('answers an unsigned caller 401 before parsing, _service included', async () => {
      const { stack } = context();
      for (const subgraph of SUBGRAPHS) {
        const url = stack.urls.subgraphs[subgraph] ?? '';
        for (const body of [SERVICE_SDL, '{"query": "{ __typename', deepRelated(25)]) {
          const answer = await post(url, body);
          expect(answer.status, subgraph).toBe(401);
          expect(answer.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
          expect(answer.text).not.toMatch(/sdl|extend schema|@key/);
          expectNoInternals(answer.text);
        }
      }
    });

    it('refuses a signature by another secret, a stale one, and one over another body', async () => {
      const { stack } = context();
      const url = stack.urls.subgraphs['france-travail'] ?? '';
      const secret = stack.env['SUBGRAPH_SIGNING_SECRETS'] ?? '';
      const forged = subgraphSignatureHeaders(SERVICE_SDL, [randomSigningSecret()]);
      const stale = subgraphSignatureHeaders(SERVICE_SDL, [secret], Date.now() - 120_000);
      const otherBody = subgraphSignatureHeaders('{"query":"{ __typename }"}', [secret]);
      for (const headers of [forged, stale, otherBody, { [SIGNATURE_HEADER]: 'garbage' }]) {
        expect((await post(url, SERVICE_SDL, headers)).status).toBe(401);
      }
      // The stack's own secret is accepted (what the gateway does on every fetch).
      const signed = await subgraphRequest(url, { query: '{ __typename }' }, { secrets: secret });
      expect(signed.status).toBe(200);
    });

    it('refuses, even from a signed caller, what exceeds the subgraph’s own limits, and keeps serving', async () => {
      const { stack, ask } = context();
      const secrets = stack.env['SUBGRAPH_SIGNING_SECRETS'] ?? '';
      const url = stack.urls.subgraphs['france-travail'] ?? '';
      await stack.resetUpstreamCalls();
      const deep = await subgraphRequest(url, { query: deepRelated(25) }, { secrets });
      expect(deep.status).toBe(400);
      const huge = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...subgraphSignatureHeaders('x'.repeat(1_100_000), [secrets]) },
        body: 'x'.repeat(1_100_000),
      });
      expect(huge.status).toBe(413);
      expect((await stack.upstreamCalls()).total).toBe(0);
      // Other users, through the gateway, are still served by that subgraph.
      const user = await ask('{ occupation(romeCode: "M1805") { title relatedOccupations { title } } }');
      expect(user.status).toBe(200);
      expect(codesOf(user)).toEqual([]);
    });
  });
}
