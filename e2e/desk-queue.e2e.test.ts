/**
 * The take-a-number queue on the floor: Castelrocca's administrator pairs the URP's kiosk; a visitor takes a
 * number for "Carta d'identità elettronica"; the desk operator Francesca Gotti sits at Sportello 1, opens it and
 * calls the next number, which is the visitor's; the waiting-room display in another tab shows the number and the
 * counter. Then the network drops and comes back, and the server restarts on the same database while the display
 * and the counter page stay open: both say they are reconnecting, come back by themselves with the same queue,
 * and a call made after the restart reaches the display.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import type { App } from '../src/server/platform/context.ts';
import { freePort, testConfig } from '../test/support/app.ts';
import { freshDatabase } from '../test/support/db.ts';
import { CHROMIUM, hasBrowser, seriousViolations } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { noSidewaysScroll, screenshots } from './support/page.ts';

const ADMIN = 'admin@castelrocca.example';
const DESK = DEMO_DESK.castelrocca;
const CIE = "Carta d'identità elettronica";
const FULL_HD = { width: 1920, height: 1080 };
const TABLET = { width: 800, height: 1280 };
const KIOSK = { width: 1280, height: 1024 };
const PHONE = { width: 360, height: 800 };

/**
 * The real server on the demo database at a fixed address, which can be restarted: the HTTP server, its streams
 * and everything it keeps in memory go away and a new one is built on the same database and port (as a process
 * restarted by its supervisor would find it).
 */
async function restartableJourney() {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const database = await freshDatabase();
  const config = testConfig({}, { PUBLIC_URL: baseUrl });
  let app: App;
  ({ app } = await buildApp(config, database).then(async (built) => {
    await seedDemo(database.db, built.ctx.services);
    return built;
  }));
  await app.listen({ port, host: '127.0.0.1' });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
  return {
    baseUrl,
    database,
    async newContext(viewport = { width: 1280, height: 900 }) {
      return browser.newContext({ viewport, locale: 'it-IT' });
    },
    /** stops serving; `start` serves again on the same database and port */
    async stopServer() {
      await app.close();
    },
    async startServer() {
      ({ app } = await buildApp(config, database));
      await app.listen({ port, host: '127.0.0.1' });
    },
    async stop() {
      await browser.close();
      await app.close().catch(() => undefined);
      await database.close();
    },
  };
}

describe.skipIf(!hasBrowser)('the queue on the floor: kiosk, counter and display, through a network drop and a server restart', { timeout: 420_000 }, () => {
  let j: Awaited<ReturnType<typeof restartableJourney>>;

  beforeAll(async () => {
    j = await restartableJourney();
  }, 240_000);
  afterAll(() => j?.stop());

  const shot = screenshots('sportello-coda');

  /** The JSON API with a browser context's session (cookies and CSRF token). */
  const api = async <T = unknown>(context: BrowserContext, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
    const csrf = (await context.cookies(j.baseUrl)).find((c) => c.name === 'sportello_csrf')?.value ?? '';
    const response = await context.request.fetch(`${j.baseUrl}${url}`, {
      method,
      headers: { 'X-CSRF-Token': decodeURIComponent(csrf) },
      ...(data === undefined ? {} : { data }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${JSON.stringify(body)}`);
    return body as T;
  };

  const bigNumber = (page: Page) => page.getByTestId('display-current');
  const reconnecting = (page: Page) => page.getByText('Riconnessione…');
  const offlineBanner = (page: Page) => page.getByText('Connessione persa, riprovo…');

  it('pairs the kiosk, issues a number, calls it at Sportello 1, shows it on the display, and recovers from a drop and a restart', async () => {
    // ---- the administrator pairs the kiosk ----
    const admin = await j.newContext();
    const adminPage = await admin.newPage();
    await loginAsOperator(adminPage, j.baseUrl, ADMIN, DEMO_PASSWORD);
    const offices = await api<{ items: { id: string; code: string; name: string }[] }>(admin, 'GET', `/api/v1/tenants/${DESK.tenantSlug}/offices`);
    const office = offices.items.find((o) => o.code === DESK.officeCode)!;
    expect(office).toBeTruthy();
    const paired = await api<{ pairPath: string; key: string }>(admin, 'POST', `/api/v1/offices/${office.id}/devices`, { kind: 'kiosk', name: 'Totem ingresso' });
    expect(paired.pairPath).toMatch(/^\/sportello\/abbina#chiave=/);

    // ---- the kiosk: the pairing address stores the key, leaves the address bar clean and opens the kiosk ----
    const kioskContext = await j.newContext(KIOSK);
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${j.baseUrl}${paired.pairPath}`);
    // the pairing page moves on inside the page (no new load): watch the address itself
    await expect.poll(() => new URL(kiosk.url()).pathname).toBe('/sportello/totem');
    expect(new URL(kiosk.url()).hash).toBe('');
    expect(await kiosk.evaluate(() => localStorage.getItem('sportello.desk.device'))).toBe(paired.key);
    await kiosk.getByRole('heading', { level: 1, name: 'Tocca il servizio per cui sei qui' }).waitFor();
    await kiosk.getByText(office.name).waitFor();
    const cieButton = kiosk.getByRole('button', { name: new RegExp(`^${CIE}`) });
    await cieButton.waitFor();
    // every category is a big touch target
    for (const box of await kiosk.locator('.sp-kiosk-category').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThanOrEqual(64);
    }
    expect(await kiosk.locator('.sp-kiosk-category').count()).toBe(DESK.categories.length);
    expect(await seriousViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'totem');

    // a code that is no booking: a clear message, and the kiosk goes back to the start by itself
    await kiosk.getByRole('button', { name: 'Ho un appuntamento' }).click();
    const code = kiosk.getByLabel('Codice della prenotazione');
    await expect.poll(() => kiosk.evaluate(() => document.activeElement?.id)).toBe('kiosk-code');
    expect(await seriousViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'totem-appuntamento');
    // a QR reader types the code and presses Enter
    await code.pressSequentially('ZZ99ZZ99');
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { name: 'Appuntamento non registrato' }).waitFor();
    expect(await seriousViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'totem-codice-errato');
    // type it again, or take a number like everyone else
    await kiosk.getByRole('button', { name: 'Scrivi di nuovo il codice' }).waitFor();
    await kiosk.getByRole('button', { name: 'Prendi un numero' }).click();
    // the reader also works on the start screen, without "Ho un appuntamento" first: a fast burst of keys and Enter
    await cieButton.focus();
    await kiosk.keyboard.type('ZZ99ZZ98', { delay: 5 });
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { name: 'Appuntamento non registrato' }).waitFor();
    // and the Enter did not also press the focused category: no ticket was issued
    expect(await kiosk.getByTestId('kiosk-number').count()).toBe(0);
    await kiosk.getByRole('button', { name: 'Prendi un numero' }).click();

    // the visitor takes a number for the CIE
    await cieButton.click();
    const number = kiosk.getByTestId('kiosk-number');
    await number.waitFor();
    const label = (await number.innerText()).trim();
    expect(label).toMatch(/^C\d{3}$/);
    expect(await kiosk.locator('.sp-kiosk-ticket-category').innerText()).toBe(CIE);
    // nobody was waiting for the CIE: nobody ahead
    expect((await kiosk.locator('.sp-kiosk-facts').innerText()).replace(/\s+/g, ' ')).toMatch(/^Persone prima di te 0 Attesa stimata \S/);
    await kiosk.getByText(/Si torna all'inizio tra \d+ second/).waitFor();
    expect(await seriousViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'totem-numero');
    // the printed receipt: only the receipt, on an 80 mm roll
    await kiosk.emulateMedia({ media: 'print' });
    expect(await kiosk.locator('.sp-receipt').isVisible()).toBe(true);
    expect(await kiosk.locator('.sp-receipt-number').innerText()).toBe(label);
    await kiosk.emulateMedia({ media: 'screen' });
    await kiosk.getByRole('button', { name: 'Fatto' }).click();
    await cieButton.waitFor();
    // English for a visitor who asks, and on a small tablet nothing scrolls sideways
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'Tap the service you are here for' }).waitFor();
    await kiosk.setViewportSize(PHONE);
    expect(await noSidewaysScroll(kiosk), 'kiosk at 360 px').toBe(true);
    await shot(kiosk, 'totem-en');
    await kiosk.getByRole('button', { name: 'Italiano' }).click();
    await kiosk.setViewportSize(KIOSK);

    // ---- the display in the waiting room ----
    const displayContext = await j.newContext(FULL_HD);
    const display = await displayContext.newPage();
    await display.goto(`${j.baseUrl}/sportello/display/${office.id}`);
    await display.getByRole('heading', { level: 1, name: office.name }).waitFor();
    await display.getByText('Nessuna chiamata per ora').waitFor();
    const queues = display.locator('.sp-display-queue-list');
    await expect.poll(async () => (await queues.innerText()).replace(/\s+/g, ' ')).toContain(`${CIE} 1`);
    expect(await seriousViolations(display)).toEqual([]);
    // sound needs a touch first: the switch is there
    await display.getByRole('button', { name: 'Attiva audio' }).click();
    await display.getByRole('button', { name: 'Audio attivo' }).waitFor();
    expect(await display.evaluate(() => localStorage.getItem('sportello.desk.audio'))).toBe('on');

    // ---- the desk operator at Sportello 1 ----
    const deskContext = await j.newContext();
    const counter = await deskContext.newPage();
    await loginAsOperator(counter, j.baseUrl, DESK.deskOperatorEmail, DEMO_PASSWORD);
    await counter.locator('.sp-operator-bar').getByRole('link', { name: 'Sportello', exact: true }).click();
    await counter.waitForURL((url) => url.pathname === '/backoffice/sportello');
    await counter.getByRole('heading', { name: 'A quale sportello sei?' }).waitFor();
    expect(await seriousViolations(counter)).toEqual([]);
    await shot(counter, 'sportello-scelta');
    await counter.getByRole('button', { name: 'Scegli Sportello 1' }).click();
    await counter.getByRole('heading', { name: 'Apri lo sportello' }).waitFor();
    expect(await seriousViolations(counter)).toEqual([]);
    await counter.getByRole('button', { name: 'Apri sportello' }).click();
    const callNext = counter.getByRole('button', { name: 'Chiama il prossimo' });
    await callNext.waitFor();
    await expect.poll(async () => (await counter.getByTestId('counter-queues').innerText()).replace(/\s+/g, ' ')).toContain(`C · ${CIE} 1 ${label}`);
    await callNext.click();
    await expect.poll(() => counter.getByTestId('counter-current').innerText()).toBe(label);
    await counter.getByText(`Chiamato il numero ${label}.`).waitFor();
    expect(await callNext.isDisabled()).toBe(true);
    expect(await seriousViolations(counter)).toEqual([]);
    await shot(counter, 'sportello-chiamato');

    // the display shows it within seconds, flashing, and tells screen readers
    await expect.poll(async () => (await bigNumber(display).innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toMatch(new RegExp(`^${label} →.*Sportello 1$`));
    expect(await display.locator('.sp-display-flash').count()).toBe(1);
    await expect.poll(() => display.locator('[aria-live="assertive"]').innerText()).toBe(`Numero ${label.split('').join(' ')}, Sportello 1`);
    expect(await seriousViolations(display)).toEqual([]);
    await shot(display, 'display-chiamata');
    // readable from far: the number takes a good part of a 1080p screen's height
    const labelHeight = await display.locator('.sp-display-label').evaluate((e) => e.getBoundingClientRect().height);
    expect(labelHeight).toBeGreaterThan(FULL_HD.height / 6);
    expect(await noSidewaysScroll(display)).toBe(true);

    // ---- the network drops at the display and at the counter ----
    await displayContext.setOffline(true);
    await deskContext.setOffline(true);
    await reconnecting(display).waitFor({ timeout: 20_000 });
    await offlineBanner(counter).waitFor({ timeout: 20_000 });
    // the last state stays on screen
    expect(await bigNumber(display).innerText()).toContain(label);
    expect(await counter.getByTestId('counter-current').innerText()).toBe(label);
    await shot(display, 'display-riconnessione');
    await shot(counter, 'sportello-offline');
    await displayContext.setOffline(false);
    await deskContext.setOffline(false);
    await reconnecting(display).waitFor({ state: 'hidden', timeout: 30_000 });
    await offlineBanner(counter).waitFor({ state: 'hidden', timeout: 30_000 });
    // a recall after the drop reaches the display
    await counter.getByRole('button', { name: 'Richiama' }).click();
    await counter.getByText(`Richiamato il numero ${label}.`).waitFor();
    await display.getByRole('heading', { name: 'Si richiama' }).waitFor({ timeout: 10_000 });

    // ---- the server restarts on the same database; display and counter stay open ----
    await j.stopServer();
    await reconnecting(display).waitFor({ timeout: 20_000 });
    await offlineBanner(counter).waitFor({ timeout: 20_000 });
    expect(await bigNumber(display).innerText()).toContain(label);
    await j.startServer();
    await reconnecting(display).waitFor({ state: 'hidden', timeout: 45_000 });
    await offlineBanner(counter).waitFor({ state: 'hidden', timeout: 45_000 });
    // the same state, read again from the database
    expect((await bigNumber(display).innerText()).replace(/\s+/g, ' ')).toContain(label);
    expect(await counter.getByTestId('counter-current').innerText()).toBe(label);

    // the counter works without a reload: served, and the next visitor's number is called and shown
    await counter.getByRole('button', { name: 'Servito' }).click();
    await counter.getByText(`${label} servito.`).waitFor();
    await counter.getByText('Nessun numero in servizio.').waitFor();
    // the kiosk, open all along, gives the next number, even when its network drops at the tap: it says to wait,
    // tries again by itself with the same idempotency key, and one number only is issued
    await kioskContext.setOffline(true);
    await cieButton.click();
    await kiosk.getByRole('heading', { name: 'Un momento…' }).waitFor();
    await kiosk.waitForTimeout(1_500);
    await kioskContext.setOffline(false);
    await number.waitFor({ timeout: 30_000 });
    const second = (await number.innerText()).trim();
    expect(second).toBe(`C${String(Number(label.slice(1)) + 1).padStart(3, '0')}`);
    await kiosk.getByRole('button', { name: 'Fatto' }).click();
    await callNext.click();
    await expect.poll(() => counter.getByTestId('counter-current').innerText()).toBe(second);
    await expect.poll(async () => (await bigNumber(display).innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain(second);
    await expect.poll(async () => (await display.getByTestId('display-history').innerText()).replace(/\s+/g, ' ')).toContain(label);
    await shot(display, 'display-dopo-riavvio');
    await shot(counter, 'sportello-dopo-riavvio');

    // the transfer dialog: to another category
    await counter.getByRole('button', { name: 'Trasferisci' }).click();
    const dialog = counter.getByRole('dialog', { name: `Trasferisci il numero ${second}` });
    await dialog.waitFor();
    expect(await seriousViolations(counter)).toEqual([]);
    await shot(counter, 'sportello-trasferisci');
    // Bootstrap Italia draws the radio on its label: a person taps the words
    await dialog.getByText("a un'altra categoria").click();
    expect(await dialog.getByLabel("a un'altra categoria").isChecked()).toBe(true);
    await dialog.getByLabel('Categoria', { exact: true }).selectOption({ label: 'A · Anagrafe' });
    await dialog.getByRole('button', { name: 'Trasferisci' }).click();
    await counter.getByText(`${second} trasferito a Anagrafe.`).waitFor();
    await counter.getByText('Nessun numero in servizio.').waitFor();

    // the display and the counter on a tablet, and the counter on a phone, without sideways scroll
    await display.setViewportSize(TABLET);
    expect(await noSidewaysScroll(display), 'display on a tablet').toBe(true);
    await shot(display, 'display-tablet');
    await counter.setViewportSize(PHONE);
    expect(await noSidewaysScroll(counter), 'counter at 360 px').toBe(true);
    expect(await seriousViolations(counter)).toEqual([]);
    await shot(counter, 'sportello-telefono');
    await counter.getByRole('button', { name: 'Chiudi sportello' }).click();
    await counter.getByText('Sportello 1 è chiuso.').waitFor();
  });

  it('a browser without a key, or with a revoked one, is told to ask the office to pair it', async () => {
    const context = await j.newContext(KIOSK);
    const page = await context.newPage();
    await page.goto(`${j.baseUrl}/sportello/totem`);
    await page.getByRole('heading', { level: 1, name: 'Dispositivo non abbinato' }).waitFor();
    await page.getByText("Questo dispositivo deve essere abbinato dall'amministratore dell'ufficio").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${j.baseUrl}/sportello/abbina#chiave=sd_${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: 'Dispositivo non abbinato' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, 'non-abbinato');
    // a display at an address that names no office says so, rather than loading for ever
    await page.goto(`${j.baseUrl}/sportello/display/00000000-0000-4000-8000-000000000000`);
    await page.getByText('Questo schermo non corrisponde a nessun ufficio').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
