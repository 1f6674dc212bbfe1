/**
 * Payments the office handles (issue 9), in a real browser, through the built-in pagoPA simulator.
 *
 *  c. a deferred payment: Castelrocca's registry operator takes Giulia Ferrari's move-home application in charge
 *     and asks a payment ("Richiedi pagamento" → "Richiedi un pagamento": purpose, two lines, due date, a note →
 *     "Invia la richiesta"); the application waits "In attesa di pagamento". Giulia, on her phone, reads the banner
 *     on the application, finds the payment in "I miei pagamenti" under "Da pagare", pays it ("Pagamento riuscito",
 *     at once) and reads "La pratica riprende"; the application is in progress again, for her and for the office,
 *     and the payment_notice message is in her inbox.
 *  d. reconciling and refunding: Valdoro's manager sees a paid payment in "Pagamenti", reconciles today
 *     ("Riconciliazione" → "Riconcilia"): it is matched and marked "Riconciliato"; then refunds it with a reason,
 *     which the payer reads.
 *
 * Every page: axe with no serious or critical violation, no sideways scroll at 360 px (wide pages are shrunk to
 * 360 px and checked again), screenshots under /tmp/shots/pay-e2e-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { formatEuro, formatNoticeNumber, type PaymentDetail } from '../src/contracts/payments.ts';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { DEMO_OPERATORS, DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { clock } from '../src/server/platform/clock.ts';
import type { TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { drainWork, fileDemoApplication, ok } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';
import { loginAsOperator } from './support/operator-login.ts';

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const PURPOSE = 'Diritti di segreteria per il cambio di abitazione';
const LINES = [
  { label: 'Diritti di segreteria', amount: '16,50', kind: 'diritti', cents: 1650 },
  { label: 'Imposta di bollo sul certificato', amount: '16,00', kind: 'bollo', cents: 1600 },
];
const TOTAL = LINES.reduce((sum, l) => sum + l.cents, 0);
const NOTE = 'Il pagamento copre i diritti di segreteria e il bollo del certificato di residenza.';
const REFUND_REASON = 'Sopralluogo non più necessario: i diritti versati vengono restituiti.';

const officer = (tenantSlug: string, role: string, officeCode?: string) =>
  DEMO_OPERATORS.find((o) => o.tenantSlug === tenantSlug && o.grants.some((g) => g.role === role && (!officeCode || g.officeCode === officeCode)))!;

describe.skipIf(!hasBrowser)('payments the office asks, reconciles and refunds', { timeout: 180_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;

  beforeAll(async () => {
    j = await startJourney();
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await j?.stop();
  });

  const shot = screenshots('pay-e2e');
  /** axe with no serious or critical violation and a screenshot; a wide page is also shrunk to 360 px and checked. */
  const check = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
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
  const citizenSession = async (identity: string): Promise<TestSession> => (await citizenLogin(j.app, j.baseUrl, identity)).browser.session();
  const caseStatus = (page: Page, label: string) => main(page).locator('.sp-ws-case-title').getByText(label).waitFor();

  /** The simulator's page: "Pagamento riuscito", confirmed at once. */
  const payOnSimulator = async (page: Page) => {
    await page.waitForURL(/\/pagopa-simulatore\/pagamento\/[A-Za-z0-9_-]{22}$/);
    await page.getByRole('radio', { name: 'Pagamento riuscito', exact: true }).check();
    await page.getByRole('radio', { name: 'Subito', exact: true }).check();
    await page.getByRole('button', { name: 'Conferma' }).click();
  };

  it('c. the office asks a payment; the citizen pays it from "I miei pagamenti" and the work resumes', async () => {
    const giulia = await citizenSession('giulia-ferrari');
    const application = await fileDemoApplication(j.app, j.ctx, giulia, 'giulia-ferrari', FORM_SERVICE_SLUGS.cambioAbitazione);
    expect(application.status).toBe('registered');
    const registry = officer('comune-di-castelrocca', 'operator', 'anagrafe');

    // the office takes it in charge and asks the payment
    const office = await j.newPage(DESKTOP);
    await loginAsOperator(office, j.baseUrl, registry.email, DEMO_PASSWORD);
    await office.goto(`${j.baseUrl}/backoffice/pratiche/${application.id}`);
    await office.getByRole('heading', { level: 1, name: application.service.title }).waitFor();
    await main(office).getByRole('button', { name: 'Prendi in carico' }).click();
    await main(office).getByText('Hai preso in carico la pratica').waitFor();
    const panel = main(office).getByRole('region', { name: 'Pagamenti' });
    await panel.getByText('Nessun pagamento su questa pratica.').waitFor();
    await panel.getByRole('button', { name: 'Richiedi pagamento' }).click();
    const dialog = office.getByRole('dialog', { name: 'Richiedi un pagamento' });
    await dialog.waitFor();
    await dialog.getByLabel('Causale').fill(PURPOSE);
    for (const [i, line] of LINES.entries()) {
      if (i > 0) await dialog.getByRole('button', { name: 'Aggiungi una voce' }).click();
      await dialog.locator(`#payreq-line-${i}-label`).fill(line.label);
      await dialog.locator(`#payreq-line-${i}-amount`).fill(line.amount);
      await dialog.locator(`#payreq-line-${i}-kind`).selectOption(line.kind);
    }
    expect(await dialog.locator('#payreq-total').innerText()).toBe(`Totale: ${formatEuro(TOTAL)}`);
    // the due date is proposed 30 days ahead
    expect(await dialog.getByLabel('Scadenza').inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    await dialog.getByLabel(/Nota per il cittadino/).fill(NOTE);
    await check(office, 'ufficio-richiesta');
    await dialog.getByRole('button', { name: 'Invia la richiesta' }).click();
    await main(office).getByText('Richiesta di pagamento inviata: la pratica è in attesa di pagamento.').waitFor();
    await caseStatus(office, 'In attesa di pagamento');
    await panel.getByRole('link', { name: PURPOSE }).waitFor();
    expect((await panel.innerText()).replace(/\s+/g, ' ')).toContain(formatEuro(TOTAL));
    await check(office, 'ufficio-in-attesa');

    const waiting = await ok<ApplicationDetail>(j.app, giulia, { url: `/api/v1/applications/${application.id}` });
    expect(waiting.status).toBe('payment_pending');
    const requested = waiting.payments!.find((p) => p.description === PURPOSE)!;
    expect(requested.purpose).toBe('requested');
    expect(requested.amountCents).toBe(TOTAL);

    // Giulia, on her phone: the application says what the office asks
    const home = await j.newPage(PHONE);
    const applicationPath = `/area-personale/pratiche/${application.id}`;
    await signInAsCitizen(home, j.baseUrl, 'giulia-ferrari', applicationPath);
    const banner = main(home).getByRole('region', { name: `L'ufficio ti chiede un pagamento di ${formatEuro(TOTAL)} per proseguire` });
    await banner.waitFor();
    expect(await banner.getByRole('link', { name: 'Vai al pagamento' }).getAttribute('href')).toBe(`/area-personale/pagamenti/${requested.id}`);
    // the office's note, in the application's history (which loads after the banner)
    await main(home).getByText(NOTE).first().waitFor();
    await check(home, 'pratica-da-pagare');

    // from the personal area: "I miei pagamenti", under "Da pagare"
    await home.goto(`${j.baseUrl}/area-personale`);
    await main(home).getByRole('link', { name: 'I miei pagamenti' }).click();
    await home.waitForURL((url) => url.pathname === '/area-personale/pagamenti');
    await home.getByRole('heading', { level: 1, name: 'I miei pagamenti' }).waitFor();
    expect(await main(home).getByRole('radio', { name: 'Da pagare' }).isChecked()).toBe(true);
    const card = main(home).getByRole('article', { name: PURPOSE });
    await card.waitFor();
    expect((await card.innerText()).replace(/\s+/g, ' ')).toContain(formatEuro(TOTAL));
    expect(await card.innerText()).toContain(application.code);
    await check(home, 'miei-pagamenti');
    await card.getByRole('link', { name: /^Paga/ }).click();

    // the payment's page, and pagoPA
    await home.waitForURL((url) => url.pathname === `/area-personale/pagamenti/${requested.id}`);
    await home.getByRole('heading', { level: 1, name: PURPOSE }).waitFor();
    const lines = (await main(home).locator('table.sp-pay-lines').innerText()).replace(/\s+/g, ' ');
    for (const line of LINES) expect(lines).toContain(line.label);
    // a payment the office asks cannot be given up by the citizen
    expect(await main(home).getByRole('button', { name: 'Modifica la domanda' }).count()).toBe(0);
    await check(home, 'pagamento-richiesto');
    await main(home).getByRole('button', { name: 'Paga con pagoPA' }).click();
    await payOnSimulator(home);
    await home.waitForURL((url) => url.pathname === `/area-personale/pagamenti/${requested.id}` && url.searchParams.get('esito') === 'ok');
    await main(home).getByRole('heading', { level: 2, name: 'Pagamento riuscito' }).waitFor();
    await main(home).getByText('La pratica riprende.').waitFor();
    await check(home, 'pagamento-richiesto-pagato');

    // the application: in progress again, the payment paid, no banner
    await main(home).getByRole('link', { name: `Vai alla pratica ${application.code}` }).click();
    await home.waitForURL((url) => url.pathname === applicationPath);
    await main(home).getByText('In lavorazione').first().waitFor();
    const payments = main(home).getByRole('region', { name: 'Pagamenti' });
    expect(await payments.innerText()).toContain('Pagato');
    expect(await main(home).getByRole('link', { name: 'Vai al pagamento' }).count()).toBe(0);
    await check(home, 'pratica-ripresa');
    const resumed = await ok<ApplicationDetail>(j.app, giulia, { url: `/api/v1/applications/${application.id}` });
    expect(resumed.status).toBe('in_progress');

    // the payment_notice message reached her inbox
    await drainWork(j.ctx);
    const paid = await ok<PaymentDetail>(j.app, giulia, { url: `/api/v1/payments/${requested.id}` });
    expect(paid.status).toBe('paid');
    const subject = `Avviso di pagamento ${formatNoticeNumber(paid.noticeNumber)}`;
    const inbox = await ok<{ items: { subject: string; body: string }[] }>(j.app, giulia, { url: '/api/v1/me/notifications' });
    const message = inbox.items.find((n) => n.subject === subject);
    expect(message?.body).toContain(formatEuro(TOTAL));
    await home.goto(`${j.baseUrl}/area-personale/messaggi`);
    await main(home).getByText(subject).first().waitFor();
    await check(home, 'messaggi');

    // the office sees it back in progress, the payment paid
    await office.reload();
    await caseStatus(office, 'In lavorazione');
    const officePanel = main(office).getByRole('region', { name: 'Pagamenti' });
    await officePanel.getByText('Pagato').waitFor();
    expect(await officePanel.getByRole('button', { name: 'Richiedi pagamento' }).count()).toBe(1);
    await check(office, 'ufficio-ripresa');
  });

  it('d. the manager finds a paid payment, reconciles today and refunds it with a reason', async () => {
    const amina = await citizenSession('amina-el-idrissi');
    const application = await fileDemoApplication(j.app, j.ctx, amina, 'amina-el-idrissi', FORM_SERVICE_SLUGS.idoneitaAlloggiativa);
    const summary = application.payments!.find((p) => p.purpose === 'before_submission')!;
    expect(summary.status).toBe('paid');
    const notice = formatNoticeNumber(summary.noticeNumber);
    const head = officer('comune-di-valdoro', 'manager');

    const page = await j.newPage(DESKTOP);
    await loginAsOperator(page, j.baseUrl, head.email, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Pagamenti', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/backoffice/pagamenti');
    await page.getByRole('heading', { level: 1, name: 'Pagamenti' }).waitFor();
    const row = main(page).locator('table tbody tr', { hasText: notice });
    await row.waitFor();
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    expect(rowText).toContain('Pagato');
    expect(rowText).toContain(application.code);
    expect(rowText).toContain(formatEuro(summary.amountCents));
    expect(await row.textContent()).toContain('Non riconciliato');
    await check(page, 'ufficio-pagamenti');

    // today's reporting flow: the payment is in it
    await main(page).getByRole('link', { name: 'Riconciliazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Riconciliazione' }).waitFor();
    await main(page).getByLabel('Giorno').fill(clock.today());
    await main(page).getByRole('button', { name: 'Riconcilia' }).click();
    const result = main(page).getByRole('region', { name: /^Esito della riconciliazione del/ });
    await result.waitFor();
    const matched = Number(await result.locator('li', { hasText: 'Riconciliati ora' }).locator('strong').innerText());
    expect(matched).toBeGreaterThanOrEqual(1);
    await result.getByText('Nessuna discrepanza').waitFor();
    await result.getByText('Nessun pagamento dell\'ente manca dal flusso.').waitFor();
    await check(page, 'ufficio-riconciliazione');

    // the list says so
    await page.getByRole('navigation', { name: 'Percorso di navigazione' }).getByRole('link', { name: 'Pagamenti' }).click();
    await page.waitForURL((url) => url.pathname === '/backoffice/pagamenti');
    const reconciledRow = main(page).locator('table tbody tr', { hasText: notice });
    await reconciledRow.getByText('Riconciliato', { exact: true }).waitFor();

    // the refund, with a reason the payer reads
    await reconciledRow.getByRole('link', { name: summary.description }).click();
    await page.waitForURL((url) => url.pathname === `/backoffice/pagamenti/${summary.id}`);
    await main(page).getByText(/Riconciliato il/).first().waitFor();
    await main(page).getByRole('button', { name: 'Rimborsa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rimborsa il pagamento' });
    await dialog.waitFor();
    await dialog.getByLabel(/Motivo/).fill(REFUND_REASON);
    await check(page, 'ufficio-rimborso');
    await dialog.getByRole('button', { name: 'Conferma il rimborso' }).click();
    await main(page).getByText('Rimborso disposto.').waitFor();
    await main(page).getByText('Rimborsato').first().waitFor();
    expect(await main(page).getByRole('button', { name: 'Rimborsa' }).count()).toBe(0);
    await check(page, 'ufficio-rimborsato');

    const refunded = await ok<PaymentDetail>(j.app, amina, { url: `/api/v1/payments/${summary.id}` });
    expect(refunded.status).toBe('refunded');
    expect(refunded.statusReason).toBe(REFUND_REASON);
  });
});
