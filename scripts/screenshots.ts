import { mkdirSync } from 'node:fs';
import { runMain } from '../lib/config/index.js';
import { launchChromium, loginAs, openApp } from '../lib/testing/browser.js';
import { repoPath } from '../lib/paths.js';
import { freeStackPorts, startStack } from './stack.js';
import { ensureWebBuild } from './web-build.js';

/**
 * `npm run screenshots`: builds Mon CPA if needed, starts a stack on free ports, and writes
 * docs/screenshots/{login,rights,trainings,careers,transition-plan,job-offers}.png from Debian's
 * Chromium, with one explanation opened on the rights and trainings screens and the plan's first path.
 */
await runMain(async () => {
  ensureWebBuild();
  const stack = await startStack({ ports: await freeStackPorts(), output: 'pipe', readyTimeoutMs: 170_000, env: { LOG_LEVEL: 'warn' } });
  const browser = await launchChromium();
  const out = (name: string) => repoPath('docs', 'screenshots', `${name}.png`);
  mkdirSync(repoPath('docs', 'screenshots'), { recursive: true });
  try {
    const { page } = await openApp(browser, `${stack.urls.gateway}/app/`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await page.screenshot({ path: out('login'), fullPage: true });
    await loginAs(page, 'W000003');
    await page.getByRole('img', { name: /Solde projeté du CPF/ }).waitFor();
    await page.locator('summary', { hasText: 'valeur formation des points C2P' }).click();
    await page.screenshot({ path: out('rights'), fullPage: true });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await loginAs(page, 'W000005');
    await page.getByRole('link', { name: 'Trouver une formation' }).click();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText(/\d+ formations trouvées/).waitFor();
    await page.locator('summary', { hasText: 'Comment est calculé ce financement' }).first().click();
    await page.screenshot({ path: out('trainings'), fullPage: true });
    await page.getByRole('link', { name: 'Changer de métier' }).click();
    await page.getByText(/RNCP37005/).waitFor();
    await page.getByLabel(/Département/).fill('13');
    await page.getByRole('button', { name: 'Voir les entreprises' }).click();
    await page.getByText(/potentiel d'embauche/).first().waitFor();
    await page.screenshot({ path: out('careers'), fullPage: true });
    await page.getByRole('searchbox', { name: 'Chercher un métier' }).fill('secrétariat');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByRole('button', { name: /Secrétariat \(M1607\)/ }).click();
    await page.getByText(/\d+ parcours, classés par/).waitFor();
    await page.getByLabel(/Département des formations/).fill('59');
    await page.getByLabel('Classer par').selectOption('START_DATE');
    await page.getByRole('button', { name: 'Recalculer mon plan' }).click();
    await page.getByText(/\d+ parcours, classés par date de début/).waitFor();
    await page.locator('section[aria-labelledby="plan-offers-title"]').getByText(/\d+ offres?/).waitFor();
    await page.locator('summary', { hasText: 'Comment est calculé ce financement' }).first().click();
    await page.screenshot({ path: out('transition-plan'), fullPage: true });
    await page.getByRole('link', { name: /Offres d'emploi/ }).click();
    await page.getByText(/Métier recherché/).waitFor();
    await page.screenshot({ path: out('job-offers'), fullPage: true });
    process.stdout.write(`Screenshots written to ${repoPath('docs', 'screenshots')}\n`);
  } finally {
    await browser.close();
    await stack.stop();
  }
});
