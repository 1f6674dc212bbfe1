/**
 * "Per te": Giulia Ferrari (a parent; the demo's register says her identity card expires 60 days after the seed)
 * signs in on a phone and finds the identity-card alert, with why she sees it, on her personal area and on
 * /area-personale/per-te; with the keyboard alone she switches the kind off and the alert goes away, switches it
 * back on, and then hides it for good. The demo's second TARI instalment, due in 12 days, is the other alert she
 * has ("Pagamento in scadenza"): it stays through all this, being of another kind.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { main, noSidewaysScroll, screenshots, tabTo } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const PAGE = '/area-personale/per-te';
const CIE = '/enti/comune-di-castelrocca/servizi/carta-identita-elettronica';
const TITLE = "Rinnova la carta d'identità";
const PAYMENT_TITLE = 'Pagamento in scadenza';

describe.skipIf(!hasBrowser)('"Per te": an alert for the parent test identity', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(() => j?.stop());

  const alerts = (page: Page) => main(page).locator('.sp-rec');
  const shot = screenshots('per-te');

  it('shows the identity-card alert with its reason on the personal area and on its page; the kind switched off hides it', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', '/area-personale');

    // the personal area: "Per te" with the alert, why it is shown and where to act
    const section = main(page).locator('section[aria-labelledby="per-te"]');
    await section.getByRole('heading', { level: 2, name: 'Per te' }).waitFor();
    const card = section.locator('.sp-rec').filter({ hasText: TITLE });
    await card.waitFor();
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/La tua carta d'identità scade il \d{1,2} \w+ \d{4}\. Puoi chiedere la nuova carta d'identità elettronica al Comune di Castelrocca\./);
    expect(text).toMatch(/Perché lo vedi: L'anagrafe del Comune di Castelrocca riporta il \d{1,2} \w+ \d{4} come data di scadenza della tua carta d'identità\./);
    expect(await card.getByRole('link', { name: `Vai al servizio dell'avviso «${TITLE}»` }).getAttribute('href')).toBe(CIE);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'area-personale');

    // its page, reached from the section
    await section.locator('.sp-rec').filter({ hasText: PAYMENT_TITLE }).waitFor();
    await section.getByRole('link', { name: 'Vedi tutti i 2 avvisi e scegli quali ricevere' }).click();
    await page.waitForURL((url) => url.pathname === PAGE);
    await page.getByRole('heading', { level: 1, name: 'Per te' }).waitFor();
    await alerts(page).filter({ hasText: TITLE }).waitFor();
    expect(await alerts(page).count()).toBe(2);
    expect((await alerts(page).filter({ hasText: TITLE }).innerText()).replace(/\s+/g, ' ')).toContain("Perché lo vedi: L'anagrafe del Comune di Castelrocca riporta");
    expect(await main(page).getByText('2 avvisi per te').count()).toBe(1);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'elenco');
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), 'sideways scroll at 320 px').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'elenco');
    await page.setViewportSize(PHONE);

    // with the keyboard alone: "Scadenze dei documenti" off, then save
    const deadlines = main(page).getByRole('checkbox', { name: 'Scadenze dei documenti' });
    expect(await deadlines.isChecked()).toBe(true);
    await deadlines.focus();
    await page.keyboard.press('Space');
    expect(await deadlines.isChecked()).toBe(false);
    await tabTo(page, 'Salva le preferenze');
    await page.keyboard.press('Enter');
    await main(page).getByText('Preferenze salvate.').waitFor();
    await expect.poll(() => alerts(page).filter({ hasText: TITLE }).count()).toBe(0);
    expect(await alerts(page).filter({ hasText: PAYMENT_TITLE }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'spento');

    // the personal area says so too
    await page.goto(`${j.baseUrl}/area-personale`);
    await section.locator('.sp-rec').filter({ hasText: PAYMENT_TITLE }).waitFor();
    expect(await section.locator('.sp-rec').filter({ hasText: TITLE }).count()).toBe(0);

    // back on: the alert comes back; "Non mostrare più" hides it for good and says so
    await page.goto(`${j.baseUrl}${PAGE}`);
    await main(page).getByRole('checkbox', { name: 'Scadenze dei documenti' }).check();
    await main(page).getByRole('button', { name: 'Salva le preferenze' }).click();
    await alerts(page).filter({ hasText: TITLE }).waitFor();
    const hide = main(page).getByRole('button', { name: `Non mostrare più l'avviso «${TITLE}»` });
    await hide.focus();
    await page.keyboard.press('Enter');
    await main(page).getByText('Avviso nascosto: non lo vedrai più.').waitFor();
    await expect.poll(() => alerts(page).filter({ hasText: TITLE }).count()).toBe(0);
    // the focus is not lost with the card that went away
    expect(await page.evaluate(() => document.activeElement !== document.body && !!document.querySelector('main')?.contains(document.activeElement))).toBe(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Per te' }).waitFor();
    await alerts(page).filter({ hasText: PAYMENT_TITLE }).waitFor();
    expect(await alerts(page).filter({ hasText: TITLE }).count()).toBe(0);
  });
});
