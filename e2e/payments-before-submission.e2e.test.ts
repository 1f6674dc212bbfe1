/**
 * Paying before the application is sent (issue 9), on a 360 px phone, through the built-in pagoPA simulator.
 * Amina El Idrissi asks Valdoro for the certificato di idoneità alloggiativa, whose workflow asks 2 × 16 € of stamp
 * duty and 40 € of the body's fees before sending. Her draft (the demo sample's answers and documents) is prepared
 * through the API; the rest happens in the browser.
 *
 *  a. success: the summary shows "Da pagare prima dell'invio" with the lines and the total; "Invia e vai al
 *     pagamento" leads to the payment page (the application waits in payment_pending, not sent); she downloads the
 *     notice, pays with "Pagamento riuscito" + "Subito" on the simulator, comes back to "Pagamento riuscito" and
 *     "La tua domanda è stata inviata", follows the link to the application, sent and then registered by the
 *     protocol; she downloads the receipt, a PDF carrying the notice number.
 *  b. a card refused, then a late confirmation: "Pagamento non riuscito (carta rifiutata)" brings her back to "Il
 *     pagamento non è riuscito" with nothing sent; "Paga con pagoPA" again, "Pagamento riuscito" with the
 *     confirmation "In ritardo" (no callback: only asking the provider finds it). The page says it is receiving
 *     the confirmation, then turns to "Pagamento riuscito" by itself.
 *
 * Every page (the simulator's too): axe with no serious or critical violation, no sideways scroll at 360 px, a
 * screenshot under /tmp/shots/pay-e2e-*.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import type { PaymentDetail } from '../src/contracts/payments.ts';
import { formatEuro, formatNoticeNumber } from '../src/contracts/payments.ts';
import { FORM_SERVICE_SLUGS } from '../src/server/db/seed/demo/forms/index.ts';
import { clock } from '../src/server/platform/clock.ts';
import type { TestSession } from '../test/support/auth.ts';
import { citizenLogin } from '../test/support/oidc-browser.ts';
import { pdftotext } from '../test/support/pdf-signature.ts';
import { ok, prepareDemoDraft } from './support/applications.ts';
import { hasBrowser, seriousViolations, startJourney } from './support/browser.ts';
import { signInAsCitizen } from './support/citizen-login.ts';
import { main, noSidewaysScroll, screenshots } from './support/page.ts';

const PHONE = { width: 360, height: 800 };
const CITIZEN = 'amina-el-idrissi';
const SERVICE = FORM_SERVICE_SLUGS.idoneitaAlloggiativa;
/** Valdoro's fees for the certificate (src/server/db/seed/demo/workflows.ts) */
const STAMP = { label: 'Imposta di bollo sulla richiesta e sul certificato (2 × 16,00 €)', cents: 3200 };
const FEES = { label: 'Diritti di istruttoria e sopralluogo', cents: 4000 };
const TOTAL = STAMP.cents + FEES.cents;
const ONE_MINUTE_IN_DAYS = 1 / 1440;

describe.skipIf(!hasBrowser)('paying before sending an application with pagoPA', { timeout: 180_000 }, () => {
  let j: Awaited<ReturnType<typeof startJourney>>;
  let amina: TestSession;

  beforeAll(async () => {
    j = await startJourney();
    amina = await (await citizenLogin(j.app, j.baseUrl, CITIZEN)).browser.session();
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await j?.stop();
  });

  const shot = screenshots('pay-e2e');
  /** axe with no serious or critical violation, no sideways scroll at 360 px, a screenshot. */
  const check = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    expect(await noSidewaysScroll(page), `${name}: sideways scroll at 360 px`).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, name);
  };
  const application = (id: string) => ok<ApplicationDetail>(j.app, amina, { url: `/api/v1/applications/${id}` });
  const payment = (id: string) => ok<PaymentDetail>(j.app, amina, { url: `/api/v1/payments/${id}` });

  /** A draft with the sample's answers and documents, left at the summary, open in a phone signed in as Amina. */
  const atSummary = async () => {
    const id = await prepareDemoDraft(j.app, amina, CITIZEN, SERVICE);
    await ok(j.app, amina, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { currentStep: 'riepilogo' } });
    const page = await j.newPage(PHONE);
    await signInAsCitizen(page, j.baseUrl, CITIZEN, `/pratiche/${id}/compila`);
    await main(page).getByRole('heading', { level: 2, name: /Riepilogo$/ }).waitFor();
    return { id, page };
  };

  /** "Invia e vai al pagamento": the payment page of the payment asked before sending; returns its id. */
  const sendAndGoToPayment = async (page: Page) => {
    await main(page).getByRole('button', { name: 'Invia e vai al pagamento' }).click();
    await page.waitForURL(/\/area-personale\/pagamenti\/[0-9a-f-]{36}$/);
    const paymentId = new URL(page.url()).pathname.split('/').pop()!;
    await main(page).getByRole('button', { name: 'Paga con pagoPA' }).waitFor();
    return paymentId;
  };

  /** On the simulator's page: the outcome and how the body hears of it (before "Conferma"). */
  const choose = async (page: Page, outcome: string, delivery: string) => {
    await page.waitForURL(/\/pagopa-simulatore\/pagamento\/[A-Za-z0-9_-]{22}$/);
    await page.getByRole('heading', { level: 1, name: "Paga l'avviso" }).waitFor();
    await page.getByRole('radio', { name: outcome, exact: true }).check();
    await page.getByRole('radio', { name: delivery, exact: true }).check();
  };

  /** Clicks a download link and answers the file's bytes. */
  const download = async (page: Page, name: RegExp) => {
    const [file] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('link', { name }).click()]);
    return readFile(await file.path());
  };
  const pdfWithNotice = async (pdf: Buffer, noticeNumber: string) => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdftotext(pdf);
    expect(text.replace(/\s+/g, '')).toContain(noticeNumber);
    return text;
  };

  it('a. pays with success: the summary shows what to pay, the payment sends the application, the receipt is a PDF', async () => {
    const { id, page } = await atSummary();

    // the summary: what the answers make her pay before sending, and the button that says so
    const fees = main(page).getByRole('region', { name: "Da pagare prima dell'invio" });
    await fees.waitFor();
    const feesText = (await fees.innerText()).replace(/\s+/g, ' ');
    expect(feesText).toContain(`${STAMP.label} ${formatEuro(STAMP.cents)}`);
    expect(feesText).toContain(`${FEES.label} ${formatEuro(FEES.cents)}`);
    expect(await main(page).getByTestId('fees-total').innerText()).toBe(formatEuro(TOTAL));
    await check(page, 'riepilogo');

    // sending: checked and frozen, not sent yet — the payment page
    const paymentId = await sendAndGoToPayment(page);
    const waiting = await application(id);
    expect(waiting.status).toBe('payment_pending');
    expect(waiting.submittedAt).toBeNull();
    const p = await payment(paymentId);
    expect(p.purpose).toBe('before_submission');
    expect(p.amountCents).toBe(TOTAL);
    await page.getByRole('heading', { level: 1, name: p.description }).waitFor();
    const head = main(page).locator('.sp-pay-head');
    expect(await head.innerText()).toContain('Da pagare');
    const lines = (await main(page).locator('table.sp-pay-lines').innerText()).replace(/\s+/g, ' ');
    expect(lines).toContain(STAMP.label);
    expect(lines).toContain(FEES.label);
    expect(lines).toContain(`Totale ${formatEuro(TOTAL)}`);
    expect(await main(page).getByTestId('notice-number').innerText()).toBe(formatNoticeNumber(p.noticeNumber));
    await check(page, 'da-pagare');

    // the printable notice, for a bank or a shop
    const notice = await pdfWithNotice(await download(page, /Scarica l'avviso di pagamento/), p.noticeNumber);
    expect(notice).toContain(p.bodyFiscalCode);

    // pagoPA (the simulator): paid, confirmed at once
    await main(page).getByRole('button', { name: 'Paga con pagoPA' }).click();
    await choose(page, 'Pagamento riuscito', 'Subito');
    expect((await page.locator('main').innerText()).replace(/\s+/g, ' ')).toContain(formatEuro(TOTAL));
    await check(page, 'simulatore');
    await page.getByRole('button', { name: 'Conferma' }).click();

    // back on the portal: the outcome, and the application sent
    await page.waitForURL((url) => url.pathname === `/area-personale/pagamenti/${paymentId}` && url.searchParams.get('esito') === 'ok');
    const outcome = main(page).getByRole('heading', { level: 2, name: 'Pagamento riuscito' });
    await outcome.waitFor();
    await main(page).getByText('La tua domanda è stata inviata.').waitFor();
    expect(await head.innerText()).toContain('Pagato');
    // the focus is on the outcome, the first thing a screen reader says
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Pagamento riuscito');
    // nothing invites to pay again
    expect(await main(page).getByRole('button', { name: 'Paga con pagoPA' }).count()).toBe(0);
    await check(page, 'pagato');

    // the receipt: a PDF with the notice number
    const receipt = await pdfWithNotice(await download(page, /Scarica la ricevuta/), p.noticeNumber);
    expect(receipt).toMatch(/ricevuta/i);

    // the application: sent, then registered once the protocol registrar has run
    const sent = await application(id);
    expect(sent.submittedAt).not.toBeNull();
    expect(['submitted', 'registered']).toContain(sent.status);
    await main(page).getByRole('link', { name: `Vai alla domanda ${sent.code}` }).click();
    await page.waitForURL((url) => url.pathname === `/area-personale/pratiche/${id}`);
    await main(page).getByText(/Inviata|Protocollata/).first().waitFor();
    await j.ctx.tasks.registrar.drain();
    await expect.poll(async () => (await application(id)).status).toBe('registered');
    await page.reload();
    await main(page).getByText('Protocollata').first().waitFor();
    const paid = main(page).locator('section[aria-labelledby="pagamenti"]');
    expect((await paid.innerText()).replace(/\s+/g, ' ')).toContain(`${formatEuro(TOTAL)}`);
    expect(await paid.innerText()).toContain('Pagato');
    // no banner asking to pay any more
    expect(await main(page).getByRole('link', { name: 'Vai al pagamento' }).count()).toBe(0);
    await check(page, 'domanda-inviata');
  });

  it('b. a refused card sends nothing; paying again, the late confirmation arrives while the page waits', async () => {
    const { id, page } = await atSummary();
    const paymentId = await sendAndGoToPayment(page);

    // the card is refused
    await main(page).getByRole('button', { name: 'Paga con pagoPA' }).click();
    await choose(page, 'Pagamento non riuscito (carta rifiutata)', 'Subito');
    await page.getByRole('button', { name: 'Conferma' }).click();
    await page.waitForURL((url) => url.pathname === `/area-personale/pagamenti/${paymentId}` && url.searchParams.get('esito') === 'ko');
    await main(page).getByRole('heading', { level: 2, name: 'Il pagamento non è riuscito' }).waitFor();
    await main(page).getByText('Non ti è stato addebitato nulla. Puoi riprovare.').waitFor();
    await expect.poll(async () => (await payment(paymentId)).status).toBe('failed');
    expect(await main(page).locator('.sp-pay-head').innerText()).toContain('Pagamento non riuscito');
    // nothing was sent
    const notSent = await application(id);
    expect(notSent.status).toBe('payment_pending');
    expect(notSent.submittedAt).toBeNull();
    await check(page, 'non-riuscito');

    // again, from the message itself: paid, but the confirmation travels only when someone asks pagoPA
    await main(page).getByRole('button', { name: 'Paga con pagoPA' }).click();
    await choose(page, 'Pagamento riuscito', 'In ritardo (solo con la verifica periodica)');
    // Her page asks the server every 2 s, and the server asks pagoPA at most once every 3 s per checkout. So that
    // the wait is seen whatever the speed of the machine, pagoPA is asked once (as by a second tab of hers) with
    // the program's clock a minute ahead: for the next minute of real time nobody asks again.
    clock.advanceDays(ONE_MINUTE_IN_DAYS);
    try {
      const r = await page.context().request.get(`${j.baseUrl}/api/v1/payments/${paymentId}`);
      expect(((await r.json()) as PaymentDetail).status).toBe('pending');
    } finally {
      clock.reset();
    }
    await page.getByRole('button', { name: 'Conferma' }).click();
    await page.waitForURL((url) => url.pathname === `/area-personale/pagamenti/${paymentId}` && url.searchParams.get('esito') === 'ok');
    await main(page).getByRole('heading', { level: 2, name: 'Stiamo ricevendo la conferma del pagamento…' }).waitFor();
    await main(page).getByText('questa pagina si aggiorna da sola. Non pagare di nuovo.', { exact: false }).waitFor();
    // while waiting: no invitation to pay again, and still nothing sent
    expect(await main(page).getByRole('button', { name: 'Paga con pagoPA' }).count()).toBe(0);
    expect((await application(id)).status).toBe('payment_pending');
    await check(page, 'in-attesa-conferma');

    // time passes (two minutes of the program's clock): the page's next question finds the payment, by itself
    clock.advanceDays(2 * ONE_MINUTE_IN_DAYS);
    try {
      await main(page).getByRole('heading', { level: 2, name: 'Pagamento riuscito' }).waitFor({ timeout: 15_000 });
    } finally {
      clock.reset();
    }
    await main(page).getByText('La tua domanda è stata inviata.').waitFor();
    const sent = await application(id);
    expect(sent.submittedAt).not.toBeNull();
    expect(['submitted', 'registered']).toContain(sent.status);
    const paid = await payment(paymentId);
    expect(paid.status).toBe('paid');
    expect(paid.receipt?.amountCents).toBe(TOTAL);
    await check(page, 'pagato-in-ritardo');
    await main(page).getByRole('link', { name: `Vai alla domanda ${sent.code}` }).waitFor();
  });
});
