/**
 * Payments with pagoPA: payment positions (what a person owes a body, with its pagoPA notice number), the checkout
 * at the provider, the outcomes it reports (callback or polling), cancellations, refunds, expiry and the daily
 * reconciliation; and the payments of applications — before submission, or asked by the office while handling.
 *
 * The provider sits behind a PaymentGateway (gateway.ts): the built-in simulator in development and tests. The
 * gateway is never called inside one of our transactions: the simulator keeps its own state in the same database,
 * and on the embedded one a query from outside the open transaction would wait for it to end. So a checkout reads
 * the position, opens the session at the provider, then records the attempt; a refund marks its start, asks the
 * provider, then records the outcome.
 *
 * Outcomes are idempotent: the position's row is locked while one is applied, and the provider's event id is
 * unique per payment, so the same confirmation twice (a retrying provider, a poll that meets a callback) is one
 * event and nothing else; another confirmation of a paid position (the money came twice) is recorded as
 * 'duplicate_payment' for the office to refund, and never pays or moves an application again.
 *
 * Applications and payments call each other: ApplicationsService is built first, this service gets it, and
 * services.ts attaches this one back to it (ApplicationPayments, late-bound). In every call between the two the
 * caller passes its transaction down.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  PAYABLE_STATUSES, formatEuro, formatNoticeNumber,
  type CheckoutStarted, type DebtPositionInput, type PaymentAction, type PaymentDetail, type PaymentEventView, type PaymentItem,
  type PaymentRequestInput, type PaymentStatus, type PaymentSummary, type ReconciliationResult,
} from '../../../contracts/payments.ts';
import { isValidFiscalCode, isValidPartitaIva } from '../../../contracts/fiscal-code.ts';
import type { MessageLanguage } from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { can, isCitizen, isStaff, requireAccess, type Actor, type CitizenActor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../../platform/cursor.ts';
import { badRequest, conflict, notFound, Problem, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { addDays, romeDate, romeDayStart } from '../../platform/legal-clock.ts';
import { LEGAL_BASIS, recordPersonalDataReads, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope, type Scope } from '../../platform/tenancy.ts';
import type { ApplicationPayments, ApplicationsService } from '../applications/applications.service.ts';
import type { ApplicationRow } from '../applications/applications.repository.ts';
import type { MessagingService } from '../messaging/messaging.service.ts';
import type { PaymentGateway, PositionToRegister, ProviderOutcome } from './gateway.ts';
import { noticeNumberOf, qrPayload } from './notice-number.ts';
import { renderPaymentNotice, type NoticePdfInput } from './payment-notice.pdf.ts';
import { renderPaymentReceipt } from './payment-receipt.pdf.ts';
import { PaymentsRepository, type PaymentRow, type PositionRow, type StaffFilter, type Whose } from './payments.repository.ts';

/** Days a citizen has to pay what a service asks before sending the application. */
export const DAYS_TO_PAY_BEFORE_SUBMISSION = 30;
/** A checkout opened less than this ago is in progress: the payer may be paying right now. */
export const CHECKOUT_LIVE_MS = 30 * 60_000;
/** A checkout with no outcome after this long was given up (the provider's session has expired). */
export const CHECKOUT_ABANDONED_MS = 2 * 60 * 60_000;
/** The poller asks about attempts open for more than this. */
export const POLL_AFTER_MS = 20_000;
/** The payer's own page asks the provider at most this often per attempt. */
export const PAYER_POLL_MS = 3_000;
/** Any single attempt is polled by the background task at most this often. */
const TASK_POLL_MS = 25_000;
/** A refund started this long ago without an outcome may be asked again. */
const REFUND_RETRY_MS = 10 * 60_000;
/** The largest amount of a position, in cents (the database's own limit). */
const MAX_CENTS = 999_999_999;

/** The answer to an office's change shows what it changed: not a read of its own to log (the change is in the payment's events). */
const NO_READ = { logRead: false } as const;

const unavailable = () => new Problem(503, 'Pagamenti online non disponibili',
  "Questa installazione non è ancora collegata a pagoPA: il pagamento online non si può fare. Si può pagare con l'avviso stampato in banca, in posta o nelle ricevitorie. (No payment provider is configured.)");
const stillOpen = () => conflict("C'è un pagamento in corso per questo avviso: attendi l'esito (qualche minuto) o torna alla pagina di pagamento. (A checkout is in progress.)");

type Executor = Kysely<DB>;
type Viewer = { kind: 'citizen'; citizen: CitizenActor } | { kind: 'staff'; staff: StaffActor };
type ActorRef = { kind: 'citizen' | 'operator' | 'token' | 'system' | 'provider'; id: string | null; label: string };

export interface PaymentsDeps {
  applications: ApplicationsService;
  messaging: MessagingService;
  /** the connection to pagoPA; null where none is configured (production today: no real adapter yet) */
  gateway: PaymentGateway | null;
  publicUrl: string;
  log?: { error: (obj: object, msg: string) => void; warn?: (obj: object, msg: string) => void };
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const actorOfStaff = (s: StaffActor): ActorRef => ({ kind: s.kind === 'token' ? 'token' : 'operator', id: s.id, label: s.name });
const actorOfCitizen = (c: CitizenActor): ActorRef => ({ kind: 'citizen', id: c.id, label: c.name });
const SYSTEM: ActorRef = { kind: 'system', id: null, label: 'Sistema' };
const PROVIDER: ActorRef = { kind: 'provider', id: null, label: 'pagoPA' };

const itDay = (day: string, language: MessageLanguage = 'it') =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export class PaymentsService implements ApplicationPayments {
  private readonly log: NonNullable<PaymentsDeps['log']>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: PaymentsDeps,
  ) {
    this.log = deps.log ?? { error: (obj, msg) => console.error(msg, obj) };
  }

  /** The provider in use, or null. */
  get gateway(): PaymentGateway | null {
    return this.deps.gateway;
  }

  private requireGateway(): PaymentGateway {
    if (!this.deps.gateway) throw unavailable();
    return this.deps.gateway;
  }

  // ---- who sees what ----------------------------------------------------------------------------------------

  /**
   * The citizen's scope for payments: their account's positions, and those in the name of their own fiscal code
   * and of the people they act for by law (minors in their care, companies they represent). Row-level security
   * reads the codes from the scope (payment_positions_access).
   */
  private async citizenWhose(citizen: CitizenActor): Promise<{ scope: Scope; whose: Whose }> {
    const base = await this.deps.applications.citizenScope(citizen);
    const codes = [citizen.fiscalCode, ...('subjectCodes' in base ? base.subjectCodes ?? [] : [])];
    return { scope: { citizenId: citizen.id, subjectCodes: codes }, whose: { citizenId: citizen.id, fiscalCodes: codes } };
  }

  /**
   * Finds the position for the actor: a citizen's own (or of whom they act for), or, for staff, any of a body they
   * may `action` in (another body's answers 404, a role without the permission 403). Runs fn in the scope found.
   */
  private async reach<T>(actor: Actor | null, id: string, staffAction: 'payment.read' | 'payment.manage',
    fn: (trx: Transaction<DB>, row: PaymentRow, viewer: Viewer) => Promise<T>): Promise<T> {
    if (!actor) throw unauthorized();
    if (isCitizen(actor)) {
      requireAccess(actor, 'payment.pay');
      const { scope, whose } = await this.citizenWhose(actor);
      return inScope(this.db, scope, async (trx) => {
        const row = await new PaymentsRepository(trx).viewFor(id, whose);
        if (!row) throw notFound('Il pagamento');
        return fn(trx, row, { kind: 'citizen', citizen: actor });
      });
    }
    const tenantId = await inScope(this.db, { platform: true }, async (trx) =>
      (await trx.selectFrom('payment_positions').select('tenant_id').where('id', '=', id).executeTakeFirst())?.tenant_id);
    if (!tenantId) {
      requireAccess(actor, staffAction);
      throw notFound('Il pagamento');
    }
    const staff = requireAccess(actor, staffAction, { tenantId });
    return inScope(this.db, { tenantId }, async (trx) => {
      const row = await new PaymentsRepository(trx).view(id);
      if (!row) throw notFound('Il pagamento');
      return fn(trx, row, { kind: 'staff', staff });
    });
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  /**
   * One payment. The payer's own page also asks the provider about a checkout left open (at most every few seconds
   * per attempt), so an outcome whose confirmation never arrived shows up as soon as they look. An office's read is
   * written to the person's access log.
   */
  async get(actor: Actor | null, id: string, opts: { logRead?: boolean } = {}): Promise<PaymentDetail> {
    const first = await this.reach(actor, id, 'payment.read', async (trx, row, viewer) => {
      // the office's page polls a pending payment every few seconds: one entry a day per reader and payment says it all
      if (viewer.kind === 'staff' && opts.logRead !== false) {
        await recordPersonalDataReads(trx, [readOf(row, viewer.staff, await officeOf(trx, viewer.staff, row), 'payment', 'Gestione del pagamento')], { oncePerDay: true });
      }
      return { row, viewer, events: await new PaymentsRepository(trx).events(id) };
    });
    if (first.viewer.kind === 'citizen' && first.row.open_attempt_id && first.row.open_attempt_status === 'open' && this.deps.gateway) {
      const changed = await this.pollAttempt(first.row.open_attempt_id, PAYER_POLL_MS);
      if (changed) return this.reach(actor, id, 'payment.read', async (trx, row, viewer) => this.detail(row, viewer, await new PaymentsRepository(trx).events(id)));
    }
    return this.detail(first.row, first.viewer, first.events);
  }

  /** The citizen's payments ("I miei pagamenti"): due, paid (or refunded), or all; newest first. */
  async mine(actor: Actor | null, query: { status?: 'due' | 'paid' | 'all'; cursor?: string; limit?: number }): Promise<{ items: PaymentSummary[]; nextCursor: string | null }> {
    const citizen = requireAccess(actor, 'payment.pay') as CitizenActor;
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeInstantCursor(query.cursor) : undefined;
    const statuses: readonly PaymentStatus[] | null = query.status === 'due' ? PAYABLE_STATUSES : query.status === 'paid' ? ['paid', 'refunded'] : null;
    const { scope, whose } = await this.citizenWhose(citizen);
    const rows = await inScope(this.db, scope, (trx) => new PaymentsRepository(trx).ofCitizen(whose as Whose & { citizenId: string }, statuses, after, limit + 1));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map((r) => summaryView(r)), nextCursor: rows.length > limit && last ? encodeInstantCursor({ at: last.at_key, id: last.id }) : null };
  }

  /** A body's payments for its offices, with the totals of what the filters find. Every person listed is logged (once a day). */
  async list(actor: Actor | null, query: { tenant?: string; status?: PaymentStatus; purpose?: PaymentDetail['purpose']; q?: string; from?: string; to?: string; cursor?: string; limit?: number }) {
    const tenantId = query.tenant ?? (isStaff(actor) ? actor.tenantId : undefined);
    const staff = requireAccess(actor, 'payment.read', tenantId ? { tenantId } : {}) as StaffActor;
    if (!tenantId) throw badRequest('Indica l\'ente (tenant). (The body is required.)', [{ path: 'query.tenant', message: 'obbligatorio' }]);
    const problems: ProblemItem[] = [];
    if (query.from && !isDay(query.from)) problems.push({ path: 'query.from', message: 'una data AAAA-MM-GG' });
    if (query.to && !isDay(query.to)) problems.push({ path: 'query.to', message: 'una data AAAA-MM-GG' });
    if (!problems.length && query.from && query.to && query.from > query.to) problems.push({ path: 'query.from', message: 'viene dopo "to" (from is after to)' });
    if (problems.length) throw badRequest(`Il periodo non è valido: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeInstantCursor(query.cursor) : undefined;
    const filter: StaffFilter = {
      tenantId, statuses: query.status ? [query.status] : undefined, purpose: query.purpose, q: query.q,
      from: query.from ? romeDayStart(query.from) : undefined, to: query.to ? romeDayStart(addDays(query.to, 1)) : undefined,
    };
    return inScope(this.db, { tenantId }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const rows = await repo.ofTenant(filter, after, limit + 1);
      const page = rows.slice(0, limit);
      const office = page.length ? await officeOf(trx, staff, page[0]!) : null;
      await recordPersonalDataReads(trx, page.map((r) => readOf(r, staff, office, 'payment_list', "Elenco dei pagamenti dell'ente")), { oncePerDay: true });
      const last = page.at(-1);
      return {
        items: page.map((r) => summaryView(r, true)),
        nextCursor: rows.length > limit && last ? encodeInstantCursor({ at: last.at_key, id: last.id }) : null,
        totals: await repo.totals(filter),
      };
    });
  }

  /** The printable payment notice (avviso di pagamento) of a position still payable. */
  async noticePdf(actor: Actor | null, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const { input } = await this.reach(actor, id, 'payment.read', async (trx, row, viewer) => {
      if (!PAYABLE_STATUSES.includes(row.status)) {
        throw conflict(row.status === 'paid' || row.status === 'refunded'
          ? 'Questo avviso è già pagato: scarica la ricevuta. (Already paid: download the receipt.)'
          : "Questo avviso non è più pagabile: l'ente l'ha annullato o è scaduto. (No longer payable.)");
      }
      if (viewer.kind === 'staff') await recordPersonalDataReads(trx, [readOf(row, viewer.staff, await officeOf(trx, viewer.staff, row), 'payment_notice', "Stampa dell'avviso di pagamento")]);
      return { input: await this.pdfInput(trx, row) };
    });
    return { fileName: `avviso-pagopa-${input.noticeNumber}.pdf`, contentType: 'application/pdf', content: await renderPaymentNotice(input) };
  }

  /** The receipt of a paid (or refunded) position. */
  async receiptPdf(actor: Actor | null, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const { input, row } = await this.reach(actor, id, 'payment.read', async (trx, row, viewer) => {
      if ((row.status !== 'paid' && row.status !== 'refunded') || !row.receipt || !row.paid_at) {
        throw conflict('La ricevuta c\'è solo per i pagamenti eseguiti. (There is a receipt only once paid.)');
      }
      if (viewer.kind === 'staff') await recordPersonalDataReads(trx, [readOf(row, viewer.staff, await officeOf(trx, viewer.staff, row), 'payment_receipt', 'Stampa della ricevuta di pagamento')]);
      return { row, input: await this.pdfInput(trx, row) };
    });
    const content = await renderPaymentReceipt({
      ...input, receipt: receiptView(row)!, status: row.status as 'paid' | 'refunded', statusReason: row.status === 'refunded' ? row.status_reason : null,
    });
    return { fileName: `ricevuta-pagopa-${row.notice_number}.pdf`, contentType: 'application/pdf', content };
  }

  private async pdfInput(trx: Executor, row: PaymentRow): Promise<NoticePdfInput> {
    const address = await new PaymentsRepository(trx).bodyAddress(row.tenant_id);
    return {
      body: { name: row.tenant_name, fiscalCode: row.body_fiscal_code, address },
      debtor: { name: row.debtor_name, fiscalCode: row.debtor_fiscal_code },
      description: row.description, items: row.items, amountCents: row.amount_cents, dueDate: row.due_date, noticeNumber: row.notice_number, iuv: row.iuv,
    };
  }

  private detail(row: PaymentRow, viewer: Viewer, events: Awaited<ReturnType<PaymentsRepository['events']>>): PaymentDetail {
    const now = clock.now();
    const live = row.open_attempt_status === 'open' && !!row.open_attempt_started_at && now.getTime() - row.open_attempt_started_at.getTime() < CHECKOUT_LIVE_MS;
    const actions: PaymentAction[] = [];
    if (viewer.kind === 'citizen') {
      if (PAYABLE_STATUSES.includes(row.status) && this.deps.gateway) actions.push('pay');
      if (citizenMayCancel(row) && !live) actions.push('cancel');
    } else if (can(viewer.staff, 'payment.manage', { tenantId: row.tenant_id })) {
      if ((row.status === 'created' || row.status === 'failed' || row.status === 'pending') && !live) actions.push('cancel');
      if (row.status === 'paid' && this.deps.gateway) actions.push('refund');
      if (row.status === 'paid' && !row.reconciled_at && this.deps.gateway) actions.push('reconcile');
    }
    return {
      ...summaryView(row, viewer.kind === 'staff'),
      items: row.items, iuv: row.iuv, qrPayload: qrPayload(row.notice_number, row.body_fiscal_code, row.amount_cents),
      receipt: receiptView(row), statusReason: row.status_reason, reconciliationFlow: row.reconciliation_flow,
      openAttempt: row.open_attempt_status === 'open' && row.open_attempt_started_at ? { startedAt: row.open_attempt_started_at.toISOString() } : null,
      events: events.map((e): PaymentEventView => ({
        at: e.at.toISOString(), type: e.type, fromStatus: e.from_status, toStatus: e.to_status,
        // the payer sees the body for its offices' steps, as on an application's timeline
        actor: viewer.kind === 'citizen' && (e.actor_kind === 'operator' || e.actor_kind === 'token') ? row.tenant_name
          : viewer.kind === 'citizen' && e.actor_kind === 'citizen' && e.actor_id === viewer.citizen.id ? 'Tu' : e.actor_label ?? 'Sistema',
        note: e.note,
      })),
      actions,
    };
  }

  // ---- making positions -------------------------------------------------------------------------------------

  /**
   * A new position in the caller's transaction: the body's next notice number, the items and their total (whole
   * cents), a 'created' event. The scope must let it write the body's number sequence (the body's or the platform's).
   */
  private async createPosition(trx: Executor, p: {
    tenantId: string; purpose: PositionRow['purpose']; applicationId: string | null; serviceId: string | null; debtorFiscalCode: string; debtorName: string;
    citizenId: string | null; description: string; items: PaymentItem[]; dueDate: string; by: ActorRef; requestedBy?: StaffActor;
  }): Promise<{ id: string; amountCents: number; noticeNumber: string; dueDate: string }> {
    const repo = new PaymentsRepository(trx);
    const amountCents = totalOf(p.items);
    const tenant = await repo.tenant(p.tenantId);
    if (!tenant) throw notFound("L'ente");
    const { noticeNumber, iuv } = noticeNumberOf(tenant.pagopa_segregation_code, await repo.nextIuvBase(p.tenantId));
    const now = clock.now();
    const id = await repo.insertPosition({
      tenantId: p.tenantId, purpose: p.purpose, applicationId: p.applicationId, serviceId: p.serviceId, debtorFiscalCode: p.debtorFiscalCode.toUpperCase(),
      debtorName: p.debtorName.slice(0, 200), citizenId: p.citizenId, description: p.description.slice(0, 140), items: p.items, amountCents, iuv, noticeNumber,
      dueDate: p.dueDate, requestedBy: p.requestedBy?.id ?? null, requestedByName: p.requestedBy?.name ?? null, now,
    });
    await repo.addEvent({ tenantId: p.tenantId, paymentId: id, type: 'created', toStatus: 'created', actorKind: p.by.kind, actorId: p.by.id, actorLabel: p.by.label,
      details: { amountCents, purpose: p.purpose }, at: now });
    return { id, amountCents, noticeNumber, dueDate: p.dueDate };
  }

  /** ApplicationPayments: the payment a draft being sent asks first (its service's fees), due in 30 days. */
  async requestBeforeSubmission(trx: Executor, app: ApplicationRow, input: { description: string; items: PaymentItem[]; by: CitizenActor }) {
    checkItems(input.items, 'fees');
    // the body's number sequence is not the citizen's to write: the rest of this unit of work runs in the body's scope
    return inScope(trx, { tenantId: app.tenant_id }, (t) => this.createPosition(t, {
      tenantId: app.tenant_id, purpose: 'before_submission', applicationId: app.id, serviceId: app.service_id,
      debtorFiscalCode: app.subject_fiscal_code, debtorName: app.subject_name, citizenId: app.citizen_id, description: input.description, items: input.items,
      dueDate: addDays(clock.today(), DAYS_TO_PAY_BEFORE_SUBMISSION), by: actorOfCitizen(input.by),
    }));
  }

  /** ApplicationPayments: the payment before submission still payable (at most one: a unique index). */
  async awaitedBeforeSubmission(trx: Executor, applicationId: string) {
    const [row] = await new PaymentsRepository(trx).payableOfApplication(applicationId, 'before_submission');
    return row ? { id: row.id, amountCents: row.amount_cents } : null;
  }

  /** ApplicationPayments: the application's payments, for its detail. */
  async summariesOf(trx: Executor, applicationId: string): Promise<PaymentSummary[]> {
    return (await new PaymentsRepository(trx).ofApplication(applicationId)).map((r) => summaryView(r));
  }

  /** ApplicationPayments: a new position exists (committed): make it payable at the provider too. A failure is logged; the checkout registers it again. */
  async afterCreate(paymentId: string): Promise<void> {
    if (!this.deps.gateway) return;
    try {
      const row = await inScope(this.db, { platform: true }, (trx) => new PaymentsRepository(trx).view(paymentId));
      if (row) await this.deps.gateway.registerPosition(toRegister(row));
    } catch (error) {
      this.log.error({ err: error, paymentId }, 'payments: registering the position at the provider failed; the checkout will retry');
    }
  }

  /**
   * ApplicationPayments: the application is being withdrawn, in its transaction: what it still asked to pay is
   * cancelled. The notices are withdrawn at the provider after the commit (the function returned).
   */
  async applicationWithdrawn(trx: Executor, app: ApplicationRow, by: { kind: 'citizen'; id: string; label: string }): Promise<() => Promise<void>> {
    const cancelled = await inScope(trx, { tenantId: app.tenant_id }, async (t) => {
      const repo = new PaymentsRepository(t);
      const done: PositionRow[] = [];
      for (const purpose of ['requested', 'before_submission'] as const) {
        for (const open of await repo.payableOfApplication(app.id, purpose)) {
          const row = (await repo.lock(open.id))!;
          if (!PAYABLE_STATUSES.includes(row.status)) continue;
          await this.markCancelled(t, row, by, 'La domanda è stata ritirata');
          done.push(row);
        }
      }
      return done;
    });
    return () => this.withdrawAtProvider(cancelled);
  }

  /** A debt of its own loaded by the office for a person (a TARI instalment, a fine); they are told if they have an account. */
  async createDebt(actor: Actor | null, input: DebtPositionInput, idempotencyKey?: string): Promise<{ created: boolean; detail: PaymentDetail }> {
    const staff = requireAccess(actor, 'payment.manage', { tenantId: input.tenantId }) as StaffActor;
    checkItems(input.items, 'items');
    checkDueDate(input.dueDate);
    const fiscalCode = input.debtorFiscalCode.trim().toUpperCase();
    if (!isValidFiscalCode(fiscalCode) && !isValidPartitaIva(fiscalCode)) {
      throw badRequest(`Il codice fiscale del debitore "${fiscalCode}" non è valido: 16 caratteri per una persona, 11 cifre per un'impresa o un ente; controlla l'ultimo carattere. (Invalid debtor fiscal code: check character.)`,
        [{ path: 'body.debtorFiscalCode', message: 'codice fiscale di persona (16) o di impresa (11 cifre) con il carattere di controllo giusto' }]);
    }
    const name = input.debtorName.trim();
    const description = input.description.trim();
    const blank: ProblemItem[] = [];
    if (!name) blank.push({ path: 'body.debtorName', message: 'nome e cognome o ragione sociale (required)' });
    if (!description) blank.push({ path: 'body.description', message: 'scrivi la causale (required)' });
    if (blank.length) throw badRequest(`Mancano dati: ${blank.map((b) => b.path).join(', ')}. (Required fields are empty.)`, blank);
    const result = await idempotent(this.db, `${staff.kind}:${staff.id}`, idempotencyKey, { input }, (executor) =>
      inScope(executor, { tenantId: input.tenantId }, async (trx) => {
        // whose account it is, if the person has one (the platform's list of citizens): they see it and are told
        const citizen = await inScope(trx, { platform: true }, (t) => new PaymentsRepository(t).citizenByFiscalCode(fiscalCode));
        const made = await inScope(trx, { tenantId: input.tenantId }, (t) => this.createPosition(t, {
          tenantId: input.tenantId, purpose: 'debt', applicationId: null, serviceId: null, debtorFiscalCode: fiscalCode, debtorName: name,
          citizenId: citizen?.id ?? null, description, items: input.items, dueDate: input.dueDate, by: actorOfStaff(staff), requestedBy: staff,
        }));
        const row = (await new PaymentsRepository(trx).view(made.id))!;
        if (citizen) await this.paymentNotice(trx, row, citizen.id);
        return { status: 201, body: { id: made.id } };
      }));
    await this.afterCreate(result.body.id);
    return { created: !result.replayed, detail: await this.get(staff, result.body.id, NO_READ) };
  }

  /**
   * The office asks for a payment while handling an application (registered or in progress): the application
   * waits in payment_pending, the legal clock stands still, the applicant is told. With an Idempotency-Key, the same
   * request again answers with the payment already asked (the application's state is the record of it).
   */
  async requestPayment(actor: Actor | null, applicationId: string, input: PaymentRequestInput, idempotencyKey?: string): Promise<{ created: boolean; detail: PaymentDetail }> {
    if (!actor) throw unauthorized();
    // a citizen has no office's view of an application: it does not exist for them
    if (isCitizen(actor)) throw notFound('La pratica richiesta');
    checkItems(input.items, 'items');
    checkDueDate(input.dueDate);
    const description = input.description.trim();
    if (!description) throw badRequest('Scrivi la causale del pagamento. (The description is required.)', [{ path: 'body.description', message: 'obbligatoria' }]);
    const note = input.note?.trim() || null;
    const staff = actor as StaffActor;
    const result = await this.deps.applications.withApplication(staff, applicationId, async (_repo, row, trx) => {
      if (row.status === 'payment_pending') {
        const awaited = await this.deps.applications.awaitedPayment(trx, applicationId);
        const asked = awaited ? await new PaymentsRepository(trx).lock(awaited) : undefined;
        if (idempotencyKey && asked && asked.requested_by === staff.id && (await this.sameRequestKey(trx, applicationId, idempotencyKey))) return { created: false, id: asked.id };
        throw conflict('La pratica attende già un pagamento: annulla quella richiesta prima di farne un\'altra. (A payment is already awaited.)');
      }
      if (row.status !== 'registered' && row.status !== 'in_progress') {
        throw conflict(`Un pagamento si chiede durante l'istruttoria (pratica protocollata o in lavorazione), non nello stato "${row.status}". (Not in progress.)`);
      }
      const made = await inScope(trx, { tenantId: row.tenant_id }, (t) => this.createPosition(t, {
        tenantId: row.tenant_id, purpose: 'requested', applicationId, serviceId: row.service_id, debtorFiscalCode: row.subject_fiscal_code, debtorName: row.subject_name,
        citizenId: row.citizen_id, description, items: input.items, dueDate: input.dueDate, by: actorOfStaff(staff), requestedBy: staff,
      }));
      await this.deps.applications.paymentRequested(trx, row, made, staff, note, idempotencyKey);
      const view = (await new PaymentsRepository(trx).view(made.id))!;
      await this.paymentNotice(trx, view, row.citizen_id, row);
      return { created: true, id: made.id };
    }, true, 'transition:payment_request');
    if (result.created) await this.afterCreate(result.id);
    return { created: result.created, detail: await this.get(staff, result.id, NO_READ) };
  }

  private async sameRequestKey(trx: Executor, applicationId: string, key: string): Promise<boolean> {
    const event = await trx.selectFrom('application_events').select('details').where('application_id', '=', applicationId).where('type', '=', 'payment_requested')
      .orderBy('at', 'desc').limit(1).executeTakeFirst();
    return event?.details.idempotencyKey === key;
  }

  /**
   * The citizen's payment_notice message (inbox and the channels they chose): body, amount, what for, notice
   * number, due date and the link to the payment's page. Written in the caller's transaction (the platform scope:
   * it reads the citizen's contacts), keyed by the position so a retry writes nothing twice.
   */
  private async paymentNotice(trx: Executor, row: PaymentRow, citizenId: string, app?: ApplicationRow) {
    await inScope(trx, { platform: true }, (t) => this.deps.messaging.noticeWithValues(t, { tenantId: row.tenant_id, applicationId: row.application_id, citizenId },
      'payment_notice', `payment:${row.id}:notice`, (language) => ({
        ente: row.tenant_name, importo: formatEuro(row.amount_cents), servizio: app ? `${app.service_title} (pratica ${app.code})` : row.description,
        avviso: formatNoticeNumber(row.notice_number), scadenza: itDay(row.due_date, language), codice: app?.code ?? '',
        link: `${this.deps.publicUrl}/area-personale/pagamenti/${row.id}`,
      })));
  }

  // ---- paying -------------------------------------------------------------------------------------------------

  /**
   * Opens a checkout at the provider for a payable position and answers where to send the browser; it comes back
   * to `returnPath` (a path of the portal) with ?esito=. A checkout still open is asked about first (it may have
   * been paid); one still open and not given up is resumed (its own address again: two live sessions could both be
   * paid); one given up is replaced by a new session, the one the position follows.
   */
  async checkout(actor: Actor | null, id: string, returnPath: string): Promise<CheckoutStarted> {
    const citizen = requireAccess(actor, 'payment.pay') as CitizenActor;
    if (!/^\/[^/\\]/.test(returnPath) || /[\u0000-\u001f\s]/.test(returnPath) || returnPath.length > 500) {
      throw badRequest('Il percorso di ritorno dev\'essere una pagina di questo portale, per esempio /area-personale/pagamenti. (returnPath must be a path of this site.)',
        [{ path: 'body.returnPath', message: 'un percorso che comincia con una sola /' }]);
    }
    const read = () => this.reach(citizen, id, 'payment.read', async (_trx, row) => row);
    let row = await read();
    const gateway = this.requireGateway();
    if (row.open_attempt_id && row.open_attempt_status === 'open' && (await this.pollAttempt(row.open_attempt_id, 0))) row = await read();
    payableOrThrow(row);
    // a checkout still open (not given up) is resumed, never doubled: two live sessions could both be paid
    if (row.open_attempt_status === 'open' && row.open_attempt_session_id && row.open_attempt_provider === gateway.name && row.open_attempt_started_at
      && clock.now().getTime() - row.open_attempt_started_at.getTime() < CHECKOUT_ABANDONED_MS && gateway.checkoutUrl) {
      return { redirectUrl: gateway.checkoutUrl(row.open_attempt_session_id) };
    }
    const position = toRegister(row);
    await gateway.registerPosition(position);
    const { sessionId, redirectUrl } = await gateway.startCheckout(position, `${this.deps.publicUrl}${returnPath}`);
    const { scope } = await this.citizenWhose(citizen);
    await inScope(this.db, scope, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const locked = await repo.lock(id);
      if (!locked) throw notFound('Il pagamento');
      // between the two reads it may have been paid or cancelled: the session opened at the provider is then left unused
      payableOrThrow(locked);
      const now = clock.now();
      if (locked.open_attempt_id) await repo.closeAttempt(locked.open_attempt_id, 'cancelled', now);
      const attempt = await repo.insertAttempt({ tenantId: locked.tenant_id, paymentId: id, provider: gateway.name, sessionId, returnPath, now });
      await repo.update(id, { status: 'pending', open_attempt_id: attempt.id }, now);
      await repo.addEvent({ tenantId: locked.tenant_id, paymentId: id, type: 'checkout_started', fromStatus: locked.status, toStatus: 'pending',
        actorKind: 'citizen', actorId: citizen.id, actorLabel: citizen.name, details: { provider: gateway.name, attemptId: attempt.id }, at: now });
    });
    return { redirectUrl };
  }

  /**
   * A callback from the provider (POST /payments/callbacks/{provider}): checked by the gateway (signature, shape)
   * and applied. 401 when it is not a genuine callback; a genuine one for a checkout we never opened is logged and
   * acknowledged (the provider would only send it again).
   */
  async handleCallback(provider: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<void> {
    const gateway = this.deps.gateway;
    if (!gateway || gateway.name !== provider) throw notFound('Il gestore dei pagamenti');
    const outcome = gateway.parseCallback(headers, rawBody);
    if (!outcome) throw new Problem(401, 'Notifica non autentica', 'La notifica di pagamento non è firmata dal gestore: ignorata. (The callback signature is not valid.)');
    await this.applyOutcome(outcome);
  }

  /**
   * Asks the provider about an open attempt (unless someone asked within `notWithinMs`) and applies what it says;
   * an attempt with no outcome long after it started was given up: the position is payable again. True when the
   * position changed.
   */
  async pollAttempt(attemptId: string, notWithinMs: number): Promise<boolean> {
    const gateway = this.deps.gateway;
    if (!gateway) return false;
    const now = clock.now();
    const claimed = await inScope(this.db, { platform: true }, (trx) => new PaymentsRepository(trx).claimPoll(attemptId, now, new Date(now.getTime() - notWithinMs)));
    if (!claimed || claimed.provider !== gateway.name) return false;
    const outcome = await gateway.outcomeOf(claimed.provider_session_id);
    if (outcome) return (await this.applyOutcome(outcome)) !== 'ignored';
    if (now.getTime() - claimed.created_at.getTime() < CHECKOUT_ABANDONED_MS) return false;
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const row = await repo.lock(claimed.payment_id);
      const attempt = await repo.attempt(attemptId);
      if (!row || attempt?.status !== 'open') return false;
      await repo.closeAttempt(attemptId, 'cancelled', now);
      if (row.open_attempt_id !== attemptId || row.status !== 'pending') return false;
      await repo.update(row.id, { status: 'created', open_attempt_id: null }, now);
      await repo.addEvent({ tenantId: row.tenant_id, paymentId: row.id, type: 'checkout_expired', fromStatus: 'pending', toStatus: 'created', actorKind: 'system',
        actorLabel: SYSTEM.label, note: 'Nessun esito dal gestore: il pagamento non è stato completato', at: now });
      return true;
    });
  }

  /** The background poller: attempts open for more than 20 seconds that nobody asked about lately. Returns how many it asked about. */
  async pollOpenAttempts(limit = 50): Promise<number> {
    if (!this.deps.gateway) return 0;
    const now = clock.now();
    const due = await inScope(this.db, { platform: true }, (trx) => new PaymentsRepository(trx)
      .openAttemptsToPoll(new Date(now.getTime() - POLL_AFTER_MS), new Date(now.getTime() - TASK_POLL_MS), limit));
    let asked = 0;
    for (const { id } of due) {
      try {
        await this.pollAttempt(id, TASK_POLL_MS);
        asked++;
      } catch (error) {
        this.log.error({ err: error, attemptId: id }, 'payments: polling an attempt failed; retrying on the next run');
      }
    }
    return asked;
  }

  /**
   * Applies an outcome the provider reported, whichever way it came, once. See the file's comment for the rules.
   * Returns what it did ('ignored' for a repeat or an unknown checkout).
   */
  async applyOutcome(outcome: ProviderOutcome): Promise<'paid' | 'paid_after_cancellation' | 'duplicate' | 'failed' | 'cancelled' | 'ignored'> {
    const gateway = this.requireGateway();
    const after: { submitted?: boolean } = {};
    const result = await inScope(this.db, { platform: true }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const sessionId = outcome.sessionId ?? null;
      let attempt: Awaited<ReturnType<PaymentsRepository['attempt']>> | null = null;
      let positionId: string;
      if (sessionId) {
        attempt = (await repo.attemptBySession(gateway.name, sessionId)) ?? null;
        if (!attempt) {
          this.log.warn?.({ sessionId }, 'payments: an outcome for a checkout this platform never opened; ignored');
          return 'ignored' as const;
        }
        positionId = attempt.payment_id;
      } else {
        // paid by the notice at a payment provider (bank, post office, shop, IO): the body and the notice number name it
        const found = outcome.outcome === 'paid' && outcome.bodyFiscalCode ? await repo.positionByBodyNotice(outcome.bodyFiscalCode, outcome.noticeNumber) : undefined;
        if (!found) {
          this.log.warn?.({ noticeNumber: outcome.noticeNumber, bodyFiscalCode: outcome.bodyFiscalCode }, 'payments: a payment of a notice this platform does not know; ignored');
          return 'ignored' as const;
        }
        positionId = found.id;
      }
      const row = await repo.lockWithApplication(positionId);
      if (!row || row.notice_number !== outcome.noticeNumber) return 'ignored' as const;
      if (await repo.hasProviderEvent(row.id, outcome.eventId)) return 'ignored' as const;
      const now = clock.now();
      const isOpen = attempt ? (await repo.attempt(attempt.id))!.status === 'open' : false;
      const event = (type: string, to: PaymentStatus | null, extra: { note?: string | null; details?: Record<string, unknown> } = {}) => repo.addEvent({
        tenantId: row.tenant_id, paymentId: row.id, type, fromStatus: to ? row.status : null, toStatus: to, actorKind: PROVIDER.kind, actorLabel: PROVIDER.label,
        providerEventId: outcome.eventId, at: now, note: extra.note ?? null, details: { sessionId, ...extra.details },
      });

      if (outcome.outcome === 'paid') {
        const receipt = outcome.receipt!;
        if (attempt && isOpen) await repo.closeAttempt(attempt.id, 'succeeded', now);
        if (row.status === 'paid' || row.status === 'refunded') {
          const same = row.receipt?.receiptId === receipt.receiptId;
          // the same payment told again under another id changes nothing; another payment is money that came twice
          await event(same ? 'confirmation_repeated' : 'duplicate_payment', null, {
            note: same ? null : `Pagamento ricevuto due volte: ${formatEuro(receipt.amountCents)} in più, ricevuta ${receipt.receiptId}. Va rimborsato.`,
            details: { receiptId: receipt.receiptId, psp: receipt.psp, amountCents: receipt.amountCents, paidAt: receipt.paidAt },
          });
          return same ? 'ignored' as const : 'duplicate' as const;
        }
        const late = row.status === 'cancelled' || row.status === 'expired';
        const mismatch = receipt.amountCents !== row.amount_cents;
        await repo.update(row.id, {
          status: 'paid', paid_at: new Date(receipt.paidAt), paid_amount_cents: receipt.amountCents, open_attempt_id: null,
          receipt: { receiptId: receipt.receiptId, psp: receipt.psp, channel: receipt.channel, paidAt: receipt.paidAt },
        }, now);
        if (row.open_attempt_id && row.open_attempt_id !== attempt?.id) await repo.closeAttempt(row.open_attempt_id, 'cancelled', now);
        await event(late ? 'paid_after_cancellation' : 'paid', 'paid', {
          note: late ? "Pagamento arrivato dopo l'annullamento: l'importo è incassato e va rimborsato se non dovuto."
            : mismatch ? `Importo pagato (${formatEuro(receipt.amountCents)}) diverso da quello dovuto (${formatEuro(row.amount_cents)}).` : null,
          details: { receiptId: receipt.receiptId, psp: receipt.psp, channel: receipt.channel, amountCents: receipt.amountCents },
        });
        if (row.application_id) {
          // the application moves only if it still waits for this payment (not after the applicant gave it up)
          const moved = await this.deps.applications.paymentConfirmed(trx, row.application_id, { id: row.id, amountCents: receipt.amountCents });
          after.submitted = moved === 'submitted';
          await this.deps.messaging.publish(trx, {
            applicationId: row.application_id, tenantId: row.tenant_id, event: 'payment_completed', key: `payment:${row.id}:paid`,
            details: { paymentId: row.id, noticeNumber: row.notice_number, amountCents: String(receipt.amountCents), purpose: row.purpose },
          });
        }
        return late ? 'paid_after_cancellation' as const : 'paid' as const;
      }

      // failed or given up: the position is payable again, if this is the checkout it follows
      if (!attempt) return 'ignored' as const;
      const follows = isOpen && row.open_attempt_id === attempt.id && row.status === 'pending';
      if (isOpen) await repo.closeAttempt(attempt.id, outcome.outcome === 'failed' ? 'failed' : 'cancelled', now);
      const to: PaymentStatus | null = follows ? (outcome.outcome === 'failed' ? 'failed' : 'created') : null;
      if (to) await repo.update(row.id, { status: to, open_attempt_id: null }, now);
      // an older checkout's outcome (one superseded by a newer checkout, or after the payment) is only recorded
      const type = outcome.outcome === 'failed' ? (to ? 'failed' : 'attempt_failed') : to ? 'checkout_cancelled' : 'attempt_cancelled';
      await event(type, to, { note: outcome.reason ?? null });
      return outcome.outcome;
    });
    if (after.submitted) this.deps.applications.wakeRegistrar();
    return result;
  }

  // ---- cancelling, refunding ----------------------------------------------------------------------------------

  /**
   * Cancels a position. The office: one not paid, with a reason the payer reads (a request it asked by mistake, a
   * debt no longer due); the application waiting for it goes back to the office's work (or to a draft). The
   * citizen: only a payment before submission they no longer want to make, so as to change the answers (the
   * application is a draft again). Never while a checkout is in progress.
   */
  async cancel(actor: Actor | null, id: string, reasonGiven: string | undefined): Promise<PaymentDetail> {
    const reason = reasonGiven?.trim() ?? '';
    // ask the provider about a checkout left open before deciding (it may have been paid)
    const before = await this.reach(actor, id, 'payment.manage', async (_trx, row, viewer) => ({ row, viewer }));
    if (before.viewer.kind === 'staff' && reason.length < 5) {
      throw badRequest("Scrivi il motivo dell'annullamento (almeno 5 caratteri): lo legge chi doveva pagare. (A reason of at least 5 characters is required.)",
        [{ path: 'body.reason', message: 'obbligatorio, da 5 a 500 caratteri' }]);
    }
    if (before.row.open_attempt_id && before.row.open_attempt_status === 'open') await this.pollAttempt(before.row.open_attempt_id, 0);
    const withdrawn = await this.reach(actor, id, 'payment.manage', async (trx, view, viewer) => {
      // the changes run in the body's scope (the position, the application waiting for it): who may has been decided
      return inScope(trx, { tenantId: view.tenant_id }, async (t) => {
        const repo = new PaymentsRepository(t);
        const row = (await repo.lockWithApplication(id))!;
        if (viewer.kind === 'citizen') {
          if (row.purpose !== 'before_submission') {
            throw conflict("Questo pagamento lo può annullare solo l'ente che l'ha chiesto: se pensi che sia sbagliato, scrivi all'ufficio. (Only the body can cancel this payment.)");
          }
          if (!citizenMayCancel({ ...view, status: row.status })) throw notCancellable(row.status);
        } else if (!['created', 'failed', 'pending'].includes(row.status)) {
          throw notCancellable(row.status);
        }
        if (row.status === 'pending' && (await this.checkoutLive(repo, row))) throw stillOpen();
        const by = viewer.kind === 'citizen' ? actorOfCitizen(viewer.citizen) : actorOfStaff(viewer.staff);
        await this.markCancelled(t, row, by, reason || (viewer.kind === 'citizen' ? 'Pagamento annullato dal cittadino per modificare la domanda' : reason));
        return row;
      });
    });
    await this.withdrawAtProvider([withdrawn]);
    return this.get(actor, id, NO_READ);
  }

  private async checkoutLive(repo: PaymentsRepository, row: PositionRow): Promise<boolean> {
    if (!row.open_attempt_id) return false;
    const attempt = await repo.attempt(row.open_attempt_id);
    return attempt?.status === 'open' && clock.now().getTime() - attempt.created_at.getTime() < CHECKOUT_LIVE_MS;
  }

  /** Cancels a locked position in the caller's transaction; the application waiting for it goes back. */
  private async markCancelled(trx: Executor, row: PositionRow, by: ActorRef, reason: string) {
    const repo = new PaymentsRepository(trx);
    const now = clock.now();
    if (row.open_attempt_id) await repo.closeAttempt(row.open_attempt_id, 'cancelled', now);
    await repo.update(row.id, { status: 'cancelled', open_attempt_id: null, status_reason: reason }, now);
    await repo.addEvent({ tenantId: row.tenant_id, paymentId: row.id, type: 'cancelled', fromStatus: row.status, toStatus: 'cancelled', actorKind: by.kind, actorId: by.id,
      actorLabel: by.label, note: reason, at: now });
    if (row.application_id) {
      await this.deps.applications.paymentWithdrawn(trx, row.application_id, row.id, {
        who: { actorKind: by.kind === 'provider' ? 'system' : by.kind, actorId: by.id, actorLabel: by.label }, note: reason,
      });
    }
  }

  /** The notices are withdrawn at the provider too (after the commit; a failure is logged: a payment that still arrives is recorded as paid after cancellation). */
  private async withdrawAtProvider(rows: PositionRow[]) {
    const gateway = this.deps.gateway;
    if (!gateway || !rows.length) return;
    const bodies = await inScope(this.db, { platform: true }, (trx) => trx.selectFrom('tenants').select(['id', 'fiscal_code'])
      .where('id', 'in', [...new Set(rows.map((r) => r.tenant_id))]).execute());
    for (const row of rows) {
      try {
        await gateway.cancelPosition({ tenantId: row.tenant_id, bodyFiscalCode: bodies.find((b) => b.id === row.tenant_id)!.fiscal_code, noticeNumber: row.notice_number });
      } catch (error) {
        this.log.error({ err: error, paymentId: row.id }, 'payments: withdrawing the notice at the provider failed');
      }
    }
  }

  /**
   * Gives a paid amount back, with a reason the payer reads. The start is recorded first (a second refund meanwhile
   * is refused), then the provider is asked, then the outcome recorded: the money never goes back twice. With a
   * receiptId other than the payment's own, only that second payment (a duplicate_payment) goes back, and the
   * position stays paid.
   */
  async refund(actor: Actor | null, id: string, reasonGiven: string | undefined, receiptId?: string): Promise<PaymentDetail> {
    if (isCitizen(actor)) {
      // refunds are the office's: a citizen learns nothing of whether the payment exists
      requireAccess(actor, 'payment.manage', { tenantId: '00000000-0000-0000-0000-000000000000' });
    }
    const reason = reasonGiven?.trim() ?? '';
    const started = await this.reach(actor, id, 'payment.manage', async (trx, view, viewer) => {
      if (reason.length < 5) {
        throw badRequest('Scrivi il motivo del rimborso (almeno 5 caratteri): lo legge chi ha pagato. (A reason of at least 5 characters is required.)',
          [{ path: 'body.reason', message: 'obbligatorio, da 5 a 500 caratteri' }]);
      }
      const gatewayName = this.requireGateway().name;
      const repo = new PaymentsRepository(trx);
      const row = (await repo.lock(id))!;
      // a receipt other than the position's own is money that came twice (duplicate_payment): it goes back alone, the position stays paid
      const duplicate = receiptId && receiptId !== row.receipt?.receiptId ? await repo.duplicateReceipt(id, receiptId) : null;
      if (receiptId && receiptId !== row.receipt?.receiptId && !duplicate) {
        throw notFound(`La ricevuta ${receiptId} di questo pagamento`);
      }
      if (!duplicate && (row.status !== 'paid' || !row.receipt)) {
        throw conflict(row.status === 'refunded' ? 'Questo pagamento è già stato rimborsato. (Already refunded.)'
          : 'Si rimborsa solo un pagamento eseguito: questo non lo è. Per un avviso non pagato usa l\'annullamento. (Only a paid payment can be refunded.)');
      }
      const target = duplicate ? receiptId! : row.receipt!.receiptId;
      const events = (await repo.events(id)).filter((e) => ((e.details.receiptId as string | undefined) ?? row.receipt?.receiptId) === target);
      if (duplicate && events.some((e) => e.type === 'duplicate_refunded')) throw conflict('Questo secondo pagamento è già stato rimborsato. (Already refunded.)');
      const last = [...events].reverse().find((e) => ['refund_started', 'refund_failed', 'refunded', 'duplicate_refunded'].includes(e.type));
      // one that started and never ended (a crash meanwhile) may be tried again after a while: the provider refunds a receipt once
      if (last?.type === 'refund_started' && clock.now().getTime() - last.at.getTime() < REFUND_RETRY_MS) {
        throw conflict('Un rimborso di questo pagamento è già in corso. (A refund is already in progress.)');
      }
      const staff = (viewer as { staff: StaffActor }).staff;
      await repo.addEvent({ tenantId: row.tenant_id, paymentId: id, type: 'refund_started', actorKind: actorOfStaff(staff).kind, actorId: staff.id, actorLabel: staff.name,
        note: reason, details: { provider: gatewayName, receiptId: target }, at: clock.now() });
      return { row, staff, bodyFiscalCode: view.body_fiscal_code, target, amountCents: duplicate ? duplicate.amountCents : row.paid_amount_cents ?? row.amount_cents, duplicate: !!duplicate };
    });
    const { row, staff, target, amountCents } = started;
    let refundId: string;
    try {
      ({ refundId } = await this.requireGateway().refund({ tenantId: row.tenant_id, bodyFiscalCode: started.bodyFiscalCode, noticeNumber: row.notice_number,
        receiptId: target, amountCents }, reason));
    } catch (error) {
      this.log.error({ err: error, paymentId: id }, 'payments: the provider refused the refund');
      await inScope(this.db, { tenantId: row.tenant_id }, (trx) => new PaymentsRepository(trx).addEvent({ tenantId: row.tenant_id, paymentId: id, type: 'refund_failed',
        actorKind: 'provider', actorLabel: PROVIDER.label, note: 'Il gestore dei pagamenti non ha eseguito il rimborso', details: { receiptId: target }, at: clock.now() }));
      throw new Problem(502, 'Rimborso non eseguito', 'Il gestore dei pagamenti non ha eseguito il rimborso: riprova più tardi. (The provider did not refund.)');
    }
    await inScope(this.db, { tenantId: row.tenant_id }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const locked = (await repo.lock(id))!;
      const now = clock.now();
      if (started.duplicate) {
        await repo.addEvent({ tenantId: row.tenant_id, paymentId: id, type: 'duplicate_refunded', actorKind: actorOfStaff(staff).kind, actorId: staff.id, actorLabel: staff.name,
          note: reason, details: { refundId, receiptId: target, amountCents }, at: now });
        return;
      }
      await repo.update(id, { status: 'refunded', status_reason: reason, receipt: { ...locked.receipt!, refundId } }, now);
      await repo.addEvent({ tenantId: row.tenant_id, paymentId: id, type: 'refunded', fromStatus: locked.status, toStatus: 'refunded', actorKind: actorOfStaff(staff).kind,
        actorId: staff.id, actorLabel: staff.name, note: reason, details: { refundId, receiptId: target }, at: now });
    });
    return this.get(staff, id, NO_READ);
  }

  // ---- sweeps ---------------------------------------------------------------------------------------------------

  /**
   * Positions past their due date that nobody paid expire (the body no longer takes them; the notice is withdrawn
   * at the provider); an application waiting for one goes back (a draft, or the office's work). Returns how many.
   */
  async expireOverdue(limit = 100): Promise<number> {
    const today = clock.today();
    const due = await inScope(this.db, { platform: true }, (trx) => new PaymentsRepository(trx).overdue(today, limit));
    const expired: PositionRow[] = [];
    for (const { id } of due) {
      let row: PositionRow | null;
      try {
        row = await this.expireOne(id, today);
      } catch (error) {
        this.log.error({ err: error, paymentId: id }, 'payments: expiring a position failed; retrying on the next run');
        continue;
      }
      if (row) expired.push(row);
    }
    await this.withdrawAtProvider(expired);
    return expired.length;
  }

  /** Expires one overdue position (application first, then the position: the one lock order). The row, or null when it no longer applies. */
  private expireOne(id: string, today: string): Promise<PositionRow | null> {
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const locked = await repo.lockWithApplication(id);
      if (!locked || locked.due_date >= today || (locked.status !== 'created' && locked.status !== 'failed')) return null;
      const now = clock.now();
      const note = `Scaduto il ${itDay(locked.due_date)} senza pagamento`;
      await repo.update(id, { status: 'expired', status_reason: note }, now);
      await repo.addEvent({ tenantId: locked.tenant_id, paymentId: id, type: 'expired', fromStatus: locked.status, toStatus: 'expired', actorKind: 'system',
        actorLabel: SYSTEM.label, note, at: now });
      if (locked.application_id) {
        await this.deps.applications.paymentWithdrawn(trx, locked.application_id, id, { who: { actorKind: 'system', actorId: null, actorLabel: SYSTEM.label }, note });
      }
      return locked;
    });
  }

  /**
   * Matches the provider's reporting flow of a day against the body's payments: what the flow confirms is
   * reconciled (once), what it reports that is unknown here or with another amount is a discrepancy, and what was
   * paid here that day but is missing from the flow is listed for the office to look into.
   */
  async reconcile(actor: Actor | null, input: { tenantId: string; date: string }): Promise<ReconciliationResult> {
    const staff = requireAccess(actor, 'payment.manage', { tenantId: input.tenantId }) as StaffActor;
    if (!isDay(input.date) || input.date > clock.today()) {
      throw badRequest('Indica un giorno passato o di oggi (AAAA-MM-GG): il flusso di rendicontazione di un giorno futuro non esiste. (date must be today or earlier.)',
        [{ path: 'body.date', message: 'un giorno non futuro' }]);
    }
    const gateway = this.requireGateway();
    const tenant = await inScope(this.db, { tenantId: input.tenantId }, (trx) => new PaymentsRepository(trx).tenant(input.tenantId));
    if (!tenant) throw notFound("L'ente");
    const flow = await gateway.reportingFlow(input.tenantId, tenant.fiscal_code, input.date);
    // the flow is the provider's statement of money collected: a notice still payable here was paid (at a counter,
    // or a confirmation that never arrived) and is recorded as any confirmation (its own lock order, once per receipt)
    const dayEnd = romeDayStart(addDays(input.date, 1)).getTime() - 1;
    for (const p of flow.payments) {
      const known = await inScope(this.db, { tenantId: input.tenantId }, (trx) => new PaymentsRepository(trx).byNotice(input.tenantId, p.noticeNumber));
      if (!known || !PAYABLE_STATUSES.includes(known.status)) continue;
      await this.applyOutcome({
        eventId: `flow:${flow.flowId}:${p.receiptId}`, bodyFiscalCode: tenant.fiscal_code, noticeNumber: p.noticeNumber, outcome: 'paid',
        receipt: { receiptId: p.receiptId, psp: PROVIDER.label, channel: 'flusso di rendicontazione', amountCents: p.amountCents,
          paidAt: new Date(Math.min(dayEnd, clock.now().getTime())).toISOString() },
      });
    }
    return inScope(this.db, { tenantId: input.tenantId }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const now = clock.now();
      const result: ReconciliationResult = { flowId: flow.flowId, date: input.date, matched: 0, alreadyReconciled: 0, discrepancies: [], missingFromFlow: [] };
      const inFlow = new Set<string>();
      for (const p of flow.payments) {
        inFlow.add(p.noticeNumber);
        const row = await repo.lockByNotice(input.tenantId, p.noticeNumber);
        if (!row) {
          result.discrepancies.push({ noticeNumber: p.noticeNumber, problem: `Nel flusso ma sconosciuto all'ente (${formatEuro(p.amountCents)}, ricevuta ${p.receiptId})` });
        } else if (row.status !== 'paid' && row.status !== 'refunded') {
          result.discrepancies.push({ noticeNumber: p.noticeNumber, problem: `Nel flusso ma qui risulta ${STATUS_IT[row.status]}, non pagato` });
        } else if (row.receipt && row.receipt.receiptId !== p.receiptId) {
          // another receipt for a known notice: money that came twice (recorded to refund) or a payment we never heard of
          const twice = await repo.duplicateReceipt(row.id, p.receiptId);
          result.discrepancies.push({ noticeNumber: p.noticeNumber, problem: twice
            ? `Pagato due volte: la ricevuta ${p.receiptId} (${formatEuro(p.amountCents)}) è un secondo pagamento, da rimborsare`
            : `Ricevuta ${p.receiptId} (${formatEuro(p.amountCents)}) sconosciuta: qui l'avviso risulta pagato con la ricevuta ${row.receipt.receiptId}` });
        } else if ((row.paid_amount_cents ?? row.amount_cents) !== p.amountCents) {
          result.discrepancies.push({ noticeNumber: p.noticeNumber,
            problem: `Importo diverso: ${formatEuro(p.amountCents)} nel flusso, ${formatEuro(row.paid_amount_cents ?? row.amount_cents)} qui` });
        } else if (row.reconciled_at) {
          result.alreadyReconciled++;
        } else {
          await repo.update(row.id, { reconciled_at: now, reconciliation_flow: flow.flowId }, now);
          await repo.addEvent({ tenantId: row.tenant_id, paymentId: row.id, type: 'reconciled', actorKind: actorOfStaff(staff).kind, actorId: staff.id, actorLabel: staff.name,
            details: { flowId: flow.flowId, date: input.date }, at: now });
          result.matched++;
        }
      }
      for (const paid of await repo.paidBetween(input.tenantId, romeDayStart(input.date), romeDayStart(addDays(input.date, 1)))) {
        if (!inFlow.has(paid.notice_number)) result.missingFromFlow.push({ noticeNumber: paid.notice_number, paymentId: paid.id });
      }
      return result;
    });
  }

  /** Advice on payments falling due ("Per te"): a citizen's payable positions, in the caller's transaction (recommendations.service.ts). */
  async payableFor(trx: Executor, citizen: { id: string; fiscalCode: string }) {
    return (await new PaymentsRepository(trx).payableOf(citizen.id, citizen.fiscalCode)).map((r) => ({
      id: r.id, tenantId: r.tenant_id, tenantName: r.tenant_name, description: r.service_title ?? r.description, dueOn: r.due_date, amountCents: r.amount_cents,
      href: `/area-personale/pagamenti/${r.id}`,
    }));
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------------

/** The total of the items in whole cents; each a whole number of cents of at least 1, the total within the limit. */
function totalOf(items: readonly PaymentItem[]): number {
  let total = 0;
  for (const item of items) total += item.amountCents;
  return total;
}

function checkItems(items: readonly PaymentItem[], field: string) {
  const problems: ProblemItem[] = [];
  if (!items.length) problems.push({ path: `body.${field}`, message: 'almeno una voce (at least one item)' });
  items.forEach((item, i) => {
    if (!Number.isSafeInteger(item.amountCents) || item.amountCents < 1) problems.push({ path: `body.${field}.${i}.amountCents`, message: 'centesimi interi, almeno 1 (whole cents)' });
    if (!item.label.trim()) problems.push({ path: `body.${field}.${i}.label`, message: 'scrivi la voce (required)' });
  });
  if (!problems.length && totalOf(items) > MAX_CENTS) problems.push({ path: `body.${field}`, message: `il totale supera ${formatEuro(MAX_CENTS)} (total too large)` });
  if (problems.length) throw badRequest(`Le voci del pagamento non sono valide: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

function checkDueDate(day: string) {
  if (!isDay(day)) throw badRequest('La scadenza non è una data valida (AAAA-MM-GG). (Invalid due date.)', [{ path: 'body.dueDate', message: 'una data AAAA-MM-GG' }]);
  if (day < clock.today()) throw badRequest('La scadenza è già passata: scegli oggi o un giorno futuro. (The due date is in the past.)', [{ path: 'body.dueDate', message: 'oggi o dopo' }]);
}

function payableOrThrow(row: { status: PaymentStatus }) {
  if (PAYABLE_STATUSES.includes(row.status)) return;
  if (row.status === 'paid' || row.status === 'refunded') throw conflict('Questo avviso è già pagato. (Already paid.)');
  throw conflict("Questo avviso non è più pagabile: l'ente l'ha annullato o è scaduto. (No longer payable.)");
}

/** The states as the office's messages name them (the web has its own translations). */
const STATUS_IT: Record<PaymentStatus, string> = {
  created: 'da pagare', pending: 'in corso di pagamento', paid: 'pagato', failed: 'non riuscito', cancelled: 'già annullato',
  expired: 'scaduto', refunded: 'rimborsato',
};

const notCancellable = (status: PaymentStatus) => conflict(status === 'paid'
  ? 'Un pagamento eseguito non si annulla: si rimborsa. (A paid payment is refunded, not cancelled.)'
  : `Il pagamento è ${STATUS_IT[status]}: non si può più annullare. (It can no longer be cancelled: ${status}.)`);

/** The citizen gives up a payment before submission to change the answers: only while the application waits for it. */
function citizenMayCancel(row: Pick<PaymentRow, 'purpose' | 'status' | 'application_status' | 'application_submitted_at'>): boolean {
  return row.purpose === 'before_submission' && ['created', 'failed', 'pending'].includes(row.status)
    && row.application_status === 'payment_pending' && !row.application_submitted_at;
}

function toRegister(row: PaymentRow): PositionToRegister {
  return {
    tenantId: row.tenant_id, bodyFiscalCode: row.body_fiscal_code, noticeNumber: row.notice_number, iuv: row.iuv, amountCents: row.amount_cents,
    description: row.description, dueDate: row.due_date, debtor: { fiscalCode: row.debtor_fiscal_code, name: row.debtor_name },
  };
}

function receiptView(row: Pick<PaymentRow, 'receipt' | 'paid_at' | 'paid_amount_cents' | 'amount_cents'>) {
  if (!row.receipt || !row.paid_at) return null;
  return { receiptId: row.receipt.receiptId, psp: row.receipt.psp, channel: row.receipt.channel, paidAt: row.paid_at.toISOString(), amountCents: row.paid_amount_cents ?? row.amount_cents };
}

/**
 * A position as a list shows it. For the office (forStaff) a payment before submission of an application not sent
 * yet names no application: the office cannot open it until it is submitted (staff never see unsent applications).
 */
export function summaryView(r: PaymentRow, forStaff = false): PaymentSummary {
  const hidden = forStaff && r.purpose === 'before_submission' && !r.application_submitted_at;
  return {
    id: r.id, tenantId: r.tenant_id, tenantName: r.tenant_name, purpose: r.purpose, description: r.description, amountCents: r.amount_cents,
    noticeNumber: r.notice_number, bodyFiscalCode: r.body_fiscal_code, dueDate: r.due_date, status: r.status, paidAt: r.paid_at?.toISOString() ?? null,
    application: r.application_id && r.application_code && !hidden ? { id: r.application_id, code: r.application_code, serviceTitle: r.service_title ?? '' } : null,
    debtor: { fiscalCode: r.debtor_fiscal_code, name: r.debtor_name }, createdAt: r.created_at.toISOString(), reconciledAt: r.reconciled_at?.toISOString() ?? null,
  };
}

/**
 * Which office the access log names for a staff read: the reader's own office in the body (where they sit), or
 * the body itself for those who work across it (managers, administrators, integrators' tokens).
 */
async function officeOf(trx: Executor, staff: StaffActor, row: Pick<PaymentRow, 'tenant_name'>): Promise<string> {
  const officeId = staff.grants.find((g) => g.officeId)?.officeId;
  const office = officeId ? await trx.selectFrom('offices').select('name').where('id', '=', officeId).executeTakeFirst() : undefined;
  return office?.name ?? row.tenant_name;
}

/** The access-log entry of an office's read of a payment: the payer's data (name, fiscal code, what they owe). */
function readOf(r: PaymentRow, staff: StaffActor, officeName: string | null, operation: string, why: string): PersonalDataRead {
  return {
    tenantId: r.tenant_id, subjectFiscalCode: r.debtor_fiscal_code, citizenId: r.citizen_id,
    actor: { kind: staff.kind === 'token' ? 'token' : 'operator', id: staff.id, label: staff.name }, officeName,
    object: { type: 'payment', id: r.id, label: `Pagamento ${formatNoticeNumber(r.notice_number)} — ${r.description}` },
    operation, purpose: `${why} (avviso ${formatNoticeNumber(r.notice_number)})`, legalBasis: LEGAL_BASIS.proceeding,
  };
}
