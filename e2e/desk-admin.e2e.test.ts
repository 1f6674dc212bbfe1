/**
 * Desk settings (impostazioni sportello): Castelrocca's administrator chooses the URP, creates an appointment
 * calendar for a desk service with its hours, meets the server's refusal of a window that ends before it starts
 * (shown on the field, nothing typed lost), fixes it and saves; adds a queue category; pairs a kiosk, whose link
 * opened on another browser makes it the office's kiosk; revokes it. Axe on every step, no sideways scroll at
 * 360 px, screenshots under /tmp/shots/desk-admin-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { CASTELROCCA_SLUG, DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const shot = screenshots('desk-admin');

/** Screenshots at 1280 and 360 px, with the sideways-scroll check at 360 (after the page re-rendered). */
async function shootBoth(page: Page, name: string) {
  await shot(page, name);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction(() => window.innerWidth === 360);
  await shot(page, name);
  expect(await noSidewaysScroll(page), `${name} scrolls sideways at 360 px`).toBe(true);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!hasBrowser)('desk settings', () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let urp: { id: string; name: string };
  let service: { id: string; title: string };

  beforeAll(async () => {
    j = await startJourney();
    const offices = (await j.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/offices` })).json() as { items: { id: string; code: string; name: string }[] };
    urp = offices.items.find((o) => o.code === DEMO_DESK.castelrocca.officeCode)!;
    const card = (await j.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/services/${DEMO_DESK.castelrocca.civilStatusServiceSlug}` })).json() as { id: string; title: string };
    service = { id: card.id, title: card.title };
  });
  afterAll(async () => {
    await j?.stop();
  });

  it('an administrator sets up the URP: a calendar (after fixing what the server refused), a category, a kiosk paired and revoked', async () => {
    const admin = DEMO_ADMINS.find((a) => a.tenantSlug === CASTELROCCA_SLUG)!;
    const page = await j.newPage();
    await loginAsOperator(page, j.baseUrl, admin.email, admin.password);
    await page.getByRole('link', { name: 'Impostazioni sportello' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impostazioni sportello' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // the office, then the tabs
    await main(page).getByLabel('Ufficio').selectOption(urp.id);
    await page.getByRole('heading', { level: 2, name: urp.name }).waitFor();
    const tabs = page.getByRole('tablist', { name: `Impostazioni dello sportello di ${urp.name}` });
    expect(await tabs.getByRole('tab', { name: 'Calendari' }).getAttribute('aria-selected')).toBe('true');
    // the demo's calendars of the URP are listed with their hours
    const calendars = page.getByRole('table', { name: "Calendari degli appuntamenti dell'ufficio" });
    await calendars.getByRole('button', { name: "Modifica Carta d'identità elettronica" }).waitFor();
    await calendars.getByRole('cell', { name: 'Lunedì–Venerdì 08:30–12:30; Lunedì, Giovedì 14:30–17:00', exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'calendars');

    // a new calendar: name, a desk service found by a search, hours with a window that ends before it starts
    await page.getByRole('button', { name: 'Nuovo calendario' }).click();
    const form = page.getByRole('form', { name: 'Nuovo calendario' });
    await form.getByLabel('Nome del calendario').fill('Stato civile allo sportello URP');
    await form.getByLabel('Cerca tra i servizi allo sportello').fill('pubblicazioni');
    // Bootstrap Italia draws checkboxes on their labels: a person clicks the label
    await form.locator(`label[for="calendar-service-${service.id}"]`).click();
    await form.getByText('1 servizio scelto').waitFor();
    const firstWindow = form.getByRole('group', { name: 'Fascia 1' });
    await firstWindow.getByLabel('Dalle', { exact: true }).fill('13:00');
    await form.getByLabel('Durata dell\'appuntamento (minuti)').fill('30');
    await form.getByRole('button', { name: 'Aggiungi una chiusura' }).click();
    const closure = form.getByRole('group', { name: 'Chiusura 1' });
    await closure.getByLabel('Dal', { exact: true }).fill('2027-08-09');
    await closure.getByLabel('Al', { exact: true }).fill('2027-08-20');
    await closure.getByLabel('Motivo').fill('Ferie estive');
    await form.getByLabel('Coda all\'arrivo').selectOption({ label: 'S — Stato civile' });
    await form.getByRole('button', { name: 'Crea il calendario' }).click();

    // the server refuses it: the summary takes the focus and links to the field, which carries the message
    const summary = page.getByRole('alert').filter({ hasText: 'Non è stato possibile salvare' });
    await summary.waitFor();
    await summary.getByRole('link', { name: /^Fascia 1 — Alle: la chiusura dev'essere dopo l'apertura/ }).waitFor();
    const to = firstWindow.getByLabel('Alle', { exact: true });
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await firstWindow.getByText("la chiusura dev'essere dopo l'apertura").waitFor();
    // nothing typed was lost
    expect(await form.getByLabel('Nome del calendario').inputValue()).toBe('Stato civile allo sportello URP');
    expect(await closure.getByLabel('Motivo').inputValue()).toBe('Ferie estive');
    expect(await form.locator(`#calendar-service-${service.id}`).isChecked()).toBe(true);
    // the summary's link takes the keyboard to the field
    await summary.getByRole('link', { name: /^Fascia 1 — Alle/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('calendar-weeklyHours-0-to');
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'calendar-refused');

    // fixed and saved: back to the list, which shows it
    await firstWindow.getByLabel('Dalle', { exact: true }).fill('09:00');
    await form.getByRole('button', { name: 'Crea il calendario' }).click();
    await page.getByText('Calendario «Stato civile allo sportello URP» salvato.').waitFor();
    const row = calendars.getByRole('row', { name: /Stato civile allo sportello URP/ });
    await row.getByRole('listitem').filter({ hasText: service.title }).waitFor();
    await row.getByRole('cell', { name: '30 minuti, 1 persona per orario', exact: true }).waitFor();
    const saved = (await j.app.inject({ url: `/api/v1/services/${service.id}/booking-offices` })).json() as { items: { officeId: string }[] };
    expect(saved.items.map((o) => o.officeId)).toContain(urp.id);
    expect(await seriousViolations(page)).toEqual([]);

    // edited: the form comes back with what was saved; closed for booking, the office no longer offers the service
    await row.getByRole('button', { name: 'Modifica Stato civile allo sportello URP' }).click();
    const editForm = page.getByRole('form', { name: 'Modifica il calendario «Stato civile allo sportello URP»' });
    expect(await editForm.locator(`#calendar-service-${service.id}`).isChecked()).toBe(true);
    expect(await editForm.getByRole('group', { name: 'Chiusura 1' }).getByLabel('Motivo').inputValue()).toBe('Ferie estive');
    expect(await editForm.getByRole('group', { name: /^Fascia \d+$/ }).count()).toBe(5);
    await editForm.getByText('Attivo: i cittadini possono prenotare').click();
    await editForm.getByRole('button', { name: 'Salva il calendario' }).click();
    await page.getByText('Calendario «Stato civile allo sportello URP» salvato.').waitFor();
    await row.getByText('Non attivo', { exact: true }).waitFor();
    const closed = (await j.app.inject({ url: `/api/v1/services/${service.id}/booking-offices` })).json() as { items: { officeId: string }[] };
    expect(closed.items.map((o) => o.officeId)).not.toContain(urp.id);

    // categories, reached with the arrow keys from the selected tab
    await tabs.getByRole('tab', { name: 'Calendari' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tabs.getByRole('tab', { name: 'Categorie' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Categorie');
    const categories = page.getByRole('table', { name: "Categorie della coda dell'ufficio" });
    await categories.getByText('Anagrafe', { exact: true }).waitFor();
    const categoryForm = page.getByRole('form', { name: 'Nuova categoria' });
    await categoryForm.getByLabel('Lettera').fill('r');
    await categoryForm.getByLabel('Nome', { exact: true }).fill('Ritiro documenti');
    await categoryForm.getByLabel('Descrizione').fill("Ritiro della carta d'identità e di altri documenti pronti.");
    await categoryForm.getByRole('button', { name: 'Aggiungi la categoria' }).click();
    await page.getByText('Categoria R — Ritiro documenti salvata.').waitFor();
    await categories.getByRole('row', { name: /Ritiro documenti/ }).getByText('R', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'categories');

    // counters: the demo's, open or closed
    await tabs.getByRole('tab', { name: 'Sportelli' }).click();
    const counters = page.getByRole('table', { name: "Sportelli dell'ufficio" });
    const counter1 = counters.getByRole('row', { name: /^Sportello 1\b/ });
    await counter1.getByText('Chiuso', { exact: true }).waitFor();
    await counter1.getByRole('listitem').filter({ hasText: 'A — Anagrafe' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'counters');

    // devices: the display's public link, and a kiosk paired
    await tabs.getByRole('tab', { name: 'Dispositivi' }).click();
    const displayLink = main(page).getByRole('link', { name: new RegExp(`/sportello/display/${urp.id}`) });
    expect(await displayLink.getAttribute('href')).toBe(`/sportello/display/${urp.id}`);
    const pairForm = page.getByRole('form', { name: 'Abbina un dispositivo' });
    await pairForm.getByText('Totem', { exact: true }).click();
    await pairForm.getByLabel('Nome', { exact: true }).fill('Totem ingresso (prova)');
    await pairForm.getByRole('button', { name: 'Abbina' }).click();
    const linkBox = page.getByTestId('pairing-link');
    await linkBox.waitFor();
    const link = (await linkBox.textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${j.baseUrl.replace(/[.:/]/g, '\\$&')}/sportello/abbina#chiave=.+`));
    await page.getByText('Il collegamento è mostrato solo ora').waitFor();
    await page.getByRole('img', { name: /Codice QR del collegamento di abbinamento/ }).waitFor();
    const devices = page.getByRole('table', { name: "Dispositivi abbinati all'ufficio" });
    await devices.getByRole('row', { name: /Totem ingresso \(prova\)/ }).getByRole('cell', { name: 'Mai collegato', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'paired');

    // the link opened on the device (another browser) makes it the URP's kiosk
    const key = decodeURIComponent(link.split('#chiave=')[1]!);
    const device = await j.newPage();
    await device.goto(link);
    await device.waitForURL((url) => url.pathname === '/sportello/totem');
    expect(new URL(device.url()).hash).toBe('');
    const me = await j.app.inject({ url: '/api/v1/desk-devices/me', headers: { 'x-desk-device': key } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ device: { kind: 'kiosk', name: 'Totem ingresso (prova)', officeId: urp.id }, officeName: urp.name });

    // revoked with a confirmation: the key stops working
    // a reload opens the same office and tab (they are in the address)
    await page.reload();
    await tabs.getByRole('tab', { name: 'Dispositivi' }).waitFor();
    expect(await tabs.getByRole('tab', { name: 'Dispositivi' }).getAttribute('aria-selected')).toBe('true');
    const deviceRow = devices.getByRole('row', { name: /Totem ingresso \(prova\)/ });
    // the device has been heard from since
    await deviceRow.getByRole('cell', { name: /^\d{2}\/\d{2}\/\d{2}, \d{2}:\d{2}$/ }).first().waitFor();
    expect(await deviceRow.getByText('Mai collegato').count()).toBe(0);
    expect(await page.getByTestId('pairing-link').count()).toBe(0);
    await deviceRow.getByRole('button', { name: 'Revoca Totem ingresso (prova)' }).click();
    const question = deviceRow.getByRole('group', { name: 'Revocare «Totem ingresso (prova)»?' });
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Revocare «Totem ingresso (prova)»?');
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'revoke-confirm');
    await question.getByRole('button', { name: 'Sì, revoca' }).click();
    await page.getByText('Dispositivo «Totem ingresso (prova)» revocato.').waitFor();
    await deviceRow.getByText('Revocato', { exact: true }).waitFor();
    const after = await j.app.inject({ url: '/api/v1/desk-devices/me', headers: { 'x-desk-device': key } });
    expect(after.statusCode).toBeGreaterThanOrEqual(400);
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'revoked');

    // a rating tablet belongs to a counter: without one the form says so before sending
    await pairForm.getByText('Tablet per la valutazione', { exact: true }).click();
    await pairForm.getByLabel('Nome', { exact: true }).fill('Tablet sportello 1');
    await pairForm.getByRole('button', { name: 'Abbina' }).click();
    await page.getByRole('alert').getByRole('link', { name: /^Sportello: Scegli lo sportello/ }).waitFor();
    await pairForm.getByLabel('Sportello', { exact: true }).selectOption({ label: 'Sportello 1' });
    await pairForm.getByRole('button', { name: 'Abbina' }).click();
    await page.getByText('Tablet per la valutazione «Tablet sportello 1» di Sportello 1 abbinato.').waitFor();
    await devices.getByRole('row', { name: /Tablet sportello 1/ }).getByText('Tablet per la valutazione di Sportello 1').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000);
});
