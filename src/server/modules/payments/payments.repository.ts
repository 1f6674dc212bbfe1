/**
 * Queries of payment positions, their attempts and events. Only queries: who may run them, and in which scope
 * (row-level security), is the service's business. Methods that name a body filter by it as well.
 */
import { sql, type Kysely } from 'kysely';
import type { PaymentItem, PaymentPurpose, PaymentStatus } from '../../../contracts/payments.ts';
import type { DB } from '../../db/schema.ts';
import type { AttemptStatus, PaymentActorKind, StoredReceipt } from '../../db/schema-payments.ts';

const exactTime = (column: string) => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface NewPosition {
  tenantId: string;
  purpose: PaymentPurpose;
  applicationId: string | null;
  serviceId: string | null;
  debtorFiscalCode: string;
  debtorName: string;
  citizenId: string | null;
  description: string;
  items: PaymentItem[];
  amountCents: number;
  iuv: string;
  noticeNumber: string;
  dueDate: string;
  requestedBy: string | null;
  requestedByName: string | null;
  now: Date;
}

export interface NewPaymentEvent {
  tenantId: string;
  paymentId: string;
  type: string;
  fromStatus?: PaymentStatus | null;
  toStatus?: PaymentStatus | null;
  actorKind: PaymentActorKind;
  actorId?: string | null;
  actorLabel: string;
  note?: string | null;
  providerEventId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/** Who may see a position: a body's rows, or a citizen's (their account, or the fiscal codes they act for). */
export type Whose = { tenantId: string } | { citizenId: string; fiscalCodes: readonly string[] };

export interface StaffFilter {
  tenantId: string;
  statuses?: readonly PaymentStatus[];
  purpose?: PaymentPurpose;
  q?: string;
  /** Rome calendar days of creation, as instants: [from, to) */
  from?: Date;
  to?: Date;
}

export class PaymentsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  tenant(tenantId: string) {
    return this.db.selectFrom('tenants').select(['id', 'name', 'fiscal_code', 'pagopa_segregation_code']).where('id', '=', tenantId).executeTakeFirst();
  }

  /** The body's address for the notice: its first office (by code), as one line. */
  async bodyAddress(tenantId: string): Promise<string | null> {
    const office = await this.db.selectFrom('offices').select(['address', 'postal_code', 'city', 'province'])
      .where('tenant_id', '=', tenantId).orderBy('code').limit(1).executeTakeFirst();
    return office ? `${office.address}, ${office.postal_code} ${office.city} (${office.province})` : null;
  }

  /**
   * The body's next IUV base: one row per body, moved on by an upsert whose row lock is held until the caller's
   * transaction ends, so two positions never get the same number (a rolled-back one leaves an unused number).
   */
  async nextIuvBase(tenantId: string): Promise<number> {
    const row = await this.db.insertInto('payment_iuv_sequences').values({ tenant_id: tenantId, last_base: 1 })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_base: sql`payment_iuv_sequences.last_base + 1` }))
      .returning('last_base').executeTakeFirstOrThrow();
    return Number(row.last_base);
  }

  async insertPosition(p: NewPosition): Promise<string> {
    const row = await this.db.insertInto('payment_positions').values({
      tenant_id: p.tenantId, purpose: p.purpose, application_id: p.applicationId, service_id: p.serviceId,
      debtor_fiscal_code: p.debtorFiscalCode, debtor_name: p.debtorName, citizen_id: p.citizenId, description: p.description,
      items: JSON.stringify(p.items), amount_cents: p.amountCents, iuv: p.iuv, notice_number: p.noticeNumber, due_date: p.dueDate,
      requested_by: p.requestedBy, requested_by_name: p.requestedByName, created_at: p.now, updated_at: p.now,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Appends an event; a provider's event id already recorded for the payment writes nothing (returns false). */
  async addEvent(e: NewPaymentEvent): Promise<boolean> {
    const row = await this.db.insertInto('payment_events').values({
      tenant_id: e.tenantId, payment_id: e.paymentId, type: e.type, from_status: e.fromStatus ?? null, to_status: e.toStatus ?? null,
      actor_kind: e.actorKind, actor_id: e.actorId ?? null, actor_label: e.actorLabel, note: e.note ?? null,
      provider_event_id: e.providerEventId ?? null, details: JSON.stringify(e.details ?? {}), at: e.at,
    }).onConflict((oc) => oc.columns(['payment_id', 'provider_event_id']).where('provider_event_id', 'is not', null).doNothing())
      .returning('seq').executeTakeFirst();
    return !!row;
  }

  hasProviderEvent(paymentId: string, providerEventId: string) {
    return this.db.selectFrom('payment_events').select('seq').where('payment_id', '=', paymentId).where('provider_event_id', '=', providerEventId)
      .executeTakeFirst().then((r) => !!r);
  }

  events(paymentId: string) {
    return this.db.selectFrom('payment_events').selectAll().where('payment_id', '=', paymentId).orderBy('seq').execute();
  }

  /** The position alone, locked for a change (FOR UPDATE): outcomes, cancellations and refunds queue on it. */
  lock(id: string) {
    return this.db.selectFrom('payment_positions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /**
   * Locks what a change of the position may touch, always in the same order — its application first (if any), then
   * the position — so that a confirmation and a withdrawal of the application never wait for each other crosswise.
   * The application a position belongs to never changes, so reading it unlocked first is safe.
   */
  async lockWithApplication(id: string) {
    const owner = await this.db.selectFrom('payment_positions').select('application_id').where('id', '=', id).executeTakeFirst();
    if (!owner) return undefined;
    if (owner.application_id) await this.db.selectFrom('applications').select('id').where('id', '=', owner.application_id).forUpdate().execute();
    return this.lock(id);
  }

  /** The position a notice number of a body (by its fiscal code) names, unlocked: a payment made at a counter. */
  positionByBodyNotice(bodyFiscalCode: string, noticeNumber: string) {
    return this.db.selectFrom('payment_positions as p').innerJoin('tenants as t', 't.id', 'p.tenant_id').select(['p.id', 'p.tenant_id'])
      .where('t.fiscal_code', '=', bodyFiscalCode).where('p.notice_number', '=', noticeNumber).executeTakeFirst();
  }

  /** Whether a receipt was recorded for the payment as money that came twice (duplicate_payment). */
  async duplicateReceipt(paymentId: string, receiptId: string) {
    const row = await this.db.selectFrom('payment_events').select(['seq', 'details']).where('payment_id', '=', paymentId).where('type', '=', 'duplicate_payment')
      .where(sql<boolean>`details->>'receiptId' = ${receiptId}`).executeTakeFirst();
    return row ? { amountCents: Number(row.details.amountCents ?? 0) } : null;
  }

  /** A body's position by its notice number, unlocked (reconciliation reads first, then locks in order). */
  byNotice(tenantId: string, noticeNumber: string) {
    return this.db.selectFrom('payment_positions').select(['id', 'status']).where('tenant_id', '=', tenantId).where('notice_number', '=', noticeNumber).executeTakeFirst();
  }

  /** A body's position by its notice number, locked (reconciliation). */
  lockByNotice(tenantId: string, noticeNumber: string) {
    return this.db.selectFrom('payment_positions').selectAll().where('tenant_id', '=', tenantId).where('notice_number', '=', noticeNumber)
      .forUpdate().executeTakeFirst();
  }

  update(id: string, values: Partial<{
    status: PaymentStatus; open_attempt_id: string | null; paid_at: Date; paid_amount_cents: number; receipt: StoredReceipt;
    reconciled_at: Date; reconciliation_flow: string; status_reason: string | null;
  }>, now: Date) {
    const { receipt, ...rest } = values;
    return this.db.updateTable('payment_positions')
      .set({ ...rest, ...(receipt ? { receipt: JSON.stringify(receipt) } : {}), updated_at: now, revision: sql`revision + 1` })
      .where('id', '=', id).execute();
  }

  private views() {
    return this.db.selectFrom('payment_positions as p')
      .innerJoin('tenants as t', 't.id', 'p.tenant_id')
      .leftJoin('applications as a', 'a.id', 'p.application_id')
      .leftJoin('services as s', 's.id', 'p.service_id')
      .leftJoin('payment_attempts as o', 'o.id', 'p.open_attempt_id')
      .selectAll('p')
      .select(['t.name as tenant_name', 't.fiscal_code as body_fiscal_code', 'a.code as application_code', 'a.status as application_status',
        'a.submitted_at as application_submitted_at', 's.title as service_title', 'o.created_at as open_attempt_started_at',
        'o.status as open_attempt_status', 'o.provider_session_id as open_attempt_session_id', 'o.provider as open_attempt_provider', exactTime('p.created_at').as('at_key')]);
  }

  view(id: string) {
    return this.views().where('p.id', '=', id).executeTakeFirst();
  }

  /** What row-level security lets the scope see, narrowed again here to whose it is. */
  private whose<Q extends ReturnType<PaymentsRepository['views']>>(q: Q, whose: Whose): Q {
    if ('tenantId' in whose) return q.where('p.tenant_id', '=', whose.tenantId) as Q;
    const codes = [...new Set(whose.fiscalCodes)];
    return q.where((eb) => eb.or([
      eb('p.citizen_id', '=', whose.citizenId),
      ...(codes.length ? [eb('p.debtor_fiscal_code', 'in', codes)] : []),
    ])) as Q;
  }

  viewFor(id: string, whose: Whose) {
    return this.whose(this.views(), whose).where('p.id', '=', id).executeTakeFirst();
  }

  /** The payments of an application, oldest first. */
  ofApplication(applicationId: string) {
    return this.views().where('p.application_id', '=', applicationId).orderBy('p.created_at').orderBy('p.id').execute();
  }

  /** A citizen's payments, newest first. */
  ofCitizen(whose: Whose & { citizenId: string }, statuses: readonly PaymentStatus[] | null, after: { at: string; id: string } | undefined, limit: number) {
    let q = this.whose(this.views(), whose);
    if (statuses) q = q.where('p.status', 'in', [...statuses]);
    if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    return q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
  }

  private staffWhere<Q extends ReturnType<PaymentsRepository['views']>>(q: Q, f: StaffFilter): Q {
    let r = q.where('p.tenant_id', '=', f.tenantId);
    if (f.statuses) r = r.where('p.status', 'in', [...f.statuses]);
    if (f.purpose) r = r.where('p.purpose', '=', f.purpose);
    if (f.from) r = r.where('p.created_at', '>=', f.from);
    if (f.to) r = r.where('p.created_at', '<', f.to);
    if (f.q) {
      const text = f.q.trim();
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const digits = text.replace(/\s+/g, '');
      r = r.where((eb) => eb.or([
        eb('p.debtor_name', 'ilike', like), eb('p.description', 'ilike', like), eb('p.debtor_fiscal_code', '=', text.toUpperCase()),
        eb('a.code', '=', text.toUpperCase()), ...(/^[0-9]{4,18}$/.test(digits) ? [eb('p.notice_number', 'like', `%${digits}%`)] : []),
      ]));
    }
    return r as Q;
  }

  /** A body's payments, newest first, by the office's filters. */
  ofTenant(f: StaffFilter, after: { at: string; id: string } | undefined, limit: number) {
    let q = this.staffWhere(this.views(), f);
    if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    return q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
  }

  /** How many payments the filters find and their total (every page, not only the one shown). */
  async totals(f: StaffFilter): Promise<{ count: number; amountCents: number }> {
    const row = await this.staffWhere(this.views(), f).clearSelect()
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.coalesce(eb.fn.sum<string>('p.amount_cents'), sql<string>`0`).as('total')])
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), amountCents: Number(row.total) };
  }

  /** Payable positions of a person (their account or fiscal code), soonest due first: advice on payments falling due. */
  payableOf(citizenId: string, fiscalCode: string) {
    return this.views().where((eb) => eb.or([eb('p.citizen_id', '=', citizenId), eb('p.debtor_fiscal_code', '=', fiscalCode)]))
      .where('p.status', 'in', ['created', 'pending', 'failed']).orderBy('p.due_date').limit(200).execute();
  }

  /** The application's position still payable for the purpose (at most one before submission: a unique index). */
  payableOfApplication(applicationId: string, purpose: PaymentPurpose) {
    return this.db.selectFrom('payment_positions').selectAll().where('application_id', '=', applicationId).where('purpose', '=', purpose)
      .where('status', 'in', ['created', 'pending', 'failed']).orderBy('created_at', 'desc').execute();
  }

  // ---- attempts ---------------------------------------------------------------------------------------------

  insertAttempt(a: { tenantId: string; paymentId: string; provider: string; sessionId: string; returnPath: string; now: Date }) {
    return this.db.insertInto('payment_attempts').values({
      tenant_id: a.tenantId, payment_id: a.paymentId, provider: a.provider, provider_session_id: a.sessionId, return_path: a.returnPath, created_at: a.now,
    }).returning('id').executeTakeFirstOrThrow();
  }

  attempt(id: string) {
    return this.db.selectFrom('payment_attempts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  attemptBySession(provider: string, sessionId: string) {
    return this.db.selectFrom('payment_attempts').selectAll().where('provider', '=', provider).where('provider_session_id', '=', sessionId).executeTakeFirst();
  }

  closeAttempt(id: string, status: Exclude<AttemptStatus, 'open'>, now: Date) {
    return this.db.updateTable('payment_attempts').set({ status, closed_at: now }).where('id', '=', id).where('status', '=', 'open').execute();
  }

  /**
   * Takes the right to ask the provider about an open attempt now: only one asker per interval, whichever process
   * or request gets there first (the update is the claim). The session id, or undefined when someone asked lately.
   */
  async claimPoll(attemptId: string, now: Date, notSince: Date) {
    const row = await this.db.updateTable('payment_attempts').set({ last_polled_at: now })
      .where('id', '=', attemptId).where('status', '=', 'open')
      .where((eb) => eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<', notSince)]))
      .returning(['id', 'provider', 'provider_session_id', 'created_at', 'payment_id']).executeTakeFirst();
    return row;
  }

  /** Open attempts older than `startedBefore`, not asked about since `polledBefore`: the poller's work list. */
  openAttemptsToPoll(startedBefore: Date, polledBefore: Date, limit: number) {
    return this.db.selectFrom('payment_attempts').select(['id'])
      .where('status', '=', 'open').where('created_at', '<', startedBefore)
      .where((eb) => eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<', polledBefore)]))
      .orderBy('created_at').limit(limit).execute();
  }

  // ---- sweeps -----------------------------------------------------------------------------------------------

  /** Positions past their due date that nobody paid: the expiry task's work list. */
  overdue(today: string, limit: number) {
    return this.db.selectFrom('payment_positions').select(['id']).where('due_date', '<', today).where('status', 'in', ['created', 'failed'])
      .orderBy('due_date').limit(limit).execute();
  }

  /** A body's positions paid between two instants (the day of a reporting flow). */
  paidBetween(tenantId: string, from: Date, to: Date) {
    return this.db.selectFrom('payment_positions').select(['id', 'notice_number', 'paid_amount_cents', 'receipt'])
      .where('tenant_id', '=', tenantId).where('status', 'in', ['paid', 'refunded']).where('paid_at', '>=', from).where('paid_at', '<', to)
      .orderBy('paid_at').execute();
  }

  citizenByFiscalCode(fiscalCode: string) {
    return this.db.selectFrom('citizens').select(['id', 'fiscal_code', 'language']).where('fiscal_code', '=', fiscalCode).executeTakeFirst();
  }
}

export type PaymentRow = NonNullable<Awaited<ReturnType<PaymentsRepository['view']>>>;
export type PositionRow = NonNullable<Awaited<ReturnType<PaymentsRepository['lock']>>>;
