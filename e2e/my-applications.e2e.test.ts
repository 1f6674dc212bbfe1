/**
 * "Le mie pratiche": Giulia Ferrari follows her applications and the ones she filed for her children. The
 * applications are made through the API (demo services with their sample answers), an operator of the comune
 * takes one in charge and asks for a document; then, in the browser, Giulia filters the list, opens the detail
 * (timeline, dates, times per phase, the highlighted request), uploads the document and answers, and the
 * application goes back to the office. Someone else opening the same address finds nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { DEMO_FORM_SAMPLES, FORM_SERVICE_SLUGS, type DemoFormSample } from '../src/server/db/seed/demo/forms/index.ts';
import { nidiOf } from '../src/server/db/seed/demo/forms/iscrizione-nido.ts';
import { CASTELROCCA as CASTELROCCA_PROFILE } from '../src/server/db/seed/demo/services-common.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { as, officeStep, operatorLogin, type TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { mergeAnswers, multipart } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { openDemoCall } from '../test/support/forms.ts';
import { signInAsCitizen } from './support/citizen-login.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'practices');
const CASTELROCCA = 'comune-di-castelrocca';
const LIST = '/area-personale/pratiche';
const PLANIMETRIA = "Planimetria dell'alloggio";
const OFFICE_NOTE = "Per completare l'istruttoria ci serve la planimetria dell'alloggio di Via dei Tigli 15, anche una foto leggibile va bene.";

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

describe.skipIf(!hasBrowser)('"Le mie pratiche": list, filters, detail with the legal clock, answering a request', { timeout: 240_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let giulia: TestSession;
  /** Giulia's applications: the change of address (the office asks for a document), the tax refund, the children's */
  const ids = { residence: '', refund: '', sofia: '', tommaso: '' };

  const inject = (s: TestSession, opts: Parameters<typeof as>[1]) => j.app.inject(as(s, opts));
  const ok = async <T,>(s: TestSession, opts: Parameters<typeof as>[1], expected: number[] = [200, 201]): Promise<T> => {
    const r = await inject(s, opts);
    if (!expected.includes(r.statusCode)) throw new Error(`${opts.method ?? 'GET'} ${opts.url} answered ${r.statusCode}: ${r.body}`);
    return (r.body ? r.json() : undefined) as T;
  };
  const serviceId = async (slug: string) =>
    (await ok<{ id: string }>(giulia, { url: `/api/v1/tenants/${CASTELROCCA}/services/${slug}` })).id;
  const drain = async () => {
    await j.ctx.tasks.registrar.drain();
    await j.ctx.tasks.receipts.drain();
  };

  /** Starts a draft for whom the session acts for and fills it with the sample's answers and documents. */
  async function draftFrom(s: TestSession, sample: DemoFormSample, serviceSlug = sample.serviceSlug): Promise<ApplicationDetail> {
    const draft = await ok<ApplicationDetail>(s, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: await serviceId(serviceSlug) } });
    const data = Object.fromEntries(Object.entries(sample.answers).map(([step, value]) => [step, mergeAnswers(value, draft.data[step])]));
    await ok(s, { method: 'PATCH', url: `/api/v1/applications/${draft.id}`, payload: { data } });
    for (const requirementId of sample.requiredAttachments) {
      const body = multipart({ requirementId }, { name: `${requirementId}.pdf`, content: pdf(requirementId), type: 'application/pdf' });
      await ok(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload: body.payload, headers: body.headers });
    }
    return draft;
  }
  async function file(s: TestSession, sample: DemoFormSample, serviceSlug?: string): Promise<string> {
    const draft = await draftFrom(s, sample, serviceSlug);
    await ok(s, { method: 'POST', url: `/api/v1/applications/${draft.id}/submit`, payload: {}, headers: { 'idempotency-key': `e2e-${draft.id}` } });
    return draft.id;
  }
  const sampleOf = (identityId: string, serviceSlug: string) => {
    const sample = DEMO_FORM_SAMPLES.find((x) => x.identityId === identityId && x.serviceSlug === serviceSlug) ?? DEMO_FORM_SAMPLES.find((x) => x.serviceSlug === serviceSlug);
    if (!sample) throw new Error(`no demo sample for ${serviceSlug}`);
    return sample;
  };
  const actFor = async (s: TestSession, name: string | null) => {
    const subjects = await ok<{ items: { kind: string; id: string; name: string }[] }>(s, { url: '/api/v1/me/subjects' });
    const subject = subjects.items.find((x) => (name ? x.name.startsWith(name) : x.kind === 'self'));
    if (!subject) throw new Error(`cannot act for ${name}: ${JSON.stringify(subjects.items.map((x) => x.name))}`);
    await ok(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: subject.kind, id: subject.id } });
  };

  beforeAll(async () => {
    j = await startJourney();
    await openDemoCall(j.ctx, CASTELROCCA, FORM_SERVICE_SLUGS.nido);
    await mkdir(SHOTS, { recursive: true });
    giulia = (await citizenLogin(j.app, j.baseUrl, 'giulia-ferrari')).browser.session();

    // her own: the change of address (Anagrafe) and the TARI refund (Tributi)
    ids.residence = await file(giulia, sampleOf('giulia-ferrari', FORM_SERVICE_SLUGS.cambioAbitazione));
    ids.refund = await file(giulia, sampleOf('giulia-ferrari', FORM_SERVICE_SLUGS.rimborsoTributi));
    // acting for her daughter: the nido (sent); for her son: a draft
    await actFor(giulia, 'Sofia');
    // the demo's nido answers are for Valdoro: here the nidi of Castelrocca
    const nido = sampleOf('sara-villa', FORM_SERVICE_SLUGS.nido);
    const [first, second] = nidiOf(CASTELROCCA_PROFILE).map(([id]) => id);
    const frequenza = { ...(nido.answers.frequenza as object), primaScelta: first, secondaScelta: second };
    ids.sofia = await file(giulia, { ...nido, answers: { ...nido.answers, frequenza } });
    await actFor(giulia, 'Tommaso');
    ids.tommaso = (await ok<ApplicationDetail>(giulia, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: await serviceId(FORM_SERVICE_SLUGS.nido) } })).id;
    await actFor(giulia, null);
    await drain();

    // the registry office takes the change of address in charge and asks for the floor plan
    const operator = await operatorLogin(j.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    expect((await officeStep(j.app, operator, ids.residence, 'take_charge')).statusCode).toBe(200);
    expect((await officeStep(j.app, operator, ids.residence, 'request_integration', { note: OFFICE_NOTE, documents: [PLANIMETRIA] })).statusCode).toBe(200);
  }, 180_000);
  afterAll(() => j?.stop());

  const main = (page: Page) => page.locator('main');
  const cards = (page: Page) => main(page).locator('.sp-practice');
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (page: Page, name: string, fullPage = true) => {
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage }));
  };
  /** axe (no serious or critical violation), no sideways scroll at 360 and 320 px, screenshots at 360 and 1280 px. */
  const checkPage = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    const width = page.viewportSize()?.width;
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
    await shot(page, name);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 320 px`).toBe(true);
    await page.setViewportSize(DESKTOP);
    await shot(page, name);
    if (width) await page.setViewportSize({ width, height: width === PHONE.width ? PHONE.height : DESKTOP.height });
  };
  const loginAs = (page: Page, id: string, returnTo: string) => signInAsCitizen(page, j.baseUrl, id, returnTo);
  const waitForCount = async (page: Page, n: number) => expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(n);

  it('lists her applications and her children\'s with status, for whom and due date; filters live in the address', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'giulia-ferrari', '/area-personale');
    // the way in, at the top of the personal area, says an office is waiting
    const entry = main(page).locator('.sp-pa-practices-card');
    await entry.getByText('Una pratica aspetta una tua risposta.').waitFor();
    await entry.getByRole('link', { name: 'Le mie pratiche' }).click();
    await page.waitForURL((url) => url.pathname === LIST);
    await page.getByRole('heading', { level: 1, name: 'Le mie pratiche' }).waitFor();
    await waitForCount(page, 4);

    const card = (id: string) => cards(page).filter({ has: page.locator(`a[href*="${id}"]`) });
    expect(await card(ids.residence).count()).toBe(1);
    const residenceText = (await card(ids.residence).textContent()) ?? '';
    expect(residenceText).toContain('In attesa di integrazioni');
    expect(residenceText).toContain("L'ufficio aspetta una tua risposta.");
    expect(residenceText).toMatch(/Protocollo\s*n\. \d{7}\/\d{4}/);
    expect(residenceText).toMatch(/Termine sospeso finché non rispondi \(scadenza attuale: \d{2}\/\d{2}\/\d{4}\)/);
    const refundText = (await card(ids.refund).textContent()) ?? '';
    expect(refundText).toContain('Protocollata');
    expect(refundText).toMatch(/Scade il \d{2}\/\d{2}\/\d{4} — tra \d+ giorni/);
    expect(await card(ids.sofia).textContent()).toContain('Per Sofia Colombo (figlia/o minore)');
    const draft = card(ids.tommaso);
    expect(await draft.textContent()).toContain('Per Tommaso Colombo (figlia/o minore)');
    expect(await draft.getByRole('link', { name: /Bozza — continua a compilare/ }).getAttribute('href')).toBe(`/pratiche/${ids.tommaso}/compila`);
    expect(await card(ids.refund).getByRole('link').first().getAttribute('href')).toBe(`${LIST}/${ids.refund}`);
    await checkPage(page, 'elenco');

    // status group: drafts only, kept in the address and after a reload
    await main(page).getByText('Bozze', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('stato') === 'bozze');
    await waitForCount(page, 1);
    expect(await cards(page).first().textContent()).toContain('Tommaso Colombo');
    await page.reload();
    await waitForCount(page, 1);
    expect(await main(page).getByLabel('Bozze').isChecked()).toBe(true);

    // with the keyboard: the status group is a radio group (arrow keys move and choose)
    await main(page).getByLabel('Bozze').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.searchParams.get('stato') === 'in-corso');
    await waitForCount(page, 3);
    await main(page).getByText('3 pratiche').waitFor();

    // a person: only Sofia's
    await main(page).getByLabel('Per chi').selectOption({ label: 'Sofia Colombo' });
    await page.waitForURL((url) => url.searchParams.has('persona'));
    await waitForCount(page, 1);
    expect(await cards(page).first().textContent()).toContain('Sofia Colombo');
    await shot(page, 'elenco-filtrato');
    // a service
    await main(page).getByRole('button', { name: 'Togli i filtri' }).click();
    await page.waitForURL((url) => url.search === '');
    await waitForCount(page, 4);
    const nido = await main(page).getByLabel('Servizio').locator('option', { hasText: /nido/i }).first().getAttribute('value');
    await main(page).getByLabel('Servizio').selectOption(nido!);
    await waitForCount(page, 2);
    await main(page).getByLabel('Per chi').selectOption({ label: 'Per me (Giulia Ferrari)' });
    await main(page).getByText('Nessuna pratica con questi filtri.').waitFor();
    await waitForCount(page, 0);
  });

  it('the detail shows what the office waits for, the dates, the times; she uploads the document and answers', async () => {
    const page = await j.newPage(PHONE);
    await loginAs(page, 'giulia-ferrari', LIST);
    await waitForCount(page, 4);
    await cards(page).filter({ has: page.locator(`a[href*="${ids.residence}"]`) }).getByRole('link', { name: /Rispondi/ }).click();
    await page.waitForURL((url) => url.pathname === `${LIST}/${ids.residence}`);
    const callout = main(page).locator('section.sp-awaiting');
    await callout.getByRole('heading', { name: "L'ufficio aspetta una tua risposta" }).waitFor();

    // the request comes first, before the summary
    const order = await main(page).evaluate(() => {
      const a = document.querySelector('.sp-awaiting');
      const s = document.querySelector('.sp-summary-box');
      return !!a && !!s && !!(a.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    expect(await callout.textContent()).toContain(OFFICE_NOTE);
    expect(await callout.textContent()).toContain(PLANIMETRIA);

    const summary = (await main(page).locator('.sp-summary-box').textContent()) ?? '';
    expect(summary).toMatch(/Presa in carico\s*\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    expect(summary).toMatch(/Protocollon\. \d{7}\/\d{4} del \d{2}\/\d{2}\/\d{4}/);
    expect(summary).toContain('Termine sospeso: riprende quando rispondi');
    expect(summary).toMatch(/Tempo previsto dalla legge: \d+ giorni dall'invio/);

    const times = main(page).locator('table.sp-phases');
    for (const phase of ['Inviata', 'Protocollata', 'In lavorazione', 'In attesa di integrazioni']) await times.getByRole('rowheader', { name: phase }).waitFor();
    expect(await times.locator('caption').textContent()).toBe('Quanto tempo è rimasta la pratica in ogni fase');
    const timeline = (await main(page).locator('ol.sp-timeline').textContent()) ?? '';
    for (const what of ['Bozza creata', 'Domanda inviata', 'Protocollata', 'Presa in carico', 'Richiesta di integrazioni']) expect(timeline).toContain(what);
    expect(await main(page).locator('ol.sp-timeline').textContent()).toContain(OFFICE_NOTE);
    const docs = main(page).locator('section[aria-labelledby="documenti"]');
    await docs.getByText('Ricevuta', { exact: false }).first().waitFor();
    expect(await docs.getByRole('link', { name: /Scarica/ }).count()).toBeGreaterThan(1);
    await checkPage(page, 'dettaglio-in-attesa');

    // she uploads the floor plan and answers
    const input = callout.getByLabel(`Scegli il file: ${PLANIMETRIA}`);
    await input.setInputFiles({ name: 'planimetria.pdf', mimeType: 'application/pdf', buffer: pdf('planimetria') });
    await callout.getByText(/Caricato: planimetria\.pdf/).waitFor();
    await callout.getByLabel("La tua risposta all'ufficio").fill('Ecco la planimetria firmata dal geometra.');
    await shot(page, 'dettaglio-risposta', false);
    await callout.getByRole('button', { name: 'Invia la risposta' }).click();
    await main(page).getByText('Risposta inviata: la pratica torna all\'ufficio').waitFor();
    await callout.waitFor({ state: 'detached' });
    await main(page).locator('.sp-detail-head .sp-app-status', { hasText: 'In lavorazione' }).waitFor();
    await main(page).locator('ol.sp-timeline').getByText('Ecco la planimetria firmata dal geometra.').waitFor();
    expect(await main(page).locator('section[aria-labelledby="documenti"]').textContent()).toContain('planimetria.pdf');
    const after = await ok<ApplicationDetail>(giulia, { url: `/api/v1/applications/${ids.residence}` });
    expect(after.status).toBe('in_progress');
    expect(after.attachments.some((a) => a.requirementId === 'integrazione' && a.fileName === 'planimetria.pdf')).toBe(true);
    await checkPage(page, 'dettaglio-dopo-risposta');
  });

  it('she withdraws the refund request after a confirmation', async () => {
    const page = await j.newPage(DESKTOP);
    await loginAs(page, 'giulia-ferrari', `${LIST}/${ids.refund}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await main(page).locator('.sp-summary-box').textContent()).toContain('non ancora presa in carico');
    await main(page).getByRole('button', { name: 'Ritira la domanda' }).click();
    const confirm = main(page).getByRole('group', { name: /Vuoi davvero ritirare la domanda/ });
    await confirm.getByLabel('Motivo (facoltativo)').fill('Il rimborso è arrivato con un conguaglio');
    await shot(page, 'ritiro-conferma', false);
    await confirm.getByRole('button', { name: 'Sì, ritira la domanda' }).click();
    await main(page).getByText('Domanda ritirata.').waitFor();
    await main(page).locator('.sp-detail-head .sp-app-status', { hasText: 'Ritirata' }).waitFor();
    expect((await ok<ApplicationDetail>(giulia, { url: `/api/v1/applications/${ids.refund}` })).status).toBe('withdrawn');
  });

  it('someone else opening the address finds "Pratica non trovata"', async () => {
    const page = await j.newPage(PHONE);
    await loginAs(page, 'luca-moretti', `${LIST}/${ids.residence}`);
    await page.getByRole('heading', { level: 1, name: 'Pratica non trovata' }).waitFor();
    expect(await main(page).textContent()).not.toContain('Cambio');
    await checkPage(page, 'non-trovata');
    // and his own list is empty, with the way to the catalogue
    await page.goto(`${j.baseUrl}${LIST}`);
    await main(page).getByText('Non hai ancora presentato domande online.').waitFor();
    expect(await main(page).getByRole('link', { name: 'Cerca un servizio' }).getAttribute('href')).toBe('/servizi');
    await checkPage(page, 'elenco-vuoto');
  });

  it('without a session the list sends to the sign-in page and back', async () => {
    const page = await j.newPage(PHONE);
    await page.goto(`${j.baseUrl}${LIST}?stato=concluse`);
    await page.waitForURL((url) => url.pathname === '/accedi');
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe(`${LIST}?stato=concluse`);
  });
});
