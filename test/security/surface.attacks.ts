import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearer, codesOf, expectNoInternals, expectRefused, freshAddress, type AttackContext } from './fixture.js';
import { signToken, type TokenSpec } from './forge.js';

const ME = '{ me { id activityAccount { cpf { balance { cents } } } } }';
const OCCUPATION = '{ occupation(romeCode: "M1805") { title } }';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Another user's ordinary request, answered in full while (or right after) an attack is refused. */
async function otherUserSucceeds({ ask, stack }: AttackContext): Promise<void> {
  const token = await stack.workerToken('W000003');
  const result = await ask(ME, {}, bearer(token));
  expect(result.status).toBe(200);
  expect(codesOf(result)).toEqual([]);
  expect((result.body.data?.['me'] as { id?: string } | null)?.id).toBe('W000003');
}

/**
 * Issue #12 items 4 and 8: tokens' age and lifetime, commune codes, error messages that do not
 * echo the payload, CSRF before any token or rate-limit work, duplicated unknown directives, and
 * APQ registering only documents that parse and validate.
 */
export function surfaceAttacks(context: () => AttackContext): void {
  describe('tokens: maximum age, lifetime and clock skew (TOKEN_MAX_AGE_SECONDS 3600, TOKEN_CLOCK_SKEW_SECONDS 30)', () => {
    const cases: [string, Omit<TokenSpec, 'issuer'>][] = [
      ['issued two minutes in the future (already valid by nbf)', { issuedAgo: -120, notBefore: 'now' }],
      ['issued 30 days ago, still unexpired', { issuedAgo: 30 * 86_400, expiresIn: 600 }],
      ['living ten years (exp − iat)', { expiresIn: 10 * 365 * 86_400 }],
    ];
    for (const [name, spec] of cases) {
      it(`refuses a token ${name} with 401 and no data call; another user is served`, async () => {
        const ctx = context();
        const token = await signToken(ctx.key.privateKey, ctx.key.kid, { issuer: ctx.issuer, ...spec });
        await ctx.stack.resetUpstreamCalls();
        expectRefused(await ctx.ask(ME, {}, bearer(token)), 401, 'UNAUTHENTICATED');
        expect(await ctx.dataCalls()).toBe(0);
        await otherUserSucceeds(ctx);
      });
    }

    it('accepts a token issued within the skew (control)', async () => {
      const ctx = context();
      const token = await signToken(ctx.key.privateKey, ctx.key.kid, { issuer: ctx.issuer, issuedAgo: -10, notBefore: 'now' });
      const result = await ctx.ask(ME, {}, bearer(token));
      expect(result.status).toBe(200);
      expect(codesOf(result)).toEqual([]);
    });
  });

  describe('commune codes against the official list', () => {
    for (const code of ['99100', '00000']) {
      it(`refuses communeCode ${code} with BAD_USER_INPUT naming the argument, before any France Travail call`, async () => {
        const ctx = context();
        await ctx.stack.resetUpstreamCalls();
        const result = await ctx.ask(`{ jobOffers(filter: { keywords: "soudeur", near: { communeCode: "${code}" } }, first: 1) { totalCount } }`);
        const error = result.body.errors?.[0];
        expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.near.communeCode' });
        expect(error?.message).toMatch(/official list/);
        expect(error?.message).not.toContain(code);
        expect(await ctx.dataCalls()).toBe(0);
      });
    }

    it('still searches near a real commune (control: Bordeaux 33063)', async () => {
      const result = await context().ask('{ jobOffers(filter: { keywords: "soudeur", near: { communeCode: "33063" } }, first: 1) { totalCount } }');
      expect(codesOf(result)).toEqual([]);
      expect(typeof (result.body.data?.['jobOffers'] as { totalCount?: unknown } | null)?.totalCount).toBe('number');
    });
  });

  describe('error messages name the argument and the rule, never the payload', () => {
    const payloads: [string, string][] = [
      ['romeCode', `{ occupation(romeCode: "D1102' OR 1=1") { title } }`],
      ['filter.near.communeCode', `{ jobOffers(filter: { near: { communeCode: "<script>alert(1)</script>" } }, first: 1) { totalCount } }`],
      ['filter.near.departmentCode', `{ jobOffers(filter: { near: { departmentCode: "99' OR 1=1" } }, first: 1) { totalCount } }`],
    ];
    for (const [argument, query] of payloads) {
      it(`${argument}: the message does not repeat the value sent`, async () => {
        const result = await context().ask(query);
        const error = result.body.errors?.[0];
        expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
        expect(error?.message).toMatch(new RegExp(`^${argument.replace(/\./g, '\\.')} must`));
        expect(error?.message).not.toMatch(/OR 1=1|<script>|got "/);
        expectNoInternals(result.body);
      });
    }
  });

  describe('CSRF refusal comes before token verification and the rate limit', () => {
    it('a cross-site simple POST with a forged token gets the CSRF 400, not a 401', async () => {
      const { raw, stack } = context();
      await stack.resetUpstreamCalls();
      const response = await raw({ method: 'POST', headers: { 'content-type': 'text/plain', authorization: 'Bearer not.a.token' }, body: JSON.stringify({ query: OCCUPATION }) });
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/Cross-Site Request Forgery/);
      expect(response.headers.get('www-authenticate')).toBeNull();
      // Refused before the rate limiter looked at it: no RateLimit headers.
      expect(response.headers.get('ratelimit-remaining') ?? response.headers.get('ratelimit')).toBeNull();
      expect((await stack.upstreamCalls()).total).toBe(0);
    });

    it('more CSRF requests than the anonymous limit from one address never reach the limiter (all 400, no 429), and the address is then still served', async () => {
      const { raw } = context();
      const address = freshAddress();
      const statuses: number[] = [];
      for (let index = 0; index < 25; index += 1) {
        const response = await raw({ method: 'POST', headers: { 'content-type': 'text/plain', 'x-forwarded-for': address }, body: JSON.stringify({ query: OCCUPATION }) });
        statuses.push(response.status);
      }
      expect(new Set(statuses)).toEqual(new Set([400]));
      const allowed = await raw({ method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ query: OCCUPATION }) });
      expect(allowed.status).toBe(200);
    });
  });

  describe('duplicated unknown directives', () => {
    it('ten copies of one unknown directive → one error, not ten', async () => {
      const result = await context().ask(`{ occupation(romeCode: "M1805") { title ${'@nope '.repeat(10)} } }`);
      expect(result.status).toBe(400);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.body.errors?.[0]?.message).toMatch(/Unknown directive "@nope"/);
    });

    it('two different unknown directives → two errors', async () => {
      const result = await context().ask('{ occupation(romeCode: "M1805") { title @nope @other @nope } }');
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    });
  });

  describe('APQ stores only documents that parse, validate and fit APQ_MAX_QUERY_BYTES', () => {
    const register = (ctx: AttackContext, query: string) =>
      ctx.raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }) });
    const byHash = (ctx: AttackContext, query: string) =>
      ctx.raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }) });
    const codeOf = (text: string): unknown => (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;

    it.each([
      ['a document that does not parse', `{ occupation(romeCode: "M1805") { title ${Math.random().toString(36).slice(2)}`],
      ['a document that does not validate', `{ occupation(romeCode: "M1805") { nope${Math.random().toString(36).slice(2)} } }`],
      ['a valid document padded past 8 KB with comments', `{ occupation(romeCode: "M1805") { title } }\n${`# ${'x'.repeat(78)}\n`.repeat(110)}# ${Math.random()}`],
    ])('%s is never registered: its hash stays unknown', async (_, query) => {
      const ctx = context();
      await register(ctx, query);
      const later = await byHash(ctx, query);
      expect(later.status).toBe(200);
      expect(codeOf(later.text)).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('a valid, small document is registered (control)', async () => {
      const ctx = context();
      const query = `query Apq${Math.random().toString(36).slice(2)} { occupation(romeCode: "M1805") { title } }`;
      expect((await register(ctx, query)).status).toBe(200);
      let later = await byHash(ctx, query);
      // Registration is written after the answer: one retry covers the race, never a sleep loop.
      if (codeOf(later.text) !== undefined) later = await byHash(ctx, query);
      expect(codeOf(later.text)).toBeUndefined();
      expect(JSON.parse(later.text)).toMatchObject({ data: { occupation: { title: expect.any(String) } } });
    });
  });
}
