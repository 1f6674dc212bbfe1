/**
 * "I miei dati": Giulia Ferrari, on a phone, opens her data from the personal area and finds her registry record
 * with its source and date; she corrects her mobile number (a wrong one first: the message says what to do and
 * what she typed stays) and reports that her address is wrong. Laura Brembilla of the registry office signs in to
 * the back office, finds the report in "Segnalazioni sui dati", takes it and answers that the address was corrected.
 * Giulia reads the answer on the same page. axe on every page; no sideways scroll at 360 and 320 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const MY_DATA = '/area-personale/dati';
const OFFICE = 'Servizi demografici - Anagrafe, Stato civile ed Elettorale';

describe.skipIf(!hasBrowser)('"I miei dati": the citizen sees her data with its sources, corrects a contact, reports a wrong address; the office answers', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(() => j?.stop());

  const shot = screenshots('miei-dati');
  const item = (page: Page, label: string) => main(page).locator('.sp-md-item').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });

  it('shows the record with sources, corrects the mobile number, reports the address; the office resolves it; the citizen reads the answer', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', '/area-personale');
    const card = main(page).getByRole('link', { name: 'I miei dati', exact: true });
    await card.waitFor();
    await card.click();
    await page.waitForURL((url) => url.pathname === MY_DATA);
    await page.getByRole('heading', { level: 1, name: 'I miei dati' }).waitFor();

    // the registry record, each item with its source and date
    const address = item(page, 'Indirizzo di residenza');
    await address.waitFor();
    const addressText = (await address.innerText()).replace(/\s+/g, ' ');
    expect(addressText).toContain('Via Giuseppe Garibaldi 28');
    expect(addressText).toMatch(/Fonte: Anagrafe del Comune di Castelrocca · aggiornato il \d{2}\/\d{2}\/\d{4}/);
    expect((await item(page, 'Nome').innerText())).toContain('Giulia');
    expect((await item(page, 'Sesso').innerText())).toContain('Femmina');
    expect((await item(page, 'Data di nascita').innerText())).toContain('14/05/1984');
    // the family, with the minors she is a parent of
    const family = main(page).getByRole('list', { name: 'Le persone della tua scheda di famiglia' });
    const sofia = family.getByRole('listitem').filter({ hasText: 'Sofia Colombo' });
    expect(await sofia.innerText()).toContain('Minore di cui sei genitore');
    expect(await family.getByRole('listitem').filter({ hasText: 'Marco Colombo' }).innerText()).not.toContain('Minore');
    // contacts given by SPID at sign-in
    const phoneItem = item(page, 'Cellulare');
    expect((await phoneItem.innerText()).replace(/\s+/g, ' ')).toMatch(/\+393401234501 Fonte: SPID o CIE, all'accesso · aggiornato il/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    await shot(page, 'dati');
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), 'sideways scroll at 320 px').toBe(true);
    await page.setViewportSize(PHONE);

    // correct the mobile number with the keyboard: a wrong number first
    const edit = main(page).getByRole('button', { name: 'Correggi i recapiti' });
    await edit.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contatti-email');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contatti-phone');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('340 12');
    await page.keyboard.press('Enter');
    const problem = main(page).getByRole('alert').filter({ hasText: 'I recapiti non sono stati salvati' });
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/Cellulare: non è un numero di cellulare/);
    const phoneField = main(page).getByLabel('Cellulare');
    expect(await phoneField.inputValue()).toBe('340 12');
    expect(await phoneField.getAttribute('aria-invalid')).toBe('true');
    expect(await main(page).locator('#contatti-phoneDescription').innerText()).toMatch(/scrivilo come 347 123 4567/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recapito-errato');
    await phoneField.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('347 555 1234');
    await page.keyboard.press('Enter');
    await main(page).getByText('Recapiti salvati.').waitFor();
    await expect.poll(async () => (await item(page, 'Cellulare').innerText()).replace(/\s+/g, ' ')).toMatch(/\+393475551234 Fonte: Inserito da te · aggiornato il/);

    // report that the address is wrong
    const report = address.getByRole('button', { name: /^Segnala un errore\s*:\s*Indirizzo di residenza$/ });
    await report.click();
    const right = address.getByLabel('Che cosa è giusto');
    await expect.poll(() => right.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await address.innerText()).toContain('Che cosa risulta ora');
    // sent empty: said on the field
    await address.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await address.getByText('Scrivi che cosa è giusto.').waitFor();
    await right.fill('Abito al numero civico 30, non al 28.');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'segnalazione');
    await address.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await address.getByText(`Segnalazione inviata a ${OFFICE}`).waitFor();
    const mine = main(page).getByRole('list', { name: 'Le tue segnalazioni' }).getByRole('listitem');
    await expect.poll(() => mine.count()).toBe(1);
    expect((await mine.first().innerText()).replace(/\s+/g, ' ')).toMatch(/Indirizzo di residenza Inviata .*Abito al numero civico 30/);
    await page.reload();
    await item(page, 'Indirizzo di residenza').getByText('Segnalazione inviata, in attesa di risposta').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'inviata');

    // the registry office
    const office = await j.newPage(DESKTOP);
    await loginAsOperator(office, j.baseUrl, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    const link = office.getByRole('link', { name: /Segnalazioni sui dati/ });
    await link.waitFor();
    expect(await link.innerText()).toMatch(/1/);
    await link.click();
    await office.getByRole('heading', { level: 1, name: 'Segnalazioni sui dati' }).waitFor();
    const entry = office.locator('main').getByRole('listitem').filter({ hasText: 'Giulia Ferrari — Indirizzo di residenza' });
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Abito al numero civico 30, non al 28.');
    expect(await entry.innerText()).toContain('Via Giuseppe Garibaldi 28');
    expect(await seriousViolations(office)).toEqual([]);
    await entry.getByRole('button', { name: /Prendi in carico/ }).click();
    await office.getByText('Segnalazione di Giulia Ferrari presa in carico.').waitFor();
    await entry.getByText('In verifica').waitFor();
    await entry.getByLabel('Risposta al cittadino').fill('Abbiamo verificato con la Polizia locale: il numero civico è 30. Indirizzo corretto in anagrafe.');
    await entry.getByRole('button', { name: 'Dato corretto' }).click();
    await office.getByText('Risposta inviata a Giulia Ferrari: dato corretto.').waitFor();
    await entry.getByText('Dato corretto', { exact: true }).first().waitFor();
    expect(await seriousViolations(office)).toEqual([]);
    await shot(office, 'ufficio');
    await office.context().close();

    // the citizen reads the answer
    await page.reload();
    const answered = main(page).getByRole('list', { name: 'Le tue segnalazioni' }).getByRole('listitem').first();
    await answered.getByText('Dato corretto').waitFor();
    const answeredText = (await answered.innerText()).replace(/\s+/g, ' ');
    expect(answeredText).toContain('Risposta dell\'ufficio Abbiamo verificato con la Polizia locale: il numero civico è 30.');
    expect(answeredText).toContain(OFFICE);
    expect(answeredText).not.toContain('Brembilla');
    // answered: the address can be reported again
    await item(page, 'Indirizzo di residenza').getByRole('button', { name: /^Segnala un errore\s*:\s*Indirizzo di residenza$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    await shot(page, 'risposta');
    // on a wide screen the record sits in two columns
    await page.setViewportSize(DESKTOP);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'risposta');
  });
});
