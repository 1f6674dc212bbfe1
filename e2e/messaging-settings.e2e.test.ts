/**
 * Messages, settings side: Giulia Ferrari adds her mobile number and chooses SMS for the office's new messages,
 * then reads the receipt of her application in the personal-area inbox (new, then read). The administrator of
 * Castelrocca rewords the e-mail receipt with a placeholder, watching the preview, saves it, sees the next
 * receipt use it, and on "Invii" resends a message that was not delivered. The development mailbox shows every
 * message sent. axe on every page; no sideways scroll on the citizen's pages at 360 px.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import type { TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { drainWork, fileDemoApplication } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { signInAsCitizen } from './support/citizen-login.ts';

const SHOTS = '/tmp/shots';
const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const PREFERENCES = '/area-personale/preferenze';
const INBOX = '/area-personale/messaggi';
const ADMIN = 'admin@castelrocca.example';

describe.skipIf(!hasBrowser)('messages: preferences, inbox, templates, deliveries, dev mailbox', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let giulia: TestSession;
  let firstCode: string;

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
    giulia = (await citizenLogin(j.app, j.baseUrl, 'giulia-ferrari')).browser.session();
    const filed = await fileDemoApplication(j.app, j.ctx, giulia, 'giulia-ferrari', FORM_SERVICE_SLUGS.cambioAbitazione);
    firstCode = filed.code;
    await drainWork(j.ctx);
  }, 180_000);
  afterAll(() => j?.stop());

  const main = (page: Page) => page.locator('main');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string) => {
    await writeFile(path.join(SHOTS, `messaggi-${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage: true }));
  };
  /** axe with no serious or critical violation, a screenshot; on citizens' pages no sideways scroll at 360 px. */
  const check = async (page: Page, name: string, citizenPage = true) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await shot(page, name);
    if (citizenPage && page.viewportSize()?.width === PHONE.width) {
      expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
    } else if (citizenPage) {
      const size = page.viewportSize()!;
      await page.setViewportSize(PHONE);
      // the kit's header and tables re-render for the phone after the resize (matchMedia): measure once they have
      await expect.poll(() => noSidewaysScroll(page), { message: `${name}: sideways scroll at 360 px`, timeout: 5_000 }).toBe(true);
      expect(await seriousViolations(page), `${name} at 360 px`).toEqual([]);
      await shot(page, name);
      await page.setViewportSize(size);
    }
  };
  const loginAs = (page: Page, id: string, returnTo: string) => signInAsCitizen(page, j.baseUrl, id, returnTo);

  it('the citizen adds her mobile number, chooses SMS for new messages, and finds it all after a reload; a wrong address is refused on its field', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'giulia-ferrari', '/area-personale');
    const card = main(page).getByRole('region', { name: 'Preferenze di contatto', exact: true });
    await card.getByRole('link', { name: 'Preferenze di contatto' }).click();
    await page.waitForURL((url) => url.pathname === PREFERENCES);
    await page.getByRole('heading', { level: 1, name: 'Preferenze di contatto' }).waitFor();

    const phone = main(page).getByLabel('Cellulare', { exact: true });
    const email = main(page).getByLabel('E-mail', { exact: true });
    const sms = main(page).getByLabel('Nuovo messaggio: SMS');
    const originalEmail = await email.inputValue();
    expect(originalEmail).toMatch(/@/);
    // the personal area is always on; legal kinds say they come anyway
    expect(await main(page).getByLabel('Ricevuta: Area personale').isDisabled()).toBe(true);
    expect(await main(page).getByLabel('Ricevuta: Area personale').isChecked()).toBe(true);
    expect(await main(page).locator('tr[data-kind="receipt"]').textContent()).toContain('Ti arriva comunque per legge via PEC o e-mail');
    expect(await main(page).locator('tr[data-kind="thread_message"]').textContent()).not.toContain('per legge');
    await check(page, 'preferenze');

    // a wrong e-mail: refused on its field, and nothing typed is lost
    await phone.fill('347 765 4321');
    await sms.check();
    await email.fill('giulia@');
    await main(page).getByRole('button', { name: 'Salva le preferenze' }).click();
    const summary = main(page).getByRole('alert');
    await summary.getByText('Le preferenze non sono state salvate').waitFor();
    expect(await summary.textContent()).toContain('E-mail: non è un indirizzo e-mail valido');
    expect(await email.inputValue()).toBe('giulia@');
    expect(await phone.inputValue()).toBe('347 765 4321');
    expect(await sms.isChecked()).toBe(true);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    // the summary's link takes the focus to the field
    await summary.getByRole('link', { name: /E-mail/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await email.getAttribute('id'));
    await check(page, 'preferenze-errore', false);

    await email.fill(originalEmail);
    await main(page).getByRole('button', { name: 'Salva le preferenze' }).click();
    await main(page).getByText('Preferenze salvate.').waitFor();
    expect(await phone.inputValue()).toBe('+393477654321');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Preferenze di contatto' }).waitFor();
    await main(page).getByLabel('Nuovo messaggio: SMS').waitFor();
    expect(await main(page).getByLabel('Cellulare', { exact: true }).inputValue()).toBe('+393477654321');
    expect(await main(page).getByLabel('Nuovo messaggio: SMS').isChecked()).toBe(true);
    expect(await main(page).getByLabel('Ricevuta: SMS').isChecked()).toBe(false);

    // on a phone the table becomes one group per kind, worked with the keyboard
    await page.setViewportSize(PHONE);
    for (const kind of ['Promemoria appuntamento', 'Ricevuta']) {
      const group = main(page).getByRole('group', { name: kind });
      await group.getByLabel('SMS').focus();
      await page.keyboard.press('Space');
      expect(await group.getByLabel('SMS').isChecked()).toBe(true);
    }
    expect(await noSidewaysScroll(page)).toBe(true);
    await main(page).getByRole('button', { name: 'Salva le preferenze' }).click();
    await main(page).getByText('Preferenze salvate.').waitFor();
    await check(page, 'preferenze-telefono');
    const saved = await j.app.inject({ url: '/api/v1/me/preferences', cookies: giulia.cookies });
    expect(saved.json().channels).toMatchObject({ thread_message: ['email', 'sms'], appointment_reminder: ['email', 'sms'], receipt: ['email', 'sms'] });
  });

  it('the citizen sees the receipt in her inbox as new, then read; the personal area counts what is unread', async () => {
    const page = await j.newPage(PHONE);
    await loginAs(page, 'giulia-ferrari', '/area-personale');
    const card = main(page).getByRole('region', { name: 'Messaggi', exact: true });
    await card.getByText(/da leggere/).waitFor();
    await check(page, 'area-personale');
    await card.getByRole('link', { name: 'Messaggi' }).click();
    await page.waitForURL((url) => url.pathname === INBOX);
    await page.getByRole('heading', { level: 1, name: 'Messaggi' }).waitFor();

    const receipt = main(page).locator('li.sp-inbox-item', { hasText: `Domanda ${firstCode} ricevuta e protocollata` });
    await receipt.waitFor();
    expect(await receipt.getAttribute('data-unread')).toBe('true');
    expect(await receipt.getByText('Nuovo', { exact: true }).count()).toBe(1);
    expect(await receipt.textContent()).toMatch(/Ricevuto il \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    expect(await receipt.getByRole('link', { name: /Vai alla pratica/ }).getAttribute('href')).toMatch(/^\/area-personale\/pratiche\/[0-9a-f-]{36}$/);
    await check(page, 'posta-in-arrivo');
    await main(page).getByRole('button', { name: 'Segna tutti come letti' }).click();
    await main(page).getByText('Tutti i messaggi sono segnati come letti.').waitFor();
    await expect.poll(() => main(page).locator('li.sp-inbox-item[data-unread]').count()).toBe(0);

    // what was shown is read on the server too: after a reload nothing is new, and the personal area stops counting
    await expect.poll(async () => (await j.app.inject({ url: '/api/v1/me/notifications', cookies: giulia.cookies })).json().unread).toBe(0);
    await page.reload();
    await receipt.waitFor();
    expect(await receipt.getAttribute('data-unread')).toBeNull();
    expect(await main(page).locator('li.sp-inbox-item[data-unread]').count()).toBe(0);
    await page.goto(`${j.baseUrl}/area-personale`);
    await main(page).getByRole('region', { name: 'Messaggi', exact: true }).getByRole('link', { name: 'Messaggi' }).waitFor();
    expect(await main(page).getByRole('region', { name: 'Messaggi', exact: true }).textContent()).not.toMatch(/da leggere/);

    await page.goto(`${j.baseUrl}${INBOX}`);
    await receipt.getByRole('link', { name: /Vai alla pratica/ }).click();
    await page.waitForURL(/\/area-personale\/pratiche\/[0-9a-f-]{36}$/);
  });

  it('the administrator rewords the e-mail receipt with a placeholder, sees the preview, saves; on "Invii" resends a message not delivered', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, ADMIN, DEMO_PASSWORD);
    await page.goto(`${j.baseUrl}/backoffice/amministrazione/messaggi`);
    await page.getByRole('heading', { level: 1, name: 'Modelli dei messaggi' }).waitFor();
    expect(await main(page).getByLabel('Messaggio', { exact: true }).inputValue()).toBe('receipt');
    expect(await main(page).getByLabel('Canale', { exact: true }).inputValue()).toBe('email');
    await main(page).getByText('Testo predefinito').first().waitFor();
    const previewSubject = main(page).getByTestId('anteprima-oggetto');
    await expect.poll(() => previewSubject.textContent()).toMatch(/^Domanda CA-2026-7KQ4M2 ricevuta e protocollata$/);

    const subject = main(page).getByLabel('Oggetto', { exact: true });
    await subject.fill('Ricevuta della pratica ');
    await main(page).getByRole('button', { name: /\{\{codice\}\}/ }).first().click();
    expect(await subject.inputValue()).toBe('Ricevuta della pratica {{codice}}');
    await expect.poll(() => previewSubject.textContent()).toBe('Ricevuta della pratica CA-2026-7KQ4M2');
    await main(page).getByText('Modifiche non salvate').waitFor();

    // a placeholder with personal data: the preview says so, and saving is refused on the field
    const body = main(page).getByLabel('Testo', { exact: true });
    const original = await body.inputValue();
    await body.fill(`Gentile {{richiedente}}, ${original}`);
    await main(page).getByText(/\{\{richiedente\}\} porterebbe dati personali/).first().waitFor();
    await main(page).getByRole('button', { name: 'Salva il testo' }).click();
    await main(page).getByRole('alert').getByText(/Testo: \{\{richiedente\}\} porterebbe dati personali/).waitFor();
    await check(page, 'modelli-errore', false);
    await body.fill(original);
    await expect.poll(() => main(page).getByText('Il testo va bene per questo canale.').count()).toBe(1);
    await main(page).getByRole('button', { name: 'Salva il testo' }).click();
    await main(page).getByText('Testo salvato: i prossimi messaggi lo useranno.').waitFor();
    await main(page).getByText("Testo dell'ente").first().waitFor();
    await check(page, 'modelli', false);

    // the next receipt by e-mail uses it
    const next = await fileDemoApplication(j.app, j.ctx, giulia, 'giulia-ferrari', FORM_SERVICE_SLUGS.rimborsoTributi);
    await drainWork(j.ctx);
    const mail = await inScope(j.database.db, { platform: true }, (t) => t.selectFrom('notifications').select(['id', 'subject', 'status'])
      .where('application_id', '=', next.id).where('channel', '=', 'email').where('kind', '=', 'receipt').executeTakeFirstOrThrow());
    expect(mail.subject).toBe(`Ricevuta della pratica ${next.code}`);
    // the provider refused it (as an SMTP server would with a full mailbox)
    await inScope(j.database.db, { platform: true }, (t) => t.updateTable('notifications')
      .set({ status: 'failed', status_reason: 'SMTP 552: casella del destinatario piena', attempts: 3, sent_at: null, delivered_at: null, last_attempt_at: new Date() }).where('id', '=', mail.id).execute());

    await main(page).getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Invii' }).click();
    await page.getByRole('heading', { level: 1, name: 'Invii dei messaggi' }).waitFor();
    await main(page).getByLabel('Stato', { exact: true }).selectOption('failed');
    await page.waitForURL((url) => url.searchParams.get('stato') === 'failed');
    const row = main(page).locator(`tr[data-id="${mail.id}"]`);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('Non consegnato');
    expect(rowText).toContain('SMTP 552: casella del destinatario piena');
    expect(rowText).toContain('3 tentativi');
    expect(rowText).toMatch(/ultimo tentativo il/);
    expect(rowText).toContain(next.code);
    expect(rowText).toMatch(/g\*\*\*@example\.org/);
    await check(page, 'invii', false);

    await row.getByRole('button', { name: /^Reinvia/ }).click();
    const confirm = row.getByRole('group', { name: /Reinviare il messaggio/ });
    await confirm.getByRole('button', { name: 'Sì, reinvia' }).click();
    await main(page).getByText("Messaggio rimesso in coda: l'invio parte subito.").waitFor();
    await j.ctx.tasks.notifications.drain();
    await main(page).getByRole('button', { name: 'Togli i filtri' }).click();
    await page.waitForURL((url) => !url.searchParams.has('stato'));
    await expect.poll(async () => {
      await main(page).getByRole('button', { name: 'Aggiorna' }).click();
      return row.textContent();
    }, { timeout: 15_000 }).toMatch(/Consegnato.*reinviato 1 volta/);
    await shot(page, 'invii-reinviato');
  });

  it('the development mailbox lists every message sent, newest first, with its channel', async () => {
    const page = await j.newPage(DESKTOP);
    await page.goto(`${j.baseUrl}/sviluppo/posta`);
    await page.getByRole('heading', { level: 1, name: 'Posta di sviluppo' }).waitFor();
    const items = main(page).locator('li.sp-mailbox-item');
    await items.first().waitFor();
    const receipt = items.filter({ hasText: 'Ricevuta della pratica ' });
    expect(await receipt.count()).toBeGreaterThan(0);
    expect(await receipt.first().getAttribute('data-channel')).toBe('email');
    expect(await receipt.first().textContent()).toMatch(/E-mail.*Ricevuta della pratica CA-/);
    expect(await receipt.first().textContent()).toMatch(/A: \S+@example\.org/);
    // her receipt by SMS too, as she chose
    const sms = items.filter({ has: page.locator('h2', { hasText: '(senza oggetto)' }) }).first();
    expect(await sms.getAttribute('data-channel')).toBe('sms');
    expect(await sms.textContent()).toMatch(/^SMS.*A: \+39\d{9,10}.*Comune di Castelrocca: domanda CA-\S+ ricevuta, protocollo \d{7}\/\d{4}/);
    // newest first: the reworded receipt came after the first one
    const subjects = await items.locator('h2').allTextContents();
    expect(subjects.indexOf(subjects.find((s) => s.startsWith('Ricevuta della pratica'))!)).toBeLessThan(subjects.indexOf(`Domanda ${firstCode} ricevuta e protocollata`));
    await main(page).getByRole('button', { name: 'Aggiorna' }).click();
    await main(page).getByText(/\d+ messaggi/).waitFor();
    await check(page, 'posta-sviluppo');
  });
});
