import { describe, expect, it } from 'vitest';
import type { PaymentSummary } from '../../../contracts/payments';
import { awaitedPayment, dueState, outcomeFromSearch, outcomeView, shouldPoll } from './format';

describe('the outcome in the address the payer comes back to', () => {
  it('reads ?esito=ok|ko|annullato, whatever else the address carries', () => {
    expect(outcomeFromSearch('?esito=ok')).toBe('ok');
    expect(outcomeFromSearch('?x=1&esito=KO')).toBe('ko');
    expect(outcomeFromSearch(new URLSearchParams({ esito: 'annullato' }))).toBe('annullato');
  });
  it('ignores a missing or unknown outcome (no message invented)', () => {
    expect(outcomeFromSearch('')).toBeNull();
    expect(outcomeFromSearch('?esito=')).toBeNull();
    expect(outcomeFromSearch('?esito=paid')).toBeNull();
  });
});

describe('what the page says about the payment just attempted', () => {
  it('waits for the confirmation of a successful return while the payment is still pending, then stops asking', () => {
    expect(outcomeView('ok', 'pending', false)).toBe('waiting');
    expect(shouldPoll('ok', 'pending', false)).toBe(true);
    expect(outcomeView('ok', 'pending', true)).toBe('slow');
    expect(shouldPoll('ok', 'pending', true)).toBe(false);
  });
  it('says "paid" as soon as the server holds the payment, whatever the address says', () => {
    expect(outcomeView('ok', 'paid', false)).toBe('paid');
    expect(outcomeView('ko', 'paid', false)).toBe('paid');
    expect(shouldPoll('ok', 'paid', false)).toBe(false);
  });
  it('says the payment failed on ?esito=ko, or when a return marked ok is recorded as failed', () => {
    expect(outcomeView('ko', 'failed', false)).toBe('failed');
    expect(outcomeView('ko', 'pending', false)).toBe('failed');
    expect(outcomeView('ok', 'failed', false)).toBe('failed');
    expect(shouldPoll('ko', 'pending', false)).toBe(false);
  });
  it('says the payer cancelled on ?esito=annullato', () => {
    expect(outcomeView('annullato', 'created', false)).toBe('abandoned');
  });
  it('never tells a payer who came back with ok that they cancelled: the confirmation may still come', () => {
    expect(outcomeView('ok', 'created', false)).toBe('slow');
  });
  it('says nothing without an outcome, or when the body cancelled, refunded or let the payment expire', () => {
    expect(outcomeView(null, 'pending', false)).toBeNull();
    expect(outcomeView('ok', 'cancelled', false)).toBeNull();
    expect(outcomeView('ko', 'expired', false)).toBeNull();
    expect(outcomeView('ok', 'refunded', false)).toBeNull();
  });
});

const payment = (over: Partial<PaymentSummary>): PaymentSummary => ({
  id: 'p1',
  tenantId: 't1',
  tenantName: 'Comune di Prova',
  purpose: 'requested',
  description: 'Diritti di segreteria',
  amountCents: 1600,
  noticeNumber: '301000000000000142',
  bodyFiscalCode: '00000000000',
  dueDate: '2027-01-12',
  status: 'created',
  paidAt: null,
  application: null,
  debtor: { fiscalCode: 'RSSMRA80A01H501U', name: 'Mario Rossi' },
  createdAt: '2026-12-01T10:00:00Z',
  reconciledAt: null,
  ...over,
});

describe('the due-date line of a payment', () => {
  it('is "Entro il …" while payable in time, including on the due day itself', () => {
    expect(dueState(payment({}), '2027-01-11')).toEqual({ kind: 'due', date: '2027-01-12' });
    expect(dueState(payment({}), '2027-01-12')).toEqual({ kind: 'due', date: '2027-01-12' });
  });
  it('is "Scaduto il …" for an unpaid or failed payment past its due date', () => {
    expect(dueState(payment({}), '2027-01-13')).toEqual({ kind: 'late', date: '2027-01-12' });
    expect(dueState(payment({ status: 'failed' }), '2027-02-01')).toEqual({ kind: 'late', date: '2027-01-12' });
  });
  it('never marks late a payment whose checkout is open (the money may be on its way)', () => {
    expect(dueState(payment({ status: 'pending' }), '2027-02-01')).toEqual({ kind: 'due', date: '2027-01-12' });
  });
  it('gives the payment day of a paid one, and nothing for a cancelled or expired one', () => {
    expect(dueState(payment({ status: 'paid', paidAt: '2027-01-20T09:00:00Z' }), '2027-02-01')).toEqual({ kind: 'paid', date: '2027-01-20T09:00:00Z' });
    expect(dueState(payment({ status: 'cancelled' }), '2027-02-01')).toEqual({ kind: 'none' });
    expect(dueState(payment({ status: 'expired' }), '2027-02-01')).toEqual({ kind: 'none' });
  });
});

describe('the payment an application waits for', () => {
  it('is the latest payable one tied to the application, never a debt or a settled one', () => {
    const old = payment({ id: 'old', status: 'cancelled', createdAt: '2026-12-01T10:00:00Z' });
    const now = payment({ id: 'now', status: 'failed', createdAt: '2026-12-02T10:00:00Z' });
    const debt = payment({ id: 'debt', purpose: 'debt', createdAt: '2026-12-03T10:00:00Z' });
    expect(awaitedPayment([old, now, debt])?.id).toBe('now');
    expect(awaitedPayment([old, debt])).toBeNull();
  });
});
