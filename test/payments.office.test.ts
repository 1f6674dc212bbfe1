/**
 * The offices' side of payments and the debts of a person: a payment asked while handling an application (the legal
 * clock stands still until it is paid), debts loaded for a fiscal code and who sees them, cancellation and refund
 * with their rules, expiry, the daily reconciliation against the simulator's reporting flow, notice numbers under
 * concurrency, the notice PDF and its QR code, the citizen's messages and advice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/contracts/applications.ts';
import { formatNoticeNumber, type PaymentDetail, type PaymentSummary } from '../src/contracts/payments.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { isValidNoticeNumber } from '../src/server/modules/payments/notice-number.ts';
import { longItalianDay } from '../src/server/modules/payments/payment-notice.pdf.ts';
import { PaymentsService } from '../src/server/modules/payments/payments.service.ts';
import type { CitizenActor } from '../src/server/platform/access.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays, dueDate, romeDate } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { asOwner } from './support/db.ts';
import { createFormService, fileTestApplication, platformAdmin } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { firstPageQr, pdftotext } from './support/pdf-signature.ts';
import { pay, readPayment, signedCallback, startCheckout } from './support/payments.ts';

const ORIGIN = 'http://localhost:3000';
const CASTELROCCA = 'comune-di-castelrocca';
const VALDORO = 'comune-di-valdoro';
const ITEMS = [{ label: 'Diritti di istruttoria', amountCents: 2450, kind: 'diritti' as const }];

describe('payments: asked by the office, debts, cancellation, refund, expiry, reconciliation, notices', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession; // Giulia's husband: the other parent of Sofia
  let luca: TestSession; // a citizen with nothing to do with them
  let laura: TestSession; // operator, Castelrocca anagrafe
  let francesca: TestSession; // desk, Castelrocca URP: no payments role
  let paolo: TestSession; // operator, Valdoro
  let giuliaCode: string;
  let giuliaId: string;
  let sofia: { fiscalCode: string; name: string };
  let castelrocca: { id: string };
  let valdoroId: string;
  let serviceId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-payments-office` } });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    francesca = await operatorLogin(t.app, 'f.gotti@castelrocca.example', DEMO_PASSWORD);
    paolo = await operatorLogin(t.app, 'p.rinaldi@valdoro.example', DEMO_PASSWORD);
    const me = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json();
    giuliaCode = me.fiscalCode;
    giuliaId = me.id;
    const minor = (await t.ctx.services.registry.minorsInCareOf(giuliaCode)).find((m) => m.name.startsWith('Sofia'))!;
    sofia = { fiscalCode: minor.fiscalCode, name: minor.name };
    const tenant = await t.ctx.services.tenants.get(CASTELROCCA);
    castelrocca = { id: tenant.id };
    valdoroId = (await t.ctx.services.tenants.get(VALDORO)).id;
    serviceId = await createFormService(t.ctx, CASTELROCCA, { maxDays: 30 });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  const detail = async (s: TestSession, id: string) => (await t.app.inject(as(s, { url: `/api/v1/applications/${id}` }))).json() as ApplicationDetail;
  const request = (id: string, body: object = { description: 'Diritti di istruttoria', items: ITEMS, dueDate: addDays(clock.today(), 20) }, key?: string) =>
    t.app.inject(as(laura, { method: 'POST', url: `/api/v1/applications/${id}/payment-request`, payload: body, headers: key ? { 'idempotency-key': key } : {} }));
  const debt = (s: TestSession, body: Partial<{ tenantId: string; debtorFiscalCode: string; debtorName: string; description: string; items: unknown[]; dueDate: string }> = {}) =>
    t.app.inject(as(s, { method: 'POST', url: '/api/v1/payments', payload: {
      tenantId: castelrocca.id, debtorFiscalCode: giuliaCode, debtorName: 'Giulia Ferrari', description: 'TARI 2026, seconda rata',
      items: [{ label: 'Tassa sui rifiuti', amountCents: 12_450, kind: 'tributo' }], dueDate: addDays(clock.today(), 7), ...body,
    } }));
  const newDebt = async (s: TestSession = laura, body: Parameters<typeof debt>[1] = {}) => {
    const r = await debt(s, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as PaymentDetail;
  };
  const inProgress = async () => {
    const id = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    const taken = await officeStep(t.app, laura, id, 'take_charge');
    expect(taken.statusCode, taken.body).toBe(200);
    return id;
  };
  const notices = (paymentId: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('notifications').select(['channel', 'subject', 'body', 'application_id'])
    .where('citizen_id', '=', giuliaId).where('kind', '=', 'payment_notice').where('dedupe_key', 'like', `payment:${paymentId}:%`).execute());
  const reason = (s: TestSession, id: string, action: 'cancel' | 'refund', payload: object) =>
    t.app.inject(as(s, { method: 'POST', url: `/api/v1/payments/${id}/${action}`, payload }));

  it('asks a payment while handling: the application waits with its clock stopped, and moves on when paid', async () => {
    const id = await inProgress();
    const before = await detail(giulia, id);
    const asked = await request(id, { description: 'Diritti di istruttoria', items: ITEMS, dueDate: addDays(clock.today(), 20), note: 'Servono i diritti' }, 'richiesta-pagamento-0001');
    expect(asked.statusCode, asked.body).toBe(201);
    const payment = asked.json() as PaymentDetail;
    expect(payment).toMatchObject({ purpose: 'requested', status: 'created', amountCents: 2450, application: { id, code: before.code }, debtor: { fiscalCode: giuliaCode } });
    // the same request again (a retry) is the same payment; another one is refused while one waits
    const replay = await request(id, undefined, 'richiesta-pagamento-0001');
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().id).toBe(payment.id);
    expect((await request(id)).statusCode).toBe(409);

    const waiting = await detail(giulia, id);
    expect(waiting.status).toBe('payment_pending');
    // the managers' dashboard counts it among those waiting for the citizen, not as gone from the desks
    const figures = await t.ctx.services.analytics.applications(platformAdmin(castelrocca.id), { tenant: castelrocca.id, service: serviceId });
    expect(figures.totals).toMatchObject({ waiting: 1 });
    expect(waiting.actions).toEqual(['withdraw']);
    expect(waiting.payments.map((p) => p.id)).toEqual([payment.id]);
    // the applicant is told, with the amount, the notice and the due date
    const told = await notices(payment.id);
    const inbox = told.find((n) => n.channel === 'inbox')!;
    expect(inbox.application_id).toBe(id);
    expect(inbox.body).toContain('24,50 €');
    expect(inbox.body).toContain(formatNoticeNumber(payment.noticeNumber));
    expect(inbox.body).toContain(`/area-personale/pagamenti/${payment.id}`);

    clock.advanceDays(5);
    try {
      const stopped = await detail(giulia, id);
      expect(stopped.clock!.suspendedDays).toBe(5);
      expect(stopped.clock!.dueDate).toBe(dueDate(romeDate(new Date(before.submittedAt!)), 30, 5));
      await pay(t.app, t.ctx, giulia, payment.id);
      const resumed = await detail(laura, id);
      expect(resumed.status).toBe('in_progress');
      expect(resumed.clock!.suspendedDays).toBe(5);
      expect(resumed.dueDate).toBe(dueDate(romeDate(new Date(before.submittedAt!)), 30, 5));
      expect(resumed.dueDate).not.toBe(before.dueDate);
      const history = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}/history` }))).json().items as { type: string; toStatus: string | null }[];
      expect(history.filter((e) => e.type.startsWith('payment_')).map((e) => [e.type, e.toStatus])).toEqual([['payment_requested', 'payment_pending'], ['payment_received', 'in_progress']]);
    } finally {
      clock.reset();
    }
  });

  it('refuses a payment request outside the handling, and to a citizen', async () => {
    const id = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    await officeStep(t.app, laura, id, 'take_charge');
    await officeStep(t.app, laura, id, 'approve', { note: 'Accolta' });
    expect((await request(id)).statusCode).toBe(409);
    const asCitizen = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/payment-request`,
      payload: { description: 'x', items: ITEMS, dueDate: addDays(clock.today(), 5) } }));
    expect(asCitizen.statusCode).toBe(404);
    const past = await request(await inProgress(), { description: 'Diritti', items: ITEMS, dueDate: addDays(clock.today(), -1) });
    expect(past.statusCode).toBe(400);
  });

  it('lets the office take back a request (the work resumes), and records money that arrives afterwards without moving anything', async () => {
    const id = await inProgress();
    const payment = (await request(id)).json() as PaymentDetail;
    const { sessionId } = await startCheckout(t.app, giulia, payment.id);
    expect((await reason(laura, payment.id, 'cancel', { reason: 'Richiesta fatta per errore' })).statusCode).toBe(409); // the citizen is paying now
    clock.advanceDays(1 / 24);
    try {
      expect((await reason(laura, payment.id, 'cancel', {})).statusCode).toBe(400);
      expect((await reason(laura, payment.id, 'cancel', { reason: 'no' })).statusCode).toBe(400);
      const cancelled = await reason(laura, payment.id, 'cancel', { reason: 'Richiesta fatta per errore' });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusReason: 'Richiesta fatta per errore' });
    } finally {
      clock.reset();
    }
    expect((await reason(laura, payment.id, 'cancel', { reason: 'Di nuovo, per sbaglio' })).statusCode).toBe(409);
    const back = await detail(laura, id);
    expect(back.status).toBe('in_progress');
    // the payer's page says why
    expect((await readPayment(t.app, giulia, payment.id)).statusReason).toBe('Richiesta fatta per errore');

    const late = signedCallback(t.ctx, { eventId: `tardiva-${sessionId}`, sessionId, noticeNumber: payment.noticeNumber, outcome: 'paid',
      receipt: { receiptId: `RIC-${sessionId}`, psp: 'Banca Simulata', channel: 'carta di pagamento', paidAt: new Date().toISOString(), amountCents: 2450 } });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/simulator', payload: late.payload, headers: late.headers })).statusCode).toBe(204);
    const paid = await readPayment(t.app, laura, payment.id);
    expect(paid.status).toBe('paid');
    expect(paid.events.map((e) => e.type)).toContain('paid_after_cancellation');
    expect(paid.actions).toContain('refund');
    const still = await detail(laura, id);
    expect(still.status).toBe('in_progress');
    expect(still.revision).toBe(back.revision);
  });

  it('cancels what a withdrawn application still asked to pay', async () => {
    const id = await inProgress();
    const payment = (await request(id)).json() as PaymentDetail;
    const withdrawn = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/transitions/withdraw`, payload: {} }));
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const gone = await readPayment(t.app, giulia, payment.id);
    expect(gone.status).toBe('cancelled');
    expect(gone.actions).not.toContain('pay');
  });

  it('shows a debt to the person it names and to a parent of a minor, to nobody else', async () => {
    const own = await newDebt();
    expect(own).toMatchObject({ purpose: 'debt', status: 'created', amountCents: 12_450, application: null, tenantId: castelrocca.id });
    const minors = await newDebt(laura, { debtorFiscalCode: sofia.fiscalCode, debtorName: sofia.name, description: 'Mensa scolastica, ottobre' });
    const due = (await t.app.inject(as(giulia, { url: '/api/v1/me/payments?status=due' }))).json().items as PaymentSummary[];
    expect(due.map((p) => p.id)).toEqual(expect.arrayContaining([own.id, minors.id]));
    const marcos = (await t.app.inject(as(marco, { url: '/api/v1/me/payments' }))).json().items as PaymentSummary[];
    expect(marcos.map((p) => p.id)).toContain(minors.id);
    expect(marcos.map((p) => p.id)).not.toContain(own.id);
    expect((await t.app.inject(as(marco, { url: `/api/v1/payments/${minors.id}` }))).statusCode).toBe(200);
    expect((await t.app.inject(as(marco, { url: `/api/v1/payments/${own.id}` }))).statusCode).toBe(404);
    // another citizen, another body's office: it does not exist for them; a desk without the role: not allowed
    expect(((await t.app.inject(as(luca, { url: '/api/v1/me/payments' }))).json().items as PaymentSummary[]).map((p) => p.id)).not.toContain(own.id);
    expect((await t.app.inject(as(luca, { url: `/api/v1/payments/${own.id}` }))).statusCode).toBe(404);
    expect((await t.app.inject(as(luca, { url: `/api/v1/payments/${own.id}/notice.pdf` }))).statusCode).toBe(404);
    expect((await t.app.inject(as(paolo, { url: `/api/v1/payments/${own.id}` }))).statusCode).toBe(404);
    expect((await t.app.inject(as(paolo, { url: `/api/v1/payments?tenant=${castelrocca.id}` }))).statusCode).toBe(404);
    expect((await t.app.inject(as(francesca, { url: `/api/v1/payments/${own.id}` }))).statusCode).toBe(403);
    // the office's list finds it, with the totals of what the filters find
    const list = (await t.app.inject(as(laura, { url: `/api/v1/payments?q=${giuliaCode}&status=created` }))).json();
    expect(list.items.map((p: PaymentSummary) => p.id)).toContain(own.id);
    expect(list.totals.count).toBe(list.items.length);
    expect(list.totals.amountCents).toBe(list.items.reduce((s: number, p: PaymentSummary) => s + p.amountCents, 0));
    // Giulia has an account: she is told; Sofia has none
    const told = await notices(own.id);
    expect(told.find((n) => n.channel === 'inbox')).toMatchObject({ application_id: null, subject: `Avviso di pagamento ${formatNoticeNumber(own.noticeNumber)}` });
    expect(await notices(minors.id)).toEqual([]);
  });

  it('checks what a debt says before making it', async () => {
    expect((await debt(laura, { items: [{ label: 'Zero', amountCents: 0, kind: 'altro' }] })).statusCode).toBe(400);
    expect((await debt(laura, { items: [{ label: 'Mezzo centesimo', amountCents: 12.5, kind: 'altro' }] })).statusCode).toBe(400);
    expect((await debt(laura, { dueDate: addDays(clock.today(), -1) })).statusCode).toBe(400);
    expect((await debt(laura, { debtorFiscalCode: 'NON-VALIDO' })).statusCode).toBe(400);
    expect((await debt(laura, { items: [] })).statusCode).toBe(400);
    expect((await t.app.inject(as(laura, { method: 'POST', url: '/api/v1/payments', payload: { tenantId: castelrocca.id, sconosciuto: 1 } }))).statusCode).toBe(400);
    expect((await debt(francesca)).statusCode).toBe(403);
    expect((await debt(paolo)).statusCode).toBe(404);
    expect((await debt(giulia)).statusCode).toBe(404);
  });

  it('cancels and refunds only in the right states, always with a reason', async () => {
    const d = await newDebt();
    expect((await reason(laura, d.id, 'refund', { reason: 'Pagato due volte' })).statusCode).toBe(409); // not paid
    expect((await reason(giulia, d.id, 'cancel', {})).statusCode).toBe(409); // a debt is the body's to cancel
    expect((await reason(giulia, d.id, 'refund', { reason: 'Lo voglio indietro' })).statusCode).toBe(404);
    await pay(t.app, t.ctx, giulia, d.id);
    expect((await readPayment(t.app, giulia, d.id)).status).toBe('paid');
    expect((await reason(laura, d.id, 'cancel', { reason: 'Annullo per prova' })).statusCode).toBe(409); // paid: refunded, not cancelled
    expect((await reason(laura, d.id, 'refund', {})).statusCode).toBe(400);
    expect((await reason(francesca, d.id, 'refund', { reason: 'Rata già pagata con F24' })).statusCode).toBe(403);
    const refunded = await reason(laura, d.id, 'refund', { reason: 'Rata già pagata con F24' });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json()).toMatchObject({ status: 'refunded', statusReason: 'Rata già pagata con F24' });
    expect((await reason(laura, d.id, 'refund', { reason: 'Rata già pagata con F24' })).statusCode).toBe(409);
    const mine = await readPayment(t.app, giulia, d.id);
    expect(mine.status).toBe('refunded');
    const receipt = await t.app.inject(as(giulia, { url: `/api/v1/payments/${d.id}/receipt.pdf` }));
    expect(receipt.statusCode).toBe(200);
    expect(await pdftotext(receipt.rawPayload)).toContain('Rata già pagata con F24');
  });

  it('expires what nobody paid by its due date; an application waiting for it goes back to the office', async () => {
    const d = await newDebt(laura, { dueDate: clock.today() });
    const id = await inProgress();
    const asked = (await request(id, { description: 'Bolli', items: ITEMS, dueDate: clock.today() })).json() as PaymentDetail;
    expect(await t.ctx.services.payments.expireOverdue()).toBe(0); // due today: still payable
    clock.advanceDays(1);
    try {
      expect(await t.ctx.services.payments.expireOverdue()).toBeGreaterThanOrEqual(2);
      expect((await readPayment(t.app, giulia, d.id)).status).toBe('expired');
      expect((await readPayment(t.app, giulia, asked.id)).status).toBe('expired');
      expect((await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/payments/${d.id}/checkout`, payload: { returnPath: '/area-personale/pagamenti' } }))).statusCode).toBe(409);
      expect((await t.app.inject(as(giulia, { url: `/api/v1/payments/${d.id}/notice.pdf` }))).statusCode).toBe(409);
      expect((await detail(laura, id)).status).toBe('in_progress');
      expect(await t.ctx.services.payments.expireOverdue()).toBe(0);
    } finally {
      clock.reset();
    }
  });

  it('reconciles a day against the provider’s reporting flow: matched once, then already reconciled; unknown and missing ones listed', async () => {
    const today = clock.today();
    const reconcile = () => t.app.inject(as(paolo, { method: 'POST', url: '/api/v1/payments/reconciliation', payload: { tenantId: valdoroId, date: today } }));
    const a = await newDebt(paolo, { tenantId: valdoroId, description: 'Canone idrico' });
    const b = await newDebt(paolo, { tenantId: valdoroId, description: 'Occupazione suolo pubblico', items: [{ label: 'Canone', amountCents: 3_000, kind: 'tariffa' }] });
    await pay(t.app, t.ctx, giulia, a.id);
    await pay(t.app, t.ctx, giulia, b.id);
    const first = await reconcile();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ date: today, matched: 2, alreadyReconciled: 0, discrepancies: [], missingFromFlow: [] });
    expect((await readPayment(t.app, paolo, a.id)).reconciledAt).not.toBeNull();
    expect((await reconcile()).json()).toMatchObject({ matched: 0, alreadyReconciled: 2 });

    // paid here (a confirmation the provider's flow does not carry), and a payment in the flow nobody here knows
    const c = await newDebt(paolo, { tenantId: valdoroId, description: 'Diritti di segreteria' });
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('payment_positions').set({ status: 'paid', paid_at: clock.now(), paid_amount_cents: c.amountCents,
      receipt: JSON.stringify({ receiptId: 'RIC-SPORTELLO-1', psp: 'Posta', channel: 'sportello', paidAt: clock.now().toISOString() }) }).where('id', '=', c.id).execute());
    t.ctx.services.pagopaSimulator!.forceFlowExtra(valdoroId, today, { noticeNumber: '301999999999999957', amountCents: 700, receiptId: 'RIC-ESTRANEA' });
    const third = (await reconcile()).json();
    expect(third.alreadyReconciled).toBe(2);
    expect(third.missingFromFlow).toEqual([{ noticeNumber: c.noticeNumber, paymentId: c.id }]);
    expect(third.discrepancies).toEqual([{ noticeNumber: '301999999999999957', problem: expect.stringMatching(/sconosciuto/) }]);
    expect((await t.app.inject(as(paolo, { method: 'POST', url: '/api/v1/payments/reconciliation', payload: { tenantId: valdoroId, date: addDays(today, 1) } }))).statusCode).toBe(400);
    expect((await t.app.inject(as(laura, { method: 'POST', url: '/api/v1/payments/reconciliation', payload: { tenantId: valdoroId, date: today } }))).statusCode).toBe(404);
  });

  it('gives every notice of a body its own valid number, thirty at once, with the body’s segregation code', async () => {
    await asOwner(t.database, `UPDATE tenants SET pagopa_segregation_code = '47' WHERE id = '${castelrocca.id}'`);
    try {
      const made = await Promise.all(Array.from({ length: 30 }, (_, i) => debt(laura, { description: `Rata ${i + 1}` })));
      expect(made.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
      const numbers = made.map((r) => (r.json() as PaymentDetail).noticeNumber);
      expect(new Set(numbers).size).toBe(30);
      for (const n of numbers) {
        expect(isValidNoticeNumber(n), n).toBe(true);
        expect(n.slice(0, 3)).toBe('347');
      }
      const iuvs = made.map((r) => (r.json() as PaymentDetail).iuv);
      expect(iuvs.every((iuv, i) => iuv === numbers[i]!.slice(1))).toBe(true);
    } finally {
      await asOwner(t.database, `UPDATE tenants SET pagopa_segregation_code = '01' WHERE id = '${castelrocca.id}'`);
    }
  });

  it('prints the notice with the body, the number, the amount, the due date, the payer and a QR code pagoPA apps read', async () => {
    const d = await newDebt(laura, { dueDate: addDays(clock.today(), 10) });
    const r = await t.app.inject(as(giulia, { url: `/api/v1/payments/${d.id}/notice.pdf` }));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(`avviso-pagopa-${d.noticeNumber}.pdf`);
    const text = (await pdftotext(r.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain(d.bodyFiscalCode);
    expect(text).toContain(formatNoticeNumber(d.noticeNumber));
    expect(text).toContain('124,50 €');
    expect(text).toContain(longItalianDay(d.dueDate));
    expect(text).toContain('Giulia Ferrari');
    expect(text).toContain(giuliaCode);
    expect(await firstPageQr(r.rawPayload)).toBe(`PAGOPA|002|${d.noticeNumber}|${d.bodyFiscalCode}|12450`);
    expect(d.qrPayload).toBe(`PAGOPA|002|${d.noticeNumber}|${d.bodyFiscalCode}|12450`);
    // the office prints it too, and the payer learns of it
    expect((await t.app.inject(as(laura, { url: `/api/v1/payments/${d.id}/notice.pdf` }))).statusCode).toBe(200);
    const log = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as { object: { id: string }; operationLabel: string }[];
    expect(log.filter((e) => e.object.id === d.id).map((e) => e.operationLabel)).toContain("ha scaricato l'avviso di pagamento");
    // no receipt before paying
    expect((await t.app.inject(as(giulia, { url: `/api/v1/payments/${d.id}/receipt.pdf` }))).statusCode).toBe(409);
  });

  it('advises the citizen of a payment falling due', async () => {
    const d = await newDebt(laura, { description: 'Lampade votive 2026', dueDate: addDays(clock.today(), 6) });
    await t.ctx.services.recommendations.evaluateCitizen(giuliaId);
    const items = (await t.app.inject(as(giulia, { url: '/api/v1/me/recommendations' }))).json().items as { kind: string; link: string; message: string }[];
    const advice = items.find((i) => i.link === `/area-personale/pagamenti/${d.id}`);
    expect(advice).toMatchObject({ kind: 'payment' });
    expect(advice!.message).toContain('124,50 €');
  });

  it('answers 503 where no provider is configured, and offers no online payment', async () => {
    const d = await newDebt();
    const offline = new PaymentsService(t.database.db, { applications: t.ctx.services.applications, messaging: t.ctx.services.messaging, gateway: null, publicUrl: ORIGIN });
    const actor = (await t.ctx.services.identity.actorFromSession(giulia.cookies.sportello_session!)) as CitizenActor;
    await expect(offline.checkout(actor, d.id, '/area-personale/pagamenti')).rejects.toMatchObject({ status: 503 });
    expect((await offline.get(actor, d.id)).actions).not.toContain('pay');
    // the notice can still be printed and paid at a bank or a post office
    expect((await offline.noticePdf(actor, d.id)).content.subarray(0, 4).toString()).toBe('%PDF');
    // a path to another site is refused
    const away = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/payments/${d.id}/checkout`, payload: { returnPath: '//evil.example/x' } }));
    expect(away.statusCode).toBe(400);
  });
});
