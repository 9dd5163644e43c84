/**
 * Issue #14 point 3 against the started stack: every client mistake is a 4xx with a stable code
 * and the real reason, counted in `graphql_rejected_requests_total` by code, logged at info
 * (never an error log); 401 and 429 speak `application/graphql-response+json` when asked; an
 * invalid token is refused with 401 even on a public-only query (the documented rule).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './stack.js';

const ANONYMOUS_LIMIT = 40;
let stack: TestStack;
let address = 0;
/** Each request its own client address (own rate-limit bucket) unless a test hammers one. */
const fresh = () => `198.18.7.${(address += 1) % 250}`;

beforeAll(async () => {
  stack = await startTestStack({
    env: { LOG_LEVEL: 'info', RATE_LIMIT_TRUST_PROXY_HOPS: '1', RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_LIMIT) },
    readyTimeoutMs: 240_000,
  });
}, 300_000);
afterAll(async () => await stack?.stop());

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(stack.urls.graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': fresh(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** The rejected-request counter for one code, read from the gateway's Prometheus text. */
async function rejected(code: string, status: number): Promise<number> {
  const text = await (await fetch(stack.urls.metrics.gateway)).text();
  const line = text.split('\n').find((row) => row.startsWith('graphql_rejected_requests_total{') && row.includes(`code="${code}"`) && row.includes(`status="${status}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const TWO_OPERATIONS = 'query First { __typename } query Second { occupation(romeCode: "M1805") { romeCode } }';

describe('client mistakes', () => {
  it.each([
    ['an operationName that names no operation', { query: TWO_OPERATIONS, operationName: 'Third' }, /Unknown operation named "Third"\. The document defines: First, Second\./],
    ['two operations without operationName', { query: TWO_OPERATIONS }, /Must provide operation name if query contains multiple operations/],
    ['a document of fragments only', { query: 'fragment F on Query { __typename }' }, /./],
    ['a field that does not exist', { query: '{ occupation(romeCode: "M1805") { nope } }' }, /Cannot query field "nope"/],
    ['a variable of the wrong type', { query: 'query Q($code: ID!) { occupation(romeCode: $code) { title } }', variables: { code: {} } }, /\$code/],
  ])('%s → 400 BAD_USER_INPUT with the reason, counted, logged at info', async (_, body, reason) => {
    const before = await rejected('BAD_USER_INPUT', 400);
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(reason);
    expect(await rejected('BAD_USER_INPUT', 400)).toBe(before + 1);
  });

  it('an APQ hash that is not the query\'s SHA-256 → 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const before = await rejected('PERSISTED_QUERY_HASH_MISMATCH', 400);
    const answer = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(await rejected('PERSISTED_QUERY_HASH_MISMATCH', 400)).toBe(before + 1);
  });

  it('an unknown APQ hash → PERSISTED_QUERY_NOT_FOUND as such (200, the protocol round), then registered and served', async () => {
    const query = `{ occupation(romeCode: "M1805") { romeCode title } __typename }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const before = await rejected('PERSISTED_QUERY_NOT_FOUND', 200);
    const miss = await post({ extensions });
    expect(miss.status).toBe(200);
    expect(miss.body.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(await rejected('PERSISTED_QUERY_NOT_FOUND', 200)).toBe(before + 1);
    expect((await post({ query, extensions })).body.data).toMatchObject({ occupation: { romeCode: 'M1805' } });
    expect((await post({ extensions })).body.data).toMatchObject({ occupation: { romeCode: 'M1805' } });
  });

  it('logged at info as "request rejected", never as an error with a stack', () => {
    const lines = stack.logs('gateway').split('\n').filter((line) => line.startsWith('{'));
    const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string; code?: string });
    expect(entries.filter((entry) => entry.msg === 'request rejected' && entry.level === 30).map((entry) => entry.code)).toEqual(
      expect.arrayContaining(['BAD_USER_INPUT', 'PERSISTED_QUERY_HASH_MISMATCH', 'PERSISTED_QUERY_NOT_FOUND']),
    );
    expect(entries.filter((entry) => entry.level >= 50)).toEqual([]);
  });
});

describe('401 and 429 bodies', () => {
  it('an invalid token on a public-only query → 401 UNAUTHENTICATED (the rule: a presented token must verify)', async () => {
    const before = await rejected('UNAUTHENTICATED', 401);
    const answer = await post({ query: '{ occupation(romeCode: "M1805") { title } }' }, { authorization: 'Bearer not.a.token' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(answer.body.data).toBeUndefined();
    expect(await rejected('UNAUTHENTICATED', 401)).toBe(before + 1);
  });

  it('401 as application/graphql-response+json when the client accepts it (Apollo Client 4, urql)', async () => {
    const accept = 'application/graphql-response+json,application/json;q=0.9';
    const answer = await post({ query: '{ __typename }' }, { authorization: 'Bearer not.a.token', accept });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('429 RATE_LIMITED with Retry-After, as application/graphql-response+json when accepted', async () => {
    const headers = { 'x-forwarded-for': '198.18.9.9', accept: 'application/graphql-response+json' };
    let last: Answer | undefined;
    for (let request = 0; request <= ANONYMOUS_LIMIT; request += 1) last = await post({ query: '{ __typename }' }, headers);
    expect(last?.status).toBe(429);
    expect(last?.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(await rejected('RATE_LIMITED', 429)).toBe(1);
  });
});
