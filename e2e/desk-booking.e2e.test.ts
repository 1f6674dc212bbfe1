/**
 * Book and check in. Giulia Ferrari, on a phone, opens the card of Castelrocca's carta d'identità elettronica,
 * books the first free time at the URP (one office: already chosen), sees the confirmation with the QR code and
 * the code written out, and moves it to another time. The program's clock then moves to a few minutes before the
 * appointment; the administrator pairs a kiosk at the URP, where "Ho un appuntamento" with her code gives a
 * priority ticket, and her appointment reads "Presentato" with the ticket's number.
 *
 * Then, on a wide screen and not signed in yet, she chooses a day and a time, signs in and comes back to the third
 * step with them; while she writes the reason two other people take the last places of that time, so the
 * confirmation says it was just taken, keeps what she wrote and shows the times again; she picks another, books it
 * and cancels it after the confirmation. axe (no serious or critical violation) and no sideways scroll at 360 px
 * on every page; screenshots under /tmp/shots/prenotazione-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, BookingOffice, SlotDay } from '../src/contracts/desk.ts';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import { as, operatorLogin } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { activeText, main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const KIOSK = { width: 1080, height: 1400 };
const CASTELROCCA = DEMO_DESK.castelrocca;
const ADMIN = 'admin@castelrocca.example';
const CARD = `/enti/${CASTELROCCA.tenantSlug}/servizi/${CASTELROCCA.cieServiceSlug}`;
const BOOKING = `${CARD}/prenota`;
const MY_APPOINTMENTS = '/area-personale/appuntamenti';
const REASON = 'Rinnovo della carta scaduta';

describe.skipIf(!hasBrowser)('book and check in: booking a desk appointment, moving, checking in at the kiosk, cancelling', { timeout: 420_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let serviceId: string;
  let office: BookingOffice;

  beforeAll(async () => {
    j = await startJourney();
    const service = await j.app.inject({ url: `/api/v1/tenants/${CASTELROCCA.tenantSlug}/services/${CASTELROCCA.cieServiceSlug}` });
    expect(service.statusCode).toBe(200);
    serviceId = (service.json() as { id: string }).id;
    const offices = await j.app.inject({ url: `/api/v1/services/${serviceId}/booking-offices` });
    expect(offices.statusCode).toBe(200);
    const items = (offices.json() as { items: BookingOffice[] }).items;
    expect(items).toHaveLength(1);
    office = items[0]!;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await j?.stop();
  });

  const shot = screenshots('prenotazione');
  /** axe with no serious or critical violation, no sideways scroll at 360 px (on a wide page: after shrinking it), a screenshot. */
  const check = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await shot(page, name);
    const size = page.viewportSize()!;
    if (size.width === PHONE.width) {
      expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
      return;
    }
    await page.setViewportSize(PHONE);
    await expect.poll(() => noSidewaysScroll(page), { message: `${name}: sideways scroll at 360 px`, timeout: 5_000 }).toBe(true);
    expect(await seriousViolations(page), `${name} at 360 px`).toEqual([]);
    await shot(page, name);
    await page.setViewportSize(size);
  };

  const stepHeading = (page: Page, name: string) => main(page).getByRole('heading', { level: 2, name: new RegExp(`${name}$`) });
  /** The enabled time choices of the day shown, as radio buttons. */
  const freeTimes = (page: Page) => main(page).locator('.sp-times input[type="radio"]:not(:disabled)');
  const appointmentIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

  it('books the first free time from the card on a phone, moves it, checks in at the kiosk and reads "Presentato"', async () => {
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', '/area-personale');
    // the personal area's way in, and nothing booked yet
    const areaLink = main(page).getByRole('link', { name: 'I miei appuntamenti' });
    await areaLink.waitFor();
    await check(page, 'area-personale');
    await areaLink.click();
    await page.waitForURL((url) => url.pathname === MY_APPOINTMENTS);
    await page.getByRole('heading', { level: 1, name: 'I miei appuntamenti' }).waitFor();
    await main(page).getByText('Non hai appuntamenti.').waitFor();
    expect(await main(page).getByRole('link', { name: 'Cerca un servizio' }).getAttribute('href')).toBe('/servizi');
    await check(page, 'lista-vuota');

    // the card: "Prenota un appuntamento", with the keyboard
    await page.goto(`${j.baseUrl}${CARD}`);
    const book = main(page).getByRole('link', { name: 'Prenota un appuntamento' });
    await book.waitFor();
    await check(page, 'scheda');
    await book.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === BOOKING);
    await page.getByRole('heading', { level: 1, name: "Carta d'identità elettronica (CIE)" }).waitFor();

    // 1 Ufficio: the only competent office, already chosen, with its address and first free day
    await stepHeading(page, 'Ufficio').waitFor();
    const officeChoice = main(page).getByRole('radio', { name: new RegExp(escapeRe(office.officeName)) });
    expect(await officeChoice.isChecked()).toBe(true);
    const officeText = (await main(page).locator('.sp-office').innerText()).replace(/\s+/g, ' ');
    expect(officeText).toContain(office.address);
    expect(officeText).toMatch(/Primo giorno libero: \S+ \d+ \S+ \d{4}/);
    expect(await main(page).locator('[aria-current="step"]').innerText()).toMatch(/1\s*Ufficio/);
    await check(page, 'passo-1');
    await main(page).getByRole('button', { name: 'Continua', exact: true }).click();

    // 2 Giorno e ora: a day with free times is chosen, its times are radio buttons, full ones disabled
    await stepHeading(page, 'Giorno e ora').waitFor();
    await expect.poll(() => activeText(page)).toMatch(/Giorno e ora$/);
    await freeTimes(page).first().waitFor({ state: 'attached' });
    const chosenDay = main(page).locator('.sp-days input:checked');
    expect(await chosenDay.count()).toBe(1);
    const closed = main(page).locator('.sp-day-closed');
    if (await closed.count()) expect(await closed.first().innerText()).toMatch(/Chiuso: /);
    await check(page, 'passo-2');
    const first = freeTimes(page).first();
    const startsAt = await first.getAttribute('value');
    expect(startsAt).toBeTruthy();
    // with the keyboard: the group's first choice takes the focus, Space chooses it
    await first.focus();
    await page.keyboard.press('Space');
    expect(await first.isChecked()).toBe(true);
    await main(page).getByRole('button', { name: 'Continua', exact: true }).click();

    // 3 Dati e conferma: reason, contacts from her profile, summary
    await stepHeading(page, 'Dati e conferma').waitFor();
    expect(new URL(page.url()).searchParams.get('ora')).toBe(startsAt);
    const email = main(page).getByLabel('E-mail', { exact: true });
    await expect.poll(() => email.inputValue()).toMatch(/@/);
    const summary = (await main(page).locator('.sp-booking-summary').innerText()).replace(/\s+/g, ' ');
    expect(summary).toContain("Carta d'identità elettronica (CIE)");
    expect(summary).toContain(office.officeName);
    expect(summary).toContain('Giulia Ferrari');
    // without a reason it says so at the field
    await main(page).getByRole('button', { name: 'Conferma prenotazione' }).click();
    await main(page).getByText("Scrivi il motivo dell'appuntamento").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await main(page).getByLabel("Motivo dell'appuntamento").fill(REASON);
    await main(page).getByText(`${REASON.length} caratteri su 500.`).waitFor();
    await check(page, 'passo-3');
    await main(page).getByRole('button', { name: 'Conferma prenotazione' }).click();

    // the confirmation: status, day, time, office with its address, the QR code and its code written out
    await page.waitForURL((url) => url.pathname.startsWith(`${MY_APPOINTMENTS}/`));
    await main(page).getByText('Prenotazione confermata').waitFor();
    await expect.poll(() => activeText(page)).toMatch(/^Prenotazione confermata/);
    const id = appointmentIdOf(page);
    const detail = main(page);
    await detail.locator('.sp-appt-status').getByText('Prenotato').waitFor();
    const code = (await detail.getByTestId('appointment-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{6,16}$/);
    const qr = detail.getByRole('img', { name: `Codice QR dell'appuntamento, codice ${code}` });
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const facts = (await detail.locator('.sp-appt-facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain(office.address);
    expect(facts).toContain(REASON);
    expect(facts).toMatch(/dalle \d{2}:\d{2} alle \d{2}:\d{2}/);
    await check(page, 'conferma');

    // Sposta: the same calendar's times, her own shown as hers; another one, confirmed
    await detail.getByRole('button', { name: 'Sposta', exact: true }).click();
    await detail.getByRole('heading', { name: 'Scegli un altro orario' }).waitFor();
    await expect.poll(() => activeText(page)).toBe('Scegli un altro orario');
    await freeTimes(page).first().waitFor({ state: 'attached' });
    await check(page, 'sposta');
    const other = freeTimes(page).first();
    const movedTo = (await other.getAttribute('value'))!;
    expect(movedTo).not.toBe(startsAt);
    await other.check();
    await detail.getByRole('button', { name: 'Conferma il nuovo orario' }).click();
    await detail.getByText(/^Appuntamento spostato a /).waitFor();
    const moved = await readAppointment(page, j.baseUrl, id);
    expect(moved.startsAt).toBe(new Date(movedTo).toISOString());
    expect(moved.status).toBe('booked');
    await check(page, 'spostato');

    // the administrator pairs a kiosk at the URP (before the clock moves: her sign-in code follows real time)
    const admin = await operatorLogin(j.app, ADMIN, DEMO_PASSWORD);
    const created = await j.app.inject(as(admin, {
      method: 'POST', url: `/api/v1/offices/${office.officeId}/devices`, payload: { kind: 'kiosk', name: 'Totem ingresso (prova)' },
    }));
    expect(created.statusCode, created.body).toBe(201);
    const { pairPath } = created.json() as { pairPath: string };

    // the day comes: the program's clock five minutes before her time
    clock.advanceDays((Date.parse(moved.startsAt) - 5 * 60_000 - clock.now().getTime()) / 86_400_000);
    try {
      const kiosk = await j.newPage(KIOSK);
      await kiosk.goto(`${j.baseUrl}${pairPath}`);
      await kiosk.waitForURL((url) => url.pathname === '/sportello/totem');
      expect(kiosk.url()).not.toContain('chiave');
      await kiosk.getByRole('button', { name: 'Ho un appuntamento' }).click();
      await kiosk.getByLabel('Codice della prenotazione').fill(code);
      expect(await seriousViolations(kiosk)).toEqual([]);
      await shot(kiosk, 'totem-codice');
      await kiosk.getByRole('button', { name: 'Conferma', exact: true }).click();
      await kiosk.getByRole('heading', { name: 'Il tuo numero (appuntamento)' }).waitFor();
      const label = (await kiosk.getByTestId('kiosk-number').innerText()).trim();
      expect(label).toMatch(/^C\d+$/);
      await kiosk.getByText("Hai la precedenza dall'ora del tuo appuntamento.").waitFor();
      await shot(kiosk, 'totem-numero');
      await kiosk.context().close();

      // her appointment now reads "Presentato", with the ticket's number, and can no longer be moved or cancelled
      await page.reload();
      await detail.locator('.sp-appt-status').getByText('Presentato').waitFor();
      await detail.getByText(`Arrivo registrato: il tuo numero è ${label}.`).waitFor();
      // (the terms are upper case on screen: innerText follows the style)
      expect((await detail.locator('.sp-appt-facts').innerText()).replace(/\s+/g, ' ')).toMatch(new RegExp(`Numero di chiamata ${label}`, 'i'));
      expect(await detail.getByRole('button', { name: 'Sposta', exact: true }).count()).toBe(0);
      expect(await detail.getByRole('button', { name: 'Annulla', exact: true }).count()).toBe(0);
      await check(page, 'presentato');

      await detail.getByRole('link', { name: 'Tutti i miei appuntamenti' }).click();
      await page.waitForURL((url) => url.pathname === MY_APPOINTMENTS);
      const item = main(page).locator('.sp-appt-item').filter({ hasText: "Carta d'identità elettronica (CIE)" });
      await item.waitFor();
      expect((await item.innerText()).replace(/\s+/g, ' ')).toMatch(new RegExp(`Presentato.*${escapeRe(office.officeName)}.*Numero di chiamata: ${label}`));
      await check(page, 'lista');
    } finally {
      clock.reset();
    }
    await page.context().close();
  });

  it('signs in from the second step and comes back to the third; a time taken meanwhile keeps the reason; then cancels', async () => {
    const page = await j.newPage(DESKTOP);
    await page.goto(`${j.baseUrl}${BOOKING}`);
    await stepHeading(page, 'Ufficio').waitFor();
    await main(page).getByRole('button', { name: 'Continua', exact: true }).click();
    await stepHeading(page, 'Giorno e ora').waitFor();
    await main(page).getByText(/orari? liber/).first().waitFor();
    // two weeks a page, forward to how far ahead bookings open (60 days in the demo), and back
    const legend = main(page).locator('.sp-slot-picker legend').first();
    const firstLegend = await legend.innerText();
    let pages = 1;
    while (await main(page).getByRole('button', { name: 'Giorni successivi' }).count()) {
      const before = await legend.innerText();
      await main(page).getByRole('button', { name: 'Giorni successivi' }).click();
      await expect.poll(() => legend.innerText()).not.toBe(before);
      expect(++pages).toBeLessThan(8);
    }
    expect(pages).toBeGreaterThanOrEqual(4);
    await main(page).getByText('Non si può prenotare più avanti di così.').waitFor();
    while (await main(page).getByRole('button', { name: 'Giorni precedenti' }).count()) {
      const before = await legend.innerText();
      await main(page).getByRole('button', { name: 'Giorni precedenti' }).click();
      await expect.poll(() => legend.innerText()).not.toBe(before);
    }
    expect(await legend.innerText()).toBe(firstLegend);
    // a later day than the first, so that it is not the time booked above
    const days = main(page).locator('.sp-days input:not(:disabled)');
    expect(await days.count()).toBeGreaterThan(1);
    await main(page).locator('.sp-days li').filter({ has: page.locator('input:not(:disabled)') }).nth(1).locator('label').click();
    await freeTimes(page).first().waitFor({ state: 'attached' });
    const startsAt = (await freeTimes(page).nth(1).getAttribute('value'))!;
    await freeTimes(page).nth(1).check();
    await main(page).getByText('ti chiederemo di accedere con SPID o CIE').waitFor();
    await check(page, 'passo-2-ospite');
    await main(page).getByRole('button', { name: 'Accedi e continua' }).click();

    // the sign-in, and back to the third step with the same time
    await page.waitForURL((url) => url.pathname === '/accedi');
    await main(page).getByRole('link', { name: 'Entra con SPID' }).click();
    await page.waitForURL(/\/test-idp\/interaction\//);
    await page.locator('form:has(input[name="identity"][value="giulia-ferrari"]) button').click();
    await page.waitForURL((url) => url.pathname === BOOKING);
    await stepHeading(page, 'Dati e conferma').waitFor();
    expect(new URL(page.url()).searchParams.get('ora')).toBe(startsAt);
    await main(page).getByLabel("Motivo dell'appuntamento").fill('Carta rubata, ho la denuncia');

    // meanwhile two other people take the places left at that time
    const day = romeDay(startsAt);
    const slots = await j.app.inject({ url: `/api/v1/offices/${office.officeId}/slots?service=${serviceId}&from=${day}&days=1` });
    const left = (slots.json() as { days: SlotDay[] }).days[0]!.slots.find((s) => s.startsAt === new Date(startsAt).toISOString() || s.startsAt === startsAt)!.free;
    expect(left).toBeGreaterThan(0);
    for (const who of ['marco-colombo', 'luca-moretti', 'francesca-galli'].slice(0, left)) {
      const session = (await citizenLogin(j.app, j.baseUrl, who)).browser.session();
      const r = await j.app.inject(as(session, {
        method: 'POST', url: '/api/v1/appointments', payload: { serviceId, officeId: office.officeId, startsAt, reason: 'Prima carta' },
      }));
      expect(r.statusCode, r.body).toBe(201);
    }

    await main(page).getByRole('button', { name: 'Conferma prenotazione' }).click();
    // back at the times, told so, with the time now full
    await stepHeading(page, 'Giorno e ora').waitFor();
    const taken = main(page).getByText(/è appena stato preso da un'altra persona/);
    await taken.waitFor();
    await expect.poll(() => activeText(page)).toMatch(/è appena stato preso/);
    const takenChoice = main(page).locator(`.sp-times input[value="${startsAt}"]`);
    await expect.poll(() => takenChoice.isDisabled()).toBe(true);
    expect(await main(page).locator(`label[for="${await takenChoice.getAttribute('id')}"]`).innerText()).toContain('completo');
    await check(page, 'orario-preso');
    const another = freeTimes(page).first();
    await another.check();
    await main(page).getByRole('button', { name: 'Continua', exact: true }).click();
    await stepHeading(page, 'Dati e conferma').waitFor();
    expect(await main(page).getByLabel("Motivo dell'appuntamento").inputValue()).toBe('Carta rubata, ho la denuncia');
    await main(page).getByRole('button', { name: 'Conferma prenotazione' }).click();
    await page.waitForURL((url) => url.pathname.startsWith(`${MY_APPOINTMENTS}/`));
    await main(page).getByText('Prenotazione confermata').waitFor();
    const id = appointmentIdOf(page);

    // Annulla, after the confirmation; "No, tienilo" first gives the focus back
    const detail = main(page);
    await detail.getByRole('button', { name: 'Annulla', exact: true }).click();
    const confirm = detail.locator('.sp-revoke-confirm');
    await confirm.waitFor();
    await expect.poll(() => activeText(page)).toMatch(/^Vuoi annullare l'appuntamento di /);
    await check(page, 'annulla-conferma');
    await confirm.getByRole('button', { name: 'No, tienilo' }).click();
    await expect.poll(() => activeText(page)).toBe('Annulla');
    await detail.getByRole('button', { name: 'Annulla', exact: true }).click();
    await confirm.getByRole('button', { name: "Sì, annulla l'appuntamento" }).click();
    await detail.getByText(/^L'appuntamento di .* è stato annullato\.$/).waitFor();
    await detail.locator('.sp-appt-status').getByText('Annullato').waitFor();
    expect(await detail.getByRole('img', { name: /Codice QR/ }).count()).toBe(0);
    expect((await readAppointment(page, j.baseUrl, id)).status).toBe('cancelled');
    await check(page, 'annullato');

    // the list: the cancelled one under "Passati e annullati"
    await page.goto(`${j.baseUrl}${MY_APPOINTMENTS}`);
    const past = main(page).getByRole('region', { name: 'Passati e annullati' });
    await past.waitFor();
    expect((await past.innerText()).replace(/\s+/g, ' ')).toContain('Annullato');
    await check(page, 'lista-annullato');

    // the same in English, the service's Italian title marked as such
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    const pastEn = main(page).getByRole('region', { name: 'Past and cancelled' });
    expect((await pastEn.innerText()).replace(/\s+/g, ' ')).toContain('Cancelled');
    expect(await pastEn.locator('a[lang="it"]').count()).toBeGreaterThan(0);
    await check(page, 'lista-inglese');
    await page.goto(`${j.baseUrl}${BOOKING}?passo=2`);
    await stepHeading(page, 'Day and time').waitFor();
    await freeTimes(page).first().waitFor({ state: 'attached' });
    await check(page, 'passo-2-inglese');
  });
});

/** The appointment as the API gives it to the signed-in page (its cookie). */
async function readAppointment(page: Page, baseUrl: string, id: string): Promise<Appointment> {
  const r = await page.request.get(`${baseUrl}/api/v1/appointments/${id}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as Appointment;
}

/** The Rome day of an instant. */
const romeDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
