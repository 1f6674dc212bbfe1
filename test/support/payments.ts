/** Helpers of the payments' tests: a ready draft, paying through the simulator's page, a signed callback. */
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { ProviderOutcome } from '../../src/server/modules/payments/gateway.ts';
import { SIGNATURE_HEADER, type SimulatedDelivery, type SimulatedOutcome } from '../../src/server/modules/payments/pagopa-simulator.ts';
import type { App, AppContext } from '../../src/server/platform/context.ts';
import { as, type TestSession } from './auth.ts';
import { PDF, VALID_ANSWERS } from './forms.ts';

/** A draft of TEST_FORM with valid answers and its identity document: ready to send. */
export async function readyDraft(app: App, citizen: TestSession, serviceId: string, answers: Record<string, unknown> = VALID_ANSWERS): Promise<string> {
  const draft = await app.inject(as(citizen, { method: 'POST', url: '/api/v1/applications', payload: { serviceId } }));
  expect(draft.statusCode, draft.body).toBeLessThan(300);
  const id = draft.json().id as string;
  const saved = await app.inject(as(citizen, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { data: answers } }));
  expect(saved.statusCode, saved.body).toBe(200);
  const boundary = '----sportello-test-payments';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\ndocumento\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF(`carta ${id}`), Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await app.inject(as(citizen, { method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
  expect(up.statusCode, up.body).toBe(201);
  return id;
}

/** Opens a checkout as the citizen: the simulator's session id and the page's address. */
export async function startCheckout(app: App, citizen: TestSession, paymentId: string, returnPath = `/area-personale/pagamenti/${paymentId}`) {
  const r = await app.inject(as(citizen, { method: 'POST', url: `/api/v1/payments/${paymentId}/checkout`, payload: { returnPath } }));
  expect(r.statusCode, r.body).toBe(201);
  const redirectUrl = r.json().redirectUrl as string;
  const url = new URL(redirectUrl);
  expect(url.pathname).toMatch(/^\/pagopa-simulatore\/pagamento\/[A-Za-z0-9_-]{22}$/);
  return { sessionId: url.pathname.split('/').pop()!, path: url.pathname, redirectUrl };
}

/**
 * The payer's choice on the simulator's page, as the browser sends it (the form's POST); returns where the page
 * sends the browser back. Waits until the confirmations it sends have been handled.
 */
export async function decideOnPage(app: App, ctx: AppContext, path: string, esito: SimulatedOutcome, conferma: SimulatedDelivery = 'callback') {
  const page = await app.inject({ url: path });
  expect(page.statusCode).toBe(200);
  const r = await app.inject({ method: 'POST', url: path, payload: new URLSearchParams({ esito, conferma }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(r.statusCode, r.body).toBe(303);
  await ctx.services.pagopaSimulator!.whenDelivered();
  return r.headers.location as string;
}

/** Checkout and the payer's choice in one. */
export async function pay(app: App, ctx: AppContext, citizen: TestSession, paymentId: string, esito: SimulatedOutcome = 'paid', conferma: SimulatedDelivery = 'callback') {
  const { path, sessionId } = await startCheckout(app, citizen, paymentId);
  const back = await decideOnPage(app, ctx, path, esito, conferma);
  return { sessionId, back };
}

/** A callback body signed as the simulator signs it (the key services.ts gives it), for deliveries the test makes itself. */
export function signedCallback(ctx: AppContext, outcome: ProviderOutcome): { headers: Record<string, string>; payload: string } {
  const payload = JSON.stringify(outcome);
  const key = ctx.services.identity.secrets.mac('pagopa-simulator', 'v1');
  return { payload, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: createHmac('sha256', key).update(payload).digest('hex') } };
}

/** A payment as its payer or an office reads it. */
export async function readPayment(app: App, session: TestSession, id: string) {
  const r = await app.inject(as(session, { url: `/api/v1/payments/${id}` }));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as import('../../src/contracts/payments.ts').PaymentDetail;
}

/** The notice paid away from the checkout (a bank, a post office, the IO app) through the simulator's counter; waits for the confirmation. */
export async function payAtCounter(ctx: AppContext, payment: { bodyFiscalCode: string; noticeNumber: string; amountCents: number }) {
  const sim = ctx.services.pagopaSimulator!;
  const paid = await sim.payNotice(payment.bodyFiscalCode, payment.noticeNumber, payment.amountCents);
  await sim.whenDelivered();
  return paid;
}
