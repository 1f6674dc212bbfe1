/**
 * Issue 5's journeys across the back office and the citizen's personal area, in a real browser:
 *  1. an operator takes an application in charge and asks for a document; the citizen answers from her personal
 *     area; the operator ticks the checklist and approves; the citizen downloads the response, whose PAdES
 *     signature poppler's pdfsig finds valid;
 *  2. a two-level approval: the tax officer proposes a refund, the manager gives the first visa, the financial
 *     office the accounting visa, and the outcome follows the last one;
 *  3. an overdue escalation: the program's clock moves past the due date, the deadline sweep escalates the
 *     application, and the manager finds it in "Scadute", marked, with an alert.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { DEMO_OPERATORS, DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { as, type TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { drainWork, fileDemoApplication, ok } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { minimalPdf } from './support/files.ts';
import { loginAsOperator } from './support/operator-login.ts';
import { signInAsCitizen } from './support/citizen-login.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 800 };
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'handling');
const REQUEST = 'Serve la planimetria catastale aggiornata, con le misure dei vani.';
const PLANIMETRIA = 'Planimetria catastale';

const operator = (tenantSlug: string, officeCode: string) =>
  DEMO_OPERATORS.find((o) => o.tenantSlug === tenantSlug && o.grants.some((g) => g.role === 'operator' && g.officeCode === officeCode))!;
const manager = (tenantSlug: string) => DEMO_OPERATORS.find((o) => o.tenantSlug === tenantSlug && o.grants.some((g) => g.role === 'manager'))!;

let pdfsigAvailable = true;
try {
  execFileSync('pdfsig', ['-v'], { stdio: 'ignore' });
} catch {
  pdfsigAvailable = false;
}

describe.skipIf(!hasBrowser)('back office journeys: integration and signed response, two visas, overdue escalation', { timeout: 300_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await j?.stop();
  });

  const main = (page: Page) => page.locator('main');
  const shot = async (page: Page, name: string) => {
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage: true }));
  };
  const citizenSession = async (identity: string): Promise<TestSession> => (await citizenLogin(j.app, j.baseUrl, identity)).browser.session();
  const loginCitizen = (page: Page, identity: string, returnTo: string) => signInAsCitizen(page, j.baseUrl, identity, returnTo);
  const openHandling = async (page: Page, application: ApplicationDetail) => {
    await page.goto(`${j.baseUrl}/backoffice/pratiche/${application.id}`);
    await page.getByRole('heading', { level: 1, name: application.service.title }).waitFor();
  };
  const chooseRadio = async (page: Page, name: string) => {
    const radio = main(page).getByRole('radio', { name });
    await radio.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => radio.isChecked()).toBe(true);
  };
  const status = (page: Page, label: string) => main(page).locator('.sp-ws-case-title').getByText(label).waitFor();

  it('takes charge, asks for a document, gets the answer, approves; the citizen downloads the signed response', async () => {
    const amina = await citizenSession('amina-el-idrissi');
    // she wants a service's own notices by SMS and e-mail (her preferences; the inbox always has them)
    const aminaId = (await j.app.inject(as(amina, { url: '/api/v1/me' }))).json().id as string;
    await inScope(j.database.db, { platform: true }, (trx) => trx.updateTable('citizens')
      .set({ message_preferences: JSON.stringify({ service_update: ['sms', 'email'] }) }).where('id', '=', aminaId).execute());
    const application = await fileDemoApplication(j.app, j.ctx, amina, 'amina-el-idrissi', FORM_SERVICE_SLUGS.idoneitaAlloggiativa);
    const technician = operator('comune-di-valdoro', 'tecnico');

    // the technical office takes it in charge and asks for the floor plan
    const office = await j.newPage(DESKTOP);
    await loginAsOperator(office, j.baseUrl, technician.email, DEMO_PASSWORD);
    await openHandling(office, application);
    await main(office).getByRole('button', { name: 'Prendi in carico' }).click();
    await main(office).getByText('Hai preso in carico la pratica').waitFor();
    const ask = main(office).locator('section', { has: office.getByRole('heading', { name: 'Richiedi integrazione' }) });
    await ask.getByLabel(/Che cosa serve/).fill(REQUEST);
    if ((await ask.getByLabel('Documento 1').count()) === 0) await ask.getByRole('button', { name: 'Aggiungi un documento' }).click();
    await ask.getByLabel('Documento 1').fill(PLANIMETRIA);
    await ask.getByRole('button', { name: 'Invia la richiesta al cittadino' }).click();
    await main(office).getByText('Richiesta inviata al cittadino').first().waitFor();
    await status(office, 'In attesa');
    expect(await seriousViolations(office)).toEqual([]);
    await shot(office, 'richiesta-integrazione');

    // the citizen answers from her personal area, with the document
    const home = await j.newPage(PHONE);
    const detailPath = `/area-personale/pratiche/${application.id}`;
    await loginCitizen(home, 'amina-el-idrissi', detailPath);
    const callout = main(home).locator('section.sp-awaiting');
    await callout.getByRole('heading', { name: "L'ufficio aspetta una tua risposta" }).waitFor();
    expect(await callout.textContent()).toContain(REQUEST);
    await callout.getByLabel(`Scegli il file: ${PLANIMETRIA}`).setInputFiles({ name: 'planimetria.pdf', mimeType: 'application/pdf', buffer: minimalPdf('planimetria') });
    await callout.getByText(/Caricato: planimetria\.pdf/).waitFor();
    await callout.getByLabel("La tua risposta all'ufficio").fill('Allego la planimetria catastale aggiornata.');
    await callout.getByRole('button', { name: 'Invia la risposta' }).click();
    await main(home).getByText("Risposta inviata: la pratica torna all'ufficio").waitFor();

    // the office sees the answer, ticks the checklist and approves, after a confirmation
    await office.reload();
    await status(office, 'In lavorazione');
    expect(await main(office).locator('section[aria-labelledby="allegati"]').textContent()).toContain('planimetria.pdf');
    for (const item of [/Sopralluogo effettuato/, /Planimetria conforme/, /Requisiti igienico-sanitari/]) {
      // bootstrap-italia draws its own boxes over the inputs: ticked from the keyboard, as an operator may
      const box = main(office).getByRole('checkbox', { name: item });
      await box.focus();
      await office.keyboard.press('Space');
      await expect.poll(() => box.isChecked()).toBe(true);
      await main(office).getByText(/Verificata da/).first().waitFor();
    }
    await chooseRadio(office, 'Accogliere la domanda');
    await main(office).getByLabel(/^Motivazione/).fill("Sopralluogo del tecnico comunale: l'alloggio rispetta i requisiti per quattro occupanti.");
    await main(office).getByRole('button', { name: 'Accogli la domanda…' }).click();
    await main(office).getByRole('button', { name: 'Sì, accogli' }).click();
    await main(office).getByText('Domanda accolta.').waitFor();
    await status(office, 'Accolta');
    await drainWork(j.ctx);

    // the response is in her personal area with its outgoing protocol and summary; she downloads it
    await home.reload();
    const docs = main(home).locator('section[aria-labelledby="documenti"]');
    const response = docs.locator('li', { hasText: 'Provvedimento' });
    await response.waitFor();
    expect(await response.textContent()).toMatch(/Protocollo in uscita n\. \d{7}\/\d{4}/);
    expect(await response.textContent()).toContain('Domanda accolta');
    expect(await seriousViolations(home)).toEqual([]);
    await shot(home, 'provvedimento-cittadino');
    const [download] = await Promise.all([home.waitForEvent('download'), response.getByRole('link', { name: /Scarica/ }).click()]);
    const file = path.join(SHOTS, 'provvedimento.pdf');
    await download.saveAs(file);
    if (pdfsigAvailable) {
      const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('ETSI.CAdES.detached');
      expect(report).toContain('Comune di Valdoro');
    }
    // the approval told her in the inbox, by SMS and by e-mail that the certificate is ready
    const told = await inScope(j.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select(['channel', 'subject'])
      .where('application_id', '=', application.id).execute());
    expect(told.filter((n) => /pronto/.test(n.subject)).map((n) => n.channel).sort()).toEqual(['email', 'inbox', 'sms']);
  });

  it('a tax refund is proposed by the officer, then gets the manager\'s visa and the accounting visa', async () => {
    const giulia = await citizenSession('giulia-ferrari');
    const application = await fileDemoApplication(j.app, j.ctx, giulia, 'giulia-ferrari', FORM_SERVICE_SLUGS.rimborsoTributi);
    const officer = operator('comune-di-castelrocca', 'tributi');
    const accounting = operator('comune-di-castelrocca', 'ragioneria');
    const head = manager('comune-di-castelrocca');

    const page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, officer.email, DEMO_PASSWORD);
    await openHandling(page, application);
    await main(page).getByRole('button', { name: 'Prendi in carico' }).click();
    await main(page).getByText('Hai preso in carico la pratica').waitFor();
    await main(page).getByText(/la tua decisione diventa una proposta/).waitFor();
    await chooseRadio(page, 'Accogliere la domanda');
    await main(page).getByLabel(/^Motivazione/).fill('Versamento TARI 2025 eseguito due volte: si rimborsa la somma versata in eccesso.');
    await main(page).getByRole('button', { name: 'Accogli la domanda…' }).click();
    await main(page).getByRole('button', { name: 'Sì, accogli' }).click();
    await main(page).getByText('Proposta di accoglimento registrata').waitFor();
    await status(page, 'In lavorazione');
    await page.context().clearCookies();

    // the manager: in "Visti da dare", gives the first visa
    const managerPage = await j.newPage(DESKTOP);
    await loginAsOperator(managerPage, j.baseUrl, head.email, DEMO_PASSWORD);
    await managerPage.goto(`${j.baseUrl}/backoffice/pratiche?coda=visti`);
    await main(managerPage).locator(`table a[href="/backoffice/pratiche/${application.id}"]`).click();
    await managerPage.getByRole('heading', { level: 1, name: application.service.title }).waitFor();
    await main(managerPage).getByText('Proposta di esito: accoglimento').waitFor();
    await main(managerPage).getByRole('button', { name: 'Apponi il visto' }).click();
    await main(managerPage).getByText('Visto apposto.').waitFor();
    await main(managerPage).getByText(/Visto del responsabile dei tributi: visto di/).waitFor();
    expect(await seriousViolations(managerPage)).toEqual([]);
    await shot(managerPage, 'primo-visto');

    // the financial office: the last visa, confirmed, concludes with the proposed outcome
    const accountingPage = await j.newPage(DESKTOP);
    await loginAsOperator(accountingPage, j.baseUrl, accounting.email, DEMO_PASSWORD);
    await accountingPage.goto(`${j.baseUrl}/backoffice/pratiche?coda=visti`);
    await main(accountingPage).locator(`table a[href="/backoffice/pratiche/${application.id}"]`).click();
    await main(accountingPage).getByText('Proposta di esito: accoglimento').waitFor();
    await main(accountingPage).getByRole('button', { name: 'Apponi il visto' }).click();
    await main(accountingPage).getByRole('button', { name: 'Sì, apponi il visto' }).click();
    await main(accountingPage).getByText('Visto apposto.').waitFor();
    await drainWork(j.ctx);

    const final = await ok<ApplicationDetail>(j.app, giulia, { url: `/api/v1/applications/${application.id}` });
    expect(final.status).toBe('approved');
    expect(final.documents.some((d) => d.kind === 'response' && d.protocol)).toBe(true);
    const history = await ok<{ items: { type: string }[] }>(j.app, giulia, { url: `/api/v1/applications/${application.id}/history` });
    expect(history.items.filter((e) => e.type === 'visa_granted')).toHaveLength(2);
  });

  it('escalates an application that passes its due date to the manager (with the clock moved forward)', async () => {
    const giulia = await citizenSession('giulia-ferrari');
    const application = await fileDemoApplication(j.app, j.ctx, giulia, 'giulia-ferrari', FORM_SERVICE_SLUGS.cambioAbitazione);
    const head = manager('comune-di-castelrocca');
    clock.advanceDays((application.clock?.maxDays ?? 30) + 10);
    try {
      await j.ctx.tasks.deadlines.drain();
      await drainWork(j.ctx);
      const page = await j.newPage(DESKTOP);
      await loginAsOperator(page, j.baseUrl, head.email, DEMO_PASSWORD);
      await page.goto(`${j.baseUrl}/backoffice/pratiche?coda=scadute`);
      const row = main(page).locator('table tbody tr', { has: page.locator(`a[href="/backoffice/pratiche/${application.id}"]`) });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/in ritardo di \d+ giorn/);
      expect(await row.textContent()).toContain('Segnalata per ritardo');
      // the alert in the bell
      await page.getByRole('button', { name: /Avvisi/ }).click();
      await page.getByText(`Pratica scaduta: ${application.code}`).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'scadute');
      await openHandling(page, application);
      await main(page).getByText(/Segnalata al responsabile per ritardo il/).first().waitFor();
    } finally {
      clock.reset();
    }
  });
});
