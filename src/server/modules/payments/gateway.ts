/**
 * The connection to pagoPA, behind one interface. The payments service never talks to a provider directly: it
 * registers positions, opens checkouts, reads outcomes (a callback it is sent, or a poll it makes) and asks for
 * the day's reporting flow through a PaymentGateway. The default for development and tests is the built-in
 * simulator (pagopa-simulator.ts), which behaves like the real flow: a redirect to a payment page, success,
 * failure, cancellation, a late confirmation and a duplicate one. A real adapter (pagoPA's GPD and Checkout APIs
 * through a partner technological intermediary) implements the same interface.
 */

/** What the body registers at the provider so the notice can be paid anywhere (bank, post office, shop, app). */
export interface PositionToRegister {
  tenantId: string;
  bodyFiscalCode: string;
  noticeNumber: string;
  iuv: string;
  amountCents: number;
  description: string;
  dueDate: string;
  debtor: { fiscalCode: string; name: string };
}

/** The outcome of one attempt as the provider states it. */
export interface ProviderOutcome {
  /** the provider's id of this confirmation: the same id twice is the same confirmation */
  eventId: string;
  /**
   * the checkout session it concludes; null or absent when the notice was paid away from our checkout, at a payment
   * provider (bank, post office, shop, the IO app): the position is then found by bodyFiscalCode + noticeNumber
   */
  sessionId?: string | null;
  /** the body the notice is of (its fiscal code): needed when there is no session */
  bodyFiscalCode?: string;
  noticeNumber: string;
  outcome: 'paid' | 'failed' | 'cancelled';
  /** for paid: the receipt */
  receipt?: { receiptId: string; psp: string; channel: string; paidAt: string; amountCents: number };
  /** for failed: why, as the provider says it */
  reason?: string;
}

/** The reporting flow (flusso di rendicontazione) of a day: what the provider says it collected for the body. */
export interface ReportingFlow {
  flowId: string;
  date: string;
  payments: { noticeNumber: string; amountCents: number; receiptId: string }[];
}

export interface PaymentGateway {
  /** a short name stored with each attempt ("simulator", "pagopa") */
  readonly name: string;
  /** make the position payable at the provider (idempotent on the notice number) */
  registerPosition(position: PositionToRegister): Promise<void>;
  /** withdraw a position that is no longer due (idempotent) */
  cancelPosition(position: { tenantId: string; bodyFiscalCode: string; noticeNumber: string }): Promise<void>;
  /** open a checkout session; the browser is sent to redirectUrl and comes back to returnUrl */
  startCheckout(position: PositionToRegister, returnUrl: string): Promise<{ sessionId: string; redirectUrl: string }>;
  /** the outcome of a session if the provider has one (polling, for confirmations that never arrived) */
  outcomeOf(sessionId: string): Promise<ProviderOutcome | null>;
  /** where to send the browser back to a session still open (a second click on "Paga" resumes the same checkout) */
  checkoutUrl?(sessionId: string): string;
  /** give back a paid amount */
  refund(position: { tenantId: string; bodyFiscalCode: string; noticeNumber: string; receiptId: string; amountCents: number }, reason: string): Promise<{ refundId: string }>;
  /** the reporting flow of a day (Europe/Rome) for a body */
  reportingFlow(tenantId: string, bodyFiscalCode: string, date: string): Promise<ReportingFlow>;
  /**
   * Reads and checks a callback the provider sent (signature, shape): the outcome, or null when it is not a
   * genuine callback (the route answers 401 then).
   */
  parseCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderOutcome | null;
}
