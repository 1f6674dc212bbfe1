/**
 * Paying before submission: a service that asks its fees first. The application waits in payment_pending (never
 * seen by the offices), and is sent by itself once the payment is confirmed — through the simulator's own page and
 * callback, by polling when the confirmation never arrives, once however many times it arrives. Also: the applicant
 * gives up the payment to change the answers, a confirmation after that, and amounts that stay whole cents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, SubmissionAcknowledgement } from '../src/contracts/applications.ts';
import type { FeeRule } from '../src/contracts/payments.ts';
import { DEFAULT_WORKFLOW } from '../src/contracts/workflow.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { isValidNoticeNumber } from '../src/server/modules/payments/notice-number.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays, dueDate, romeDate } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, platformAdmin, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { decideOnPage, pay, readPayment, readyDraft, signedCallback, startCheckout } from './support/payments.ts';

/** sent: submitted, or already registered by the protocol registrar, which also runs on its own timer */
const SENT = /^(submitted|registered)$/;
const ORIGIN = 'http://localhost:3000';
const CASTELROCCA = 'comune-di-castelrocca';
const FEES: FeeRule[] = [
  { id: 'diritti', label: 'Diritti di segreteria', kind: 'diritti', amountCents: 1600 },
  { id: 'bollo', label: 'Imposta di bollo', kind: 'bollo', amountCents: 1600 },
];

describe('paying before submission', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let laura: TestSession; // operator at Castelrocca's anagrafe, where the test services are handled
  let castelroccaId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-payments-before` } });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    castelroccaId = (await t.ctx.services.tenants.get(CASTELROCCA)).id;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  const feeService = (fees: FeeRule[] = FEES) => createFormService(t.ctx, CASTELROCCA, { maxDays: 30, workflow: { ...DEFAULT_WORKFLOW, paymentBeforeSubmission: true, fees } });
  const submit = (id: string) => t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/submit`, payload: {} }));
  const detail = async (s: TestSession, id: string) => (await t.app.inject(as(s, { url: `/api/v1/applications/${id}` }))).json() as ApplicationDetail;
  const events = (id: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('application_events').select(['type', 'from_status', 'to_status'])
    .where('application_id', '=', id).orderBy('at').orderBy('id').execute());
  const paymentEvents = (id: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('payment_events').select(['type', 'to_status', 'provider_event_id'])
    .where('payment_id', '=', id).orderBy('seq').execute());
  /** A draft of a fee service sent: the application waits for its payment; returns both ids. */
  const waiting = async (serviceId?: string) => {
    const id = await readyDraft(t.app, giulia, serviceId ?? await feeService());
    const sent = await submit(id);
    expect(sent.statusCode, sent.body).toBe(201);
    const ack = sent.json() as SubmissionAcknowledgement;
    return { id, paymentId: ack.payment!.id, ack };
  };

  it('asks the fees first, then sends the application by itself once paid, with its due date from that day', async () => {
    const serviceId = await feeService();
    const hook = await t.ctx.services.webhooks.create(platformAdmin(castelroccaId), undefined, { url: 'https://integratore.example.org/pagamenti', events: ['it.sportello.payment.completed'] });
    const id = await readyDraft(t.app, giulia, serviceId);
    const fees = await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}/fees` }));
    expect(fees.statusCode, fees.body).toBe(200);
    expect(fees.json()).toEqual({ items: [
      { label: 'Diritti di segreteria', amountCents: 1600, kind: 'diritti' }, { label: 'Imposta di bollo', amountCents: 1600, kind: 'bollo' },
    ], totalCents: 3200 });

    const sent = await submit(id);
    expect(sent.statusCode, sent.body).toBe(201);
    const ack = sent.json() as SubmissionAcknowledgement;
    expect(ack).toMatchObject({ status: 'payment_pending', submittedAt: null, protocol: null, payment: { amountCents: 3200 } });
    // sending again (a double click) gives the same payment, not a second one
    const again = await submit(id);
    expect(again.statusCode).toBe(200);
    expect(again.json().payment).toEqual(ack.payment);

    // answers frozen; nothing to withdraw yet; the offices do not see an application that was never sent
    const save = await t.app.inject(as(giulia, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { currentStep: 'alloggio' } }));
    expect(save.statusCode).toBe(409);
    expect(save.json().detail).toMatch(/annulla prima il pagamento/);
    const mine = await detail(giulia, id);
    expect(mine.status).toBe('payment_pending');
    expect(mine.actions).toEqual([]);
    expect(mine.clock).toBeNull();
    expect(mine.payments).toEqual([expect.objectContaining({ id: ack.payment!.id, purpose: 'before_submission', status: 'created', amountCents: 3200 })]);
    expect((await t.app.inject(as(laura, { url: `/api/v1/applications/${id}` }))).statusCode).toBe(404);
    const queue = (await t.app.inject(as(laura, { url: '/api/v1/applications?queue=open&limit=100' }))).json().items as { id: string }[];
    expect(queue.map((i) => i.id)).not.toContain(id);

    const payment = await readPayment(t.app, giulia, ack.payment!.id);
    expect(payment).toMatchObject({ purpose: 'before_submission', status: 'created', amountCents: 3200, dueDate: addDays(clock.today(), 30),
      application: { id, code: mine.code }, debtor: { name: 'Giulia Ferrari' } });
    expect(isValidNoticeNumber(payment.noticeNumber)).toBe(true);
    expect(payment.actions.sort()).toEqual(['cancel', 'pay']);

    const { path } = await startCheckout(t.app, giulia, payment.id, `/pratiche/${id}/pagamento`);
    const pending = await readPayment(t.app, giulia, payment.id);
    expect(pending.status).toBe('pending');
    expect(pending.openAttempt).not.toBeNull();
    const page = (await t.app.inject({ url: path })).body;
    expect(page).toContain('32,00');
    const back = await decideOnPage(t.app, t.ctx, path, 'paid', 'callback');
    expect(back).toBe(`${ORIGIN}/pratiche/${id}/pagamento?esito=ok`);

    const paid = await readPayment(t.app, giulia, payment.id);
    expect(paid.status).toBe('paid');
    expect(paid.receipt).toMatchObject({ amountCents: 3200, psp: expect.any(String) });
    const sentNow = await detail(giulia, id);
    expect(sentNow.status).toMatch(SENT);
    expect(sentNow.submittedAt).not.toBeNull();
    // sent when the payment came, not when it was asked: the due date counts from that day
    expect(Date.parse(sentNow.submittedAt!)).toBeGreaterThanOrEqual(Date.parse(paid.receipt!.paidAt));
    expect(sentNow.dueDate).toBe(dueDate(romeDate(new Date(sentNow.submittedAt!)), 30));
    // the registrar runs on its own timer too: 'registered' may already follow
    const types = (await events(id)).map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(['created', 'payment_requested', 'payment_received', 'submitted']);
    expect(types.slice(4).every((type) => type === 'registered')).toBe(true);

    await runBackgroundWork(t.ctx);
    const registered = await detail(giulia, id);
    expect(registered.status).toBe('registered');
    expect(registered.protocol?.number).toMatch(/^\d{7,}$/);
    expect(registered.documents.some((d) => d.kind === 'receipt')).toBe(true);
    // now the office sees it, with its payment
    const office = await detail(laura, id);
    expect(office.payments).toEqual([expect.objectContaining({ id: payment.id, status: 'paid' })]);
    // and an integrator heard of the payment
    const deliveries = await t.ctx.services.webhooks.deliveries(platformAdmin(castelroccaId), hook.id, {});
    expect(deliveries.items.map((d) => d.eventType)).toEqual(['it.sportello.payment.completed']);
  });

  it('lets the applicant pay again after a refused payment, and leaves it payable when they give up at the checkout', async () => {
    const { id, paymentId } = await waiting();
    const refused = await pay(t.app, t.ctx, giulia, paymentId, 'failed');
    expect(refused.back).toMatch(/esito=ko$/);
    const failed = await readPayment(t.app, giulia, paymentId);
    expect(failed.status).toBe('failed');
    expect(failed.actions).toContain('pay');
    expect(failed.events.find((e) => e.type === 'failed')?.note).toMatch(/Carta rifiutata/);
    expect((await detail(giulia, id)).status).toBe('payment_pending');

    const gaveUp = await pay(t.app, t.ctx, giulia, paymentId, 'cancelled');
    expect(gaveUp.back).toMatch(/esito=annullato$/);
    expect((await readPayment(t.app, giulia, paymentId)).status).toBe('created');

    await pay(t.app, t.ctx, giulia, paymentId, 'paid');
    expect((await readPayment(t.app, giulia, paymentId)).status).toBe('paid');
    expect((await detail(giulia, id)).status).toMatch(SENT);
    expect((await events(id)).filter((e) => e.type === 'submitted')).toHaveLength(1);
  });

  it('finds a confirmation that never arrived: on the payer’s page at once, and by the background poller', async () => {
    const first = await waiting();
    await pay(t.app, t.ctx, giulia, first.paymentId, 'paid', 'late');
    const raw = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('payment_positions').select('status').where('id', '=', first.paymentId).executeTakeFirstOrThrow());
    expect(raw.status).toBe('pending'); // nobody told the body yet
    // the payer comes back to the page: it asks the provider and finds the payment
    expect((await readPayment(t.app, giulia, first.paymentId)).status).toBe('paid');
    expect((await detail(giulia, first.id)).status).toMatch(SENT);

    const second = await waiting();
    await pay(t.app, t.ctx, giulia, second.paymentId, 'paid', 'late');
    // too fresh for the poller (20 s): it leaves it alone
    await t.ctx.services.payments.pollOpenAttempts();
    expect((await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('payment_positions').select('status').where('id', '=', second.paymentId)
      .executeTakeFirstOrThrow())).status).toBe('pending');
    clock.advanceDays(1 / 1440); // a minute later: the poller asks (this run, or the background task if it came first)
    try {
      await t.ctx.services.payments.pollOpenAttempts();
    } finally {
      clock.reset();
    }
    const found = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('applications').select(['status', 'submitted_at']).where('id', '=', second.id).executeTakeFirstOrThrow());
    expect(found.status).toMatch(SENT);
    expect((await paymentEvents(second.paymentId)).filter((e) => e.type === 'paid')).toHaveLength(1);
  });

  it('pays once and sends once, whether the confirmation comes twice, twenty times at once, or another payment follows', async () => {
    // the provider sends its confirmation twice (a retry)
    const twice = await waiting();
    await pay(t.app, t.ctx, giulia, twice.paymentId, 'paid', 'duplicate');
    expect((await paymentEvents(twice.paymentId)).filter((e) => e.type === 'paid')).toHaveLength(1);
    expect((await events(twice.id)).filter((e) => e.type === 'submitted')).toHaveLength(1);

    // twenty deliveries of the same confirmation at the same moment
    const crowd = await waiting();
    const { sessionId } = await pay(t.app, t.ctx, giulia, crowd.paymentId, 'paid', 'late');
    const outcome = (await t.ctx.services.pagopaSimulator!.outcomeOf(sessionId))!;
    const callback = signedCallback(t.ctx, outcome);
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload: callback.payload, headers: callback.headers })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(204));
    expect((await paymentEvents(crowd.paymentId)).filter((e) => e.type === 'paid')).toHaveLength(1);
    expect((await events(crowd.id)).filter((e) => e.type === 'submitted')).toHaveLength(1);
    await runBackgroundWork(t.ctx);
    const numbered = await detail(giulia, crowd.id);
    expect(numbered.status).toBe('registered');
    const entries = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('application_events').select('id')
      .where('application_id', '=', crowd.id).where('type', '=', 'registered').execute());
    expect(entries).toHaveLength(1);

    // a forged callback is refused
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload: callback.payload,
      headers: { ...callback.headers, 'x-simulator-signature': '0'.repeat(64) } });
    expect(forged.statusCode).toBe(401);

    // a second "Paga" while a checkout is open resumes the same session (never two sessions that could both be paid)
    const double = await waiting();
    const older = await startCheckout(t.app, giulia, double.paymentId);
    const newer = await startCheckout(t.app, giulia, double.paymentId);
    expect(newer.sessionId).toBe(older.sessionId);
    await decideOnPage(t.app, t.ctx, newer.path, 'paid');
    // money that still comes twice (another provider's confirmation with its own receipt) is recorded for a refund
    const first = await readPayment(t.app, giulia, double.paymentId);
    const another = signedCallback(t.ctx, { eventId: `altro-${double.paymentId}`, bodyFiscalCode: first.bodyFiscalCode, noticeNumber: first.noticeNumber, outcome: 'paid',
      receipt: { receiptId: `RIC-ALTRO-${double.paymentId}`, psp: 'Banca Simulata', channel: 'sportello', paidAt: new Date().toISOString(), amountCents: 3200 } });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload: another.payload, headers: another.headers })).statusCode).toBe(204);
    const after = await readPayment(t.app, giulia, double.paymentId);
    expect(after.status).toBe('paid');
    expect(after.events.map((e) => e.type)).toContain('duplicate_payment');
    expect(after.events.filter((e) => e.type === 'paid')).toHaveLength(1);
    expect((await events(double.id)).filter((e) => e.type === 'submitted' || e.type === 'payment_received')).toHaveLength(2);
  });

  it('lets the applicant give up the payment to change the answers; a confirmation arriving after that moves nothing', async () => {
    const { id, paymentId } = await waiting();
    const { sessionId } = await startCheckout(t.app, giulia, paymentId);
    // not while a checkout is in progress
    const busy = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/payments/${paymentId}/cancel`, payload: {} }));
    expect(busy.statusCode, busy.body).toBe(409);
    // the checkout is left (the payer closed the tab); later they give up the payment
    clock.advanceDays(1 / 24);
    try {
      const cancelled = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/payments/${paymentId}/cancel`, payload: {} }));
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    } finally {
      clock.reset();
    }
    const draft = await detail(giulia, id);
    expect(draft.status).toBe('draft');
    expect((await events(id)).at(-1)).toMatchObject({ type: 'payment_cancelled', from_status: 'payment_pending', to_status: 'draft' });
    const save = await t.app.inject(as(giulia, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { data: { alloggio: { indirizzo: 'Via Dante 4', titolo: 'proprieta' } } } }));
    expect(save.statusCode, save.body).toBe(200);
    // the old notice can no longer be printed or paid
    expect((await t.app.inject(as(giulia, { url: `/api/v1/payments/${paymentId}/notice.pdf` }))).statusCode).toBe(409);
    expect((await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/payments/${paymentId}/checkout`, payload: { returnPath: '/area-personale' } }))).statusCode).toBe(409);
    // sent again: a new payment
    const resent = await submit(id);
    expect(resent.statusCode, resent.body).toBe(201);
    const fresh = resent.json().payment.id as string;
    expect(fresh).not.toBe(paymentId);

    // the old checkout's payment had crossed the cancellation: the money is recorded, the application does not move
    const late = signedCallback(t.ctx, { eventId: `late-${sessionId}`, sessionId, noticeNumber: (await readPayment(t.app, giulia, paymentId)).noticeNumber, outcome: 'paid',
      receipt: { receiptId: `RIC-${sessionId}`, psp: 'Banca Simulata', channel: 'carta di pagamento', paidAt: new Date().toISOString(), amountCents: 3200 } });
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload: late.payload, headers: late.headers });
    expect(r.statusCode).toBe(204);
    const old = await readPayment(t.app, giulia, paymentId);
    expect(old.status).toBe('paid');
    expect(old.events.map((e) => e.type)).toContain('paid_after_cancellation');
    const still = await detail(giulia, id);
    expect(still.status).toBe('payment_pending');
    expect(still.submittedAt).toBeNull();
    expect((await events(id)).some((e) => e.type === 'submitted')).toBe(false);
    // the new payment still sends it
    await pay(t.app, t.ctx, giulia, fresh, 'paid');
    expect((await detail(giulia, id)).status).toMatch(SENT);
  });

  it('keeps amounts whole cents end to end: 10 + 20 cents are 30, and three 1-cent items are 3', async () => {
    const serviceId = await feeService([
      { id: 'a', label: 'Dieci centesimi', kind: 'diritti', amountCents: 10 },
      { id: 'b', label: 'Venti centesimi', kind: 'bollo', amountCents: 20 },
    ]);
    const { id, paymentId, ack } = await waiting(serviceId);
    expect(ack.payment!.amountCents).toBe(30);
    const payment = await readPayment(t.app, giulia, paymentId);
    expect(payment.amountCents).toBe(30);
    expect(payment.qrPayload).toMatch(/\|30$/);
    const { path } = await startCheckout(t.app, giulia, paymentId);
    expect((await t.app.inject({ url: path })).body).toContain('0,30');
    await decideOnPage(t.app, t.ctx, path, 'paid');
    const paid = await readPayment(t.app, giulia, paymentId);
    expect(paid.receipt!.amountCents).toBe(30);
    expect(Number.isInteger(paid.receipt!.amountCents)).toBe(true);
    expect((await detail(giulia, id)).status).toMatch(SENT);

    const cents = await feeService([1, 2, 3].map((n) => ({ id: `c${n}`, label: `Un centesimo ${n}`, kind: 'altro' as const, amountCents: 1 })));
    const three = await waiting(cents);
    expect(three.ack.payment!.amountCents).toBe(3);
    expect((await readPayment(t.app, giulia, three.paymentId)).items.map((i) => i.amountCents)).toEqual([1, 1, 1]);
  });

  it('sends at once a service whose fees come to nothing for these answers', async () => {
    const serviceId = await feeService([{ id: 'urgenza', label: 'Urgenza', kind: 'diritti', amountCents: 500, when: { pointer: '/alloggio/titolo', equals: 'locazione' } }]);
    const id = await readyDraft(t.app, giulia, serviceId);
    expect((await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}/fees` }))).json()).toEqual({ items: [], totalCents: 0 });
    const sent = await submit(id);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'submitted', payment: null });
  });
});
