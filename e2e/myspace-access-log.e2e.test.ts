/**
 * "Chi ha consultato i miei dati": Giulia Ferrari files a change of address (through the API); Laura Brembilla of
 * the registry office signs in to the back office and opens it; then Giulia, in her personal area, finds that
 * access in her log — when, the body and the office, Laura's name, what she did, the purpose and the legal basis —
 * filters it by body and period with the keyboard, and downloads the CSV.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { romeDate, addDays } from '../src/server/platform/legal-clock.ts';
import type { TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { fileDemoApplication } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { loginAsOperator } from './support/operator-login.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = '/tmp/shots';
const CASTELROCCA = 'comune-di-castelrocca';
const LOG = '/area-personale/accessi';

describe.skipIf(!hasBrowser)('"Chi ha consultato i miei dati": an office opens an application, the citizen sees it in their log', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let giulia: TestSession;
  let application: ApplicationDetail;
  let body: string;
  let giuliaCode: string;

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
    giulia = (await citizenLogin(j.app, j.baseUrl, 'giulia-ferrari')).browser.session();
    application = await fileDemoApplication(j.app, j.ctx, giulia, 'giulia-ferrari', FORM_SERVICE_SLUGS.cambioAbitazione);
    body = (await j.ctx.services.tenants.get(CASTELROCCA)).name;
    giuliaCode = (await j.app.inject({ url: '/api/v1/me', cookies: giulia.cookies })).json().fiscalCode;
  }, 180_000);
  afterAll(() => j?.stop());

  const main = (page: Page) => page.locator('main');
  const entries = (page: Page) => main(page).locator('.sp-al-entry');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string) =>
    writeFile(`${SHOTS}/accessi-${name}-${page.viewportSize()?.width}.png`, await page.screenshot({ fullPage: true }));

  it('shows the citizen the operator who opened their application, with office, purpose and legal basis; filters; CSV', async () => {
    // the office opens the application in the back office
    const office = await j.newPage(DESKTOP);
    await loginAsOperator(office, j.baseUrl, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    await office.goto(`${j.baseUrl}/backoffice/pratiche/${application.id}`);
    await office.getByRole('heading', { level: 1, name: application.service.title }).waitFor();
    // what the platform recorded of that visit (the office's name as the body calls it): written with the answer
    const [{ office_name: officeName }] = await inScope(j.database.db, { platform: true }, (trx) =>
      trx.selectFrom('access_log').select('office_name').where('object_id', '=', application.id).where('operation', '=', 'view').limit(1).execute());
    expect(officeName).toBeTruthy();
    await office.context().close();

    // an access by another body whose notice was deferred until an hour ago shows, with its note; one still
    // deferred does not
    const giuliaId = (await j.app.inject({ url: '/api/v1/me', cookies: giulia.cookies })).json().id as string;
    const hour = 3_600_000;
    const deferred = (values: { at: Date; office: string; until: Date; reason: string }) => ({
      tenant_id: application.tenant.id, at: values.at, subject_fiscal_code: giuliaCode, citizen_id: giuliaId, actor_kind: 'token' as const,
      actor_id: null, actor_label: 'Interscambio con la Procura', office_name: values.office, object_type: 'application', object_id: application.id,
      object_label: `Pratica ${application.code}`, operation: 'view', purpose: 'Accertamenti su richiesta dell\'autorità giudiziaria',
      legal_basis: 'Art. 23 GDPR; art. 2-undecies D.Lgs. 196/2003', hidden_until: values.until, hidden_reason: values.reason,
    });
    await inScope(j.database.db, { platform: true }, (trx) => trx.insertInto('access_log').values([
      deferred({ at: new Date(Date.now() - 48 * hour), office: 'Polizia locale', until: new Date(Date.now() - hour), reason: 'Indagine in corso, ora conclusa' }),
      deferred({ at: new Date(Date.now() - 24 * hour), office: 'Nucleo ispettivo', until: new Date(Date.now() + 30 * 24 * hour), reason: 'Indagine in corso' }),
    ]).execute());

    // the citizen, from the personal area
    const page = await j.newPage(DESKTOP);
    await signInAsCitizen(page, j.baseUrl, 'giulia-ferrari', '/area-personale');
    await main(page).getByRole('link', { name: 'Chi ha consultato i miei dati' }).waitFor();
    await shot(page, 'area-personale');
    await main(page).getByRole('link', { name: 'Chi ha consultato i miei dati' }).click();
    await page.waitForURL((url) => url.pathname === LOG);
    await page.getByRole('heading', { level: 1, name: 'Chi ha consultato i miei dati' }).waitFor();

    const opened = entries(page).filter({ hasText: application.code }).filter({ hasText: 'ha aperto la pratica' });
    await opened.first().waitFor();
    const text = (await opened.first().innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${body} · ${officeName}`);
    expect(text).toContain('Laura Brembilla ha aperto la pratica');
    expect(text).toContain(`Istruttoria della pratica ${application.code}`);
    expect(text).toMatch(/Base giuridica.*GDPR/);
    expect(text).toMatch(/Di chi sono i dati Tuoi/);
    const revealed = entries(page).filter({ hasText: 'Polizia locale' });
    expect((await revealed.innerText()).replace(/\s+/g, ' ')).toMatch(
      /Interscambio con la Procura \(sistema informatico\) ha aperto la pratica.*La notizia di questo accesso è stata differita fino al \d{2}\/\d{2}\/\d{4}, come la legge consente\. Motivo: Indagine in corso, ora conclusa/);
    expect(await entries(page).filter({ hasText: 'Nucleo ispettivo' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'elenco');

    // filter by body, with the keyboard only
    const bodySelect = main(page).getByLabel('Ente');
    await bodySelect.focus();
    await bodySelect.selectOption({ label: body });
    await page.keyboard.press('Tab'); // to "Applica i filtri"
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Applica i filtri');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('ente'));
    // the list is asked for again: wait for it, then every entry is the body's
    await expect.poll(() => main(page).locator('.sp-al-where').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await opened.first().waitFor();
    const wheres = await main(page).locator('.sp-al-where').allInnerTexts();
    expect(wheres.every((w) => w.startsWith(body))).toBe(true);
    expect(await main(page).getByLabel('Ente').inputValue()).not.toBe('');
    // another body of the log, chosen by its value (an option's label and its rendered text may differ in spacing)
    const chosen = await bodySelect.inputValue();
    const others = (await bodySelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)))
      .filter((v) => v !== '' && v !== chosen);
    if (others.length) {
      await bodySelect.selectOption({ value: others[0]! });
      await main(page).getByRole('button', { name: 'Applica i filtri' }).click();
      await expect.poll(() => main(page).locator('.sp-al-where').first().innerText().catch(() => '')).not.toContain(body);
      expect(await opened.count()).toBe(0);
    }

    // a period after today: nothing, said plainly; then back to everything
    const tomorrow = addDays(romeDate(new Date()), 1);
    await main(page).getByLabel('Dal giorno').fill(tomorrow);
    await main(page).getByRole('button', { name: 'Applica i filtri' }).click();
    await main(page).getByText('Nessun accesso con questi filtri').first().waitFor();
    expect(await entries(page).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'vuoto');
    await main(page).getByRole('button', { name: 'Azzera i filtri' }).click();
    await opened.first().waitFor();
    expect(new URL(page.url()).search).toBe('');

    // the CSV of what is shown
    const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('link', { name: 'Scarica (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^accessi-ai-miei-dati-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Data e ora;Ente;Ufficio;Chi;Operazione;Dati consultati;Di chi sono i dati;Finalità;Base giuridica;Nota');
    expect(lines.some((l) => l.includes(`;${body};${officeName};Laura Brembilla;ha aperto la pratica;`) && l.includes(application.code))).toBe(true);

    // a phone: cards, no sideways scroll
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(page), 'sideways scroll at 360 px').toBe(true);
    await shot(page, 'elenco');
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), 'sideways scroll at 320 px').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // a long log comes in pages: "Carica altri" adds the next ones and takes the focus to the first of them
    const lastYear = `${Number(romeDate(new Date()).slice(0, 4)) - 1}`;
    await inScope(j.database.db, { platform: true }, (trx) => trx.insertInto('access_log').values(Array.from({ length: 25 }, (_, i) => ({
      tenant_id: application.tenant.id, at: new Date(`${lastYear}-03-${String(i + 1).padStart(2, '0')}T09:00:00Z`), subject_fiscal_code: giuliaCode,
      citizen_id: giuliaId, actor_kind: 'system' as const, actor_id: null, actor_label: 'Sportello', office_name: null, object_type: 'application',
      object_id: application.id, object_label: `Pratica ${application.code}`, operation: 'history', purpose: 'Verifica periodica delle scadenze',
      legal_basis: 'Art. 6, par. 1, lett. e) GDPR', hidden_until: null, hidden_reason: null,
    }))).execute());
    await page.goto(`${j.baseUrl}${LOG}?dal=${lastYear}-01-01&al=${lastYear}-12-31`);
    await main(page).getByText('25 accessi').waitFor();
    await expect.poll(() => entries(page).count()).toBe(20);
    expect(await entries(page).first().innerText()).toContain('Sistema ha letto la cronologia');
    await main(page).getByRole('button', { name: 'Carica altri' }).click();
    await expect.poll(() => entries(page).count()).toBe(25);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.sp-al-entry')?.querySelector('time')?.getAttribute('datetime'))).toBe(`${lastYear}-03-05T09:00:00.000Z`);
    expect(await main(page).getByRole('button', { name: 'Carica altri' }).count()).toBe(0);
  });
});
