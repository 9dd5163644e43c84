/**
 * Issue #14 point 6, in Debian's Chromium (playwright-core): the explorer's "Act as" picker gets a
 * token from the development issuer through the gateway, sets the Authorization header in
 * GraphiQL, and renews the token before it expires. The page's clock is Playwright's fake clock,
 * so "before expiry" is reached by moving it forward, and renewals are counted, not timed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../lib/testing/browser.js';
import { browserStack } from '../browser/browser-stack.js';
import type { TestStack } from '../stack.js';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  // Cost budgets raised (test/browser/browser-stack.ts): the explorer runs query after query.
  stack = await browserStack.get();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

interface Explorer {
  context: BrowserContext;
  page: Page;
  /** Authorization header of every POST /graphql the page sent ('' without one). */
  graphqlAuthorizations: string[];
  /** Bodies of every POST /explorer/dev/token the page sent. */
  tokenRequests: string[];
  consoleErrors: string[];
  foreignRequests: string[];
}

async function openExplorer(): Promise<Explorer> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const explorer: Explorer = { context, page: await context.newPage(), graphqlAuthorizations: [], tokenRequests: [], consoleErrors: [], foreignRequests: [] };
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return await route.continue();
    explorer.foreignRequests.push(url.href);
    return await route.abort('blockedbyclient');
  });
  const { page } = explorer;
  page.on('console', (message) => {
    if (message.type() === 'error') explorer.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => explorer.consoleErrors.push(error.message));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'POST' && path === '/graphql') explorer.graphqlAuthorizations.push(request.headers()['authorization'] ?? '');
    if (request.method() === 'POST' && path === '/explorer/dev/token') explorer.tokenRequests.push(request.postData() ?? '');
  });
  await page.clock.install();
  await page.goto(`${stack.urls.gateway}/`);
  await page.locator('#act-as:not([disabled])').waitFor();
  return explorer;
}

/** The text of every CodeMirror editor on the page (query, variables, headers, response). */
async function editorTexts(page: Page): Promise<string[]> {
  return await page.evaluate(`Array.from(document.querySelectorAll('.CodeMirror')).map((element) => element.CodeMirror.getValue())`);
}

/** Replaces the query editor's text and runs it at once (as when pasting); returns the response once it matches. */
async function run(page: Page, query: string, expected: RegExp): Promise<string> {
  await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(query)})`);
  await page.getByRole('button', { name: /Execute query/ }).click();
  const response = async () => (await page.evaluate(`document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()`)) as string;
  await expect.poll(response, { timeout: 20_000 }).toMatch(expected);
  return await response();
}

const bearerIn = (texts: string[]): string | undefined => texts.map((text) => /"Authorization": "(Bearer [^"]+)"/.exec(text)?.[1]).find(Boolean);

describe('the explorer in development', () => {
  it('acts as a demo worker: the picker sets the Authorization header, `me` answers, the token is renewed before it expires', async () => {
    const explorer = await openExplorer();
    const { page } = explorer;
    const options = await page.locator('#act-as option').allTextContents();
    expect(options[0]).toMatch(/Anonymous/);
    expect(options.filter((text) => /^W\d{6}/.test(text))).toHaveLength(10);
    expect(options.filter((text) => /^demo-/.test(text))).toHaveLength(3);

    await page.locator('#act-as').selectOption('worker:W000005');
    await page.getByRole('status').getByText(/Acting as W000005/).waitFor();
    const first = bearerIn(await editorTexts(page));
    expect(first).toMatch(/^Bearer eyJ/);
    expect(explorer.tokenRequests).toEqual(['{"workerId":"W000005"}']);
    expect(await run(page, 'query Me { me { id activityAccount { cpf { balance { cents } } } } }', /W000005/)).toContain('"cents"');
    expect(explorer.graphqlAuthorizations.at(-1)).toBe(first);

    // Tokens live 15 minutes: the picker renews at 80 % (12 min). Nothing before, one renewal after.
    await page.clock.fastForward('11:00');
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 0))');
    expect(explorer.tokenRequests).toHaveLength(1);
    await page.clock.fastForward('01:30');
    await expect.poll(() => explorer.tokenRequests.length, { timeout: 20_000 }).toBe(2);
    await expect.poll(async () => bearerIn(await editorTexts(page)), { timeout: 20_000 }).not.toBe(first);
    const renewed = bearerIn(await editorTexts(page));
    expect(renewed).toMatch(/^Bearer eyJ/);
    await run(page, 'query MeAgain { me { id } }', /W000005/);
    expect(explorer.graphqlAuthorizations.at(-1)).toBe(renewed);

    expect(explorer.consoleErrors).toEqual([]);
    expect(explorer.foreignRequests).toEqual([]);
    await explorer.context.close();
  }, 60_000);

  it('acts as a demo partner (client credentials), then as nobody again', async () => {
    const explorer = await openExplorer();
    const { page } = explorer;
    await page.locator('#act-as').selectOption('client:demo-counsellor');
    await page.getByRole('status').getByText(/Acting as demo-counsellor/).waitFor();
    expect(explorer.tokenRequests).toEqual(['{"clientId":"demo-counsellor"}']);
    // W000001 consented to demo-counsellor (upstreams/identity/README.md).
    await run(page, 'query Counsellor { worker(id: "W000001") { id activityAccount { cpf { regime } } } }', /W000001/);
    expect(explorer.graphqlAuthorizations.at(-1)).toMatch(/^Bearer eyJ/);

    await page.locator('#act-as').selectOption('');
    await page.getByRole('status').getByText(/Anonymous/).waitFor();
    expect(bearerIn(await editorTexts(page))).toBeUndefined();
    await run(page, 'query Nobody { me { id } }', /"UNAUTHENTICATED"/);
    expect(explorer.graphqlAuthorizations.at(-1)).toBe('');
    expect(explorer.consoleErrors).toEqual([]);
    await explorer.context.close();
  }, 60_000);

  it('relays only what the development issuer offers, and no secret', async () => {
    const directory = (await (await fetch(`${stack.urls.gateway}/explorer/dev/identities`)).json()) as { clients: Record<string, unknown>[] };
    expect(directory.clients.map((client) => client['clientId'])).toEqual(['demo-counsellor', 'demo-jobboard', 'demo-dashboard']);
    expect(JSON.stringify(directory)).not.toContain('secret');
    const unknown = await fetch(`${stack.urls.gateway}/explorer/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"workerId":"W999999"}' });
    expect(unknown.status).toBe(404);
    const form = await fetch(`${stack.urls.gateway}/explorer/dev/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"workerId":"W000005"}' });
    expect(form.status).toBe(415);
  });
});
