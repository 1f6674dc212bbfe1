/**
 * The online form editor in a real browser (issue 4): the tenant administrator of Castelrocca opens a service with
 * a form, renames a step, adds a field to the JSON Schema (and sees it in the live preview, prefilled), adds a
 * prefill row and a document required only for rented homes, and publishes a new version that the form API then
 * serves; broken JSON is reported where it is and blocks publishing without losing the text; a prefill pointing
 * at a field that is no longer in the schema is refused by the server, and the refusal appears on that row.
 * A service without a form gets the starter form from the switch, and loses it again after a confirmation.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceForm } from '../src/contracts/forms.ts';
import { CASTELROCCA_SLUG, DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'form-editor');
const WITH_FORM = 'cambio-abitazione-stesso-comune';
const WITHOUT_FORM = 'carta-identita-elettronica';

describe.skipIf(!hasBrowser)('a tenant administrator edits the online form of a service', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  const admin = DEMO_ADMINS.find((a) => a.tenantSlug === CASTELROCCA_SLUG)!;
  let page: Page;

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
    page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, admin.email, admin.password);
    await page.waitForURL(/\/backoffice\/catalogo/);
  });
  afterAll(() => j?.stop());

  const serviceId = async (slug: string): Promise<string> => {
    const res = await j.app.inject({ url: `/api/v1/services?tenant=${CASTELROCCA_SLUG}&limit=100` });
    const found = (res.json().items as { id: string; slug: string }[]).find((s) => s.slug === slug);
    if (!found) throw new Error(`no service ${slug}`);
    return found.id;
  };
  const currentVersion = async (id: string): Promise<number> => (await j.app.inject({ url: `/api/v1/services/${id}` })).json().version;
  const publicForm = async (id: string) => j.app.inject({ url: `/api/v1/services/${id}/form` });

  const shot = async (name: string) => {
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage: true }));
  };
  const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** axe, no sideways scroll at 360 px, screenshots at 360 and 1280 px; back to the desktop width. */
  const checkPage = async (name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(), `${name}: sideways scroll at 360 px`).toBe(true);
    await shot(name);
    await page.setViewportSize(DESKTOP);
    await shot(name);
  };

  const openFormTab = async (id: string) => {
    await page.goto(`${j.baseUrl}/backoffice/catalogo/${id}`);
    await page.getByLabel('Titolo', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Modulo online' }).click();
  };
  const schemaText = () => page.getByLabel('JSON Schema', { exact: true });
  const preview = () => page.getByRole('region', { name: 'Anteprima del modulo' });
  const prefillRows = () => page.locator('.sp-prefill-table tbody tr');
  const publish = () => page.getByRole('button', { name: 'Pubblica nuova versione' }).click();

  it('edits steps, schema, prefill and documents with a live preview, and publishes a new version', async () => {
    const id = await serviceId(WITH_FORM);
    const before = await currentVersion(id);
    await openFormTab(id);

    const toggle = page.getByRole('switch', { name: 'Questo servizio si richiede online con Sportello' });
    expect(await toggle.isChecked()).toBe(true);
    // the preview shows the first step as the citizen sees it, with the SPID data prefilled and locked
    await preview().getByRole('heading', { name: 'Dichiarante' }).waitFor();
    const previewName = preview().getByLabel('Nome', { exact: true });
    expect(await previewName.inputValue()).toBe('Mario');
    expect(await previewName.getAttribute('readonly')).not.toBeNull();
    await preview().getByText("Dato già in possesso dell'ente").first().waitFor();
    await checkPage('form-tab');

    // 1. the first step gets another title, in the list and in the preview
    const firstTitle = page.getByLabel('Titolo del passo').first();
    await firstTitle.fill('Chi presenta la dichiarazione');
    await preview().getByRole('heading', { name: 'Chi presenta la dichiarazione' }).waitFor();

    // 2. a field added to the JSON Schema appears in the preview
    const schema = JSON.parse(await schemaText().inputValue()) as Record<string, any>;
    schema.properties.richiedente.properties.pec = { type: 'string', title: 'PEC (posta elettronica certificata)', maxLength: 254 };
    await schemaText().fill(JSON.stringify(schema, null, 2));
    await page.getByText('JSON valido.').first().waitFor();
    const pec = preview().getByLabel('PEC (posta elettronica certificata)');
    await pec.waitFor();
    expect(await pec.inputValue()).toBe('');

    // 3. a prefill row: the new field, from SPID's e-mail; the preview fills it with the sample value
    const rowsBefore = await prefillRows().count();
    await page.getByRole('button', { name: 'Aggiungi un dato precompilato' }).click();
    const newRow = prefillRows().nth(rowsBefore);
    // the new row's field select has the focus
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`f-form-prefill-${rowsBefore}`);
    await newRow.getByLabel('Campo del modulo').selectOption({ label: 'Chi presenta la dichiarazione › PEC (posta elettronica certificata)' });
    await newRow.getByLabel('Da dove arriva il dato').selectOption({ label: 'SPID: e-mail (modificabile)' });
    await expect.poll(() => pec.inputValue()).toBe('mario.rossi@esempio.it');

    // 4. a document required only for a public housing lease
    await page.getByRole('button', { name: 'Aggiungi un documento' }).click();
    const doc = page.locator('#f-form-attachments > ol > li').last();
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.querySelector('h3')?.textContent)).toMatch(/^Documento \d+$/);
    await doc.getByLabel('Identificativo').fill('assegnazione-erp');
    await doc.getByLabel('Nome del documento').fill("Provvedimento di assegnazione dell'alloggio ERP");
    await doc.getByLabel('Obbligatorio solo in certi casi').check();
    await doc.getByLabel('Obbligatorio solo se il campo').selectOption({ label: "Titolo per abitare l'alloggio › Titolo di occupazione" });
    await doc.getByLabel('ha il valore').selectOption({ label: 'Locazione di un alloggio di edilizia residenziale pubblica' });
    await doc.getByLabel('JPEG').check();
    // the documents step of the preview lists it
    await preview().getByLabel("Passo mostrato nell'anteprima").selectOption('allegati');
    await preview().getByRole('heading', { name: /^Provvedimento di assegnazione dell'alloggio ERP/ }).waitFor();
    await checkPage('form-edited');

    await publish();
    await page.getByText(`Versione ${before + 1} pubblicata.`).waitFor();
    expect(await currentVersion(id)).toBe(before + 1);

    const res = await publicForm(id);
    expect(res.statusCode).toBe(200);
    const form = res.json() as ServiceForm;
    expect(form.steps[0]).toMatchObject({ id: 'richiedente', title: 'Chi presenta la dichiarazione' });
    expect((form.schema as any).properties.richiedente.properties.pec).toMatchObject({ type: 'string', title: 'PEC (posta elettronica certificata)' });
    expect(form.prefill['/richiedente/pec']).toBe('applicant.email');
    expect(form.attachments.find((a) => a.id === 'assegnazione-erp')).toEqual({
      id: 'assegnazione-erp',
      title: "Provvedimento di assegnazione dell'alloggio ERP",
      required: false,
      requiredWhen: { pointer: '/titoloOccupazione/titolo', equals: 'locazione-erp' },
      maxFiles: 1,
      maxSizeMb: 5,
      types: ['application/pdf', 'image/jpeg'],
    });
    // after publishing, nothing is left unsaved and the editor shows the published form
    expect(await page.getByText('Ci sono modifiche non pubblicate.').count()).toBe(0);
    expect(await page.getByLabel('Titolo del passo').first().inputValue()).toBe('Chi presenta la dichiarazione');
  });

  it('broken JSON is shown where it is and blocks publishing; nothing typed is lost', async () => {
    const id = await serviceId(WITH_FORM);
    const before = await currentVersion(id);
    await openFormTab(id);
    const valid = await schemaText().inputValue();
    // the last closing bracket is missing
    const broken = valid.replace(/\s*}\s*$/, '');
    await schemaText().fill(broken);
    const lines = broken.split('\n');
    const status = page.locator('#f-form-schema-status');
    await expect.poll(() => status.textContent()).toContain(`JSON non valido — riga ${lines.length}, colonna ${lines.at(-1)!.length + 1}: il testo finisce prima del previsto`);
    expect(await schemaText().getAttribute('aria-invalid')).toBe('true');
    await preview().getByText(/^Anteprima non disponibile: JSON Schema — riga \d+/).waitFor();

    await publish();
    const summary = page.getByRole('alert').filter({ hasText: 'La scheda non è stata pubblicata' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('un documento JSON non è valido');
    expect(await summary.textContent()).toContain('Modulo online › JSON Schema: riga');
    expect(await schemaText().inputValue()).toBe(broken);
    expect(await currentVersion(id)).toBe(before);
    await checkPage('broken-json');

    // the summary's link brings the focus to the text
    await summary.getByRole('link', { name: /JSON Schema/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-form-schema');

    // a misplaced quote is named by line and column too
    await schemaText().fill('{\n  "type": \'object\'\n}');
    await expect.poll(() => status.textContent()).toContain('riga 2, colonna 11: in JSON i testi e i nomi dei campi vanno tra virgolette doppie');
    await schemaText().fill(valid);
    await expect.poll(() => status.textContent()).toContain('JSON valido.');
  });

  it('a prefill whose field is no longer in the schema is refused by the server, next to the prefill table', async () => {
    const id = await serviceId(WITH_FORM);
    const before = await currentVersion(id);
    await openFormTab(id);
    // the phone field of the first step leaves the schema; its prefill row stays, marked
    const schema = JSON.parse(await schemaText().inputValue()) as Record<string, any>;
    delete schema.properties.richiedente.properties.telefono;
    await schemaText().fill(JSON.stringify(schema, null, 2));
    const pointer = page.locator('.sp-prefill-table select').filter({ has: page.locator('option:checked', { hasText: '/richiedente/telefono — non esiste più nello schema' }) });
    await pointer.waitFor();
    const rowId = await pointer.getAttribute('id');

    await publish();
    const summary = page.getByRole('alert').filter({ hasText: 'La scheda non è stata pubblicata' });
    await summary.waitFor();
    const link = summary.getByRole('link', { name: /Modulo online › Dato precompilato \d+: il campo \/richiedente\/telefono non esiste nello schema/ });
    await link.waitFor();
    // the message sits on the row, tied to its select
    const rowError = page.locator(`#${rowId}-error`);
    expect(await rowError.textContent()).toContain('il campo /richiedente/telefono non esiste nello schema');
    expect(await pointer.getAttribute('aria-describedby')).toBe(`${rowId}-error`);
    expect(await currentVersion(id)).toBe(before);
    await checkPage('prefill-refused');

    // from the card's tab, the summary's link opens the form tab at that row
    await page.getByRole('tab', { name: 'Modifica' }).click();
    await link.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(rowId);
    expect(await page.getByRole('tab', { name: 'Modulo online' }).getAttribute('aria-selected')).toBe('true');
  });

  it('the switch adds a starter form to a service without one, and removes it after a confirmation', async () => {
    const id = await serviceId(WITHOUT_FORM);
    expect((await publicForm(id)).statusCode).toBe(404);
    await openFormTab(id);
    const toggle = page.getByRole('switch', { name: 'Questo servizio si richiede online con Sportello' });
    expect(await toggle.isChecked()).toBe(false);
    // with the keyboard: Space turns it on
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(true);
    await preview().getByRole('heading', { name: 'Richiedente' }).waitFor();
    expect(await preview().getByLabel('Codice fiscale').inputValue()).toBe('RSSMRA80A01H501U');
    await checkPage('starter-form');

    await publish();
    await page.getByText(/Versione \d+ pubblicata\./).waitFor();
    const starter = (await publicForm(id)).json() as ServiceForm;
    expect(starter.steps).toEqual([{ id: 'richiedente', title: 'Richiedente' }]);
    expect(starter.prefill).toEqual({
      '/richiedente/nome': 'applicant.givenName',
      '/richiedente/cognome': 'applicant.familyName',
      '/richiedente/codiceFiscale': 'applicant.fiscalCode',
      '/richiedente/email': 'applicant.email',
    });

    // turning it off asks first; "No" keeps the form
    await toggle.click();
    const confirm = page.getByText('Vuoi rimuovere il modulo online?');
    await confirm.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'No, tienilo' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
    await toggle.click();
    await page.getByRole('button', { name: 'Sì, rimuovi il modulo' }).click();
    expect(await toggle.isChecked()).toBe(false);
    expect(await schemaText().count()).toBe(0);
    await publish();
    await page.getByText(/Versione \d+ pubblicata\./).waitFor();
    expect((await publicForm(id)).statusCode).toBe(404);
  });
});
