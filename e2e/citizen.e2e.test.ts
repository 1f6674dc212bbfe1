import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';

const CARD_ORDER = [
  'A chi è rivolto', 'Come fare', 'Cosa serve', 'Cosa si ottiene', 'Tempi e scadenze', 'Accedi al servizio', 'Condizioni', 'Contatti',
];

describe.skipIf(!hasBrowser)('a citizen finds and reads a service card', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.stop());

  // The count line is there while loading too ("Caricamento…"): wait until it states a result.
  const resultsShown = (page: Page) =>
    page.waitForFunction(() => /trovat|Nessun servizio/i.test(document.querySelector('main [role="status"]')?.textContent ?? ''));
  const searchFrom = async (page: Page, words: string) => {
    const box = page.locator('main').getByLabel('Cerca un servizio');
    await box.fill(words);
    // the answer to this very question, not the previous page's
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/services?') && new URL(r.url()).searchParams.get('q') === words);
    await box.press('Enter');
    await page.waitForURL(/\/servizi\?/);
    await answered;
    await resultsShown(page);
  };
  const resultTitles = (page: Page) => page.locator('main h3 a, main .it-card-title a').allTextContents();
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('on a phone: home → search "carta d\'identità" → the card, in the Designers Italia order, with office and hours', async () => {
    const page = await j.newPage({ width: 360, height: 800 });
    await page.goto(`${j.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    await searchFrom(page, "carta d'identità");
    const titles = await resultTitles(page);
    expect(titles[0]).toMatch(/Carta d.identità/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    await page.locator('main').getByRole('link', { name: titles[0] }).first().click();
    await page.getByRole('heading', { level: 1, name: /Carta d.identità/ }).waitFor();
    const headings = (await page.locator('main h2').allTextContents()).map((h) => h.trim());
    const positions = CARD_ORDER.map((h) => headings.indexOf(h));
    expect(positions.every((p) => p >= 0), `headings: ${headings.join(' | ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const contacts = await page.locator('main').textContent();
    expect(contacts).toMatch(/Lunedì/);
    expect(contacts).toMatch(/Ufficio|Anagrafe/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
  });

  it('forgives a typing mistake and another word form', async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/servizi`);
    await searchFrom(page, 'anagarfe');
    await page.getByText('Forse cercavi:').waitFor();
    expect(await page.locator('main').getByRole('link', { name: 'anagrafe' }).count()).toBeGreaterThan(0);
    await searchFrom(page, 'iscrizioni asili');
    expect((await resultTitles(page)).slice(0, 3).join(' ')).toMatch(/nido/i);
  });

  it('filters by life event from the home page, and the filter shows in the address', async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/`);
    await page.locator('main').getByRole('link', { name: /nascita/i }).first().click();
    await page.waitForURL(/lifeEvent=birth/);
    await resultsShown(page);
    const titles = await resultTitles(page);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.join(' ')).toMatch(/nascita|nido|maternità|bonus|assegno/i);
    await page.getByLabel('Solo servizi online').check();
    await page.waitForURL(/online=true/);
  });

  it("one body's page shows only that body's services, with its offices and hours", async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/enti/comune-di-valdoro`);
    await page.getByRole('heading', { level: 1, name: /Valdoro/ }).waitFor();
    await resultsShown(page);
    const bodies = await page.locator('main .it-card').allTextContents();
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.some((b) => b.includes('Castelrocca'))).toBe(false);
    expect(await page.locator('main').textContent()).toMatch(/Orari|orari/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches to English and back', async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('main').getByLabel(/search/i).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'it');
  });

  it('works with the keyboard alone: skip link, search, open a result', async () => {
    const page = await j.newPage();
    await page.goto(`${j.baseUrl}/`);
    // the skip link exists only once React has drawn the page
    await page.getByRole('link', { name: /Vai al contenuto/ }).waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Vai al contenuto/);
    await page.keyboard.press('Enter');
    // from the main content, Tab reaches the search box
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'search' || document.activeElement?.tagName === 'INPUT')) break;
    }
    await page.keyboard.type('residenza');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=residenza/);
    await resultsShown(page);
    const first = page.locator('main .it-card-title a, main h3 a').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/enti\/.+\/servizi\//);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
});
