import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GraphQLError } from 'graphql';
import { ANONYMOUS } from '../../lib/auth/principal.js';
import { badInput, maskError, rateLimited } from '../../lib/errors/index.js';
import { currentRequestId } from '../../lib/logging/index.js';
import { freePort } from '../../lib/testing/ports.js';
import { startGateway, type RunningGateway } from '../../gateway/src/app.js';
import { loadGatewayConfig } from '../../gateway/src/config.js';
import { createGatewaySecurity, defaultSecurityConfig } from '../../gateway/src/security/index.js';


/**
 * Error masking (issue #8 item 6), with the gateway in-process and the subgraphs replaced by
 * servers that fail in every way a real one can. Whatever they do, a client sees a catalogue code,
 * a generic message and the request id — never a URL, a body, a stack or `serviceName`.
 */
type Mode = 'down' | 'http500' | 'html' | 'hang' | 'leaky-graphql-error' | 'catalogue-error' | 'limit-refusal';

const SECRET = 'SECRET-internal-detail /srv/app/src/secret.ts:42 10.1.2.3';
let mode: Mode = 'http500';
let gateway: RunningGateway;
let fake: Server;
let fakeUrl: string;
let deadUrl: string;
const logLines: string[] = [];

function fakeSubgraph(): Server {
  return createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      switch (mode) {
        case 'http500':
          response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: SECRET }));
          return;
        case 'html':
          response.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${SECRET}</html>`);
          return;
        case 'hang':
          return; // never answers: the gateway's subgraph timeout fires
        case 'limit-refusal':
          // What lib/limits answers when a fetch exceeds the subgraph's own cost limit.
          response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `Query cost 40200 exceeds the cost limit of 10000. ${SECRET}`, extensions: { code: 'BAD_USER_INPUT' } }] }));
          return;
        case 'leaky-graphql-error':
          response.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ data: { occupation: null }, errors: [{ message: SECRET, path: ['occupation'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: [SECRET] } }] }),
          );
          return;
        default:
          response.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              data: { occupation: null },
              errors: [{ message: 'The france-travail service is unavailable; try again later.', path: ['occupation'], extensions: { code: 'UPSTREAM_UNAVAILABLE', operator: 'france-travail', exception: SECRET } }],
            }),
          );
      }
    });
  });
}

beforeAll(async () => {
  fake = fakeSubgraph();
  const port = await freePort();
  await new Promise<void>((resolve) => fake.listen(port, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${port}/graphql`;
  deadUrl = `http://127.0.0.1:${await freePort()}/graphql`;
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    NODE_ENV: 'production',
    FT_SUBGRAPH_URL: fakeUrl,
    CATALOG_SUBGRAPH_URL: deadUrl,
    CDC_SUBGRAPH_URL: fakeUrl,
    SUBGRAPH_TIMEOUT_MS: '400',
    LOG_LEVEL: 'silent',
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'debug', mixin: () => ({ requestId: currentRequestId() }) }, sink);
  const security = createGatewaySecurity(defaultSecurityConfig(false), { redis: null });
  gateway = await startGateway({
    config,
    logger,
    verifier: { principalFrom: async () => ANONYMOUS },
    validationRules: security.validationRules,
    parseOptions: security.parseOptions,
    plugins: security.plugins,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise<void>((resolve) => fake.close(() => resolve()));
});

async function ask(query: string) {
  const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

function expectNothingLeaked(text: string): void {
  expect(text).not.toContain('SECRET');
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\//);
  expect(text).not.toMatch(/serviceName|stacktrace|exception|"query"|"variables"|\.ts:\d+|ECONNREFUSED|fetch failed/);
}

describe('error masking (gateway in-process, failing subgraphs)', () => {
  const cases: [Mode, string, string][] = [
    ['http500', '{ occupation(romeCode: "M1805") { title } }', 'UPSTREAM_UNAVAILABLE'],
    ['html', '{ occupation(romeCode: "M1805") { title } }', 'UPSTREAM_UNAVAILABLE'],
    ['hang', '{ occupation(romeCode: "M1805") { title } }', 'UPSTREAM_TIMEOUT'],
    ['leaky-graphql-error', '{ occupation(romeCode: "M1805") { title } }', 'INTERNAL'],
    ['catalogue-error', '{ occupation(romeCode: "M1805") { title } }', 'UPSTREAM_UNAVAILABLE'],
    ['limit-refusal', '{ occupation(romeCode: "M1805") { title } }', 'BAD_USER_INPUT'],
  ];
  for (const [failure, query, code] of cases) {
    it(`a subgraph answering "${failure}" becomes ${code} with nothing internal`, async () => {
      mode = failure;
      const { status, text, body } = await ask(query);
      expect(status).toBe(200);
      expect(body.errors?.map((error) => error.extensions?.['code'])).toEqual([code]);
      expect(typeof body.errors?.[0]?.extensions?.['requestId']).toBe('string');
      expectNothingLeaked(text);
    });
  }

  it('a subgraph that is down is UPSTREAM_UNAVAILABLE, and the detail is logged with the request id', async () => {
    const { text, body } = await ask('{ certification(code: "RNCP35185") { title } }');
    expect(body.errors?.map((error) => error.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
    expectNothingLeaked(text);
    const requestId = body.errors?.[0]?.extensions?.['requestId'];
    const logged = logLines.filter((line) => line.includes(String(requestId)));
    expect(logged.join('\n')).toMatch(/subgraph fetch failed/);
    expect(logged.join('\n')).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('a subgraph refusing a fetch on its own limits tells the client what to do, not UPSTREAM_UNAVAILABLE', async () => {
    mode = 'limit-refusal';
    const { status, body } = await ask('{ occupation(romeCode: "M1805") { title } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ occupation: null });
    expect(body.errors).toEqual([{ message: expect.stringContaining('ask for fewer items'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }]);
  });

  it('keeps the fields of healthy subgraphs when another is down', async () => {
    mode = 'catalogue-error';
    const { body } = await ask('{ certification(code: "RNCP35185") { title } occupation(romeCode: "M1805") { title } }');
    expect(body.errors?.map((error) => error.extensions?.['code']).sort()).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
    expect(body.data).toEqual({ certification: null, occupation: null });
  });

  it('answers unknown fields without suggestions in production', async () => {
    const { status, text } = await ask('{ ocupation(romeCode: "M1805") { title } }');
    expect(status).toBe(400);
    expect(text).toMatch(/BAD_USER_INPUT/);
    expect(text).not.toMatch(/Did you mean|"occupation"/);
  });

  it('answers malformed JSON and GraphQL with 400, never a stack', async () => {
    const raw = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(raw.status).toBe(400);
    expectNothingLeaked(await raw.text());
    const syntax = await ask('{ occupation(romeCode: "M1805") { title }');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expectNothingLeaked(syntax.text);
  });
});

describe('maskError', () => {
  it('keeps the hints of an AppError a resolver threw as is (argument, operator, retry delay)', () => {
    const thrown = new GraphQLError('wrapped by graphql-js', { originalError: badInput('romeCode', 'romeCode must be a ROME code.') });
    expect(maskError({ message: thrown.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, thrown, { requestId: 'r1' })).toEqual({
      message: 'romeCode must be a ROME code.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'romeCode', requestId: 'r1' },
    });
    const limited = maskError({ message: 'x' }, rateLimited('france-travail', 30));
    expect(limited.extensions).toEqual({ code: 'RATE_LIMITED', operator: 'france-travail', retryAfterSeconds: 30 });
  });
});
