/**
 * Favourites: Giulia Ferrari signs in, opens a service card, stars it, goes home and finds it under "I tuoi
 * servizi preferiti", follows it back to the card and unstars it with the keyboard; the home then says she has
 * none. An anonymous visitor sees a sign-in link on the card, no section on the home page, and the page asks
 * nothing about favourites. axe on every page; no sideways scroll at 360 and 320 px.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';

const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 800 };
const NARROW = { width: 320, height: 700 };
const HOME_SECTION = 'I tuoi servizi preferiti';

describe.skipIf(!hasBrowser)('favourites: star a service, find it on the home page, unstar it', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let service: { title: string; slug: string };
  let cardPath: string;

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
    const r = await j.app.inject({ url: '/api/v1/services?tenant=comune-di-castelrocca&limit=1' });
    service = (r.json() as { items: { title: string; slug: string }[] }).items[0]!;
    cardPath = `/enti/comune-di-castelrocca/servizi/${service.slug}`;
  }, 180_000);
  afterAll(() => j?.stop());

  const main = (page: Page) => page.locator('main');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string) => {
    await writeFile(path.join(SHOTS, `preferiti-${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage: true }));
  };
  /** axe clean and a screenshot at the current size, then the same at 360 and 320 px with no sideways scroll. */
  const check = async (page: Page, name: string) => {
    // a toggled button fades to its new colours: judge the contrast people end up seeing, not a frame of the fade
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(page), name).toEqual([]);
    await shot(page, name);
    const size = page.viewportSize()!;
    for (const narrow of [PHONE, NARROW]) {
      await page.setViewportSize(narrow);
      expect(await noSidewaysScroll(page), `${name}: sideways scroll at ${narrow.width} px`).toBe(true);
      expect(await seriousViolations(page), `${name} at ${narrow.width} px`).toEqual([]);
      await shot(page, name);
    }
    await page.setViewportSize(size);
  };
  const star = (page: Page) => main(page).locator('button[aria-pressed]');

  it('a citizen stars a card, finds it on the home page, and unstars it from the card with the keyboard', async () => {
    const page = await j.newPage(DESKTOP);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', cardPath);
    await page.getByRole('heading', { level: 1, name: service.title }).waitFor();

    // not a favourite yet
    const add = main(page).getByRole('button', { name: 'Aggiungi ai preferiti' });
    await add.waitFor();
    expect(await add.getAttribute('aria-pressed')).toBe('false');
    await check(page, 'scheda');

    await add.click();
    const inFavourites = main(page).getByRole('button', { name: 'Nei preferiti' });
    await inFavourites.waitFor();
    expect(await inFavourites.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => main(page).getByRole('status').filter({ hasText: 'Aggiunto ai tuoi preferiti.' }).count()).toBe(1);
    await check(page, 'scheda-nei-preferiti');

    // the home page lists it, and the link leads back to the card
    await main(page).getByRole('link', { name: 'Li trovi nella pagina iniziale' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const section = main(page).getByRole('region', { name: HOME_SECTION });
    await section.getByRole('link', { name: service.title }).waitFor();
    expect(await section.textContent()).toContain('Comune di Castelrocca');
    await check(page, 'home');
    await section.getByRole('link', { name: service.title }).click();
    await page.waitForURL((url) => url.pathname === cardPath);

    // unstar with the keyboard: focus the toggle, press Space
    await inFavourites.waitFor();
    await inFavourites.focus();
    await page.keyboard.press('Space');
    await main(page).getByRole('button', { name: 'Aggiungi ai preferiti' }).waitFor();
    expect(await star(page).getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('false');
    await expect.poll(() => main(page).getByRole('status').filter({ hasText: 'Tolto dai tuoi preferiti.' }).count()).toBe(1);

    // and after a reload it stays that way
    await page.reload();
    await main(page).getByRole('button', { name: 'Aggiungi ai preferiti' }).waitFor();

    await page.goto(`${j.baseUrl}/`);
    const empty = main(page).getByRole('region', { name: HOME_SECTION });
    await empty.getByText('Non hai ancora servizi preferiti.', { exact: false }).waitFor();
    expect(await empty.getByRole('link', { name: service.title }).count()).toBe(0);
    await check(page, 'home-vuota');
    await page.context().close();
  });

  it('an anonymous visitor gets a sign-in link on the card, no section at home, and no request for favourites', async () => {
    const page = await j.newPage(DESKTOP);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/me/favourites')) asked.push(r.url());
    });
    await page.goto(`${j.baseUrl}${cardPath}`);
    await page.getByRole('heading', { level: 1, name: service.title }).waitFor();
    const signIn = main(page).getByRole('link', { name: 'Accedi per aggiungere questo servizio ai preferiti' });
    await signIn.waitFor();
    expect(await signIn.getAttribute('href')).toBe(`/accedi?returnTo=${encodeURIComponent(cardPath)}`);
    expect(await star(page).count()).toBe(0);
    await check(page, 'scheda-anonimo');

    await page.goto(`${j.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // the list of bodies has loaded: the page has asked for everything it asks for
    await main(page).getByRole('region', { name: 'Enti', exact: true }).getByRole('link', { name: 'Comune di Castelrocca' }).waitFor();
    expect(await main(page).getByRole('heading', { name: HOME_SECTION }).count()).toBe(0);
    expect(asked).toEqual([]);
    await page.context().close();
  });
});
