/**
 * Issue #14 point 1, in a real browser: a page on another origin calls the started gateway with
 * fetch() in Debian's Chromium (playwright-core, no downloaded browser). A counting pass-through
 * proxy in front of the gateway shows what the browser really sent (preflights included).
 */
import { existsSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../stack.js';
import { browserStack, corsPagePort } from './browser-stack.js';

const CHROMIUM = '/usr/bin/chromium';
let stack: TestStack;
let browser: Browser;
let pages: Server;
let proxy: Server;
let pagePort: number;
let proxyUrl: string;
const seen: { method: string; origin: string | undefined }[] = [];

const listen = async (server: Server, port = 0) =>
  await new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

interface BrowserAnswer {
  ok: boolean;
  status?: number;
  body?: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
  requestId?: string | null;
  error?: string;
}

/** Runs fetch() inside the page, so the browser applies CORS exactly as for a front-end app. */
async function browserFetch(page: Page, url: string, init: { method: string; headers?: Record<string, string>; body?: string; cache?: RequestCache }): Promise<BrowserAnswer> {
  return await page.evaluate(async ({ url, init }) => {
    try {
      const response = await fetch(url, init);
      return { ok: true, status: response.status, body: (await response.json()) as BrowserAnswer['body'], requestId: response.headers.get('x-request-id') };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }, { url, init });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (CI's .ci/run does)`);
  // Only the `localhost` spelling of the page's origin is allowed: `127.0.0.1` on the same port is another origin.
  pagePort = await corsPagePort();
  stack = await browserStack.get();
  pages = createServer((_, response) => response.end('<!doctype html><title>front-end</title>'));
  await listen(pages, pagePort);
  const target = new URL(stack.urls.graphql);
  proxy = createServer((request, response) => {
    seen.push({ method: request.method ?? '', origin: request.headers.origin });
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}/graphql`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await new Promise((resolve) => pages?.close(resolve));
});

const QUERY = '{ occupation(romeCode: "M1805") { romeCode title } }';

describe('a browser app on another origin', () => {
  it('POSTs JSON after one preflight, cached for the next requests; reads data and the exposed request id', async () => {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${pagePort}/`);
    seen.length = 0;
    const post = { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-sent-as-a-cookie' }, body: JSON.stringify({ query: QUERY }) };
    const publicPost = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) };
    const first = await browserFetch(page, proxyUrl, publicPost);
    expect(first).toMatchObject({ ok: true, status: 200, body: { data: { occupation: { romeCode: 'M1805' } } } });
    expect(first.requestId).toMatch(/\S+/);
    const second = await browserFetch(page, proxyUrl, publicPost);
    expect(second.status).toBe(200);
    // An invalid token is refused with a readable 401 (CORS headers on errors too).
    const refused = await browserFetch(page, proxyUrl, post);
    expect(refused).toMatchObject({ ok: true, status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
    // One preflight: its answer lists every allowed header, so the request with a token reuses it too.
    expect(seen.map((request) => request.method)).toEqual(['OPTIONS', 'POST', 'POST', 'POST']);
    await page.close();
  });

  it('GETs a query with the apollo-require-preflight header; a bare GET is still stopped by the CSRF prevention', async () => {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${pagePort}/`);
    const url = `${proxyUrl}?query=${encodeURIComponent(QUERY)}`;
    const withHeader = await browserFetch(page, url, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } });
    expect(withHeader).toMatchObject({ ok: true, status: 200, body: { data: { occupation: { romeCode: 'M1805' } } } });
    // The first answer is public and cacheable (`cache-control: max-age=…, public`): the browser would
    // replay it from its own HTTP cache; `no-store` makes it ask the gateway again.
    const bare = await browserFetch(page, url, { method: 'GET', cache: 'no-store' });
    expect(bare).toMatchObject({ ok: true, status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    await page.close();
  });

  it('refuses an origin that is not configured: the browser blocks the call, the gateway executes nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${pagePort}/`);
    seen.length = 0;
    const answer = await browserFetch(page, proxyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/Failed to fetch/);
    expect(seen).toEqual([{ method: 'OPTIONS', origin: `http://127.0.0.1:${pagePort}` }]);
    await page.close();
  });
});

describe('the preflight answer', () => {
  it('allows the configured origin, no credentials, cached by Access-Control-Max-Age', async () => {
    const response = await fetch(stack.urls.graphql, {
      method: 'OPTIONS',
      headers: { origin: `http://localhost:${pagePort}`, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(`http://localhost:${pagePort}`);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });
});
