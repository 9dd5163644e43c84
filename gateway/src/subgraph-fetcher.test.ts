import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './subgraph-fetcher.js';

/** A subgraph stand-in that answers every POST after its gate opens, counting what it received. */
let server: Server;
let url: string;
let received: Array<{ authorization: string | undefined; body: string }> = [];
let releases: Array<() => void> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ authorization: request.headers.authorization, body });
      releases.push(() => {
        response.writeHead(body.includes('boom') ? 503 : 200, { 'content-type': 'application/json', 'x-cpa-stale': 'anotea' });
        response.end(JSON.stringify({ data: { echo: body, who: request.headers.authorization ?? null } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  releases = [];
});

const agent = new Agent({ connections: 8 });
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};
const post = (body: string, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('subgraph fetcher', () => {
  it('sends one request for identical fetches in flight, and gives each caller its own parsed copy', async () => {
    const fetcher = createSubgraphFetcher({ agent, merge: true, ignoredHeaders: ['x-request-id'] });
    const body = JSON.stringify({ query: '{ a }' });
    const answers = Array.from({ length: 5 }, (_, index) => fetcher(url, post(body, { authorization: 'Bearer A', 'x-request-id': `r${index}` })));
    await until(() => received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    releases.forEach((release) => release());
    const responses = await Promise.all(answers);
    const parsed = (await Promise.all(responses.map((response) => response.json()))) as Array<{ data: { echo: string } }>;
    expect(received).toHaveLength(1);
    expect(new Set(parsed.map((value) => value.data.echo))).toEqual(new Set([body]));
    expect(parsed[0]).not.toBe(parsed[1]);
    expect(responses[3]?.headers.get('x-cpa-stale')).toBe('anotea');
  });

  it('never merges fetches of two principals, nor different bodies', async () => {
    const fetcher = createSubgraphFetcher({ agent, merge: true });
    const pending = [
      fetcher(url, post('{"query":"{ a }"}', { authorization: 'Bearer A' })),
      fetcher(url, post('{"query":"{ a }"}', { authorization: 'Bearer B' })),
      fetcher(url, post('{"query":"{ a }"}')),
      fetcher(url, post('{"query":"{ b }"}', { authorization: 'Bearer A' })),
    ];
    await until(() => received.length === 4);
    releases.forEach((release) => release());
    const who = await Promise.all(pending.map(async (response) => ((await (await response).json()) as { data: { who: string | null } }).data.who));
    expect(who).toEqual(['Bearer A', 'Bearer B', null, 'Bearer A']);
    expect(new Set(received.map((request) => request.authorization))).toEqual(new Set(['Bearer A', 'Bearer B', undefined]));
  });

  it('sends every fetch when merging is off, and again once the first answer has arrived', async () => {
    const off = createSubgraphFetcher({ agent, merge: false });
    const twice = [off(url, post('{"query":"{ c }"}')), off(url, post('{"query":"{ c }"}'))];
    await until(() => received.length === 2);
    releases.forEach((release) => release());
    await Promise.all(twice);
    const on = createSubgraphFetcher({ agent, merge: true });
    const first = on(url, post('{"query":"{ d }"}'));
    await until(() => received.length === 3);
    releases[2]?.();
    await first;
    const second = on(url, post('{"query":"{ d }"}'));
    await until(() => received.length === 4);
    releases[3]?.();
    expect((await second).status).toBe(200);
  });

  it('passes statuses through and reports transport failures as fetch does', async () => {
    const fetcher = createSubgraphFetcher({ agent, merge: true });
    const failing = fetcher(url, post('{"query":"{ boom }"}'));
    await until(() => received.length === 1);
    releases[0]?.();
    const response = await failing;
    expect([response.status, response.ok]).toEqual([503, false]);
    const refused = fetcher('http://127.0.0.1:1/graphql', post('{}'));
    await expect(refused).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });
});
