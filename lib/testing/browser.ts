import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Drives "Mon CPA" in the Debian Chromium (never a downloaded browser) for the browser tests and
 * `npm run screenshots`: records console errors and every request that would leave 127.0.0.1
 * (such requests are aborted, so a CDN dependency fails loudly), logs in as a demo worker, and
 * runs axe-core in the page.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Console messages of type error and uncaught page errors. */
  consoleErrors: string[];
  /** URLs requested outside 127.0.0.1 (data: and blob: URLs are local). */
  foreignRequests: string[];
}

export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
}

function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.hostname === '127.0.0.1';
}

export async function openApp(browser: Browser, appUrl: string): Promise<AppSession> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return await route.continue();
    foreignRequests.push(url);
    return await route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  await page.goto(appUrl);
  return { context, page, consoleErrors, foreignRequests };
}

/** Logs in through the app's own form, then waits for the rights screen. */
export async function loginAs(page: Page, workerId: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  await page.locator(`label[for="worker-${workerId}"]`).click();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mes droits' }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.x A/AA rules on the current page; returns the violations of any impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // A string, not a function: this file is compiled without the DOM library.
  return (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
}
