import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, loginAs, openApp, type AppSession } from '../../lib/testing/browser.js';
import { ensureWebBuild } from '../../scripts/web-build.js';
import { browserStack } from '../browser/browser-stack.js';
import type { TestStack } from '../stack.js';

/**
 * "Mon CPA" in real Chromium against one whole stack: each screen's main path, an operator fault
 * (France Travail answering 503) that blanks only its part, an axe-core scan, no console error and
 * no request leaving 127.0.0.1.
 */
let stack: TestStack;
let browser: Browser;
let app: AppSession;

beforeAll(async () => {
  ensureWebBuild('pipe');
  // Cost budgets raised (test/browser/browser-stack.ts): one person clicks through every screen.
  stack = await browserStack.get();
  browser = await launchChromium();
  app = await openApp(browser, `${stack.urls.gateway}/app/`);
  await loginAs(app.page, 'W000005');
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

/** Presses Tab until the focus is on the disclosure whose summary matches, as a keyboard user would; fails after `max` presses. */
async function tabToSummary(page: AppSession['page'], name: RegExp, max = 60): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(`document.activeElement && document.activeElement.tagName === 'SUMMARY' ? document.activeElement.textContent : ''`)) as string;
    if (name.test(focused)) return;
  }
  throw new Error(`no summary matching ${name} within ${max} Tab presses`);
}

const seriousViolations = async () => (await axeViolations(app.page)).filter((item) => item.impact === 'serious' || item.impact === 'critical');

describe('Mon CPA in Chromium', () => {
  it('shows my rights, movements and the projection chart', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Total pour ma formation' }).waitFor();
    await expect(page.locator('main').getByText('3 700,00 €').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('table').first().locator('tbody tr').count()).toBe(5);
    await page.getByRole('img', { name: /Solde projeté du CPF/ }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une période' }).click();
    await page.getByRole('button', { name: 'Calculer la projection' }).click();
    await page.getByRole('cell', { name: String(new Date().getFullYear() + 8) }).waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it("opens an amount's explanation with the keyboard and shows the rule and its legal articles", async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Mes droits' }).click();
    await page.getByRole('heading', { name: 'Total pour ma formation' }).waitFor();
    // Navigation puts the focus on the screen's title; from there the first disclosure is the total's.
    await page.getByRole('heading', { level: 1, name: 'Mes droits' }).focus();
    await tabToSummary(page, /Comment est calculé ce montant : plafond du CPF/);
    const details = page.locator('details', { has: page.locator('summary', { hasText: 'plafond du CPF' }) });
    expect(await details.getAttribute('open')).toBeNull();
    await page.keyboard.press('Enter');
    expect(await details.getAttribute('open')).toBe('');
    await details.getByText('Code du travail, article L6323-11').waitFor();
    await expect(details.getByText(/Plafond des crédits d'activité/).isVisible()).resolves.toBe(true);
    await expect(details.getByText("Régime d'alimentation").isVisible()).resolves.toBe(true);
    // The projection's years explain their three amounts in one disclosure.
    const year = String(new Date().getFullYear());
    await page.locator('summary', { hasText: `année ${year}` }).click();
    await page.locator('details[open]', { hasText: `année ${year}` }).getByText(/crédit|plafond/i).first().waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('finds CPF trainings with funding, outcomes and reviews, page by page', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Trouver une formation' }).click();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText(/\d+ formations trouvées/).waitFor();
    expect(await page.getByText('Financement pour moi').count()).toBe(5);
    // The first training's funding explains itself, the participation citing its décret with a Légifrance link.
    await page.getByRole('button', { name: 'Rechercher' }).focus();
    await tabToSummary(page, /Comment est calculé ce financement/);
    await page.keyboard.press('Enter');
    const funding = page.locator('details[open]').first();
    await funding.getByText(/Participation forfaitaire :/).waitFor();
    const decree = funding.getByRole('link', { name: /Décret n° 2024-394/ }).first();
    await decree.waitFor();
    expect(await decree.getAttribute('href')).toMatch(/^https:\/\/www\.legifrance\.gouv\.fr\//);
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.getByText('Page 2').waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('changes careers from the sought occupation, with companies hiring in a department', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Changer de métier' }).click();
    await page.getByRole('heading', { name: /Études et développement informatique/ }).waitFor();
    await page.getByRole('heading', { name: 'Certifications qui y mènent' }).waitFor();
    await page.getByText(/RNCP37005/).waitFor();
    await page.getByLabel(/Département/).fill('13');
    await page.getByRole('button', { name: 'Voir les entreprises' }).click();
    await page.getByText(/potentiel d'embauche/).first().waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('shows the transition plan to another occupation: skills, certifications, ranked and funded paths, offers, companies', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Changer de métier' }).click();
    await page.getByRole('searchbox', { name: 'Chercher un métier' }).fill('secrétariat');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByRole('button', { name: /Secrétariat \(M1607\)/ }).click();
    await page.getByRole('heading', { name: 'Mon plan de transition' }).waitFor();
    await page.getByText(/De Études et développement informatique vers Secrétariat/).waitFor();
    await page.getByRole('heading', { name: /Compétences à acquérir \(\d+\)/ }).waitFor();
    await page.getByText(/RNCP31831/).waitFor();
    await page.getByText(/\d+ parcours, classés par reste à payer/).waitFor();
    const paths = page.locator('section[aria-labelledby="plan-paths-title"] ol > li');
    expect(await paths.count()).toBeGreaterThan(0);
    const first = paths.first();
    await expect(first.getByText(/\(projeté\)/).isVisible()).resolves.toBe(true);
    await expect(first.getByText('Reste à payer', { exact: true }).isVisible()).resolves.toBe(true);
    await first.locator('summary', { hasText: 'financement' }).click();
    await first.locator('details[open]').getByText(/Pris sur mon CPF/).waitFor();
    await first.locator('details[open]').getByText(/En vigueur depuis le/).first().waitFor();
    // The texts of each rule, with their Légifrance links, as on a training of "Trouver une formation".
    await first.locator('details[open]').getByText('Textes appliqués').first().waitFor();
    expect(await first.locator('details[open] a[href^="https://www.legifrance.gouv.fr/"]').count()).toBeGreaterThan(0);
    await first.locator('summary', { hasText: 'Comment est calculé ce montant' }).click();
    await first.locator('details[open]').getByText(/Données du calcul/).first().waitFor();
    await page.getByRole('heading', { name: 'Offres près de ce lieu' }).waitFor();
    await page.getByRole('heading', { name: 'Entreprises qui recrutent près de ce lieu' }).waitFor();
    // Asked again elsewhere (the Nord, where the simulators publish secretarial offers) and ranked by start date.
    await page.getByLabel(/Département des formations/).fill('59');
    await page.getByLabel('Classer par').selectOption('START_DATE');
    await page.getByRole('button', { name: 'Recalculer mon plan' }).click();
    await page.getByText(/\d+ parcours, classés par date de début/).waitFor();
    await page.locator('section[aria-labelledby="plan-offers-title"]').getByText(/\d+ offres?, les \d+ plus récentes|\d+ offres? :/).waitFor();
    expect(await page.locator('section[aria-labelledby="plan-offers-title"] h3').count()).toBeGreaterThan(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it('lists the offers recommended near me', async () => {
    const { page } = app;
    await page.getByRole('link', { name: /Offres d'emploi/ }).click();
    await page.getByText(/Métier recherché : Études et développement informatique/).waitFor();
    expect(await page.locator('main h3').count()).toBeGreaterThan(0);
    // The search starts from the commune the worker lives in (me.home: Bordeaux for W000005).
    await page.getByText('Code INSEE ; par défaut ma commune : Bordeaux (33063)').waitFor();
    expect(await page.locator('#offer-commune').inputValue()).toBe('33063');
    await page.getByLabel('Mots-clés').fill('informatique');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('section[aria-labelledby="offer-search-title"]').getByText(/\d+ offres?(, les \d+ plus récentes)? :/).waitFor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('names the part missing when France Travail is down and still shows the rest', async () => {
    const admin = `${stack.urls.upstreams}/_admin/faults`;
    await fetch(admin, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ francetravail: { forcedStatus: 503 } }) });
    try {
      const { page } = app;
      await page.getByRole('link', { name: 'Mes droits' }).click();
      await page.getByRole('link', { name: 'Changer de métier' }).click();
      // A department not asked for before: no cached answer can stand in for La Bonne Boîte. (The
      // occupation search would not do: the plan test above warmed France Travail's ROME referential.)
      await page.getByRole('heading', { name: 'Certifications qui y mènent' }).waitFor();
      await page.getByLabel(/Département/).fill('2A');
      await page.getByRole('button', { name: 'Voir les entreprises' }).click();
      await page.getByRole('alert').filter({ hasText: /entreprises \(La Bonne Boîte\) indisponible/i }).waitFor();
      // The rest of the screen (the occupation, its certifications and trainings) is still there.
      await page.getByRole('heading', { name: 'Certifications qui y mènent' }).waitFor();
      await page.getByRole('heading', { name: 'Formations vers ce métier' }).waitFor();
    } finally {
      await fetch(admin, { method: 'DELETE' });
    }
  });

  it('logged no console error and sent no request outside 127.0.0.1', () => {
    expect(app.foreignRequests).toEqual([]);
    // The failed GraphQL answers of the fault test are shown in the page; the browser logs
    // nothing for them, since the gateway answers 200 with errors.
    expect(app.consoleErrors).toEqual([]);
  });
});
