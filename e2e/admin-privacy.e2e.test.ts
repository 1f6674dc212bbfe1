import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG, DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';

const SHOTS = process.env.SPORTELLO_SCREENSHOTS ?? '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
async function shoot(page: Page, name: string) {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: width === 320 ? 800 : 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const SWITCH = "Mostra ai cittadini il nome dell'operatore che ha consultato i loro dati";

describe.skipIf(!hasBrowser)("the body's privacy choice in the administration", () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.stop());

  const namesOperators = async () => (await j.ctx.services.tenants.get(CASTELROCCA_SLUG)).access_log_names_operators;

  it('an administrator turns off, with the keyboard, the naming of operators in the citizens’ log and sees it saved', async () => {
    const { email } = DEMO_ADMINS.find((a) => a.tenantSlug === CASTELROCCA_SLUG)!;
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Amministrazione' }).click();
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Riservatezza' }).click();
    await page.getByRole('heading', { level: 1, name: 'Riservatezza' }).waitFor();
    await page.getByText('secondo la propria valutazione giuridica', { exact: false }).waitFor();

    // the demo body names its operators: the switch is on, described by its hint
    const toggle = page.getByRole('switch', { name: SWITCH });
    expect(await toggle.isChecked()).toBe(true);
    expect(await toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-privacy');

    // keyboard only: from the breadcrumb, Tab reaches the switch (its focus ring drawn), Space turns it off, Tab
    // reaches the button, Enter saves
    await page.getByRole('link', { name: 'Amministrazione', exact: true }).last().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
    await page.screenshot({ path: `${SHOTS}/admin-privacy-focus-1280.png` });
    await page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Salva la scelta');
    await page.keyboard.press('Enter');
    const saved = page.getByText('Scelta salvata: i cittadini vedono l\'ente e l\'ufficio, e «Un operatore» al posto del nome.');
    await saved.waitFor();
    // the confirmation takes the focus, so a screen reader hears it
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Scelta salvata/);
    expect(await namesOperators()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await shoot(page, 'admin-privacy-saved');

    // it stays saved: the page read again shows it off; the activity log names the change
    await page.reload();
    expect(await page.getByRole('switch', { name: SWITCH }).isChecked()).toBe(false);
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Registro attività' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro attività' }).waitFor();
    await page.getByRole('table').getByText('Scelte di riservatezza modificate').first().waitFor();
    await page.getByText('nome dell\'operatore ai cittadini: mostrato → non mostrato').waitFor();

    // and on again, by clicking
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Riservatezza' }).click();
    await page.getByText(SWITCH).click();
    expect(await page.getByRole('switch', { name: SWITCH }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Salva la scelta' }).click();
    await page.getByText('Scelta salvata: i cittadini vedono il nome dell\'operatore che ha consultato i loro dati.').waitFor();
    expect(await namesOperators()).toBe(true);
  }, 120_000);
});
