import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLATFORM_ADMIN } from '../src/server/db/seed/demo/operators.ts';
import { AMBITO_SLUG, CASTELROCCA_SLUG, DEMO_ADMINS, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { freshCode, loginAsOperator, markCodeUsed, readEnrolmentSecret, submitNewPassword, submitPassword } from './support/operator-login.ts';

/** Screenshots for a person to look at (login steps, the operators page), at phone and desktop widths. */
const SHOTS = process.env.SPORTELLO_SCREENSHOTS ?? path.resolve(import.meta.dirname, '../.test-cache/screenshots');
mkdirSync(SHOTS, { recursive: true });
async function shoot(page: Page, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const admin = (slug: string) => DEMO_ADMINS.find((a) => a.tenantSlug === slug)!;

describe.skipIf(!hasBrowser)('back-office administration', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.stop());

  it("an administrator's first sign-in enrols the authenticator app; the next asks for the code and refuses a wrong one", async () => {
    const { email, password } = admin(CASTELROCCA_SLUG);
    const page = await j.newPage();
    expect(await submitPassword(page, j.baseUrl, email, password)).toBe('enrol');
    // the step heading takes the focus; the QR code and the key for manual entry are there
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Configura l'app di autenticazione");
    await page.getByRole('img', { name: /Codice QR/ }).waitFor();
    const secret = await readEnrolmentSecret(page, j.baseUrl, email);
    expect(await page.getByTestId('totp-secret').textContent()).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(secret.length).toBeGreaterThanOrEqual(16);
    const code = page.getByLabel('Codice a 6 cifre');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'login-enrolment');
    await page.setViewportSize({ width: 1280, height: 900 });
    await code.fill(await freshCode(j.baseUrl, email));
    await page.getByRole('button', { name: 'Conferma e accedi' }).click();
    await page.waitForURL(/\/backoffice\/catalogo/);
    await page.getByText('Marta Locatelli').first().waitFor();

    // a second sign-in, in another browser: the code is asked for
    const second = await j.newPage();
    expect(await submitPassword(second, j.baseUrl, email, password)).toBe('totp');
    expect(await second.evaluate(() => document.activeElement?.textContent)).toBe('Codice di verifica');
    expect(await seriousViolations(second)).toEqual([]);
    await shoot(second, 'login-totp');
    await second.setViewportSize({ width: 1280, height: 900 });
    const field = second.getByLabel('Codice a 6 cifre');
    await field.fill('12');
    await second.getByRole('button', { name: 'Verifica' }).click();
    await second.getByText('Scrivi le 6 cifre del codice').waitFor();
    const good = await freshCode(j.baseUrl, email);
    const wrong = good === '000000' ? '111111' : '000000';
    await field.fill(wrong);
    await second.getByRole('button', { name: 'Verifica' }).click();
    await second.getByRole('alert').waitFor();
    expect(await second.getByRole('alert').textContent()).toMatch(/Codice non valido/);
    expect(await seriousViolations(second)).toEqual([]);
    await shoot(second, 'login-totp-error');
    await second.setViewportSize({ width: 1280, height: 900 });
    await field.fill(good);
    await second.getByRole('button', { name: 'Verifica' }).click();
    await second.waitForURL(/\/backoffice\/catalogo/);
    markCodeUsed(j.baseUrl, email);
  }, 120_000);

  it('creates an office and an operator who signs in with the temporary password and chooses their own; disabled, they are sent back to sign-in', async () => {
    const { email, password } = admin(VALDORO_SLUG);
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, email, password);
    await page.getByRole('link', { name: 'Amministrazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Operatori' }).waitFor();

    // an office, with a mistake first: reported next to the field, nothing typed lost
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Uffici' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uffici' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Nuovo ufficio' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo ufficio' }).waitFor();
    await page.getByLabel('Nome', { exact: true }).fill('Sportello polifunzionale');
    await page.getByLabel('Codice', { exact: true }).fill('polifunzionale');
    await page.getByLabel('Indirizzo', { exact: true }).fill('Piazza Libertà 3');
    await page.getByLabel('CAP').fill('240');
    await page.getByLabel('Comune', { exact: true }).fill('Valdoro');
    await page.getByLabel('Provincia').fill('BG');
    await page.getByRole('button', { name: 'Crea ufficio' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/CAP/);
    expect(await page.getByLabel('CAP').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Nome', { exact: true }).inputValue()).toBe('Sportello polifunzionale');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('CAP').fill('24017');
    await page.getByRole('button', { name: 'Crea ufficio' }).click();
    await page.getByText('Ufficio «Sportello polifunzionale» salvato.').waitFor();
    await page.getByRole('link', { name: 'Sportello polifunzionale' }).waitFor();

    // an operator working in it
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Operatori' }).click();
    await page.getByRole('link', { name: 'Nuovo operatore' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo operatore' }).waitFor();
    await page.getByLabel('Nome e cognome').fill('Giulia Nuova');
    await page.getByLabel('E-mail').fill('g.nuova@valdoro.example');
    await page.getByLabel('Ruolo', { exact: true }).selectOption({ label: 'Operatore' });
    await page.getByLabel('Ufficio', { exact: true }).selectOption({ label: 'Sportello polifunzionale' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Crea operatore' }).click();
    const temporary = (await page.getByTestId('temporary-password').textContent())!.trim();
    expect(temporary).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(await seriousViolations(page)).toEqual([]);

    // the operator signs in with it (no second factor for the operator role) and must choose a password of their own
    const theirs = await j.newPage({ width: 360, height: 800 });
    expect(await submitPassword(theirs, j.baseUrl, 'g.nuova@valdoro.example', temporary)).toBe('newPassword');
    expect(await theirs.evaluate(() => document.activeElement?.textContent)).toBe('Scegli una nuova password');
    await theirs.getByText(/^Almeno 12 caratteri/).waitFor();
    expect(await theirs.getByLabel('Nuova password', { exact: true }).getAttribute('autocomplete')).toBe('new-password');
    expect(await seriousViolations(theirs)).toEqual([]);
    expect(await noSidewaysScroll(theirs)).toBe(true);
    await shoot(theirs, 'login-new-password');
    await theirs.setViewportSize({ width: 360, height: 800 });
    // the two do not match: said next to the repetition, found by the page itself
    await submitNewPassword(theirs, 'Giulia-sceglie-una-frase', 'Giulia-sceglie-una-fras');
    await theirs.getByText('Le due password non coincidono').waitFor();
    expect(await theirs.getByLabel('Ripeti la nuova password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // the server's rule (the e-mail's name is in it): said next to the new password, which takes the focus
    await submitNewPassword(theirs, 'G.Nuova-di-Valdoro-2026');
    await theirs.getByText(/Non deve contenere il tuo nome utente «g\.nuova»/).waitFor();
    const newField = theirs.getByLabel('Nuova password', { exact: true });
    expect(await newField.getAttribute('aria-invalid')).toBe('true');
    expect(await newField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousViolations(theirs)).toEqual([]);
    await shoot(theirs, 'login-new-password-error');
    await theirs.setViewportSize({ width: 360, height: 800 });
    await submitNewPassword(theirs, 'Giulia-sceglie-una-frase-lunga');
    // operators land on their workspace
    await theirs.waitForURL(/\/backoffice\/pratiche/);
    await theirs.getByText('Giulia Nuova').first().waitFor();
    // the temporary password no longer opens anything
    const stale = await j.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: 'g.nuova@valdoro.example', password: temporary } });
    expect(stale.statusCode).toBe(401);

    // later she changes it again from the back office: a wrong current password is said next to its field
    await theirs.getByRole('link', { name: 'Cambia password' }).click();
    await theirs.getByRole('heading', { level: 1, name: 'Cambia password' }).waitFor();
    expect(await seriousViolations(theirs)).toEqual([]);
    expect(await noSidewaysScroll(theirs)).toBe(true);
    const passwordForm = theirs.getByRole('form', { name: 'Cambia password' });
    await passwordForm.getByLabel('Password attuale').fill('Non-e-la-mia-password');
    await passwordForm.getByLabel('Nuova password', { exact: true }).fill('Giulia-cambia-ancora-frase');
    await passwordForm.getByLabel('Ripeti la nuova password', { exact: true }).fill('Giulia-cambia-ancora-frase');
    await passwordForm.getByRole('button', { name: 'Cambia password' }).click();
    await theirs.getByText('La password attuale non è corretta.').waitFor();
    expect(await passwordForm.getByLabel('Password attuale').getAttribute('aria-invalid')).toBe('true');
    await shoot(theirs, 'password-change-error');
    await theirs.setViewportSize({ width: 360, height: 800 });
    await passwordForm.getByLabel('Password attuale').fill('Giulia-sceglie-una-frase-lunga');
    await passwordForm.getByRole('button', { name: 'Cambia password' }).click();
    await theirs.getByRole('status').getByText(/Password cambiata/).waitFor();
    expect(await passwordForm.getByLabel('Password attuale').inputValue()).toBe('');
    expect(await seriousViolations(theirs)).toEqual([]);

    // the list shows them; the administrator adds a role, then disables the account
    await page.getByRole('link', { name: 'Torna agli operatori' }).click();
    await page.getByRole('link', { name: 'Giulia Nuova' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shoot(page, 'operators');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Giulia Nuova' }).click();
    await page.getByRole('heading', { level: 1, name: 'Giulia Nuova' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Ruolo', { exact: true }).selectOption({ label: 'Sportello (accoglienza)' });
    await page.getByLabel('Ufficio', { exact: true }).selectOption({ label: 'Sportello polifunzionale' });
    await page.getByRole('button', { name: 'Aggiungi ruolo' }).click();
    await page.getByText('Ruolo «Sportello (accoglienza)» assegnato.').waitFor();
    await page.getByRole('button', { name: "Disabilita l'account" }).click();
    await page.getByRole('button', { name: 'Sì, disabilita' }).click();
    await page.getByText("L'account di Giulia Nuova è disabilitato.").waitFor();
    await page.getByText('Disabilitato', { exact: true }).first().waitFor();

    await theirs.reload();
    await theirs.waitForURL(/\/backoffice\/login/);
  }, 120_000);

  it('creates an API token shown once, revokes it, and finds every change in the activity log', async () => {
    const { email, password } = admin(AMBITO_SLUG);
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, email, password);
    // an operator created and given a second role, through the API with this session
    const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c.value]));
    const as = { cookies, headers: { 'x-csrf-token': cookies.sportello_csrf! } };
    const offices = (await j.app.inject({ url: `/api/v1/tenants/${AMBITO_SLUG}/offices` })).json().items as { id: string; code: string }[];
    const created = await j.app.inject({ method: 'POST', url: `/api/v1/tenants/${AMBITO_SLUG}/operators`, ...as,
      payload: { email: 'nuovo.as@ambitovalleorsa.example', name: 'Nuovo Assistente', grants: [{ role: 'social_worker' }] } });
    expect(created.statusCode, created.body).toBe(201);
    const granted = await j.app.inject({ method: 'POST', url: `/api/v1/tenants/${AMBITO_SLUG}/operators/${created.json().operator.id}/roles`, ...as,
      payload: { role: 'desk', officeId: offices.find((o) => o.code === 'sportello_sociale')!.id } });
    expect(granted.statusCode, granted.body).toBe(201);

    await page.goto(`${j.baseUrl}/backoffice/amministrazione/token`);
    await page.getByRole('heading', { level: 1, name: 'Token API' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Nome', { exact: true }).fill('Gestionale cartella sociale');
    await page.getByLabel('Ruolo', { exact: true }).selectOption({ label: 'Operatore' });
    await page.getByRole('button', { name: 'Crea token' }).click();
    const token = (await page.getByTestId('api-token').textContent())!.trim();
    expect(token).toMatch(/^spt_/);
    expect(await seriousViolations(page)).toEqual([]);
    // it works for the integrator
    expect((await j.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    // shown once: after a reload only its name is listed
    await page.reload();
    await page.getByText('Gestionale cartella sociale', { exact: true }).first().waitFor();
    expect(await page.content()).not.toContain(token);
    await page.getByRole('button', { name: 'Revoca Gestionale cartella sociale' }).click();
    await page.getByRole('button', { name: 'Sì, revoca' }).click();
    await page.getByText('Token «Gestionale cartella sociale» revocato.').waitFor();
    await page.getByText('Revocato', { exact: true }).waitFor();
    expect((await j.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);

    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Registro attività' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro attività' }).waitFor();
    const table = page.locator('main table');
    await table.waitFor();
    const text = (await table.textContent())!;
    for (const words of ['Accesso riuscito', 'Operatore creato', 'Ruolo assegnato', 'Token API creato', 'Token API revocato']) {
      expect(text, words).toContain(words);
    }
    expect(text).toContain('Elena Carminati');
    expect(text).toContain('Nuovo Assistente');
    expect(await seriousViolations(page)).toEqual([]);
    // filtered by action
    await page.getByLabel('Mostra').selectOption({ label: 'Token API revocato' });
    await page.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1);
    expect(await table.textContent()).toContain('Gestionale cartella sociale');
  }, 120_000);

  it('a platform administrator adds a body and records that the Ambito manages its social services', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, DEMO_PLATFORM_ADMIN, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Amministrazione' }).click();
    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Enti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enti' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Nome', { exact: true }).fill('Comune di Pratolungo');
    expect(await page.getByLabel('Indirizzo (slug)').inputValue()).toBe('comune-di-pratolungo');
    await page.getByLabel('Ente superiore').selectOption({ label: "Ambito Sociale Valle dell'Orsa" });
    await page.getByLabel('Codice fiscale').fill('123');
    await page.getByLabel('Codice IPA').fill('c_x901');
    await page.getByLabel('Codice AOO (protocollo)').fill('AOO_PL');
    await page.getByRole('button', { name: 'Crea ente' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Codice fiscale').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Codice IPA').inputValue()).toBe('c_x901');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Codice fiscale').fill('00432170165');
    await page.getByRole('button', { name: 'Crea ente' }).click();
    await page.getByText('Ente «Comune di Pratolungo» creato.').waitFor();

    await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Gestioni associate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gestioni associate' }).waitFor();
    await page.getByText('per Comune di Valdoro').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Ente membro').selectOption({ label: 'Comune di Pratolungo' });
    await page.getByLabel('Descrizione').fill('Servizi sociali e tutela minori');
    await page.getByRole('button', { name: 'Registra' }).click();
    await page.getByText("Ambito Sociale Valle dell'Orsa gestisce ora servizi per Comune di Pratolungo.").waitFor();
    await page.getByText("Ambito Sociale Valle dell'Orsa per Comune di Pratolungo").waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    const listed = (await j.app.inject({ url: '/api/v1/tenants/comune-di-pratolungo/associations' })).json();
    expect(listed.items).toMatchObject([{ lead: { slug: AMBITO_SLUG }, member: { slug: 'comune-di-pratolungo' } }]);
  }, 120_000);

  it('an operator whose account carries their fiscal code signs in with SPID/CIE from the operator login page', async () => {
    const page = await j.newPage({ width: 360, height: 800 });
    await page.goto(`${j.baseUrl}/backoffice/login`);
    await page.getByRole('link', { name: 'Accedi con SPID/CIE' }).click();
    // the bundled test identity provider: Paolo Rinaldi works at Valdoro's registry office
    await page.getByRole('button', { name: /Paolo Rinaldi/ }).click();
    // the provider may show a "Continua" button on the way back (form_post made visible)
    const back = page.getByRole('button', { name: 'Continua' });
    void back.waitFor({ timeout: 10_000 }).then(() => back.click()).catch(() => undefined);
    await page.waitForURL(/\/backoffice\/pratiche/);
    await page.getByText('Paolo Rinaldi').first().waitFor();
    await page.getByText('Comune di Valdoro').first().waitFor();
  }, 60_000);
});
