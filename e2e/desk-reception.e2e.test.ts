/**
 * The reception. Francesca Gotti (desk, Castelrocca's URP) signs in and opens "Accoglienza": she records a phone
 * call (first with a fiscal code mistyped: the field says so and nothing typed is lost), looks up an application of
 * a demo citizen by its code (status badge and due date), gives a ticket for Anagrafe (the label shown big), then
 * in the agenda books a carta d'identità appointment by phone for tomorrow (or the first open day after it) and
 * sees it listed, and cancels it after a confirmation. axe (no serious or critical violation) and no sideways
 * scroll at 360 px on each step; screenshots under /tmp/shots/accoglienza-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { HISTORY_IDENTITIES } from '../src/server/db/seed/demo/history-content.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { createFormService } from '../test/support/forms.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const CASTELROCCA = DEMO_DESK.castelrocca;
const shot = screenshots('accoglienza');

/** axe clean, screenshots at 1280 and 360 px, with the sideways-scroll check at 360 (after the page re-rendered). */
async function check(page: Page, name: string) {
  expect(await seriousViolations(page), name).toEqual([]);
  await shot(page, name);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction(() => window.innerWidth === 360);
  expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
  expect(await seriousViolations(page), `${name} at 360 px`).toEqual([]);
  await shot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => window.innerWidth === 1280);
}

/** "2026-11-24" → "2026-11-25" */
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe.skipIf(!hasBrowser)('the reception: contacts, lookup, tickets, the agenda with a booking by phone', { timeout: 300_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let application: { code: string; status: string; due_date: string | null; service_title: string };
  let formServiceId: string;
  const person = { fiscalCode: findTestIdentity(HISTORY_IDENTITIES[0])!.fiscalCode, name: '' };

  beforeAll(async () => {
    j = await startJourney();
    // an application of the demo history: one sent by a history person to Castelrocca, still open
    const fiscalCodes = HISTORY_IDENTITIES.map((id) => findTestIdentity(id)!.fiscalCode);
    application = await inScope(j.database.db, { platform: true }, (trx) => trx.selectFrom('applications as a')
      .innerJoin('tenants as t', 't.id', 'a.tenant_id').innerJoin('services as s', 's.id', 'a.service_id')
      .select(['a.code', 'a.status', 'a.due_date', 's.title as service_title'])
      .where('t.slug', '=', CASTELROCCA.tenantSlug).where('a.subject_fiscal_code', 'in', fiscalCodes)
      .where('a.status', 'in', ['registered', 'in_progress', 'awaiting_citizen']).where('a.due_date', 'is not', null)
      .orderBy('a.code').executeTakeFirstOrThrow());
    formServiceId = await createFormService(j.ctx, CASTELROCCA.tenantSlug);
    const identity = findTestIdentity(HISTORY_IDENTITIES[0])!;
    person.name = `${identity.givenName} ${identity.familyName}`;
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
  });

  it('Francesca records a contact, looks up an application, gives a number and books by phone', async () => {
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, CASTELROCCA.deskOperatorEmail, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Accoglienza', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Accoglienza' }).waitFor();
    await page.getByRole('heading', { name: 'Contatti di', exact: false }).waitFor();
    await check(page, 'pagina');

    // a phone call, with the fiscal code mistyped: the field says so, and what was typed stays
    const contact = page.getByRole('form', { name: 'Nuovo contatto' });
    await contact.getByLabel('Canale').selectOption({ label: 'Telefono' });
    await contact.getByLabel('Nome e cognome').fill('Carlo Rota');
    await contact.getByLabel('Codice fiscale').fill('RTOCRL70A01A794X');
    await contact.getByLabel('Motivo').fill('Orari per il rinnovo della carta d\'identità');
    await contact.getByLabel('Esito').selectOption({ label: 'Informazioni date' });
    await contact.getByRole('button', { name: 'Registra il contatto' }).click();
    await contact.getByText('codice fiscale non valido').waitFor();
    expect(await contact.getByLabel('Codice fiscale').getAttribute('aria-invalid')).toBe('true');
    expect(await contact.getByLabel('Motivo').inputValue()).toBe('Orari per il rinnovo della carta d\'identità');
    expect(await contact.getByLabel('Nome e cognome').inputValue()).toBe('Carlo Rota');
    await check(page, 'contatto-errore');
    // without the fiscal code it is saved, and listed in the day's register
    await contact.getByLabel('Codice fiscale').fill('');
    await contact.getByRole('button', { name: 'Registra il contatto' }).click();
    await page.getByText('Contatto registrato: Carlo Rota.').waitFor();
    expect(await contact.getByLabel('Motivo').inputValue()).toBe('');
    const register = page.getByRole('region', { name: /^Contatti di/ });
    await register.getByText('Orari per il rinnovo della carta d\'identità').waitFor();
    await register.getByText('Carlo Rota').waitFor();
    await register.getByText('Telefono', { exact: true }).waitFor();

    // "where is my application": by the code the person reads from the receipt
    const lookup = page.getByRole('search', { name: 'Dov\'è la mia pratica?' });
    await lookup.getByLabel('Codice, protocollo o codice fiscale').fill(application.code.toLowerCase());
    await lookup.getByRole('button', { name: 'Cerca' }).click();
    const results = page.getByRole('region', { name: 'Dov\'è la mia pratica?' });
    const found = results.getByRole('listitem').filter({ hasText: application.code });
    await found.waitFor();
    await found.getByText(application.service_title).waitFor();
    await found.getByText('Da concludere entro il').waitFor();
    const [y, m, d] = application.due_date!.split('-');
    await found.getByText(`${d}/${m}/${y}`, { exact: false }).waitFor();
    await found.locator('.sp-app-status').waitFor();
    // a search that is not a code, a protocol or a fiscal code says what to type
    await lookup.getByLabel('Codice, protocollo o codice fiscale').fill('la pratica di Rota');
    await lookup.getByRole('button', { name: 'Cerca' }).click();
    await lookup.getByText('né un codice di pratica, né un protocollo, né un codice fiscale').waitFor();
    expect(await lookup.getByLabel('Codice, protocollo o codice fiscale').inputValue()).toBe('la pratica di Rota');
    await lookup.getByLabel('Codice, protocollo o codice fiscale').fill(application.code);
    await lookup.getByRole('button', { name: 'Cerca' }).click();
    await found.waitFor();
    await check(page, 'pratica');
    // the status told to the person goes into the register, linked to the application
    await found.getByRole('button', { name: `Collega al nuovo contatto ${application.code}` }).click();
    await found.getByText('Collegata al nuovo contatto').waitFor();
    expect(await contact.locator('#contact-link-application').isChecked()).toBe(true);
    expect(await contact.getByLabel('Esito').inputValue()).toBe('status_given');
    // the person the lookup found fills the contact's empty name and fiscal code
    const [lookedUp] = (await results.locator('p.fw-semibold').first().textContent())!.match(/^[^(]+/)!;
    expect(await contact.getByLabel('Nome e cognome').inputValue()).toBe(lookedUp.trim());
    expect(await contact.getByLabel('Codice fiscale').inputValue()).toMatch(/^[A-Z0-9]{16}$/);
    await contact.getByLabel('Canale').selectOption({ label: 'Di persona' });
    await contact.getByLabel('Motivo').fill('Chiede a che punto è la sua pratica');
    await contact.getByRole('button', { name: 'Registra il contatto' }).click();
    const linked = register.getByRole('listitem').filter({ hasText: 'Chiede a che punto è la sua pratica' });
    await linked.getByText(`pratica ${application.code}`, { exact: false }).waitFor();
    await linked.getByText('Stato della pratica comunicato', { exact: false }).waitFor();
    expect(await contact.locator('#contact-link-application').count()).toBe(0);

    // a number for Anagrafe: the label big, to tell the person
    const tickets = page.getByRole('region', { name: 'Dai un numero' });
    await tickets.getByRole('button', { name: /Anagrafe/ }).click();
    await tickets.locator('.sp-reception-ticket-label').waitFor();
    const label = (await tickets.locator('.sp-reception-ticket-label').textContent())!.trim();
    expect(label).toMatch(/^A\d{3,4}$/);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('sp-reception-ticket');
    const queue = (await j.app.inject({ url: `/api/v1/queues?office=${(await officeId())}` })).json() as { items: { prefix: string; next: string[] }[] };
    expect(queue.items.find((q) => q.prefix === 'A')!.next).toContain(label);
    await check(page, 'numero');

    // an application started in the person's name: its code shown big, the draft theirs
    const start = page.getByRole('form', { name: 'Avvia una pratica per la persona' });
    await start.getByLabel('Servizio').selectOption({ label: 'Domanda di prova' });
    await start.getByLabel('Codice fiscale').fill(person.fiscalCode.toLowerCase());
    await start.getByRole('button', { name: 'Avvia la pratica' }).click();
    await start.getByText(`Pratica avviata a nome di ${person.name}.`, { exact: false }).waitFor();
    const draftCode = (await start.locator('.sp-reception-code').textContent())!.trim();
    const draft = await inScope(j.database.db, { platform: true }, (trx) => trx.selectFrom('applications').select(['status', 'subject_fiscal_code', 'service_id'])
      .where('code', '=', draftCode).executeTakeFirstOrThrow());
    expect(draft).toEqual({ status: 'draft', subject_fiscal_code: person.fiscalCode, service_id: formServiceId });
    await register.getByText(`pratica ${draftCode}`, { exact: false }).waitFor();
    await check(page, 'pratica-avviata');

    // the agenda: a booking by phone for tomorrow (or the first open day after it), then listed on its day
    await page.getByRole('link', { name: 'Agenda degli appuntamenti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    const booking = page.getByRole('form', { name: 'Prenota per telefono' });
    await booking.getByLabel('Servizio').selectOption({ label: 'Carta d\'identità elettronica (CIE)' });
    const daySelect = booking.getByLabel('Giorno', { exact: true });
    await daySelect.waitFor();
    const offered = await daySelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const tomorrow = nextDay(romeToday());
    const day = offered.find((d) => d >= tomorrow)!;
    expect(day).toBeTruthy();
    await daySelect.selectOption(day);
    const times = booking.getByRole('group', { name: 'Orario' });
    const firstTime = times.getByRole('button').first();
    const time = (await firstTime.textContent())!.trim();
    await firstTime.click();
    expect(await firstTime.getAttribute('aria-pressed')).toBe('true');
    // the reason is missing: the form says so and keeps the rest
    await booking.getByLabel('Nome e cognome').fill('Anna Locatelli');
    await booking.getByLabel('Telefono').fill('035 123 4567');
    await booking.getByRole('button', { name: 'Prenota', exact: true }).click();
    await booking.getByText('Scrivi il motivo dell\'appuntamento.').waitFor();
    expect(await booking.getByLabel('Nome e cognome').inputValue()).toBe('Anna Locatelli');
    await booking.getByLabel('Motivo').fill('Carta d\'identità scaduta');
    await booking.getByRole('button', { name: 'Prenota', exact: true }).click();
    await booking.getByText(`Prenotato per Anna Locatelli`, { exact: false }).waitFor();
    const agenda = page.getByRole('region', { name: /^Appuntamenti di/ });
    const item = agenda.getByRole('listitem').filter({ hasText: 'Anna Locatelli' });
    await item.waitFor();
    await item.getByText(time, { exact: true }).waitFor();
    await item.getByText('Prenotato al telefono', { exact: false }).waitFor();
    expect(await page.locator('#agenda-day').inputValue()).toBe(day);
    await check(page, 'agenda');

    // cancelled after the confirmation
    await item.getByRole('button', { name: /^Annulla/ }).click();
    const confirm = item.getByRole('group', { name: /Annullare l'appuntamento di Anna Locatelli/ });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Annullare l'appuntamento di Anna Locatelli/);
    await confirm.getByRole('button', { name: 'Sì, annulla l\'appuntamento' }).click();
    await page.getByText(`Appuntamento di Anna Locatelli alle ${time} annullato.`).waitFor();
    // the agenda shows it cancelled (or no longer lists it)
    await expect.poll(async () => (await item.count()) === 0 || (await item.getByText('Annullato', { exact: true }).count()) === 1).toBe(true);
    await check(page, 'annullato');
  });

  const officeId = async () => {
    const offices = (await j.app.inject({ url: `/api/v1/tenants/${CASTELROCCA.tenantSlug}/offices` })).json() as { items: { id: string; code: string }[] };
    return offices.items.find((o) => o.code === CASTELROCCA.officeCode)!.id;
  };
});
