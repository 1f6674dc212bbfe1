/**
 * The online application in a real browser (issue 4): from the service card to the acknowledgement and the
 * receipt, a draft resumed on another device (and two devices saving over each other), a refused upload that
 * loses nothing, and the rating of the service. Each journey uses its own person, so none depends on another.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { minimalPdf } from './support/files.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const TENANT = 'comune-di-castelrocca';
/** The move to another home within Castelrocca: the family sheet comes from the comune's registry. */
const SERVICE = 'cambio-abitazione-stesso-comune';
const CARD = `/enti/${TENANT}/servizi/${SERVICE}`;
const START = `${CARD}/domanda`;
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'application');

describe.skipIf(!hasBrowser)('a citizen fills in, sends and rates an online application', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(() => j?.stop());

  const main = (page: Page) => page.locator('main');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string, fullPage = true) => {
    // from the top, so that the sticky list of steps sits where a reader first sees it
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage }));
  };
  /** axe (no serious or critical violation), no sideways scroll at 360 and 320 px, screenshots at 360 and 1280 px. */
  const checkPage = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    const size = page.viewportSize();
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
    await shot(page, name);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 320 px`).toBe(true);
    await page.setViewportSize(DESKTOP);
    await shot(page, name);
    if (size) await page.setViewportSize(size);
  };

  const pickPerson = async (page: Page, id: string) => {
    await page.waitForURL(/\/test-idp\/interaction\//);
    await page.locator(`form:has(input[name="identity"][value="${id}"]) button`).click();
  };

  /** Signs in from the sign-in page and comes back to `returnTo`. */
  const loginAs = async (page: Page, id: string, returnTo: string) => {
    await page.goto(`${j.baseUrl}/accedi?returnTo=${encodeURIComponent(returnTo)}`);
    await main(page).getByRole('link', { name: 'Entra con SPID' }).click();
    await pickPerson(page, id);
    await page.waitForURL((url) => url.pathname === returnTo);
  };

  const stepHeading = (page: Page, title: string | RegExp) => page.getByRole('heading', { level: 2, name: title });
  const next = (page: Page) => main(page).getByRole('button', { name: /^Avanti/ }).click();
  const radio = (page: Page, label: string) => main(page).locator('label', { hasText: label }).click();
  const savedDraft = (page: Page) => main(page).locator('.sp-save-status', { hasText: /Bozza salvata alle \d\d:\d\d/ }).waitFor();

  /** The JSON API with the browser's session (cookies and CSRF token), for setting the scene of a journey. */
  const api = async (context: BrowserContext, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown, headers: Record<string, string> = {}) => {
    const csrf = (await context.cookies(j.baseUrl)).find((c) => c.name === 'sportello_csrf')?.value ?? '';
    const response = await context.request.fetch(`${j.baseUrl}${url}`, {
      method,
      headers: { 'X-CSRF-Token': decodeURIComponent(csrf), ...headers },
      ...(data === undefined ? {} : { data }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${JSON.stringify(body)}`);
    return body;
  };
  const serviceId = async (context: BrowserContext): Promise<string> =>
    (await api(context, 'GET', `/api/v1/tenants/${TENANT}/services/${SERVICE}`)).id;

  it('moves home: from the card through the steps, documents and summary to the acknowledgement and the receipt', async () => {
    const page = await j.newPage(DESKTOP);
    // the form's checks must run under the portal's Content-Security-Policy (no eval): no refusal, no compile error
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => {
      if (!/dynamically imported module/.test(e.message)) pageErrors.push(e.message);
    });
    page.on('console', (m) => {
      if (/Content Security Policy|unsafe-eval|EvalError|Error compiling schema/.test(m.text())) pageErrors.push(m.text().slice(0, 300));
    });
    await page.goto(`${j.baseUrl}${CARD}`);
    await page.getByRole('heading', { level: 1, name: /Cambio di abitazione/ }).waitFor();
    await main(page).getByRole('link', { name: 'Entra con SPID o CIE per presentare la domanda' }).click();
    await page.waitForURL((url) => url.pathname === '/accedi');
    await main(page).getByRole('link', { name: 'Entra con SPID' }).click();
    await pickPerson(page, 'giulia-ferrari');
    await page.waitForURL((url) => url.pathname === START);

    // the start page says what the form asks and starts the draft
    await main(page).getByRole('button', { name: 'Compila la domanda' }).waitFor();
    expect(await main(page).textContent()).toContain("Documento d'identità");
    await checkPage(page, 'avvio');
    await main(page).getByRole('button', { name: 'Compila la domanda' }).click();
    await page.waitForURL(/\/pratiche\/[^/]+\/compila$/);
    const applicationUrl = page.url();

    // 1. Dichiarante: what SPID said is filled in, marked, and locked; the contacts may change
    await stepHeading(page, 'Dichiarante').waitFor();
    expect(await main(page).getByText('Passo 1 di 8').count()).toBeGreaterThan(0);
    const marks = main(page).locator('.sp-prefill-mark', { hasText: "Dato già in possesso dell'ente" });
    expect(await marks.count()).toBeGreaterThanOrEqual(5);
    expect(await marks.first().textContent()).toContain('da SPID');
    await main(page).getByText(/Alcuni dati sono già compilati/).waitFor();
    const nome = main(page).getByLabel('Nome', { exact: true });
    expect(await nome.inputValue()).toBe('Giulia');
    expect(await nome.getAttribute('readonly')).not.toBeNull();
    expect(await main(page).getByLabel('Codice fiscale', { exact: true }).inputValue()).toMatch(/^FRRGLI84E54/);
    const email = main(page).getByLabel(/^E-mail/);
    expect(await email.getAttribute('readonly')).toBeNull();
    expect(await email.inputValue()).toContain('@');
    await checkPage(page, 'passo-1-dichiarante');
    await next(page);

    // 2. Nuovo indirizzo: the checks of the step, with a list of what to fix that links to each field
    await stepHeading(page, 'Nuovo indirizzo').waitFor();
    await next(page);
    const problems = main(page).locator('.sp-error-summary');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/Via o piazza: Compila questo campo/);
    expect(await page.evaluate(() => document.activeElement?.closest('.sp-error-summary') !== null)).toBe(true);
    await problems.getByRole('link', { name: /Via o piazza/ }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe('passo-nuovaAbitazione_via');
    expect(await main(page).getByLabel(/^Via o piazza/).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'passo-2-errori');
    await main(page).getByLabel(/^Via o piazza/).fill('Via dei Tigli');
    await main(page).getByLabel(/^Numero civico/).fill('15');
    await main(page).getByLabel(/^Piano/).fill('2');
    expect(await main(page).getByLabel(/^CAP/).inputValue()).toBe('24029');
    await radio(page, 'No, è libera');
    await checkPage(page, 'passo-2-indirizzo');
    await next(page);

    // 3. Titolo: the lease's registration appears only for a lease
    await stepHeading(page, "Titolo per abitare l'alloggio").waitFor();
    expect(await main(page).getByLabel(/^Data di registrazione/).count()).toBe(0);
    await radio(page, 'Locazione (affitto) con contratto registrato');
    await main(page).getByLabel(/^Data di registrazione/).waitFor();
    await main(page).getByLabel(/^Ufficio dell'Agenzia delle Entrate/).fill('Bergamo');
    await main(page).getByLabel(/^Data di registrazione/).fill('2026-10-28');
    await main(page).getByLabel(/^Numero di registrazione/).fill('TNM26T004512000KD');
    await checkPage(page, 'passo-3-titolo-locazione');
    // another title hides the lease fields again
    await radio(page, 'Proprietà (anche in comproprietà)');
    await main(page).getByLabel(/^Foglio/).waitFor();
    expect(await main(page).getByLabel(/^Data di registrazione/).count()).toBe(0);
    await radio(page, 'Locazione (affitto) con contratto registrato');
    await main(page).getByLabel(/^Ufficio dell'Agenzia delle Entrate/).fill('Bergamo');
    await main(page).getByLabel(/^Data di registrazione/).fill('2026-10-28');
    await main(page).getByLabel(/^Numero di registrazione/).fill('TNM26T004512000KD');
    await next(page);

    // 4. Chi cambia abitazione: the family sheet from the registry, read-only and marked
    await stepHeading(page, 'Chi cambia abitazione').waitFor();
    const family = main(page).locator('.sp-prefilled-list');
    await family.waitFor();
    expect(await family.textContent()).toContain('Sofia');
    expect(await family.textContent()).toContain('Tommaso');
    expect(await family.textContent()).toContain("dall'anagrafe comunale");
    expect(await family.locator('input').count()).toBe(0);
    await radio(page, 'Tutta la famiglia');
    await checkPage(page, 'passo-4-famiglia');
    await next(page);

    // 5. Patente e veicoli: optional
    await stepHeading(page, 'Patente e veicoli').waitFor();
    await checkPage(page, 'passo-5-veicoli');
    await next(page);

    // 6. Dichiarazioni
    await stepHeading(page, 'Dichiarazioni').waitFor();
    await next(page);
    await main(page).locator('.sp-error-summary').waitFor();
    expect(await main(page).locator('.sp-error-summary').textContent()).toContain('Per andare avanti devi spuntare questa casella');
    await main(page).locator('label', { hasText: 'Dichiaro che quanto indicato è vero' }).click();
    await main(page).locator('label', { hasText: "Ho letto l'informativa" }).click();
    await checkPage(page, 'passo-6-dichiarazioni');
    await next(page);

    // 7. Allegati: the identity document and, for a lease, the contract; each uploaded at once
    await stepHeading(page, 'Allegati').waitFor();
    const identity = main(page).locator('section.sp-attachment', { hasText: "Documento d'identità" }).first();
    expect(await identity.textContent()).toContain('PDF, JPG o PNG, massimo 5 MB per file, fino a 2 file');
    const lease = main(page).locator('section.sp-attachment', { hasText: 'Contratto di locazione registrato' });
    expect(await lease.textContent()).toContain('obbligatorio');
    await next(page);
    await main(page).locator('.sp-error-summary', { hasText: "Documento d'identità" }).waitFor();
    await identity.getByLabel("Scegli il file: Documento d'identità").setInputFiles({ name: 'carta-identita.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Carta') });
    await identity.locator('.sp-file', { hasText: 'carta-identita.pdf' }).waitFor();
    await lease.getByLabel('Scegli il file: Contratto di locazione registrato').setInputFiles({ name: 'contratto.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Contratto') });
    await lease.locator('.sp-file', { hasText: 'contratto.pdf' }).waitFor();
    await checkPage(page, 'passo-7-allegati');
    await next(page);

    // 8. Riepilogo: every answer as it reads, the documents, who files it; "Modifica" goes back
    await stepHeading(page, 'Riepilogo').waitFor();
    const summary = main(page).locator('.sp-summary');
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('Via dei Tigli');
    expect(text).toContain('Locazione (affitto) con contratto registrato');
    expect(text).toContain('28/10/2026');
    expect(text).toContain('Tutta la famiglia');
    expect(text).toContain('carta-identita.pdf');
    expect(text).toContain('contratto.pdf');
    expect(text).toContain('Giulia Ferrari');
    expect(text).toContain('Sì');
    await checkPage(page, 'passo-8-riepilogo');
    await summary.getByRole('button', { name: /^Modifica\W+Nuovo indirizzo$/ }).click();
    await stepHeading(page, 'Nuovo indirizzo').waitFor();
    expect(await main(page).getByLabel(/^Via o piazza/).inputValue()).toBe('Via dei Tigli');
    // forward again through the indicator: the steps between pass their checks
    await page.getByRole('navigation', { name: 'Passi della domanda' }).getByRole('button', { name: /Riepilogo/ }).click();
    await stepHeading(page, 'Riepilogo').waitFor();

    // sending: at once the code and the time, then the protocol number and the receipt
    await main(page).getByRole('button', { name: 'Invia la domanda' }).click();
    await page.waitForURL(/\/pratiche\/[^/]+\/inviata$/);
    expect(page.url()).toBe(applicationUrl.replace(/compila$/, 'inviata'));
    await page.getByRole('heading', { level: 1, name: 'Domanda inviata' }).waitFor();
    const code = (await main(page).locator('#codice-domanda').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z0-9]+-\d{4}-[A-Z0-9]+$/);
    expect(await main(page).locator('.sp-ack-time').textContent()).toMatch(/^\d\d\/\d\d\/\d{4}, \d\d:\d\d$/);
    await shot(page, 'inviata-attesa');
    const receipt = main(page).getByRole('link', { name: 'Scarica la ricevuta (PDF)' });
    await receipt.waitFor({ timeout: 15_000 });
    expect(await main(page).locator('.sp-protocol').textContent()).toMatch(/Protocollo n\. \d{7,} del \d\d\/\d\d\/\d{4}/);
    const [download] = await Promise.all([page.waitForEvent('download'), receipt.click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await checkPage(page, 'inviata');

    // the same draft cannot be edited any more: the form page leads to the acknowledgement
    await page.goto(applicationUrl);
    await page.waitForURL(/\/inviata$/);
    // no script error on the way (the form's checks run under the portal's CSP, without eval)
    expect(pageErrors).toEqual([]);
  });

  it('a draft saved on one device is resumed on another, and two devices saving at once do not lose answers', async () => {
    // device A: changes a contact, goes on to the address, starts typing, waits for the draft to save, leaves
    const a = await j.browser.newContext({ viewport: PHONE, locale: 'it-IT' });
    const pageA = await a.newPage();
    await loginAs(pageA, 'marco-colombo', START);
    await main(pageA).getByRole('button', { name: 'Compila la domanda' }).click();
    await pageA.waitForURL(/\/compila$/);
    const formUrl = pageA.url();
    await stepHeading(pageA, 'Dichiarante').waitFor();
    await main(pageA).getByLabel(/^Telefono/).fill('+39 333 111 2222');
    await next(pageA);
    await stepHeading(pageA, 'Nuovo indirizzo').waitFor();
    // on a phone the indicator folds to "2/8" and the step's title
    expect(await main(pageA).locator('.sp-steps-compact').textContent()).toMatch(/2\/8\s*Nuovo indirizzo/);
    await main(pageA).getByLabel(/^Via o piazza/).fill('Via Roma');
    await main(pageA).getByLabel(/^Numero civico/).fill('10');
    // saved by itself a moment after typing stops
    const draftApi = new URL(formUrl).pathname.replace('/pratiche/', '/api/v1/applications/').replace(/\/compila$/, '');
    await expect.poll(async () => (await api(a, 'GET', draftApi)).data.nuovaAbitazione?.civico, { timeout: 10_000 }).toBe('10');
    await savedDraft(pageA);
    await shot(pageA, 'bozza-dispositivo-a');
    await a.close();

    // device B: the same person starts the same service again and lands where A left, with A's answers
    const b = await j.browser.newContext({ viewport: DESKTOP, locale: 'it-IT' });
    const pageB = await b.newPage();
    await loginAs(pageB, 'marco-colombo', START);
    await main(pageB).getByText(/Hai una bozza di questa domanda/).waitFor();
    await main(pageB).getByRole('button', { name: 'Riprendi la bozza' }).click();
    await pageB.waitForURL(formUrl);
    await stepHeading(pageB, 'Nuovo indirizzo').waitFor();
    expect(await main(pageB).getByLabel(/^Via o piazza/).inputValue()).toBe('Via Roma');
    expect(await main(pageB).getByLabel(/^Numero civico/).inputValue()).toBe('10');
    await main(pageB).getByRole('button', { name: 'Indietro' }).click();
    await stepHeading(pageB, 'Dichiarante').waitFor();
    expect(await main(pageB).getByLabel(/^Telefono/).inputValue()).toBe('+39 333 111 2222');
    await next(pageB);
    await stepHeading(pageB, 'Nuovo indirizzo').waitFor();
    await savedDraft(pageB);

    // device C saves a different street meanwhile; B, still on the old revision, is told and can put its answers back
    const c = await j.browser.newContext({ viewport: DESKTOP, locale: 'it-IT' });
    const pageC = await c.newPage();
    await loginAs(pageC, 'marco-colombo', new URL(formUrl).pathname);
    await stepHeading(pageC, 'Nuovo indirizzo').waitFor();
    await main(pageC).getByLabel(/^Via o piazza/).fill('Via Milano');
    await expect.poll(async () => (await api(c, 'GET', draftApi)).data.nuovaAbitazione?.via, { timeout: 10_000 }).toBe('Via Milano');
    await c.close();

    await main(pageB).getByLabel(/^Numero civico/).fill('12');
    const conflict = main(pageB).locator('.sp-conflict');
    await conflict.waitFor({ timeout: 10_000 });
    expect(await conflict.textContent()).toContain('modificata su un altro dispositivo');
    expect(await main(pageB).getByLabel(/^Via o piazza/).inputValue()).toBe('Via Milano');
    await shot(pageB, 'bozza-conflitto');
    expect(await seriousViolations(pageB)).toEqual([]);
    await conflict.getByRole('button', { name: 'Rimetti le risposte di questo dispositivo' }).click();
    expect(await main(pageB).getByLabel(/^Via o piazza/).inputValue()).toBe('Via Roma');
    expect(await main(pageB).getByLabel(/^Numero civico/).inputValue()).toBe('12');
    await main(pageB).locator('.sp-save-status.is-saved').waitFor();
    await expect.poll(async () => (await api(b, 'GET', draftApi)).data.nuovaAbitazione, { timeout: 10_000 }).toMatchObject({ via: 'Via Roma', civico: '12' });
    await b.close();
  });

  it('a refused document gets a clear message next to it, and nothing else is lost', async () => {
    const context = await j.browser.newContext({ viewport: DESKTOP, locale: 'it-IT' });
    const page = await context.newPage();
    await loginAs(page, 'davide-esposito', START);
    // the scene: a draft with every step answered, left at the documents
    const draft = await api(context, 'POST', '/api/v1/applications', { serviceId: await serviceId(context) }, { 'Idempotency-Key': crypto.randomUUID() });
    await api(context, 'PATCH', `/api/v1/applications/${draft.id}`, {
      data: {
        nuovaAbitazione: { via: 'Via dei Tigli', civico: '21', cap: '24029', altriOccupanti: 'no' },
        titoloOccupazione: { titolo: 'locazione', registrazione: { ufficio: 'Bergamo', data: '2026-10-28', numero: 'TNM26T004599000XX' } },
        nucleo: { ...draft.data.nucleo, chiSiTrasferisce: 'tutti' },
        veicoli: {},
        dichiarazioni: { veridicita: true, privacy: true },
      },
      currentStep: 'allegati',
    });
    await page.goto(`${j.baseUrl}/pratiche/${draft.id}/compila`);
    await stepHeading(page, 'Allegati').waitFor();
    const identity = main(page).locator('section.sp-attachment', { hasText: "Documento d'identità" }).first();
    const lease = main(page).locator('section.sp-attachment', { hasText: 'Contratto di locazione registrato' });
    await identity.getByLabel("Scegli il file: Documento d'identità").setInputFiles({ name: 'carta-identita.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Carta') });
    await identity.locator('.sp-file', { hasText: 'carta-identita.pdf' }).waitFor();

    // too large: refused in the browser with the same limit, before sending anything
    await identity
      .getByLabel("Aggiungi un altro file: Documento d'identità")
      .setInputFiles({ name: 'retro-scansione.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([minimalPdf('Retro'), Buffer.alloc(6 * 1024 * 1024, 32)]) });
    await identity.locator('.sp-attachment-error').waitFor();
    expect(await identity.locator('.sp-attachment-error').textContent()).toMatch(/«retro-scansione\.pdf» è troppo grande .*il massimo è 5 MB/);

    // a program renamed to .pdf: the server looks at the content and refuses it, with its own words
    await lease.getByLabel('Scegli il file: Contratto di locazione registrato').setInputFiles({ name: 'contratto.pdf', mimeType: 'application/pdf', buffer: fakeExe() });
    const refused = lease.locator('.sp-attachment-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/^"contratto\.pdf" non è un file PDF, JPG o PNG valido: per "Contratto di locazione registrato" sono ammessi solo/);
    expect(await refused.textContent()).not.toContain('(File type not allowed.)');
    const input = lease.getByLabel('Scegli il file: Contratto di locazione registrato');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('allegato-contratto-locazione-errore');
    // nothing else changed: the other document is still there, its own message unchanged
    expect(await identity.locator('.sp-file').count()).toBe(1);
    expect(await lease.locator('.sp-file').count()).toBe(0);
    await checkPage(page, 'allegato-rifiutato');

    // and the answers of the other steps are all there
    await main(page).getByRole('button', { name: 'Indietro' }).click();
    await stepHeading(page, 'Dichiarazioni').waitFor();
    expect(await main(page).getByLabel(/Dichiaro che quanto indicato è vero/).isChecked()).toBe(true);
    await page.getByRole('navigation', { name: 'Passi della domanda' }).getByRole('button', { name: /Nuovo indirizzo/ }).click();
    await stepHeading(page, 'Nuovo indirizzo').waitFor();
    expect(await main(page).getByLabel(/^Via o piazza/).inputValue()).toBe('Via dei Tigli');
    expect(await main(page).getByLabel(/^Numero civico/).inputValue()).toBe('21');
    const application = await api(context, 'GET', `/api/v1/applications/${draft.id}`);
    expect(application.attachments.map((x: { fileName: string }) => x.fileName)).toEqual(['carta-identita.pdf']);
    // sent without the contract (the draft left at the summary): the server's 422, each point a link to its step
    await expect.poll(async () => (await api(context, 'GET', `/api/v1/applications/${draft.id}`)).currentStep).toBe('nuovaAbitazione');
    await main(page).locator('.sp-save-status.is-saved').waitFor();
    await api(context, 'PATCH', `/api/v1/applications/${draft.id}`, { currentStep: 'riepilogo' });
    await page.reload();
    await stepHeading(page, 'Riepilogo').waitFor();
    await main(page).getByRole('button', { name: 'Invia la domanda' }).click();
    const failure = main(page).locator('.sp-error-summary', { hasText: 'La domanda non è completa' });
    await failure.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('.sp-error-summary') !== null)).toBe(true);
    await shot(page, 'invio-incompleto');
    await failure.getByRole('link', { name: /Contratto di locazione registrato/ }).click();
    await stepHeading(page, 'Allegati').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'allegato-contratto-locazione');
    expect(await lease.locator('.sp-attachment-error').textContent()).toContain('documento obbligatorio');
    // the session ends while typing: the answer waits in the tab, and is saved after signing in again
    await page.getByRole('navigation', { name: 'Passi della domanda' }).getByRole('button', { name: /Nuovo indirizzo/ }).click();
    await stepHeading(page, 'Nuovo indirizzo').waitFor();
    await expect.poll(async () => (await api(context, 'GET', `/api/v1/applications/${draft.id}`)).currentStep).toBe('nuovaAbitazione');
    await context.clearCookies();
    await main(page).getByLabel(/^Piano/).fill('3');
    const signedOut = main(page).locator('.sp-save-status.is-signedOut');
    await signedOut.waitFor({ timeout: 10_000 });
    expect(await signedOut.textContent()).toContain('La sessione è scaduta');
    await signedOut.getByRole('link', { name: 'Accedi di nuovo per salvarle' }).click();
    await main(page).getByRole('link', { name: 'Entra con SPID' }).click();
    await pickPerson(page, 'davide-esposito');
    await page.waitForURL((url) => url.pathname === `/pratiche/${draft.id}/compila`);
    await stepHeading(page, 'Nuovo indirizzo').waitFor();
    await main(page).locator('.sp-recovered', { hasText: 'Nuovo indirizzo' }).waitFor();
    expect(await main(page).getByLabel(/^Piano/).inputValue()).toBe('3');
    await expect.poll(async () => (await api(context, 'GET', `/api/v1/applications/${draft.id}`)).data.nuovaAbitazione?.piano).toBe('3');
    await context.close();
  });

  it('after sending, the citizen rates the service: stars, a reason, a comment, thanks', async () => {
    const context = await j.browser.newContext({ viewport: PHONE, locale: 'it-IT' });
    const page = await context.newPage();
    await loginAs(page, 'elena-conti', START);
    // the scene: an application sent through the API
    const draft = await api(context, 'POST', '/api/v1/applications', { serviceId: await serviceId(context) }, { 'Idempotency-Key': crypto.randomUUID() });
    await api(context, 'PATCH', `/api/v1/applications/${draft.id}`, {
      data: {
        nuovaAbitazione: { via: 'Via Castello', civico: '4', cap: '24029', altriOccupanti: 'no' },
        titoloOccupazione: { titolo: 'proprieta', catasto: { foglio: '7', particella: '120', subalterno: '3' } },
        nucleo: { ...draft.data.nucleo, chiSiTrasferisce: 'tutti' },
        veicoli: {},
        dichiarazioni: { veridicita: true, privacy: true },
      },
    });
    const csrf = (await context.cookies(j.baseUrl)).find((c) => c.name === 'sportello_csrf')?.value ?? '';
    const upload = await context.request.post(`${j.baseUrl}/api/v1/applications/${draft.id}/attachments`, {
      headers: { 'X-CSRF-Token': decodeURIComponent(csrf) },
      multipart: { requirementId: 'documento-identita', file: { name: 'documento.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Documento') } },
    });
    expect(upload.status()).toBe(201);
    await api(context, 'POST', `/api/v1/applications/${draft.id}/submit`, {}, { 'Idempotency-Key': crypto.randomUUID() });

    await page.goto(`${j.baseUrl}/pratiche/${draft.id}/inviata`);
    await page.getByRole('heading', { level: 1, name: 'Domanda inviata' }).waitFor();
    const rating = main(page).locator('section.sp-rating');
    await rating.getByRole('heading', { name: 'Quanto è stato facile usare questo servizio?' }).waitFor();
    const stars = rating.getByRole('radio');
    expect(await stars.count()).toBe(5);
    // keyboard: into the group, arrows move between the stars
    await rating.getByLabel('1 stella su 5').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await rating.getByLabel('3 stelle su 5').isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await rating.getByLabel('4 stelle su 5').isChecked()).toBe(true);
    await shot(page, 'valutazione-stelle');
    await rating.getByRole('button', { name: 'Avanti' }).click();
    // 4 stars: what went well
    await rating.getByRole('group', { name: 'Quali sono stati gli aspetti che hai preferito?' }).waitFor();
    await rating.getByRole('button', { name: 'Avanti' }).click();
    expect(await rating.getByRole('alert').textContent()).toBe('Scegli una risposta.');
    await rating.locator('label', { hasText: 'Le indicazioni erano chiare' }).click();
    await shot(page, 'valutazione-motivo');
    expect(await seriousViolations(page)).toEqual([]);
    await rating.getByRole('button', { name: 'Avanti' }).click();
    await rating.getByLabel('Vuoi aggiungere altri dettagli? (facoltativo)').fill('Modulo chiaro, la famiglia era già compilata.');
    await shot(page, 'valutazione-commento');
    await rating.getByRole('button', { name: 'Invia' }).click();
    await rating.getByRole('heading', { name: 'Grazie per il tuo giudizio!' }).waitFor();
    await checkPage(page, 'valutazione-grazie');

    // the page of the application remembers it
    await page.reload();
    await main(page).locator('section.sp-rating').getByText('Hai già dato il tuo giudizio su questo servizio').waitFor();
    expect(await main(page).locator('section.sp-rating').textContent()).toContain('4 stelle su 5');
    await context.close();
  });
});

/** A small valid PDF (one empty page) with a word in it, so that two files differ. */

/** The start of a Windows program (MZ header): what a renamed .exe looks like inside. */
function fakeExe(): Buffer {
  const b = Buffer.alloc(4096, 0);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return b;
}
