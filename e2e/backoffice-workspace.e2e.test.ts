/**
 * The operator's workspace in a real browser (issue 5). A citizen sends an application through the API (the demo's
 * change of address in Castelrocca, with its sample answers and documents) and the protocol registrar numbers it;
 * then an operator of the registry office signs in and lands on "Pratiche", finds it among the new ones, narrows
 * the queue with a filter and a search that live in the address (and survive a reload), opens it, takes it in
 * charge and writes an internal note, which the timeline marks "Nota interna" and the citizen never sees. Both
 * pages pass axe, have no sideways scroll at 375 and 320 px, and are photographed at 1280 and 375 px.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, TimelineEntry } from '../src/contracts/applications.ts';
import { DEMO_FORM_SAMPLES, FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { as, type TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { mergeAnswers, multipart } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { minimalPdf } from './support/files.ts';
import { loginAsOperator } from './support/operator-login.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 800 };
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'workspace');
const TENANT = 'comune-di-castelrocca';
/** the registry office of Castelrocca handles the change of address */
const OPERATOR = { email: 'l.brembilla@castelrocca.example', name: 'Laura Brembilla' };
const CITIZEN = 'giulia-ferrari';
const NOTE = 'Sentita la signora al telefono: il contratto di locazione è registrato, verifico con l’Agenzia delle Entrate.';

describe.skipIf(!hasBrowser)('the operator\'s workspace: queues, filters, search, taking charge, internal notes', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let citizen: TestSession;
  let application: ApplicationDetail;
  let serviceId = '';

  const ok = async <T,>(s: TestSession, opts: Parameters<typeof as>[1]): Promise<T> => {
    const r = await j.app.inject(as(s, opts));
    if (r.statusCode >= 300) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : undefined) as T;
  };

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
    citizen = (await citizenLogin(j.app, j.baseUrl, CITIZEN)).browser.session();
    const sample = DEMO_FORM_SAMPLES.find((s) => s.identityId === CITIZEN && s.serviceSlug === FORM_SERVICE_SLUGS.cambioAbitazione)!;
    serviceId = (await ok<{ id: string }>(citizen, { url: `/api/v1/tenants/${TENANT}/services/${sample.serviceSlug}` })).id;
    const draft = await ok<ApplicationDetail>(citizen, { method: 'POST', url: '/api/v1/applications', payload: { serviceId }, headers: { 'idempotency-key': 'e2e-workspace-draft' } });
    const data = Object.fromEntries(Object.entries(sample.answers).map(([step, value]) => [step, mergeAnswers(value, draft.data[step])]));
    await ok(citizen, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data } });
    for (const requirementId of sample.requiredAttachments) {
      const body = multipart({ requirementId }, { name: `${requirementId}.pdf`, content: minimalPdf(requirementId), type: 'application/pdf' });
      await ok(citizen, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: body.payload, headers: body.headers });
    }
    await ok(citizen, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {}, headers: { 'idempotency-key': `e2e-workspace-${draft.id}` } });
    // the protocol registrar numbers it within a second; here at once
    await j.ctx.tasks.registrar.drain();
    await j.ctx.tasks.receipts.drain();
    application = await ok<ApplicationDetail>(citizen, { url: `/api/v1/applications/${draft.id}` });
    expect(application.protocol?.number).toMatch(/^\d{7,}$/);
  }, 180_000);
  afterAll(() => j?.stop());

  const main = (page: Page) => page.locator('main');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage: true }));
  };
  /** axe (no serious or critical violation), no sideways scroll at 375 and 320 px, screenshots at 1280 and 375 px. */
  const checkPage = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await shot(page, name);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 375 px`).toBe(true);
    expect(await seriousViolations(page), `${name} at 375 px`).toEqual([]);
    await shot(page, name);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.waitForTimeout(200);
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 320 px`).toBe(true);
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(200);
  };
  const row = (page: Page) => main(page).locator('table tbody tr', { has: page.locator(`a[href="/backoffice/pratiche/${application.id}"]`) });

  it('finds the new application, filters and searches it (kept in the address), takes charge and writes an internal note', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, OPERATOR.email, DEMO_PASSWORD);
    // operators start from their workspace, on the queue of new applications
    await page.waitForURL((url) => url.pathname === '/backoffice/pratiche');
    await page.getByRole('heading', { level: 1, name: 'Pratiche' }).waitFor();
    const queues = page.getByRole('navigation', { name: 'Code di lavoro' });
    // the tabs carry their counts (words for screen readers: "1 pratica")
    await expect.poll(() => queues.locator('a[aria-current="page"]').textContent()).toMatch(/^Nuove da prendere in carico\s*[1-9]\d* pratich?[ae]$/);
    await row(page).waitFor();
    const rowText = (await row(page).textContent()) ?? '';
    expect(rowText).toContain(application.code);
    expect(rowText).toContain('Giulia Ferrari');
    expect(rowText).toContain(`n. ${application.protocol!.number}/${application.protocol!.year}`);
    expect(rowText).toContain('Protocollata');
    expect(rowText).toContain('non assegnata');
    expect(rowText).toMatch(/\d+ giorn[io]|scade oggi/);
    await checkPage(page, 'pratiche');

    // a filter by service: applied with the button, kept in the address and after a reload
    await main(page).locator('summary', { hasText: 'Filtri' }).click();
    await main(page).getByLabel('Servizio', { exact: true }).selectOption(serviceId);
    await main(page).getByLabel('Stato', { exact: true }).selectOption('registered');
    await main(page).getByRole('button', { name: 'Applica i filtri' }).click();
    await page.waitForURL((url) => url.searchParams.get('servizio') === serviceId && url.searchParams.get('stato') === 'registered');
    await row(page).waitFor();
    await page.reload();
    await row(page).waitFor();
    expect(await main(page).getByLabel('Servizio', { exact: true }).inputValue()).toBe(serviceId);

    // "/" goes to the search box from anywhere; the search joins the filters in the address
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-search');
    await page.keyboard.type(application.code);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === application.code && url.searchParams.get('servizio') === serviceId);
    await row(page).waitFor();
    await expect.poll(() => main(page).locator('table tbody tr').count()).toBe(1);
    // a search that matches nothing says so
    await page.getByLabel('Cerca nelle pratiche').fill('nessuna-pratica-si-chiama-cosi');
    await page.keyboard.press('Enter');
    await main(page).getByText(/Nessuna pratica in «Nuove da prendere in carico» con questi filtri/).waitFor();
    await main(page).getByRole('button', { name: 'Togli i filtri' }).click();
    await page.waitForURL((url) => url.search === '' || url.search === '?q=nessuna-pratica-si-chiama-cosi');

    // by the applicant's name: open it from the row, with the keyboard
    await page.goto(`${j.baseUrl}/backoffice/pratiche?richiedente=${encodeURIComponent('Giulia Ferrari')}`);
    await row(page).waitFor();
    await row(page).getByRole('link', { name: application.code }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/backoffice/pratiche/${application.id}`);

    // the handling page: header, the citizen's answers and documents, and only the actions allowed now
    await page.getByRole('heading', { level: 1, name: application.service.title }).waitFor();
    const facts = main(page).locator('.sp-ws-facts');
    expect(await facts.textContent()).toContain('Giulia Ferrari');
    expect(await facts.textContent()).toMatch(new RegExp(`n\\. ${application.protocol!.number}/${application.protocol!.year} del \\d{2}/\\d{2}/\\d{4}`));
    await main(page).locator('#dati').waitFor();
    await main(page).locator('.sp-ws-answers').first().waitFor();
    expect(await main(page).locator('section[aria-labelledby="allegati"]').getByRole('link', { name: /Scarica/ }).count()).toBeGreaterThan(0);
    await main(page).locator('section[aria-labelledby="documenti"]').getByText('Ricevuta', { exact: false }).first().waitFor();
    await main(page).getByRole('button', { name: 'Prendi in carico' }).waitFor();
    expect(await main(page).getByRole('button', { name: /Accogli la domanda/ }).count()).toBe(0);
    await checkPage(page, 'pratica-nuova');

    // take charge: the operator becomes responsible, the outcome and the integration request appear
    await main(page).getByRole('button', { name: 'Prendi in carico' }).click();
    await main(page).getByText('Hai preso in carico la pratica').waitFor();
    await expect.poll(async () => facts.textContent()).toContain(OPERATOR.name);
    await main(page).locator('.sp-ws-case-title').getByText('In lavorazione').waitFor();
    await main(page).getByRole('heading', { name: 'Richiedi integrazione' }).waitFor();
    expect(await main(page).getByRole('button', { name: 'Prendi in carico' }).count()).toBe(0);

    // an internal note, clearly marked as visible to the offices only
    const notePanel = main(page).locator('section[aria-labelledby="nota"]');
    expect(await notePanel.textContent()).toContain('Visibile solo agli uffici');
    await notePanel.getByLabel('Testo della nota').fill(NOTE);
    await notePanel.getByRole('button', { name: 'Aggiungi la nota' }).click();
    await notePanel.getByRole('status').getByText('Nota interna aggiunta alla cronologia.').waitFor();
    expect(await notePanel.getByLabel('Testo della nota').inputValue()).toBe('');
    const timeline = main(page).locator('section[aria-labelledby="cronologia"] ol.sp-timeline');
    const noteEntry = timeline.locator('li', { hasText: NOTE });
    await noteEntry.waitFor();
    await noteEntry.locator('.sp-ws-internal-badge', { hasText: 'Nota interna' }).waitFor();
    expect(await noteEntry.textContent()).toContain(`Da: ${OPERATOR.name}`);
    // newest first: the note heads the timeline, the taking in charge is there too
    expect(await timeline.locator('li').first().textContent()).toContain(NOTE);
    expect(await timeline.textContent()).toContain('Presa in carico');
    await checkPage(page, 'pratica-in-carico');

    // the application is now in "Mie", and the citizen never sees the note
    await page.goto(`${j.baseUrl}/backoffice/pratiche?coda=mie`);
    await row(page).waitFor();
    expect(await row(page).textContent()).toContain(OPERATOR.name);
    const citizenHistory = await ok<{ items: TimelineEntry[] }>(citizen, { url: `/api/v1/applications/${application.id}/history` });
    expect(citizenHistory.items.some((e) => e.note === NOTE || e.internal)).toBe(false);
    expect(citizenHistory.items.some((e) => e.toStatus === 'in_progress')).toBe(true);
  });
});
