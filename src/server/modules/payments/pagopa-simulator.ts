/**
 * The built-in stand-in for pagoPA, for development and tests: it behaves like the real flow closely enough that
 * every path of the payments service can be walked. A checkout sends the browser to a page of its own
 * (simulator.routes.ts) where the tester chooses what happens — paid, refused, given up — and how the body hears
 * of it: a signed callback at once, no callback at all (only polling finds the outcome, like a confirmation lost
 * on the way), or the same callback twice (like a provider that retries).
 *
 * Its state lives in the database (pagopa_simulator_sessions), not in memory, so a checkout survives a restart and
 * two processes on one database (a web process and a worker) see the same sessions. The table belongs to the
 * "other system": only the platform scope reads it.
 *
 * The table holds two kinds of rows. Checkout sessions have a random id. The positions the body registered have
 * the id `posizione:<tenant>:<notice number>` and no return URL; their outcome is 'open' while payable and
 * 'cancelled' once the body withdrew them, so that a checkout of a withdrawn notice cannot be paid (pagoPA answers
 * such a payment with "avviso non più pagabile").
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import { addDays, romeDayStart } from '../../platform/legal-clock.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { PaymentGateway, PositionToRegister, ProviderOutcome, ReportingFlow } from './gateway.ts';

export type SimulatedOutcome = ProviderOutcome['outcome'];
/** callback: one confirmation at once; late: none (only polling finds it); duplicate: the same confirmation twice */
export type SimulatedDelivery = 'callback' | 'late' | 'duplicate';

export const SIMULATED_OUTCOMES: readonly SimulatedOutcome[] = ['paid', 'failed', 'cancelled'];
export const SIMULATED_DELIVERIES: readonly SimulatedDelivery[] = ['callback', 'late', 'duplicate'];

/** The header that carries the callback's signature: hex HMAC-SHA256 of the raw body. */
export const SIGNATURE_HEADER = 'x-simulator-signature';

export const SIMULATED_PSP = 'Banca Simulata';
export const SIMULATED_CHANNEL = 'carta di pagamento';
export const NOT_PAYABLE_REASON = "Avviso non più pagabile: l'ente lo ha annullato";
export const CARD_REFUSED_REASON = 'Carta rifiutata dal circuito di pagamento';
export const ALREADY_PAID_REASON = 'Avviso già pagato';
/** Who collects a notice paid at the counter (payNotice). */
export const COUNTER_PSP = 'Ufficio Postale Simulato';
export const COUNTER_CHANNEL = 'sportello';

/** What the browser is sent back with: ?esito=ok|ko|annullato */
export const ESITO: Record<SimulatedOutcome, string> = { paid: 'ok', failed: 'ko', cancelled: 'annullato' };

type SimStatus = 'open' | SimulatedOutcome;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Kysely's view of the simulator's table (migration 0017), kept here: nothing else of the app reads it. */
interface SimulatorSessionsTable {
  id: string;
  tenant_id: string;
  notice_number: string;
  body_fiscal_code: string;
  amount_cents: number;
  description: string;
  return_url: string;
  outcome: ColumnType<SimStatus, SimStatus | undefined, SimStatus>;
  delivery: ColumnType<SimulatedDelivery, SimulatedDelivery | undefined, SimulatedDelivery>;
  receipt_id: string | null;
  psp: string | null;
  decided_at: NullableTime;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}
type SimTables = { pagopa_simulator_sessions: SimulatorSessionsTable };
type SessionRow = { [K in keyof SimulatorSessionsTable]: SimulatorSessionsTable[K] extends ColumnType<infer S, unknown, unknown> ? S : SimulatorSessionsTable[K] };

const T = 'pagopa_simulator_sessions' as const;
const sim = (trx: Transaction<DB>) => trx.withTables<SimTables>();
const positionId = (tenantId: string, noticeNumber: string) => `posizione:${tenantId}:${noticeNumber}`;
/** Receipts of notices paid at a counter have no checkout session: their rows are `avviso:<random>`. */
const COUNTER_PREFIX = 'avviso:';
/** Checkout session ids: 128 random bits, base64url (22 characters). */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;
export const isSessionId = (id: string) => SESSION_ID.test(id);

/** The page's view of a session (simulator.routes.ts). */
export interface SimulatorSessionView {
  id: string;
  bodyName: string;
  bodyFiscalCode: string;
  noticeNumber: string;
  description: string;
  amountCents: number;
  status: SimStatus;
  delivery: SimulatedDelivery;
  /** false when the body withdrew the notice before it was paid, or it was paid already (another way) */
  payable: boolean;
  /** why it may not be paid, while the session is open */
  notPayable: 'withdrawn' | 'already_paid' | null;
  /** where the browser goes back to, with ?esito= once decided */
  returnUrl: string;
  decidedAt: Date | null;
}

/** Thrown by payNotice() when pagoPA would refuse the payment: unknown notice, withdrawn, already paid, wrong amount. */
export class SimulatorNoticeRefused extends Error {
  constructor(readonly reason: 'unknown' | 'withdrawn' | 'already_paid' | 'amount', message: string) {
    super(message);
  }
}

/** Thrown by decide() for a session the simulator never opened. */
export class SimulatorSessionNotFound extends Error {
  constructor(sessionId: string) {
    super(`pagoPA simulator: no checkout session ${sessionId}`);
  }
}

export interface SimulatorLog {
  error(obj: object, msg: string): void;
}

export class PagoPaSimulator implements PaymentGateway {
  readonly name = 'simulator';
  /** Where callbacks go: the payments service sets it. While null, confirmations travel only by polling. */
  onCallback: ((headers: Record<string, string>, rawBody: string) => Promise<void>) | null = null;

  private readonly pending = new Set<Promise<void>>();
  /** Test hook: payments a day's flow reports on top of those really paid (a discrepancy to reconcile). */
  private readonly flowExtras = new Map<string, ReportingFlow['payments']>();
  private readonly log: SimulatorLog;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly opts: { publicUrl: string; signingKey: string; log?: SimulatorLog },
  ) {
    if (!opts.signingKey) throw new Error('pagoPA simulator: a signing key is needed');
    this.log = opts.log ?? { error: (obj, msg) => console.error(msg, obj) };
  }

  private scope<R>(fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
    return inScope(this.db, { platform: true }, fn);
  }

  // -------------------------------------------------------------------------------------------------------------
  // PaymentGateway

  async registerPosition(position: PositionToRegister): Promise<void> {
    await this.scope((trx) =>
      sim(trx).insertInto(T).values({
        id: positionId(position.tenantId, position.noticeNumber),
        tenant_id: position.tenantId,
        notice_number: position.noticeNumber,
        body_fiscal_code: position.bodyFiscalCode,
        amount_cents: position.amountCents,
        description: position.description,
        return_url: '',
      })
        // registering twice changes nothing, and never makes a withdrawn notice payable again
        .onConflict((oc) => oc.column('id').doNothing())
        .execute(),
    );
  }

  async cancelPosition(position: { tenantId: string; bodyFiscalCode: string; noticeNumber: string }): Promise<void> {
    await this.scope((trx) =>
      sim(trx).insertInto(T).values({
        id: positionId(position.tenantId, position.noticeNumber),
        tenant_id: position.tenantId,
        notice_number: position.noticeNumber,
        body_fiscal_code: position.bodyFiscalCode,
        // a notice withdrawn without ever being registered here: what it was for no longer matters
        amount_cents: 0,
        description: '',
        return_url: '',
        outcome: 'cancelled',
        decided_at: clock.now(),
      })
        .onConflict((oc) => oc.column('id').doUpdateSet({ outcome: 'cancelled', decided_at: clock.now() }).where(`${T}.outcome`, '=', 'open'))
        .execute(),
    );
  }

  async startCheckout(position: PositionToRegister, returnUrl: string): Promise<{ sessionId: string; redirectUrl: string }> {
    const sessionId = randomBytes(16).toString('base64url');
    await this.scope(async (trx) => {
      await sim(trx).insertInto(T).values({
        id: sessionId,
        tenant_id: position.tenantId,
        notice_number: position.noticeNumber,
        body_fiscal_code: position.bodyFiscalCode,
        amount_cents: position.amountCents,
        description: position.description,
        return_url: returnUrl,
      }).execute();
    });
    return { sessionId, redirectUrl: this.checkoutUrl(sessionId) };
  }

  checkoutUrl(sessionId: string): string {
    return `${this.opts.publicUrl.replace(/\/+$/, '')}/pagopa-simulatore/pagamento/${sessionId}`;
  }

  async outcomeOf(sessionId: string): Promise<ProviderOutcome | null> {
    if (!isSessionId(sessionId)) return null;
    return this.scope(async (trx) => {
      const row = await sim(trx).selectFrom(T).selectAll().where('id', '=', sessionId).executeTakeFirst();
      if (!row || row.outcome === 'open') return null;
      return this.outcomeOfRow(trx, row as SessionRow);
    });
  }

  async refund(
    position: { tenantId: string; bodyFiscalCode: string; noticeNumber: string; receiptId: string; amountCents: number },
    reason: string,
  ): Promise<{ refundId: string }> {
    if (!reason.trim()) throw new Error('pagoPA simulator: a refund needs a reason');
    const paid = await this.scope((trx) =>
      sim(trx).selectFrom(T).select(['receipt_id', 'amount_cents'])
        .where('tenant_id', '=', position.tenantId)
        .where('notice_number', '=', position.noticeNumber)
        .where('receipt_id', '=', position.receiptId)
        .where('outcome', '=', 'paid')
        .executeTakeFirst(),
    );
    if (!paid) throw new Error(`pagoPA simulator: notice ${position.noticeNumber} has no payment with receipt ${position.receiptId} to refund`);
    if (position.amountCents <= 0 || position.amountCents > paid.amount_cents) {
      throw new Error(`pagoPA simulator: cannot refund ${position.amountCents} cents of a payment of ${paid.amount_cents}`);
    }
    // the same receipt always gives the same refund: asking twice does not give the money back twice
    return { refundId: `RIMB-${paid.receipt_id!.slice(0, 20).toUpperCase()}` };
  }

  async reportingFlow(tenantId: string, bodyFiscalCode: string, date: string): Promise<ReportingFlow> {
    const rows = await this.scope((trx) =>
      sim(trx).selectFrom(T).select(['notice_number', 'amount_cents', 'receipt_id'])
        .where('tenant_id', '=', tenantId)
        .where('body_fiscal_code', '=', bodyFiscalCode)
        .where('outcome', '=', 'paid')
        .where('decided_at', '>=', romeDayStart(date))
        .where('decided_at', '<', romeDayStart(addDays(date, 1)))
        .orderBy('decided_at').orderBy('id')
        .execute(),
    );
    const payments = rows.map((r) => ({ noticeNumber: r.notice_number, amountCents: r.amount_cents, receiptId: r.receipt_id! }));
    payments.push(...(this.flowExtras.get(`${tenantId}|${date}`) ?? []));
    return { flowId: `${date}SIMUL-${bodyFiscalCode}-0001`, date, payments };
  }

  parseCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderOutcome | null {
    const given = headers[SIGNATURE_HEADER];
    if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given)) return null;
    const expected = Buffer.from(this.sign(rawBody), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'))) return null;
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return null;
    }
    return asOutcome(body);
  }

  // -------------------------------------------------------------------------------------------------------------
  // The simulated payer (the page)

  /**
   * What the payer chose on the page. Recorded once: a second decision on the same session (the back button, a
   * double click, a second tab) changes nothing and sends nothing, and gets the first outcome's return URL. Paying
   * a notice the body has withdrawn fails ("avviso non più pagabile"). The confirmation leaves after the answer.
   * Returns where to send the browser: the return URL with esito=ok|ko|annullato.
   */
  async decide(sessionId: string, outcome: SimulatedOutcome, delivery: SimulatedDelivery): Promise<string> {
    if (!SIMULATED_OUTCOMES.includes(outcome) || !SIMULATED_DELIVERIES.includes(delivery)) throw new Error('pagoPA simulator: unknown outcome or delivery');
    if (!isSessionId(sessionId)) throw new SimulatorSessionNotFound(sessionId);
    const { row, confirmation } = await this.scope(async (trx) => {
      const current = await sim(trx).selectFrom(T).selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst();
      if (!current) throw new SimulatorSessionNotFound(sessionId);
      if (current.outcome !== 'open') return { row: current as SessionRow, confirmation: null };
      const payable = await this.payable(trx, current as SessionRow);
      // like pagoPA: a withdrawn notice, or one already paid (at a counter, in another tab), cannot be paid
      const chosen: SimulatedOutcome = outcome === 'paid' && !payable ? 'failed' : outcome;
      const decided = await sim(trx).updateTable(T)
        .set({
          outcome: chosen,
          delivery,
          decided_at: clock.now(),
          receipt_id: chosen === 'paid' ? randomBytes(16).toString('hex') : null,
          psp: chosen === 'failed' || chosen === 'paid' ? SIMULATED_PSP : null,
        })
        .where('id', '=', sessionId)
        .returningAll()
        .executeTakeFirstOrThrow() as SessionRow;
      return { row: decided, confirmation: await this.outcomeOfRow(trx, decided) };
    });
    if (confirmation && row.delivery !== 'late') this.deliver(confirmation, row.delivery === 'duplicate' ? 2 : 1);
    return withEsito(row.return_url, row.outcome as SimulatedOutcome);
  }

  /**
   * The simulated payer pays a notice away from the body's checkout — at a bank, a post office, a shop, in the IO
   * app — as the printed notice tells them to: a receipt with no checkout session, then the signed confirmation
   * (body fiscal code + notice number) to the body. Refused like pagoPA would: a notice never registered, one the
   * body withdrew, one already paid, or another amount. Returns the receipt's id.
   */
  async payNotice(bodyFiscalCode: string, noticeNumber: string, amountCents: number): Promise<{ receiptId: string }> {
    const { confirmation } = await this.scope(async (trx) => {
      const position = await sim(trx).selectFrom(T).selectAll().where('id', 'like', 'posizione:%').where('body_fiscal_code', '=', bodyFiscalCode)
        .where('notice_number', '=', noticeNumber).forUpdate().executeTakeFirst() as SessionRow | undefined;
      if (!position) throw new SimulatorNoticeRefused('unknown', 'Avviso sconosciuto: nessun ente ha registrato questo numero (unknown notice)');
      if (position.outcome === 'cancelled') throw new SimulatorNoticeRefused('withdrawn', NOT_PAYABLE_REASON);
      if (await this.alreadyPaid(trx, position.tenant_id, noticeNumber)) throw new SimulatorNoticeRefused('already_paid', `${ALREADY_PAID_REASON} (already paid)`);
      if (amountCents !== position.amount_cents) {
        throw new SimulatorNoticeRefused('amount', `Importo diverso da quello dell'avviso (${position.amount_cents} centesimi) (wrong amount)`);
      }
      const paid = await sim(trx).insertInto(T).values({
        id: `${COUNTER_PREFIX}${randomBytes(16).toString('base64url')}`, tenant_id: position.tenant_id, notice_number: noticeNumber, body_fiscal_code: bodyFiscalCode,
        amount_cents: amountCents, description: position.description, return_url: '', outcome: 'paid', delivery: 'callback', decided_at: clock.now(),
        receipt_id: randomBytes(16).toString('hex'), psp: COUNTER_PSP,
      }).returningAll().executeTakeFirstOrThrow() as SessionRow;
      return { confirmation: await this.outcomeOfRow(trx, paid) };
    });
    this.deliver(confirmation, 1);
    return { receiptId: confirmation.receipt!.receiptId };
  }

  /** The session as the page shows it, or null when there is none. */
  async session(sessionId: string): Promise<SimulatorSessionView | null> {
    if (!isSessionId(sessionId)) return null;
    return this.scope(async (trx) => {
      const row = await sim(trx).selectFrom(T).selectAll().where('id', '=', sessionId).executeTakeFirst() as SessionRow | undefined;
      if (!row) return null;
      const body = await trx.selectFrom('tenants').select('name').where('id', '=', row.tenant_id).executeTakeFirst();
      return {
        id: row.id,
        bodyName: body?.name ?? row.body_fiscal_code,
        bodyFiscalCode: row.body_fiscal_code,
        noticeNumber: row.notice_number,
        description: row.description,
        amountCents: row.amount_cents,
        status: row.outcome,
        delivery: row.delivery,
        payable: row.outcome === 'open' ? await this.payable(trx, row) : row.outcome === 'paid',
        notPayable: row.outcome === 'open' ? await this.whyNotPayable(trx, row) : null,
        returnUrl: row.outcome === 'open' ? row.return_url : withEsito(row.return_url, row.outcome),
        decidedAt: row.decided_at,
      };
    });
  }

  /** Tests: resolves once every confirmation sent so far has been handled by onCallback. */
  async whenDelivered(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /**
   * Tests: the flow of `date` for the body also reports this payment (one the body never had, or with another
   * amount), as a provider's flow with a mistake would. Kept in this process only.
   */
  forceFlowExtra(tenantId: string, date: string, payment: ReportingFlow['payments'][number]) {
    const key = `${tenantId}|${date}`;
    this.flowExtras.set(key, [...(this.flowExtras.get(key) ?? []), payment]);
  }

  // -------------------------------------------------------------------------------------------------------------

  private sign(rawBody: string): string {
    return createHmac('sha256', this.opts.signingKey).update(rawBody).digest('hex');
  }

  /** Whether the notice of a session may still be paid: not when the body withdrew it, nor once it is paid. */
  private async payable(trx: Transaction<DB>, row: SessionRow): Promise<boolean> {
    return (await this.whyNotPayable(trx, row)) === null;
  }

  private async whyNotPayable(trx: Transaction<DB>, row: SessionRow): Promise<'withdrawn' | 'already_paid' | null> {
    // the registered position's row is the notice's lock: two payments of one notice queue here
    const position = await sim(trx).selectFrom(T).select('outcome').where('id', '=', positionId(row.tenant_id, row.notice_number)).forUpdate().executeTakeFirst();
    if (position?.outcome === 'cancelled') return 'withdrawn';
    return (await this.alreadyPaid(trx, row.tenant_id, row.notice_number, row.id)) ? 'already_paid' : null;
  }

  private async alreadyPaid(trx: Transaction<DB>, tenantId: string, noticeNumber: string, except?: string): Promise<boolean> {
    let q = sim(trx).selectFrom(T).select('id').where('tenant_id', '=', tenantId).where('notice_number', '=', noticeNumber).where('outcome', '=', 'paid');
    if (except) q = q.where('id', '<>', except);
    return !!(await q.limit(1).executeTakeFirst());
  }

  private async outcomeOfRow(trx: Transaction<DB>, row: SessionRow): Promise<ProviderOutcome> {
    const outcome = row.outcome as SimulatedOutcome;
    const counter = row.id.startsWith(COUNTER_PREFIX);
    const base: ProviderOutcome = counter
      ? { eventId: `sim-${row.id}`, bodyFiscalCode: row.body_fiscal_code, noticeNumber: row.notice_number, outcome }
      : { eventId: `sim-${row.id}`, sessionId: row.id, noticeNumber: row.notice_number, outcome };
    if (outcome === 'paid') {
      return { ...base, receipt: { receiptId: row.receipt_id!, psp: row.psp ?? SIMULATED_PSP, channel: counter ? COUNTER_CHANNEL : SIMULATED_CHANNEL,
        paidAt: row.decided_at!.toISOString(), amountCents: row.amount_cents } };
    }
    if (outcome === 'failed') {
      // the payer chose a refused card, unless the notice had been withdrawn when they paid
      const position = await sim(trx).selectFrom(T).select(['outcome', 'decided_at']).where('id', '=', positionId(row.tenant_id, row.notice_number)).executeTakeFirst();
      const withdrawn = position?.outcome === 'cancelled' && position.decided_at !== null && row.decided_at !== null && position.decided_at <= row.decided_at;
      const paidBefore = !withdrawn && row.decided_at !== null && !!(await sim(trx).selectFrom(T).select('id').where('tenant_id', '=', row.tenant_id)
        .where('notice_number', '=', row.notice_number).where('outcome', '=', 'paid').where('id', '<>', row.id).where('decided_at', '<=', row.decided_at).executeTakeFirst());
      return { ...base, reason: withdrawn ? NOT_PAYABLE_REASON : paidBefore ? ALREADY_PAID_REASON : CARD_REFUSED_REASON };
    }
    return base;
  }

  /** Sends a confirmation after the page's answer (`times` = 2 for a duplicate); a failure is logged, not thrown. */
  private deliver(outcome: ProviderOutcome, times: number) {
    const rawBody = JSON.stringify(outcome);
    const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: this.sign(rawBody) };
    const sending = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const send = this.onCallback;
      if (!send) return; // nobody listens: polling will find the outcome
      // a provider that retries does not wait for the first answer: both copies travel together
      const results = await Promise.allSettled(Array.from({ length: times }, () => send(headers, rawBody)));
      for (const r of results) {
        if (r.status === 'rejected') this.log.error({ err: r.reason, sessionId: outcome.sessionId }, 'pagoPA simulator: the callback failed');
      }
    });
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }
}

/** The return URL with the outcome added as esito=ok|ko|annullato. */
export function withEsito(returnUrl: string, outcome: SimulatedOutcome): string {
  const esito = `esito=${ESITO[outcome]}`;
  const hash = returnUrl.indexOf('#');
  const [base, fragment] = hash >= 0 ? [returnUrl.slice(0, hash), returnUrl.slice(hash)] : [returnUrl, ''];
  return `${base}${base.includes('?') ? '&' : '?'}${esito}${fragment}`;
}

const isString = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** A callback body of the right shape as a ProviderOutcome, or null. */
function asOutcome(body: unknown): ProviderOutcome | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const known = new Set(['eventId', 'sessionId', 'bodyFiscalCode', 'noticeNumber', 'outcome', 'receipt', 'reason']);
  if (Object.keys(b).some((k) => !known.has(k))) return null;
  if (!isString(b.eventId) || typeof b.noticeNumber !== 'string' || !/^3[0-9]{17}$/.test(b.noticeNumber)) return null;
  if (!SIMULATED_OUTCOMES.includes(b.outcome as SimulatedOutcome)) return null;
  // a checkout's outcome names its session; a notice paid at a counter names the body instead
  const session = b.sessionId === undefined || b.sessionId === null ? null : isString(b.sessionId) ? b.sessionId : undefined;
  if (session === undefined) return null;
  if (b.bodyFiscalCode !== undefined && !isString(b.bodyFiscalCode, 16)) return null;
  if (!session && (b.bodyFiscalCode === undefined || b.outcome !== 'paid')) return null;
  const out: ProviderOutcome = { eventId: b.eventId, noticeNumber: b.noticeNumber, outcome: b.outcome as SimulatedOutcome };
  if (session) out.sessionId = session;
  if (typeof b.bodyFiscalCode === 'string') out.bodyFiscalCode = b.bodyFiscalCode;
  if (b.outcome === 'paid') {
    const r = b.receipt as Record<string, unknown> | undefined;
    if (!r || typeof r !== 'object' || !isString(r.receiptId) || !isString(r.psp) || !isString(r.channel) || !isString(r.paidAt, 40)
      || Number.isNaN(Date.parse(r.paidAt)) || !Number.isSafeInteger(r.amountCents) || (r.amountCents as number) <= 0) return null;
    out.receipt = { receiptId: r.receiptId, psp: r.psp, channel: r.channel, paidAt: r.paidAt, amountCents: r.amountCents as number };
  } else if (b.receipt !== undefined) {
    return null;
  }
  if (b.reason !== undefined) {
    if (!isString(b.reason, 500)) return null;
    out.reason = b.reason;
  }
  return out;
}
