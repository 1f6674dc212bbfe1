/**
 * A notice paid away from the portal's checkout — at a bank, a post office, a shop, in the IO app, as the printed
 * notice tells people to — is recorded like any confirmation and moves the application; the simulator refuses a
 * notice already paid; a second "Paga" resumes the open checkout; the reporting flow records a payment whose
 * confirmation never arrived; a duplicate is refunded alone; the office's views, its access log and the debtor's
 * code; a confirmation and a withdrawal at the same time never deadlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, SubmissionAcknowledgement } from '../src/contracts/applications.ts';
import { partitaIva } from '../src/contracts/fiscal-code.ts';
import type { PaymentDetail, PaymentSummary } from '../src/contracts/payments.ts';
import { DEFAULT_WORKFLOW } from '../src/contracts/workflow.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { ALREADY_PAID_REASON, SimulatorNoticeRefused } from '../src/server/modules/payments/pagopa-simulator.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { payAtCounter, readPayment, readyDraft, signedCallback, startCheckout } from './support/payments.ts';

const ORIGIN = 'http://localhost:3000';
const CASTELROCCA = 'comune-di-castelrocca';
const ITEMS = [{ label: 'Diritti di istruttoria', amountCents: 2450, kind: 'diritti' as const }];

describe('payments: a notice paid at the counter, double payments, reconciliation, the office’s views', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let laura: TestSession;
  let giuliaCode: string;
  let castelroccaId: string;
  let serviceId: string;
  let feeServiceId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-payments-counter` } });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    giuliaCode = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().fiscalCode;
    castelroccaId = (await t.ctx.services.tenants.get(CASTELROCCA)).id;
    serviceId = await createFormService(t.ctx, CASTELROCCA, { maxDays: 30 });
    feeServiceId = await createFormService(t.ctx, CASTELROCCA, { maxDays: 30, workflow: { ...DEFAULT_WORKFLOW, paymentBeforeSubmission: true,
      fees: [{ id: 'diritti', label: 'Diritti di segreteria', kind: 'diritti', amountCents: 1600 }] } });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  const sim = () => t.ctx.services.pagopaSimulator!;
  const detail = async (s: TestSession, id: string) => (await t.app.inject(as(s, { url: `/api/v1/applications/${id}` }))).json() as ApplicationDetail;
  const appEvents = (id: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('application_events').select(['type', 'from_status', 'to_status'])
    .where('application_id', '=', id).orderBy('at').orderBy('id').execute());
  const paymentEvents = (id: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('payment_events').select(['type', 'provider_event_id', 'details'])
    .where('payment_id', '=', id).orderBy('seq').execute());
  const callback = (payload: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload, headers });
  const newDebt = async (body: object = {}) => {
    const r = await t.app.inject(as(laura, { method: 'POST', url: '/api/v1/payments', payload: {
      tenantId: castelroccaId, debtorFiscalCode: giuliaCode, debtorName: 'Giulia Ferrari', description: 'TARI 2026, rata unica',
      items: [{ label: 'Tassa sui rifiuti', amountCents: 12_450, kind: 'tributo' }], dueDate: addDays(clock.today(), 7), ...body,
    } }));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as PaymentDetail;
  };
  const requested = async (id: string) => {
    const r = await t.app.inject(as(laura, { method: 'POST', url: `/api/v1/applications/${id}/payment-request`,
      payload: { description: 'Diritti di istruttoria', items: ITEMS, dueDate: addDays(clock.today(), 20) } }));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as PaymentDetail;
  };
  const refused = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      expect(error).toBeInstanceOf(SimulatorNoticeRefused);
      return (error as SimulatorNoticeRefused).reason;
    }
    throw new Error('the simulator took the payment');
  };

  it('submits the waiting application once when its notice is paid at the counter; the same confirmation again is one event', async () => {
    const id = await readyDraft(t.app, giulia, feeServiceId);
    const sent = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/submit`, payload: {} }));
    expect(sent.statusCode, sent.body).toBe(201);
    const ack = sent.json() as SubmissionAcknowledgement;
    const payment = await readPayment(t.app, giulia, ack.payment!.id);

    // the office does not get a link to an application not yet sent; the citizen does
    const staffView = await readPayment(t.app, laura, payment.id);
    expect(staffView.application).toBeNull();
    const listed = (await t.app.inject(as(laura, { url: `/api/v1/payments?tenant=${castelroccaId}&q=${payment.noticeNumber}` }))).json().items as PaymentSummary[];
    expect(listed.map((p) => [p.id, p.application])).toEqual([[payment.id, null]]);
    expect(payment.application?.id).toBe(id);

    const { receiptId } = await payAtCounter(t.ctx, payment);
    const paid = await readPayment(t.app, giulia, payment.id);
    expect(paid.status).toBe('paid');
    expect(paid.receipt).toMatchObject({ receiptId, channel: 'sportello', amountCents: 1600 });
    expect((await detail(giulia, id)).submittedAt).not.toBeNull();
    // sent now: the office sees the application it belongs to
    expect((await readPayment(t.app, laura, payment.id)).application?.id).toBe(id);

    // the provider sends the same confirmation again (same event id): nothing more happens
    const [first] = (await paymentEvents(payment.id)).filter((e) => e.provider_event_id);
    const again = signedCallback(t.ctx, { eventId: first!.provider_event_id!, bodyFiscalCode: payment.bodyFiscalCode, noticeNumber: payment.noticeNumber, outcome: 'paid',
      receipt: { receiptId, psp: paid.receipt!.psp, channel: 'sportello', paidAt: paid.receipt!.paidAt, amountCents: 1600 } });
    const answers = await Promise.all([1, 2, 3].map(() => callback(again.payload, again.headers)));
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204, 204]);
    expect((await paymentEvents(payment.id)).filter((e) => e.type === 'paid')).toHaveLength(1);
    expect((await paymentEvents(payment.id)).filter((e) => e.provider_event_id === first!.provider_event_id)).toHaveLength(1);
    expect((await appEvents(id)).filter((e) => e.type === 'submitted')).toHaveLength(1);
  });

  it('resumes the office’s work where it was (registered or in progress) when the requested payment is paid at the counter', async () => {
    const registered = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    expect((await detail(laura, registered)).status).toBe('registered');
    const asked = await requested(registered);
    await payAtCounter(t.ctx, asked);
    expect((await readPayment(t.app, giulia, asked.id)).status).toBe('paid');
    expect((await detail(laura, registered)).status).toBe('registered');
    expect((await appEvents(registered)).filter((e) => e.type === 'payment_received').map((e) => e.to_status)).toEqual(['registered']);

    const working = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    expect((await officeStep(t.app, laura, working, 'take_charge')).statusCode).toBe(200);
    const second = await requested(working);
    await payAtCounter(t.ctx, second);
    expect((await detail(laura, working)).status).toBe('in_progress');

    // taken back by the office: back to where it was too
    const third = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    const withdrawnAsk = await requested(third);
    const cancelled = await t.app.inject(as(laura, { method: 'POST', url: `/api/v1/payments/${withdrawnAsk.id}/cancel`, payload: { reason: 'Chiesto per errore' } }));
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await detail(laura, third)).status).toBe('registered');
  });

  it('pays a debt at the counter once: an already paid, withdrawn or unknown notice, or another amount, is refused', async () => {
    const debt = await newDebt();
    expect(await refused(() => sim().payNotice(debt.bodyFiscalCode, debt.noticeNumber, debt.amountCents - 1))).toBe('amount');
    await payAtCounter(t.ctx, debt);
    expect((await readPayment(t.app, giulia, debt.id)).status).toBe('paid');
    expect(await refused(() => sim().payNotice(debt.bodyFiscalCode, debt.noticeNumber, debt.amountCents))).toBe('already_paid');
    expect((await paymentEvents(debt.id)).filter((e) => e.type === 'paid' || e.type === 'duplicate_payment').map((e) => e.type)).toEqual(['paid']);

    const gone = await newDebt();
    expect((await t.app.inject(as(laura, { method: 'POST', url: `/api/v1/payments/${gone.id}/cancel`, payload: { reason: 'Rata non dovuta' } }))).statusCode).toBe(200);
    expect(await refused(() => sim().payNotice(gone.bodyFiscalCode, gone.noticeNumber, gone.amountCents))).toBe('withdrawn');
    expect(await refused(() => sim().payNotice(debt.bodyFiscalCode, '301999999999999957', 100))).toBe('unknown');
  });

  it('resumes the open checkout on a second "Paga", and refuses on the page a notice paid meanwhile at the counter', async () => {
    const debt = await newDebt();
    const one = await startCheckout(t.app, giulia, debt.id);
    const two = await startCheckout(t.app, giulia, debt.id);
    expect(two.redirectUrl).toBe(one.redirectUrl);
    await payAtCounter(t.ctx, debt);
    const page = await t.app.inject({ url: one.path });
    expect(page.body).toContain('Avviso già pagato');
    const answer = await t.app.inject({ method: 'POST', url: one.path, payload: new URLSearchParams({ esito: 'paid', conferma: 'callback' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.statusCode).toBe(409);
    expect(answer.body).toContain('esito=ko');
    await sim().whenDelivered();
    const after = await readPayment(t.app, giulia, debt.id);
    expect(after.status).toBe('paid');
    expect(after.events.map((e) => e.type)).not.toContain('duplicate_payment');
    expect((await sim().outcomeOf(one.sessionId))?.reason).toBe(ALREADY_PAID_REASON);
  });

  it('records from the reporting flow a payment whose confirmation never arrived, and lists an unknown receipt of a known notice', async () => {
    const debt = await newDebt();
    const listener = sim().onCallback;
    sim().onCallback = null; // the confirmation is lost on the way
    try {
      await payAtCounter(t.ctx, debt);
    } finally {
      sim().onCallback = listener;
    }
    expect((await readPayment(t.app, giulia, debt.id)).status).toBe('created');
    const today = clock.today();
    sim().forceFlowExtra(castelroccaId, today, { noticeNumber: debt.noticeNumber, amountCents: debt.amountCents, receiptId: 'RIC-MAI-VISTA' });
    const reconcile = () => t.app.inject(as(laura, { method: 'POST', url: '/api/v1/payments/reconciliation', payload: { tenantId: castelroccaId, date: today } }));
    const first = await reconcile();
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json();
    const paid = await readPayment(t.app, laura, debt.id);
    expect(paid.status).toBe('paid');
    expect(paid.reconciledAt).not.toBeNull();
    expect(result.discrepancies).toContainEqual({ noticeNumber: debt.noticeNumber, problem: expect.stringMatching(/RIC-MAI-VISTA/) });
    expect(result.missingFromFlow).toEqual([]);
    // again: nothing applied twice
    await reconcile();
    expect((await paymentEvents(debt.id)).filter((e) => e.type === 'paid')).toHaveLength(1);
  });

  it('refunds money that came twice alone: the payment stays paid', async () => {
    const debt = await newDebt();
    await payAtCounter(t.ctx, debt);
    // a second collection of the same notice at the provider (as a provider's mistake would make), then its confirmation
    const receiptId = 'RIC-DOPPIA-0001';
    await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('pagopa_simulator_sessions' as never).values({
      id: 'avviso:doppio-0001', tenant_id: castelroccaId, notice_number: debt.noticeNumber, body_fiscal_code: debt.bodyFiscalCode, amount_cents: debt.amountCents,
      description: debt.description, return_url: '', outcome: 'paid', delivery: 'callback', decided_at: clock.now(), receipt_id: receiptId, psp: 'Banca Simulata',
    } as never).execute());
    const twice = signedCallback(t.ctx, { eventId: 'doppio-0001', bodyFiscalCode: debt.bodyFiscalCode, noticeNumber: debt.noticeNumber, outcome: 'paid',
      receipt: { receiptId, psp: 'Banca Simulata', channel: 'sportello', paidAt: clock.now().toISOString(), amountCents: debt.amountCents } });
    expect((await callback(twice.payload, twice.headers)).statusCode).toBe(204);
    expect((await readPayment(t.app, laura, debt.id)).events.map((e) => e.type)).toContain('duplicate_payment');

    const refund = (body: object) => t.app.inject(as(laura, { method: 'POST', url: `/api/v1/payments/${debt.id}/refund`, payload: body }));
    expect((await refund({ reason: 'Pagato due volte', receiptId: 'RIC-INESISTENTE' })).statusCode).toBe(404);
    const done = await refund({ reason: 'Pagato due volte', receiptId });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('paid');
    expect((done.json() as PaymentDetail).events.map((e) => e.type)).toContain('duplicate_refunded');
    expect((await refund({ reason: 'Pagato due volte', receiptId })).statusCode).toBe(409);
  });

  it('checks the debtor’s code: a personal fiscal code or a company’s, with the right check character', async () => {
    const post = (debtorFiscalCode: string) => t.app.inject(as(laura, { method: 'POST', url: '/api/v1/payments', payload: {
      tenantId: castelroccaId, debtorFiscalCode, debtorName: 'Impresa Rossi', description: 'Canone', items: ITEMS, dueDate: addDays(clock.today(), 7) } }));
    const wrongCheck = `${giuliaCode.slice(0, 15)}${giuliaCode[15] === 'A' ? 'B' : 'A'}`;
    const bad = await post(wrongCheck);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.debtorFiscalCode');
    const company = partitaIva('0123456789');
    expect((await post(company)).statusCode).toBe(201);
    expect((await post(`${company.slice(0, 10)}${(Number(company[10]) + 1) % 10}`)).statusCode).toBe(400);
  });

  it('logs an office’s repeated reads of one payment once a day', async () => {
    const debt = await newDebt();
    for (let i = 0; i < 3; i++) await readPayment(t.app, laura, debt.id);
    const logged = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select(['operation']).where('object_id', '=', debt.id)
      .where('operation', '=', 'payment').execute());
    expect(logged).toHaveLength(1);
  });

  it('never deadlocks a confirmation against the applicant’s withdrawal: one consistent end every time', async () => {
    for (let i = 0; i < 4; i++) {
      const id = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
      const asked = await requested(id);
      const confirmation = signedCallback(t.ctx, { eventId: `banco-${asked.id}`, bodyFiscalCode: asked.bodyFiscalCode, noticeNumber: asked.noticeNumber, outcome: 'paid',
        receipt: { receiptId: `RIC-BANCO-${i}-${asked.id.slice(0, 8)}`, psp: 'Poste', channel: 'sportello', paidAt: clock.now().toISOString(), amountCents: 2450 } });
      const [paid, withdrawn] = await Promise.all([
        callback(confirmation.payload, confirmation.headers),
        t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/transitions/withdraw`, payload: {} })),
      ]);
      expect(paid.statusCode, paid.body).toBe(204);
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      const app = await detail(giulia, id);
      expect(app.status).toBe('withdrawn');
      const payment = await readPayment(t.app, giulia, asked.id);
      expect(payment.status).toBe('paid');
      expect(payment.events.filter((e) => e.type === 'paid' || e.type === 'paid_after_cancellation')).toHaveLength(1);
    }
  });
});
