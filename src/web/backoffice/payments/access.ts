/**
 * Who sees "Pagamenti" in the back office's links: the roles of 'payment.read' (src/server/platform/access.ts;
 * the server decides, this only hides a link that would answer 403). Kept apart from the pages so that the link
 * does not pull their chunk into the first load.
 */
import type { ApplicationDetail } from '../../../contracts/applications';
import type { PaymentSummary } from '../../../contracts/payments';

type Me = { roles: string[] };

export const PAYMENTS_PATH = '/backoffice/pagamenti';

const PAYMENT_ROLES: readonly string[] = ['operator', 'manager', 'tenant_admin', 'platform_admin'];

/** 'payment.read': the body's payments */
export const readsPayments = (me: Me) => me.roles.some((r) => PAYMENT_ROLES.includes(r));
/** 'payment.manage': debts, cancellations, refunds, reconciliation (the same roles today) */
export const managesPayments = (me: Me) => me.roles.some((r) => PAYMENT_ROLES.includes(r));

export const paymentUrl = (id: string) => `${PAYMENTS_PATH}/${encodeURIComponent(id)}`;
export const NEW_DEBT_PATH = `${PAYMENTS_PATH}/nuova-posizione`;
export const RECONCILIATION_PATH = `${PAYMENTS_PATH}/riconciliazione`;

/** the actions of someone who may handle the application now (the server decides; this only hides the button) */
const HANDLING: readonly string[] = ['take_charge', 'request_integration'];

/** "Richiedi pagamento" is offered on a registered or in-progress application the operator may handle. */
export const canRequestPayment = (a: Pick<ApplicationDetail, 'status' | 'actions'>) =>
  (a.status === 'registered' || a.status === 'in_progress') && a.actions.some((x) => HANDLING.includes(x));

/** The application's payments (the server lists them on ApplicationDetail). */
export const paymentsOf = (a: Pick<ApplicationDetail, 'payments'>): PaymentSummary[] => a.payments ?? [];
