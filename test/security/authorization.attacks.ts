import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GraphQLResult } from '../stack.js';
import { subgraphRequest } from '../../lib/testing/subgraph-request.js';
import { bearer, codesOf, expectNoInternals, type AttackContext } from './fixture.js';
import { signToken } from './forge.js';

const RIGHTS = (id: string) => `{ worker(id: "${id}") { id activityAccount { cpf { balance { cents } } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { id activityAccount { cpf { balance { cents } } } } } }`;
const JOB_SEEKER_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { id jobSeeker { registered category } } } }`;

/** Denied personal data: one error with the code, the field null, and no figure from anyone's account. */
function expectDenied(result: GraphQLResult<unknown>, code: 'FORBIDDEN' | 'UNAUTHENTICATED'): void {
  expect(codesOf(result)).toEqual([code]);
  expect(JSON.stringify(result.body.data ?? null)).not.toMatch(/cents|category|registered/);
  expectNoInternals(result.body);
}

/** Signed as the gateway signs: these attacks are about tokens, given a caller the subgraph trusts. */
async function subgraphQuery(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, secrets = '') {
  const response = await subgraphRequest(url, { query, variables }, { headers, secrets });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult['body'] } as GraphQLResult<unknown>;
}

/** Issue #8 items 2–3 end to end: the subgraphs decide, from the token they verify themselves. */
export function authorizationAttacks(context: () => AttackContext): void {
  describe('personal data', () => {
    it('refuses worker A asking for worker B, before any call to the Caisse des dépôts', async () => {
      const { ask, stack, dataCalls } = context();
      const token = await stack.workerToken('W000001');
      await stack.resetUpstreamCalls();
      const result = await ask(RIGHTS('W000002'), {}, bearer(token));
      expectDenied(result, 'FORBIDDEN');
      expect(await dataCalls()).toBe(0);
    });

    it('refuses crafted _entities sent straight to a subgraph without, or with a forged, token', async () => {
      const { stack, key, issuer, dataCalls } = context();
      const representations = { r: [{ __typename: 'Worker', id: 'W000002' }] };
      await stack.resetUpstreamCalls();
      for (const [subgraph, query] of [['caisse-des-depots', ENTITIES], ['job-seekers', JOB_SEEKER_ENTITIES]] as const) {
        const url = stack.urls.subgraphs[subgraph] ?? '';
        const secrets = stack.env['SUBGRAPH_SIGNING_SECRETS'] ?? '';
        const anonymous = await subgraphQuery(url, query, representations, {}, secrets);
        expectDenied(anonymous, 'UNAUTHENTICATED');
        // A token "for" W000002 that the subgraph cannot verify: the subgraph does not trust the gateway's word.
        const forged = await signToken(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, key.kid, { issuer, subject: 'W000002' });
        const withForged = await subgraphQuery(url, query, representations, bearer(forged), secrets);
        expect(withForged.status).toBe(401);
        expectDenied(withForged, 'UNAUTHENTICATED');
        const otherWorker = await subgraphQuery(url, query, representations, bearer(await stack.workerToken('W000001')), secrets);
        expectDenied(otherWorker, 'FORBIDDEN');
      }
      expect(await dataCalls()).toBe(0);
    });

    it('refuses a partner without the scope', async () => {
      const { ask, stack, dataCalls } = context();
      const token = await stack.partnerToken('demo-dashboard', '');
      await stack.resetUpstreamCalls();
      expectDenied(await ask(RIGHTS('W000001'), {}, bearer(token)), 'FORBIDDEN');
      const jobBoard = await stack.partnerToken('demo-jobboard', 'jobseeker:read');
      expectDenied(await ask(RIGHTS('W000005'), {}, bearer(jobBoard)), 'FORBIDDEN');
      expect(await dataCalls()).toBe(0);
    });

    it('refuses a partner with the scope but without the worker’s consent', async () => {
      const { ask, stack, dataCalls } = context();
      const token = await stack.partnerToken('demo-counsellor', 'cpf:read jobseeker:read');
      await stack.resetUpstreamCalls();
      expectDenied(await ask(RIGHTS('W000009'), {}, bearer(token)), 'FORBIDDEN');
      expect(await dataCalls()).toBe(0);
    });

    it('refuses the very next request once the worker revoked consent', async () => {
      const { ask, stack, dataCalls } = context();
      const token = await stack.partnerToken('demo-counsellor', 'cpf:read jobseeker:read');
      const before = await ask<{ worker: { id: string } | null }>(RIGHTS('W000004'), {}, bearer(token));
      expect(before.body.errors).toBeUndefined();
      expect(before.body.data?.worker?.id).toBe('W000004');
      const revoke = await fetch(`${stack.urls.upstreams}/identity/dev/consents`, {
        method: 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workerId: 'W000004', clientId: 'demo-counsellor' }),
      });
      expect(revoke.status).toBe(200);
      await stack.resetUpstreamCalls();
      expectDenied(await ask(RIGHTS('W000004'), {}, bearer(token)), 'FORBIDDEN');
      expect(await dataCalls()).toBe(0);
    });

    it('answers anonymous `me` with UNAUTHENTICATED and no data', async () => {
      const { ask } = context();
      expectDenied(await ask('{ me { id activityAccount { cpf { balance { cents } } } } }'), 'UNAUTHENTICATED');
    });
  });
}
