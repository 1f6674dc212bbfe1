/**
 * Citizens sign in with SPID/CIE (the bundled test provider), step up to level 3 for a service that needs it,
 * act for a child or a client, register and revoke a delegation, fail a login, and log out.
 * Every journey runs in its own browser context.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { minimalPdf } from './support/files.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
/** Castelrocca asks for level 3 for the disabled parking permit (health data in the application). */
const L3_CARD = '/enti/comune-di-castelrocca/servizi/contrassegno-parcheggio-disabili';
/** An ordinary online service (level 2). */
const L2_CARD = '/enti/comune-di-castelrocca/servizi/iscrizione-asilo-nido';
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'identity');

describe.skipIf(!hasBrowser)('citizens sign in with SPID or CIE and act for others', { timeout: 120_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(() => j?.stop());

  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string, fullPage = true) => {
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage }));
  };
  /** axe (no serious or critical violation) and no sideways scroll at 360 and 320 px, on the page as it is now. */
  const checkPage = async (page: Page, name: string, fullPage = true) => {
    expect(await seriousViolations(page), name).toEqual([]);
    const width = page.viewportSize()?.width;
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
    await shot(page, name, fullPage);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 320 px`).toBe(true);
    await shot(page, name, false);
    await page.setViewportSize(DESKTOP);
    await shot(page, name, fullPage);
    if (width) await page.setViewportSize({ width, height: width === PHONE.width ? PHONE.height : DESKTOP.height });
  };
  const header = (page: Page) => page.locator('header').first();
  const main = (page: Page) => page.locator('main');
  const banner = (page: Page) => page.locator('.sp-acting-for');

  /** On the test provider's picker: the person's own form (identities are hidden inputs). */
  const pickPerson = async (page: Page, id: string) => {
    await page.waitForURL(/\/test-idp\/interaction\//);
    await page.locator(`form:has(input[name="identity"][value="${id}"]) button`).click();
  };

  /** Straight from /accedi: "Entra con SPID", pick the person, back at `returnTo`. */
  const loginAs = async (page: Page, id: string, returnTo = '/area-personale') => {
    await page.goto(`${j.baseUrl}/accedi?returnTo=${encodeURIComponent(returnTo)}`);
    await main(page).getByRole('link', { name: 'Entra con SPID' }).click();
    await pickPerson(page, id);
    await page.waitForURL((url) => url.pathname === returnTo);
  };

  it('logs in at level 2 from the header, then steps up to level 3 for a service that needs it (phone)', async () => {
    const page = await j.newPage(PHONE);
    await page.goto(`${j.baseUrl}${L3_CARD}`);
    await page.getByRole('heading', { level: 1, name: /Contrassegno/ }).waitFor();
    // logged out: the card offers to sign in, asking level 3 and coming back to the start page
    const signIn = main(page).getByRole('link', { name: 'Entra con SPID o CIE per presentare la domanda' });
    const href = new URL((await signIn.getAttribute('href'))!, j.baseUrl);
    expect(href.pathname).toBe('/accedi');
    expect(href.searchParams.get('level')).toBe('SpidL3');
    expect(href.searchParams.get('returnTo')).toBe(`${L3_CARD}/domanda`);
    await writeFile(path.join(SHOTS, 'card-access-logged-out-360.png'), await page.locator('section:has(#accedi-al-servizio)').screenshot());

    // the header's button: level 2, back to this card
    await header(page).getByRole('link', { name: "Accedi all'area personale" }).click();
    await page.getByRole('heading', { level: 1, name: 'Accedi' }).waitFor();
    await main(page).getByText('Ambiente di prova').waitFor();
    await checkPage(page, 'accedi');
    await main(page).getByRole('link', { name: 'Entra con SPID' }).click();
    await page.waitForURL(/\/test-idp\/interaction\//);
    expect(await page.locator('main').textContent()).toMatch(/Livello 2/);
    await shot(page, 'provider-picker');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'provider-picker');
    await page.setViewportSize(PHONE);
    await pickPerson(page, 'giulia-ferrari');
    await page.waitForURL((url) => url.pathname === L3_CARD);
    await header(page).getByRole('link', { name: 'Area personale' }).waitFor();
    expect(await header(page).textContent()).toContain('Giulia Ferrari');

    await header(page).getByRole('link', { name: 'Area personale' }).click();
    await page.getByRole('heading', { level: 1, name: /Giulia Ferrari/ }).waitFor();
    expect(await main(page).textContent()).toContain('livello 2');

    // the level-3 service: a notice and a direct way back to the provider
    await page.goto(`${j.baseUrl}${L3_CARD}`);
    await main(page).getByText("Questo servizio richiede il livello 3: hai effettuato l'accesso con il livello 2").waitFor();
    await writeFile(path.join(SHOTS, 'card-access-step-up-360.png'), await page.locator('section:has(#accedi-al-servizio)').screenshot());
    expect(await seriousViolations(page)).toEqual([]);
    await main(page).getByRole('link', { name: 'Accedi di nuovo con livello 3' }).click();
    await page.waitForURL(/\/test-idp\/interaction\//);
    expect(await page.locator('main').textContent()).toMatch(/Livello 3/);
    await pickPerson(page, 'giulia-ferrari');
    await page.waitForURL((url) => url.pathname === `${L3_CARD}/domanda`);
    await page.getByRole('heading', { level: 1, name: /Contrassegno/ }).waitFor();
    const start = (await main(page).textContent()) ?? '';
    expect(start).toContain('livello 3');
    expect(start).toContain('Presenti la domanda per:');
    expect(start).toContain('Il modulo online sarà disponibile a breve');
    await checkPage(page, 'domanda');
  });

  it('a parent acts for her child: the banner follows every page until she goes back to herself', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'giulia-ferrari');
    await page.getByRole('heading', { level: 1, name: /Giulia Ferrari/ }).waitFor();
    const chooser = page.getByRole('group', { name: 'Scegli per chi vuoi operare' });
    await chooser.locator('label', { hasText: 'Sofia Colombo' }).click();
    expect(await chooser.getByLabel(/Sofia Colombo/).isChecked()).toBe(true);
    await main(page).getByRole('button', { name: 'Conferma la scelta' }).click();
    await banner(page).getByText('Sofia Colombo').waitFor();
    expect(await banner(page).textContent()).toMatch(/Stai operando per conto di Sofia Colombo \(figlia\/o minore\)/);
    expect(await page.getByRole('status').filter({ hasText: 'Stai operando per conto di' }).count()).toBe(1);

    await page.getByRole('link', { name: /Sportello/ }).first().click();
    await page.waitForURL(`${j.baseUrl}/`);
    await banner(page).getByText('Sofia Colombo').waitFor();
    await checkPage(page, 'banner-home', false);

    await page.goto(`${j.baseUrl}${L2_CARD}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await banner(page).getByText('Sofia Colombo').waitFor();
    await main(page).getByRole('link', { name: 'Presenta la domanda' }).click();
    await page.waitForURL((url) => url.pathname === `${L2_CARD}/domanda`);
    await main(page).getByText('Presenti la domanda per:').waitFor();
    expect(await main(page).locator('.sp-applicant').textContent()).toMatch(/Presenti la domanda per: Sofia Colombo/);
    expect(await banner(page).textContent()).toContain('Sofia Colombo');

    // "Cambia" leads to the choice itself, with the focus on it
    await banner(page).getByRole('link', { name: /Cambia/ }).click();
    await page.waitForURL(/\/area-personale#per-chi-operi$/);
    await page.waitForFunction(() => document.activeElement?.textContent === 'Per chi operi');
    await shot(page, 'banner-area-personale', false);

    await banner(page).getByRole('button', { name: 'Torna a operare per te' }).click();
    await banner(page).waitFor({ state: 'detached' });
    expect(await page.getByRole('group', { name: 'Scegli per chi vuoi operare' }).getByLabel(/Giulia Ferrari/).isChecked()).toBe(true);
    expect(await main(page).locator('.sp-subject-option', { hasText: 'scelta attuale' }).textContent()).toContain('Giulia Ferrari');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === `${L2_CARD}/domanda`);
    await main(page).locator('.sp-applicant', { hasText: 'Giulia Ferrari' }).waitFor();
  });

  it('a professional registers a delegation, acts for the client, then revokes it', async () => {
    const client = findTestIdentity('paolo-rinaldi')!;
    const wrong = client.fiscalCode.slice(0, 15) + (client.fiscalCode[15] === 'A' ? 'B' : 'A');
    const pdf = path.join(SHOTS, 'delega.pdf');
    await writeFile(pdf, minimalPdf());

    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'luca-moretti');
    await page.getByRole('heading', { level: 1, name: /Luca Moretti/ }).waitFor();
    await main(page).getByText('Non hai ancora registrato deleghe.').waitFor();

    const form = main(page).locator('form.sp-delegation-form');
    const validUntil = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Codice fiscale di chi ti delega', { exact: true }).fill(wrong);
    await form.getByLabel('Nome di chi ti delega', { exact: true }).fill('Paolo');
    await form.getByLabel('Cognome di chi ti delega', { exact: true }).fill('Rinaldi');
    await form.getByLabel('Per che cosa ti delega', { exact: true }).fill("Pratiche edilizie per l'immobile di Via Giuseppe Verdi 3");
    await form.getByLabel('Valida fino al', { exact: true }).fill(validUntil);
    await form.getByLabel('Documento di delega firmato', { exact: true }).setInputFiles(pdf);
    await form.getByRole('button', { name: 'Registra la delega' }).click();

    // the fiscal code's own error, next to it; nothing typed is lost
    const cfError = page.locator('#delega-delegatorFiscalCodeDescription .sp-field-error');
    await cfError.waitFor();
    expect(await cfError.textContent()).toMatch(/codice fiscale non valido/);
    expect(await form.getByLabel('Codice fiscale di chi ti delega', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Nome di chi ti delega', { exact: true }).inputValue()).toBe('Paolo');
    expect(await form.getByLabel('Cognome di chi ti delega', { exact: true }).inputValue()).toBe('Rinaldi');
    expect(await form.getByLabel('Per che cosa ti delega', { exact: true }).inputValue()).toMatch(/Via Giuseppe Verdi 3/);
    expect(await form.getByLabel('Valida fino al', { exact: true }).inputValue()).toBe(validUntil);
    expect(await form.getByLabel('Documento di delega firmato', { exact: true }).evaluate((el) => (el as HTMLInputElement).files?.length)).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.closest('.sp-error-summary') !== null)).toBe(true);
    await checkPage(page, 'area-personale-errore');

    await form.getByLabel('Codice fiscale di chi ti delega', { exact: true }).fill(client.fiscalCode);
    await form.getByRole('button', { name: 'Registra la delega' }).click();
    await main(page).getByText('Delega di Paolo Rinaldi registrata').waitFor();
    const item = main(page).locator('.sp-delegation', { hasText: 'Paolo Rinaldi' });
    expect(await item.textContent()).toContain('Attiva');
    expect(await item.textContent()).toContain(client.fiscalCode);
    expect(await form.getByLabel('Nome di chi ti delega', { exact: true }).inputValue()).toBe('');
    await checkPage(page, 'area-personale');

    // the document can be downloaded back
    const download = await page.request.get(`${j.baseUrl}${await item.getByRole('link', { name: /Scarica il documento/ }).getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');

    const chooser = page.getByRole('group', { name: 'Scegli per chi vuoi operare' });
    await chooser.locator('label', { hasText: 'Paolo Rinaldi' }).click();
    await main(page).getByRole('button', { name: 'Conferma la scelta' }).click();
    await banner(page).getByText('Paolo Rinaldi').waitFor();
    expect(await banner(page).textContent()).toContain('(con delega)');

    await item.getByRole('button', { name: 'Revoca la delega di Paolo Rinaldi' }).click();
    await item.getByLabel('Motivo della revoca (facoltativo)').fill('Pratica conclusa');
    await item.getByRole('button', { name: 'Conferma la revoca' }).click();
    await main(page).getByText('La delega di Paolo Rinaldi è stata revocata.').waitFor();
    await banner(page).waitFor({ state: 'detached' });
    await item.getByText('Revocata', { exact: true }).waitFor();
    // the list of subjects reloads after the revocation; wait for it rather than read it at once
    await expect.poll(() => chooser.getByLabel(/Paolo Rinaldi/).count(), { timeout: 10_000 }).toBe(0);
  });

  it('the person named in a delegation sees it in their personal area and revokes it', async () => {
    // Luca Moretti registers, through the API, a delegation naming Amina El Idrissi as the person delegating
    const { citizenLogin } = await import('../test/support/oidc-browser.ts');
    const { as } = await import('../test/support/auth.ts');
    const pro = (await citizenLogin(j.app, j.baseUrl, 'luca-moretti')).browser.session();
    const amina = findTestIdentity('amina-el-idrissi')!;
    const boundary = 'e2e-given';
    const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    const validUntil = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const payload = Buffer.concat([
      Buffer.from(field('delegatorFiscalCode', amina.fiscalCode) + field('delegatorGivenName', 'Amina') + field('delegatorFamilyName', 'El Idrissi') +
        field('purpose', 'Pratica edilizia in Via dei Campi 9') + field('validUntil', validUntil) +
        `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="delega.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from('%PDF-1.4\n%%EOF\n'), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const created = await j.app.inject(as(pro, { method: 'POST', url: '/api/v1/me/delegations', payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
    expect(created.statusCode, created.body).toBe(201);

    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'amina-el-idrissi');
    const given = main(page).locator('section[aria-labelledby="deleghe-date"]');
    await given.getByRole('heading', { name: 'Luca Moretti' }).waitFor();
    await checkPage(page, 'deleghe-date');
    await given.getByRole('button', { name: /Revoca/ }).first().click();
    await given.getByRole('button', { name: 'Conferma la revoca' }).click();
    await given.getByText(/Delega a Luca Moretti revocata/).waitFor();
    await given.locator('.badge', { hasText: 'Revocata' }).first().waitFor();
  });

  it('a failed login lands on a clear page with "Riprova", without technical details', async () => {
    const page = await j.newPage(PHONE);
    await page.goto(`${j.baseUrl}/auth/callback?code=x&state=y`);
    await page.waitForURL(/\/accesso-non-riuscito\?motivo=/);
    await page.getByRole('heading', { level: 1, name: 'Accesso non riuscito' }).waitFor();
    const text = (await main(page).textContent()) ?? '';
    expect(text).toMatch(/riprova/i);
    expect(text).not.toMatch(/state_mismatch|motivo|error|undefined/i);
    await checkPage(page, 'accesso-non-riuscito');
    await main(page).getByRole('link', { name: 'Riprova' }).click();
    await page.waitForURL(`${j.baseUrl}/accedi`);
    await main(page).getByRole('link', { name: 'Entra con CIE' }).waitFor();
  });

  it('the sign-in page and the personal area read in English too', async () => {
    const page = await j.newPage(PHONE);
    await page.goto(`${j.baseUrl}/accedi`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await main(page).getByRole('link', { name: 'Log in with SPID' }).click();
    await pickPerson(page, 'maria-teresa-rota');
    await page.waitForURL((url) => url.pathname === '/area-personale');
    await page.getByRole('heading', { level: 2, name: 'Whom you act for' }).waitFor();
    const text = (await main(page).textContent()) ?? '';
    expect(text).toContain('Your login data');
    expect(text).toContain('level 2');
    expect(text).toContain('Register a new delegation');
    expect(text).not.toMatch(/personalArea\.|actingFor\.|auth\./);
    expect(await header(page).getByRole('link', { name: 'Personal area' }).count()).toBe(1);
  });

  it('logging out ends the session, here and at the provider', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'maria-teresa-rota', '/');
    await header(page).getByRole('button', { name: 'Esci' }).click();
    // the test provider asks to confirm, then comes back to the home page
    await page.waitForURL(/\/test-idp\//);
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL(`${j.baseUrl}/`);
    await header(page).getByRole('link', { name: "Accedi all'area personale" }).waitFor();
    expect((await page.request.get(`${j.baseUrl}/api/v1/me`)).status()).toBe(401);
    await page.goto(`${j.baseUrl}/area-personale`);
    await page.waitForURL(/\/accedi\?returnTo=%2Farea-personale/);
  });
});

/** A one-page PDF, small but well formed (header, objects, cross-reference table, trailer). */
