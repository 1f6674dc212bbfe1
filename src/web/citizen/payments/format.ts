/**
 * Pure pieces of the citizen's payment pages: what the provider said when the browser came back (?esito=), what
 * the page tells the payer about it given the payment's status now, the due-date line of a payment ("Entro il …",
 * "Scaduto il …", "Pagato il …"), and which payment of an application the application is waiting for.
 */
import type { PaymentStatus, PaymentSummary } from '../../../contracts/payments';
import { PAYABLE_STATUSES } from '../../../contracts/payments';

/** How the provider sends the payer back: returnPath?esito=ok|ko|annullato. */
export type ReturnOutcome = 'ok' | 'ko' | 'annullato';

/** The outcome in the address the payer came back to; anything else (or none) is null. */
export function outcomeFromSearch(search: string | URLSearchParams): ReturnOutcome | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get('esito')?.trim().toLowerCase();
  return value === 'ok' || value === 'ko' || value === 'annullato' ? value : null;
}

/**
 * What the page says about the payment just attempted: the status the server holds wins over the address (a
 * confirmation that arrived says "paid" whatever the address says; a refusal recorded says "failed").
 *  - paid: "Pagamento riuscito"; waiting: the confirmation is on its way (the page asks again); slow: it is taking
 *    long (the page stops asking and says nothing is lost); failed: nothing was charged, try again; abandoned: the
 *    payer cancelled at the provider.
 *  - null: nothing to say (no outcome in the address, or the payment is cancelled/expired/refunded: the page
 *    shows why instead).
 */
export type OutcomeView = 'paid' | 'waiting' | 'slow' | 'failed' | 'abandoned';

export function outcomeView(outcome: ReturnOutcome | null, status: PaymentStatus, timedOut: boolean): OutcomeView | null {
  if (!outcome) return null;
  if (status === 'paid') return 'paid';
  if (status === 'cancelled' || status === 'expired' || status === 'refunded') return null;
  if (outcome === 'ok') {
    if (status === 'pending') return timedOut ? 'slow' : 'waiting';
    if (status === 'failed') return 'failed';
    // created: no attempt open and no money recorded yet; the confirmation may still come (never "you cancelled")
    return 'slow';
  }
  if (outcome === 'ko') return 'failed';
  return 'abandoned';
}

/** The page keeps asking the server while the confirmation of a payment just made is awaited. */
export const shouldPoll = (outcome: ReturnOutcome | null, status: PaymentStatus | undefined, timedOut: boolean) =>
  outcome === 'ok' && status === 'pending' && !timedOut;

const YMD = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The due-date line of a payment:
 *  - late: still to pay (created or failed) and the due date is before today ("Scaduto il …");
 *  - due: still payable, in time ("Entro il …");
 *  - paid: paid or refunded, on its payment day ("Pagato il …") when known;
 *  - none: cancelled or expired (the status says it all).
 * Days are calendar days "YYYY-MM-DD" in Rome; `today` is today's in Rome.
 */
export type DueState = { kind: 'late' | 'due'; date: string } | { kind: 'paid'; date: string } | { kind: 'none' };

export function dueState(p: Pick<PaymentSummary, 'status' | 'dueDate' | 'paidAt'>, today: string): DueState {
  const due = YMD.exec(p.dueDate)?.[0] ?? p.dueDate;
  if (p.status === 'paid' || p.status === 'refunded') return p.paidAt ? { kind: 'paid', date: p.paidAt } : { kind: 'none' };
  if (p.status === 'cancelled' || p.status === 'expired') return { kind: 'none' };
  if ((p.status === 'created' || p.status === 'failed') && due < today) return { kind: 'late', date: due };
  return { kind: 'due', date: due };
}

export const isPayable = (status: PaymentStatus) => PAYABLE_STATUSES.includes(status);

/**
 * The payment an application in payment_pending waits for: a payable one, before sending or asked by the office
 * (the latest when several), or null.
 */
export function awaitedPayment(payments: readonly PaymentSummary[]): PaymentSummary | null {
  const open = payments.filter((p) => p.purpose !== 'debt' && isPayable(p.status));
  if (open.length === 0) return null;
  return [...open].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!;
}
