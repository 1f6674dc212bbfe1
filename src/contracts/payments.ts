/**
 * Payments with pagoPA, shared by server and web: payment positions (what a person owes a body, with its pagoPA
 * notice number), their states, the fees a service asks before an application is sent, and the views the
 * citizen's "I miei pagamenti" and the back office show. Amounts are integers in cents end to end; the only place
 * they become euro is the text shown to a person (formatEuro).
 */

export const PAYMENT_STATUSES = ['created', 'pending', 'paid', 'failed', 'cancelled', 'expired', 'refunded'] as const;
/**
 * created: payable, nobody is paying it now; pending: a checkout is open at the provider; paid: the provider
 * confirmed it (receipt held); failed: the last attempt failed (payable again); cancelled: the body withdrew it;
 * expired: the due date passed and the body no longer accepts it; refunded: paid and given back.
 */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** Positions the payer can still pay. */
export const PAYABLE_STATUSES: readonly PaymentStatus[] = ['created', 'failed', 'pending'];

export const PAYMENT_PURPOSES = ['before_submission', 'requested', 'debt'] as const;
/** before_submission: the service asks it before sending; requested: the office asked it while handling; debt: a debt of its own (TARI, a fine) */
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/** What a line of a payment is (the pagoPA taxonomy groups them in the same way). */
export const PAYMENT_ITEM_KINDS = ['diritti', 'bollo', 'tariffa', 'tributo', 'sanzione', 'altro'] as const;
export type PaymentItemKind = (typeof PAYMENT_ITEM_KINDS)[number];

export interface PaymentItem {
  label: string;
  amountCents: number;
  kind: PaymentItemKind;
}

/**
 * One fee of a service asked before sending: a fixed amount, counted once, or once per unit of a numeric answer
 * (`perPointer`: e.g. the copies asked for), and only when an answer has a value (`when`: e.g. an urgent request).
 * Pointers are JSON pointers into the form's answers, as in attachments' requiredWhen.
 */
export interface FeeRule {
  id: string;
  label: string;
  kind: PaymentItemKind;
  amountCents: number;
  perPointer?: string;
  when?: { pointer: string; equals: string | number | boolean };
}

/** The value at a JSON pointer ("/motivo/scopo") of a form's answers. */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  let here: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/**
 * What the answers make the citizen pay: the fees that apply, each multiplied by its unit count. A count that
 * is not a whole number of at least 0 counts as 0 (the form's own validation says what is wrong with it).
 */
export function computeFees(rules: readonly FeeRule[], answers: unknown): { items: PaymentItem[]; totalCents: number } {
  const items: PaymentItem[] = [];
  for (const rule of rules) {
    if (rule.when && valueAtPointer(answers, rule.when.pointer) !== rule.when.equals) continue;
    let units = 1;
    if (rule.perPointer) {
      const raw = Number(valueAtPointer(answers, rule.perPointer));
      units = Number.isInteger(raw) && raw > 0 ? raw : 0;
    }
    if (units === 0) continue;
    items.push({ label: units > 1 ? `${rule.label} (× ${units})` : rule.label, amountCents: rule.amountCents * units, kind: rule.kind });
  }
  return { items, totalCents: items.reduce((sum, i) => sum + i.amountCents, 0) };
}

/** "1.234,50 €": Italian grouping and decimal comma, from integer cents (no floating point on the way). */
export function formatEuro(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${euros},${rest} €`;
}

/** The notice number as printed for people: groups of four digits ("3010 0000 0000 1234 56"). */
export function formatNoticeNumber(notice: string): string {
  return notice.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A payment as lists show it. */
export interface PaymentSummary {
  id: string;
  tenantId: string;
  tenantName: string;
  purpose: PaymentPurpose;
  description: string;
  amountCents: number;
  noticeNumber: string;
  /** the body's fiscal code: with the notice number, what a bank or a shop asks */
  bodyFiscalCode: string;
  dueDate: string;
  status: PaymentStatus;
  paidAt: string | null;
  application: { id: string; code: string; serviceTitle: string } | null;
  debtor: { fiscalCode: string; name: string };
  createdAt: string;
  reconciledAt: string | null;
}

export interface PaymentEventView {
  at: string;
  type: string;
  fromStatus: PaymentStatus | null;
  toStatus: PaymentStatus | null;
  /** who: "Mario Rossi", "pagoPA", "Sistema" */
  actor: string;
  note: string | null;
}

export interface PaymentReceiptView {
  receiptId: string;
  psp: string;
  channel: string;
  paidAt: string;
  amountCents: number;
}

export interface PaymentDetail extends PaymentSummary {
  items: PaymentItem[];
  iuv: string;
  /** the QR code's text: PAGOPA|002|<notice>|<body fiscal code>|<cents> */
  qrPayload: string;
  receipt: PaymentReceiptView | null;
  /** why it was cancelled or refunded */
  statusReason: string | null;
  /** the provider's reporting flow that confirmed it (set by reconciliation) */
  reconciliationFlow: string | null;
  /** a checkout is open (pending): the page offers to go back to it or to wait for the outcome */
  openAttempt: { startedAt: string } | null;
  events: PaymentEventView[];
  /** what the viewer may do now */
  actions: PaymentAction[];
}

export type PaymentAction = 'pay' | 'cancel' | 'refund' | 'reconcile';

/** POST /payments/{id}/checkout: where to send the browser, and where it comes back. */
export interface CheckoutRequest {
  /** a path of the portal the payer returns to ("/area-personale/pagamenti/…"); the outcome is added as ?esito= */
  returnPath: string;
}
export interface CheckoutStarted {
  redirectUrl: string;
}

/** The office asks for a payment while handling an application (it waits in payment_pending). */
export interface PaymentRequestInput {
  description: string;
  items: PaymentItem[];
  dueDate: string;
  note?: string;
}

/** A debt of its own loaded by the office for a person (a TARI instalment, a fine). */
export interface DebtPositionInput {
  tenantId: string;
  debtorFiscalCode: string;
  debtorName: string;
  description: string;
  items: PaymentItem[];
  dueDate: string;
}

/** Cancel or refund: always with a reason the payer reads. */
export interface PaymentReasonInput {
  reason: string;
}

/** The provider's reporting flow of a day matched against the body's payments. */
export interface ReconciliationResult {
  flowId: string;
  date: string;
  /** payments the flow confirms, now reconciled */
  matched: number;
  /** already reconciled earlier */
  alreadyReconciled: number;
  /** in the flow, but unknown here or with another amount */
  discrepancies: { noticeNumber: string; problem: string }[];
  /** paid here that day but missing from the flow */
  missingFromFlow: { noticeNumber: string; paymentId: string }[];
}

/** The fees an application's current answers make the applicant pay before sending (empty when none). */
export interface FeesPreview {
  items: PaymentItem[];
  totalCents: number;
}
