/**
 * The workflow editor in a real browser (issue 5): the tenant administrator of Castelrocca opens a service that
 * follows the default workflow, adds a checklist item, a visa by the financial office and an automation "when the
 * application is registered → send the office an e-mail" (a placeholder inserted with its button), sees the
 * citizen's diagram in the preview change, publishes, reloads and finds it all; an automation with a deadline
 * of 0 days is refused by the server, and the message sits next to that field; "Ripristina il flusso
 * predefinito" brings the default back. Then the citizen's side: the diagram on the card of the tax refund
 * (two visas), vertical on a phone and side by side on a wide screen, with no serious axe violation.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceCard } from '../src/contracts/catalog.ts';
import { CASTELROCCA_SLUG, DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { loginAsOperator } from './support/operator-login.ts';

const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = path.join(tmpdir(), 'sportello-e2e-shots', 'workflow');
const SERVICE = 'cambio-abitazione-stesso-comune';

describe.skipIf(!hasBrowser)('the workflow of a service, edited and shown', { timeout: 300_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  const admin = DEMO_ADMINS.find((a) => a.tenantSlug === CASTELROCCA_SLUG)!;
  let page: Page;

  beforeAll(async () => {
    j = await startJourney();
    await mkdir(SHOTS, { recursive: true });
    page = await j.newPage(DESKTOP);
  });
  afterAll(() => j?.stop());

  const serviceId = async (slug: string): Promise<string> => {
    const res = await j.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/services/${slug}` });
    return res.json().id as string;
  };
  const current = async (id: string): Promise<{ version: number; card: ServiceCard }> => (await j.app.inject({ url: `/api/v1/services/${id}` })).json();

  const shot = async (name: string) => {
    await writeFile(path.join(SHOTS, `${name}-${page.viewportSize()?.width}.png`), await page.screenshot({ fullPage: true }));
  };
  const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** axe, no sideways scroll at 320 and 375 px, screenshots at 375 and 1280 px; back to the desktop width. */
  const checkPage = async (name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await noSidewaysScroll(), `${name}: sideways scroll at 320 px`).toBe(true);
    await page.setViewportSize(PHONE);
    expect(await noSidewaysScroll(), `${name}: sideways scroll at 375 px`).toBe(true);
    await shot(name);
    await page.setViewportSize(DESKTOP);
    await shot(name);
  };

  const tab = () => page.getByRole('tabpanel', { name: 'Flusso di lavoro' });
  const openWorkflowTab = async (id: string) => {
    await page.goto(`${j.baseUrl}/backoffice/catalogo/${id}`);
    await page.getByLabel('Titolo', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Flusso di lavoro' }).click();
  };
  const preview = () => page.getByRole('complementary', { name: 'Anteprima per il cittadino' });
  const previewSteps = () => preview().locator('ol.sp-workflow > li .sp-workflow-label').allTextContents();
  const publish = () => page.getByRole('button', { name: 'Pubblica nuova versione' }).click();
  const automations = () => tab().locator('#f-workflow-automations > ol > li');

  it('adds a checklist item, a visa and an automation with a live diagram, publishes and finds them after a reload', async () => {
    await loginAsOperator(page, j.baseUrl, admin.email, admin.password);
    await page.waitForURL(/\/backoffice\/catalogo/);
    const id = await serviceId(SERVICE);
    const before = await current(id);
    expect(before.card.workflow).toBeUndefined();
    await openWorkflowTab(id);

    await tab().getByText('Questo servizio segue il flusso predefinito.').waitFor();
    expect(await previewSteps()).toEqual(['Invio della domanda', 'Protocollo', 'Presa in carico', 'Esito']);
    // the default automations are there, as rows anyone can read
    expect(await automations().count()).toBe(2);
    expect(await automations().first().locator('h3').textContent()).toBe('Automazione 1: quando la scadenza si avvicina → ricorda la scadenza all\'operatore');
    await checkPage('default');

    // 1. a checklist item: the diagram gains the review step
    await tab().getByRole('button', { name: 'Aggiungi una voce' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-workflow-checklist-0-label');
    await page.keyboard.type('Verifica della planimetria');
    await expect.poll(previewSteps).toEqual(['Invio della domanda', 'Protocollo', 'Presa in carico', 'Istruttoria', 'Esito']);
    await tab().getByText('Questo servizio ha un flusso di lavoro proprio.').waitFor();

    // 2. a visa by another office, chosen from the body's offices
    await tab().getByRole('button', { name: 'Aggiungi un visto' }).click();
    await page.keyboard.type('Visto di regolarità contabile');
    const visa = tab().locator('#f-workflow-approvals-0');
    await visa.getByLabel('Un altro ufficio').check();
    await visa.getByLabel('Ufficio', { exact: true }).selectOption({ label: 'Servizi finanziari - Ragioneria' });
    await expect.poll(previewSteps).toEqual(['Invio della domanda', 'Protocollo', 'Presa in carico', 'Istruttoria', 'Visto di regolarità contabile', 'Esito']);

    // 3. an automation: when the application is registered, e-mail the office, with the code inserted by its button
    await tab().getByRole('button', { name: "Aggiungi un'automazione" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-workflow-automations-2-on');
    const row = automations().nth(2);
    await row.getByLabel('Quando', { exact: true }).selectOption({ label: 'la domanda è protocollata' });
    await row.getByLabel('Fai', { exact: true }).selectOption({ label: 'invia un messaggio' });
    await row.getByLabel('Destinatario', { exact: true }).selectOption({ label: "L'ufficio competente" });
    await row.getByLabel('Area personale', { exact: true }).uncheck();
    expect(await row.getByLabel('E-mail', { exact: true }).isChecked()).toBe(true);
    await row.getByLabel('Oggetto', { exact: true }).fill('Nuova pratica protocollata: ');
    await row.getByText('Inserisci un segnaposto').click();
    await row.getByRole('button', { name: /^\{\{codice\}\} codice della pratica/ }).click();
    await expect.poll(() => row.getByLabel('Oggetto', { exact: true }).inputValue()).toBe('Nuova pratica protocollata: {{codice}}');
    await row.getByLabel('Testo', { exact: true }).fill('La pratica è arrivata in ufficio. Protocollo: ');
    await row.getByLabel('Testo', { exact: true }).press('End');
    await row.getByRole('button', { name: /^\{\{protocollo\}\}/ }).click();
    await expect.poll(() => row.getByLabel('Testo', { exact: true }).inputValue()).toBe('La pratica è arrivata in ufficio. Protocollo: {{protocollo}}');
    expect(await row.locator('h3').textContent()).toBe('Automazione 3: quando la domanda è protocollata → invia un messaggio');
    // 4. only the responsible officer approves
    await tab().getByRole('group', { name: 'Accogliere' }).getByLabel('Responsabili (manager)').uncheck();
    await checkPage('edited');

    await publish();
    await page.getByText(`Versione ${before.version + 1} pubblicata.`).waitFor();
    const after = await current(id);
    expect(after.version).toBe(before.version + 1);
    const wf = after.card.workflow!;
    expect(wf.checklist).toEqual([{ id: 'verifica-della-planimetria', label: 'Verifica della planimetria', required: true }]);
    expect(wf.approvals).toEqual([{ id: 'visto-di-regolarita-contabile', label: 'Visto di regolarità contabile', by: { officeCode: 'ragioneria' } }]);
    expect(wf.permissions).toEqual({ approve: ['responsible'] });
    expect(wf.automations.at(-1)).toEqual({
      id: 'registered-notify',
      on: 'registered',
      do: [{ type: 'notify', to: 'office', channels: ['email'], template: { subject: 'Nuova pratica protocollata: {{codice}}', body: 'La pratica è arrivata in ufficio. Protocollo: {{protocollo}}' } }],
    });
    // the form kept its own content
    expect(after.card.form).toEqual(before.card.form);

    // after a reload the editor shows what was published
    await page.reload();
    await page.getByLabel('Titolo', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Flusso di lavoro' }).click();
    expect(await tab().getByLabel('Che cosa si verifica').inputValue()).toBe('Verifica della planimetria');
    expect(await automations().count()).toBe(3);
    expect(await automations().nth(2).getByLabel('Oggetto', { exact: true }).inputValue()).toBe('Nuova pratica protocollata: {{codice}}');
    expect(await previewSteps()).toEqual(['Invio della domanda', 'Protocollo', 'Presa in carico', 'Istruttoria', 'Visto di regolarità contabile', 'Esito']);
    expect(await page.getByText('Ci sono modifiche non pubblicate.').count()).toBe(0);
  });

  it('a deadline of 0 days is refused by the server, with the message next to the field', async () => {
    const id = await serviceId(SERVICE);
    const before = await current(id);
    await openWorkflowTab(id);
    await tab().getByRole('button', { name: "Aggiungi un'automazione" }).click();
    const row = automations().last();
    const index = (await automations().count()) - 1;
    await row.getByLabel('Quando', { exact: true }).selectOption({ label: 'la pratica è presa in carico' });
    await row.getByLabel('Fai', { exact: true }).selectOption({ label: 'fissa o sposta la scadenza' });
    await row.getByLabel('Giorni', { exact: true }).fill('0');

    await publish();
    const summary = page.getByRole('alert').filter({ hasText: 'La scheda non è stata pubblicata' });
    await summary.waitFor();
    const link = summary.getByRole('link', { name: `Flusso di lavoro › Automazioni › Automazione ${index + 1} › Azione 1 › Giorni: i giorni devono essere da 1 a 3650 (days from 1 to 3650)` });
    await link.waitFor();
    const fieldId = `f-workflow-automations-${index}-do-0-days`;
    expect(await page.locator(`#${fieldId}Description`).textContent()).toContain('i giorni devono essere da 1 a 3650');
    expect(await page.locator(`#${fieldId}`).getAttribute('aria-invalid')).toBe('true');
    expect((await current(id)).version).toBe(before.version);
    await checkPage('refused');

    // from the card's tab, the summary's link opens the workflow tab at that field
    await page.getByRole('tab', { name: 'Modifica' }).click();
    await link.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(fieldId);
    expect(await page.getByRole('tab', { name: 'Flusso di lavoro' }).getAttribute('aria-selected')).toBe('true');

    // a valid number publishes
    await page.locator(`#${fieldId}`).fill('10');
    await publish();
    await page.getByText(`Versione ${before.version + 1} pubblicata.`).waitFor();
    expect((await current(id)).card.workflow!.automations.at(-1)).toMatchObject({ on: 'taken_in_charge', do: [{ type: 'set_deadline', days: 10 }] });
  });

  it('"Ripristina il flusso predefinito" brings the default workflow back', async () => {
    const id = await serviceId(SERVICE);
    await openWorkflowTab(id);
    await tab().getByRole('button', { name: 'Ripristina il flusso predefinito' }).click();
    await tab().getByText('Ripristinare il flusso predefinito?').waitFor();
    await tab().getByRole('button', { name: 'Sì, ripristina' }).click();
    await tab().getByText('Questo servizio segue il flusso predefinito.').waitFor();
    expect(await previewSteps()).toEqual(['Invio della domanda', 'Protocollo', 'Presa in carico', 'Esito']);
    await publish();
    await page.getByText(/Versione \d+ pubblicata\./).waitFor();
    expect((await current(id)).card.workflow).toBeUndefined();
  });

  it('the citizen sees the steps on the service card: vertical on a phone, side by side on a wide screen', async () => {
    const citizen = await j.newPage(PHONE);
    try {
      await citizen.goto(`${j.baseUrl}/enti/${CASTELROCCA_SLUG}/servizi/rimborso-tributi-comunali`);
      const heading = citizen.getByRole('heading', { name: 'Come procede la tua domanda' });
      await heading.waitFor();
      const list = citizen.getByRole('list', { name: 'Come procede la tua domanda' });
      const labels = await list.locator('.sp-workflow-label').allTextContents();
      expect(labels).toEqual(['Invio della domanda', 'Protocollo', 'Presa in carico', 'Visto del responsabile dei tributi', 'Visto di regolarità contabile', 'Esito']);
      expect(await list.locator('[aria-current]').count()).toBe(0);
      const tops = () => list.locator('li').evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
      const lefts = () => list.locator('li').evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().left)));

      await heading.scrollIntoViewIfNeeded();
      expect(await seriousViolations(citizen)).toEqual([]);
      expect(await citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // one under the other
      const phoneTops = await tops();
      expect(phoneTops.every((top, i) => i === 0 || top > phoneTops[i - 1]!)).toBe(true);
      expect(new Set(await lefts()).size).toBe(1);
      await writeFile(path.join(SHOTS, 'card-375.png'), await list.screenshot());
      await writeFile(path.join(SHOTS, 'card-page-375.png'), await citizen.screenshot({ fullPage: true }));

      await citizen.setViewportSize(DESKTOP);
      // side by side: one row
      await expect.poll(async () => new Set(await tops()).size).toBe(1);
      const wideLefts = await lefts();
      expect(wideLefts.every((left, i) => i === 0 || left > wideLefts[i - 1]!)).toBe(true);
      expect(await seriousViolations(citizen)).toEqual([]);
      await writeFile(path.join(SHOTS, 'card-1280.png'), await list.screenshot());
      await writeFile(path.join(SHOTS, 'card-page-1280.png'), await citizen.screenshot({ fullPage: true }));

      // a service with silenzio-assenso says so on its last step
      await citizen.goto(`${j.baseUrl}/enti/${CASTELROCCA_SLUG}/servizi/scia-edilizia`);
      const scia = citizen.getByRole('list', { name: 'Come procede la tua domanda' });
      await scia.waitFor();
      expect(await scia.locator('.sp-workflow-label').allTextContents()).toEqual([
        'Invio della domanda', 'Protocollo', 'Controlli automatici', 'Presa in carico', 'Esito (o silenzio-assenso alla scadenza)',
      ]);
    } finally {
      await citizen.context().close();
    }
  });
});
