import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearer, expectRefused, type AttackContext } from './fixture.js';
import { hs256WithPublicKey, signToken, tamperedToken, unsignedToken } from './forge.js';

const ME = '{ me { id activityAccount { cpf { balance { cents } } } } }';

/** Issue #8 item 1: every token the gateway must not accept, refused with 401 before any data call. */
export function tokenAttacks(context: () => AttackContext): void {
  describe('tokens', () => {
    it('accepts a token correctly signed by the issuer (control: the forged ones below differ in one thing)', async () => {
      const { ask, key, issuer } = context();
      const token = await signToken(key.privateKey, key.kid, { issuer });
      const result = await ask(ME, {}, bearer(token));
      expect(result.status).toBe(200);
      expect((result.body.data?.['me'] as { id?: string } | null)?.id).toBe('W000001');
    });

    const refusals: [string, (c: AttackContext) => Promise<string> | string][] = [
      ['unsigned (alg: none)', ({ key, issuer }) => unsignedToken(key.kid, { issuer })],
      ['signed by an attacker key under the issuer kid', ({ key, issuer }) => signToken(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, key.kid, { issuer })],
      ['signed by an attacker key with its own kid', ({ key, issuer }) =>
        signToken(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, key.kid, { issuer, kid: 'attacker-key' })],
      ['HS256 keyed with the public JWK', ({ key, issuer }) => hs256WithPublicKey(key.publicJwk, key.kid, { issuer })],
      ['expired', ({ key, issuer }) => signToken(key.privateKey, key.kid, { issuer, expiresIn: -3600, issuedAgo: 4200 })],
      ['for another audience', ({ key, issuer }) => signToken(key.privateKey, key.kid, { issuer, audience: 'another-api' })],
      ['from another issuer', ({ key }) => signToken(key.privateKey, key.kid, { issuer: 'https://evil.example/identity' })],
      ['not an access token (typ JWT)', ({ key, issuer }) => signToken(key.privateKey, key.kid, { issuer, typ: 'JWT' })],
      ['worker token claiming a client id', ({ key, issuer }) => signToken(key.privateKey, key.kid, { issuer, extraClaims: { client_id: 'demo-counsellor' } })],
      ['a real token with its subject swapped', async ({ key, issuer }) => tamperedToken(await signToken(key.privateKey, key.kid, { issuer }), { sub: 'W000002' })],
      ['garbage', () => 'not.a.token'],
    ];
    for (const [name, forge] of refusals) {
      it(`refuses a token ${name} with 401 and no data call`, async () => {
        const ctx = context();
        const token = await forge(ctx);
        await ctx.stack.resetUpstreamCalls();
        const result = await ctx.ask(ME, {}, bearer(token));
        expectRefused(result, 401, 'UNAUTHENTICATED');
        expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(JSON.stringify(result.body)).not.toMatch(/W00000\d|cents/);
        expect(await ctx.dataCalls()).toBe(0);
      });
    }

    it('ignores a token passed in the query string or the body', async () => {
      const { raw, key, issuer } = context();
      const token = await signToken(key.privateKey, key.kid, { issuer });
      const search = `?query=${encodeURIComponent(ME)}&access_token=${token}`;
      const viaQuery = await raw({ method: 'GET', search, headers: { 'apollo-require-preflight': 'true' } });
      const viaBody = await raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ME, access_token: token }) });
      for (const response of [viaQuery, viaBody]) {
        const body = JSON.parse(response.text) as { data?: { me: unknown } | null; errors?: { extensions?: { code?: string } }[] };
        expect(body.data?.me ?? null).toBeNull();
        expect(body.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
        expect(response.text).not.toMatch(/W000001|cents/);
      }
    });
  });
}
