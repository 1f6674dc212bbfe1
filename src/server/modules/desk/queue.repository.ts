/**
 * The queue's queries. Every method runs on the executor it was made with (a transaction whose scope the service
 * chose); nothing here decides who may do what.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DeskCategoriesTable, DeskCountersTable, DeskDevicesTable, DeskTicketsTable } from '../../db/schema-desk.ts';
import type { TicketChannel, TicketEventKind } from '../../../contracts/desk.ts';
import { officeOf } from './desk.repository.ts';

export type CategoryRow = Selectable<DeskCategoriesTable>;
export type CounterRow = Selectable<DeskCountersTable> & { operator_name: string | null };
export type DeviceRow = Selectable<DeskDevicesTable>;
export type TicketRow = Selectable<DeskTicketsTable>;
export type TicketViewRow = TicketRow & { category_name: string; counter_name: string | null; appointment_starts_at: Date | null };

export interface TicketEvent {
  tenantId: string;
  officeId: string;
  ticketId: string;
  kind: TicketEventKind;
  counterId?: string | null;
  categoryId?: string | null;
  actorId?: string | null;
  at: Date;
}

export class QueueRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // ---- offices, categories, counters --------------------------------------------------------------------------

  office(officeId: string) {
    return officeOf(this.db, officeId);
  }

  /** the body and office an object of the queue belongs to (looked up before deciding who may touch it) */
  async owner(table: 'desk_categories' | 'desk_counters' | 'desk_tickets' | 'desk_devices', id: string) {
    return this.db.selectFrom(table).select(['tenant_id', 'office_id']).where('id', '=', id).executeTakeFirst();
  }

  categories(officeId: string, opts: { activeOnly?: boolean } = {}) {
    let q = this.db.selectFrom('desk_categories').selectAll().where('office_id', '=', officeId);
    if (opts.activeOnly) q = q.where('active', '=', true);
    return q.orderBy('sort').orderBy('prefix').execute();
  }

  category(categoryId: string) {
    return this.db.selectFrom('desk_categories').selectAll().where('id', '=', categoryId).executeTakeFirst();
  }

  insertCategory(values: { tenant_id: string; office_id: string; prefix: string; name: string; description: string | null; sort: number; active: boolean }) {
    return this.db.insertInto('desk_categories').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateCategory(categoryId: string, values: { prefix: string; name: string; description: string | null; sort: number; active: boolean }) {
    return this.db.updateTable('desk_categories').set(values).where('id', '=', categoryId).returningAll().executeTakeFirstOrThrow();
  }

  /** whether a category issued numbers on a day (its labels carry its letter) */
  async issuedOn(categoryId: string, day: string) {
    return (await this.db.selectFrom('desk_tickets').select('id').where('issued_category_id', '=', categoryId).where('day', '=', day)
      .limit(1).executeTakeFirst()) !== undefined;
  }

  private countersQuery() {
    return this.db.selectFrom('desk_counters as c')
      .leftJoin('operators as o', 'o.id', 'c.operator_id')
      .selectAll('c')
      .select('o.name as operator_name');
  }

  counters(officeId: string): Promise<CounterRow[]> {
    return this.countersQuery().where('c.office_id', '=', officeId).orderBy('c.name').execute();
  }

  counter(counterId: string): Promise<CounterRow | undefined> {
    return this.countersQuery().where('c.id', '=', counterId).executeTakeFirst();
  }

  /** the counter's row, locked: calls, openings and closings at one counter happen one at a time */
  lockCounter(counterId: string) {
    return this.db.selectFrom('desk_counters').selectAll().where('id', '=', counterId).forUpdate().executeTakeFirst();
  }

  insertCounter(values: { tenant_id: string; office_id: string; name: string; category_ids: string[]; active: boolean }) {
    return this.db.insertInto('desk_counters').values(values).returning('id').executeTakeFirstOrThrow();
  }

  updateCounter(counterId: string, values: { name?: string; category_ids?: string[]; active?: boolean; operator_id?: string | null; opened_at?: Date | null }) {
    return this.db.updateTable('desk_counters').set(values).where('id', '=', counterId).execute();
  }

  /**
   * A counter and those an operator holds open (they move to the one they open now), locked in one order (by id),
   * so that two operators swapping counters wait for each other instead of deadlocking.
   */
  lockForOpening(counterId: string, operatorId: string) {
    return this.db.selectFrom('desk_counters').selectAll()
      .where((eb) => eb.or([eb('id', '=', counterId), eb('operator_id', '=', operatorId)]))
      .orderBy('id').forUpdate().execute();
  }

  openSession(values: { tenant_id: string; office_id: string; counter_id: string; operator_id: string; opened_at: Date }) {
    return this.db.insertInto('desk_counter_sessions').values(values).execute();
  }

  closeSessions(counterId: string, at: Date) {
    return this.db.updateTable('desk_counter_sessions').set({ closed_at: sql<Date>`greatest(opened_at, ${at}::timestamptz)` })
      .where('counter_id', '=', counterId).where('closed_at', 'is', null).execute();
  }

  // ---- tickets ------------------------------------------------------------------------------------------------

  /**
   * The next number of a category on a day: one statement adds one to the day's row (creating it at 1), so two
   * tickets never get the same number; the row stays locked until the ticket's transaction commits or rolls back
   * (not for this statement only, whatever the migration's comment says), so a rolled-back ticket gives its number
   * back rather than leaving a gap, and issuing in one category is serialised: fine at a desk's few tickets a minute.
   */
  async nextNumber(tenantId: string, categoryId: string, day: string): Promise<number> {
    const row = await this.db.insertInto('desk_ticket_sequences')
      .values({ tenant_id: tenantId, category_id: categoryId, day, last_number: 1 })
      .onConflict((oc) => oc.columns(['category_id', 'day']).doUpdateSet({ last_number: sql<number>`desk_ticket_sequences.last_number + 1` }))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return row.last_number;
  }

  /** the highest number a category issued on a day (0 for none) */
  async maxIssued(categoryId: string, day: string): Promise<number> {
    const row = await this.db.selectFrom('desk_tickets').select((eb) => eb.fn.max('number').as('n'))
      .where('issued_category_id', '=', categoryId).where('day', '=', day).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** moves the day's sequence of a category to a number (its row is this transaction's, locked by nextNumber) */
  setSequence(categoryId: string, day: string, lastNumber: number) {
    return this.db.updateTable('desk_ticket_sequences').set({ last_number: lastNumber }).where('category_id', '=', categoryId).where('day', '=', day).execute();
  }

  insertTicket(values: {
    tenant_id: string; office_id: string; category_id: string; day: string; issued_category_id: string; number: number; label: string;
    channel: TicketChannel;
    appointment_id: string | null; priority_from: Date | null; issued_at: Date;
  }) {
    return this.db.insertInto('desk_tickets').values(values).returning('id').executeTakeFirstOrThrow();
  }

  appendEvent(e: TicketEvent) {
    return this.db.insertInto('desk_ticket_events').values({
      tenant_id: e.tenantId, office_id: e.officeId, ticket_id: e.ticketId, kind: e.kind, counter_id: e.counterId ?? null,
      category_id: e.categoryId ?? null, actor_id: e.actorId ?? null, at: e.at,
    }).execute();
  }

  private ticketsQuery() {
    return this.db.selectFrom('desk_tickets as t')
      .innerJoin('desk_categories as cat', 'cat.id', 't.category_id')
      .leftJoin('desk_counters as c', 'c.id', 't.counter_id')
      .leftJoin('appointments as a', 'a.id', 't.appointment_id')
      .selectAll('t')
      .select(['cat.name as category_name', 'c.name as counter_name', 'a.starts_at as appointment_starts_at']);
  }

  ticket(ticketId: string): Promise<TicketViewRow | undefined> {
    return this.ticketsQuery().where('t.id', '=', ticketId).executeTakeFirst() as Promise<TicketViewRow | undefined>;
  }

  lockTicket(ticketId: string) {
    return this.db.selectFrom('desk_tickets').selectAll().where('id', '=', ticketId).forUpdate().executeTakeFirst();
  }

  /** the ticket called at a counter and not finished yet */
  currentAt(counterId: string): Promise<TicketViewRow | undefined> {
    return this.ticketsQuery().where('t.counter_id', '=', counterId).where('t.status', '=', 'called')
      .orderBy('t.called_at', 'desc').executeTakeFirst() as Promise<TicketViewRow | undefined>;
  }

  /**
   * Takes the next ticket for a counter and marks it called, in one statement. Tickets transferred to this
   * counter come first, then appointment tickets whose time has come (by their time), then everybody else in
   * order of arrival, over the counter's categories. `FOR UPDATE SKIP LOCKED` lets two counters calling at the same
   * moment take two different tickets instead of waiting for each other; the outer `status = 'waiting'` is
   * checked again on the locked row, so a ticket is called once.
   */
  async callNext(p: { officeId: string; counterId: string; categoryIds: string[]; day: string; now: Date; calledBy: string }) {
    const categories = p.categoryIds.length ? p.categoryIds : ['00000000-0000-0000-0000-000000000000'];
    const result = await sql<{ id: string }>`
      UPDATE desk_tickets t SET status = 'called', counter_id = ${p.counterId}, called_at = ${p.now}::timestamptz,
        first_called_at = coalesce(t.first_called_at, ${p.now}::timestamptz), call_count = t.call_count + 1, called_by = ${p.calledBy}
      WHERE t.id = (
        SELECT n.id FROM desk_tickets n
        WHERE n.office_id = ${p.officeId} AND n.day = ${p.day}::date AND n.status = 'waiting'
          AND (n.counter_id = ${p.counterId} OR (n.counter_id IS NULL AND n.category_id IN (${sql.join(categories)})))
        ORDER BY CASE WHEN n.counter_id = ${p.counterId} THEN 0
                      WHEN n.priority_from IS NOT NULL AND n.priority_from <= ${p.now}::timestamptz THEN 1 ELSE 2 END,
                 CASE WHEN n.counter_id IS NULL AND n.priority_from IS NOT NULL AND n.priority_from <= ${p.now}::timestamptz THEN n.priority_from END,
                 n.issued_at, n.number, n.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AND t.status = 'waiting'
      RETURNING t.id`.execute(this.db);
    return result.rows[0]?.id ?? null;
  }

  /**
   * The tickets waiting for a counter (transferred to it) go back to their category's queue when nobody is left at
   * it: no other counter would call them (they keep their arrival time, so they are not sent to the back).
   */
  releaseWaiting(counterId: string) {
    return this.db.updateTable('desk_tickets').set({ counter_id: null })
      .where('counter_id', '=', counterId).where('status', '=', 'waiting').execute();
  }

  updateTicket(ticketId: string, values: Partial<{ status: TicketRow['status']; counter_id: string | null; category_id: string; called_at: Date; call_count: number;
    finished_at: Date | null; called_by: string | null }>) {
    return this.db.updateTable('desk_tickets').set(values).where('id', '=', ticketId).execute();
  }

  /** today's waiting tickets of an office, in the calling order every counter of their category would follow */
  waiting(officeId: string, day: string, now: Date) {
    return this.db.selectFrom('desk_tickets').select(['id', 'category_id', 'label', 'issued_at', 'priority_from', 'counter_id'])
      .where('office_id', '=', officeId).where('day', '=', day).where('status', '=', 'waiting')
      .orderBy(sql`CASE WHEN priority_from IS NOT NULL AND priority_from <= ${now}::timestamptz THEN 0 ELSE 1 END`)
      .orderBy(sql`CASE WHEN priority_from IS NOT NULL AND priority_from <= ${now}::timestamptz THEN priority_from END`)
      .orderBy('issued_at').orderBy('number')
      .execute();
  }

  /** the last label called today in each category */
  async lastCalled(officeId: string, day: string) {
    const rows = await this.db.selectFrom('desk_tickets').select(['category_id', 'label'])
      .distinctOn('category_id')
      .where('office_id', '=', officeId).where('day', '=', day).where('called_at', 'is not', null)
      .orderBy('category_id').orderBy('called_at', 'desc')
      .execute();
    return new Map(rows.map((r) => [r.category_id, r.label]));
  }

  /** today's mean service time per category, in minutes: from the first call to the end, over tickets served */
  async meanServiceMinutes(officeId: string, day: string) {
    const rows = await this.db.selectFrom('desk_tickets')
      .select(['category_id', sql<number>`avg(extract(epoch from (finished_at - first_called_at)) / 60.0)`.as('minutes')])
      .where('office_id', '=', officeId).where('day', '=', day).where('status', '=', 'served')
      .where('first_called_at', 'is not', null).where('finished_at', 'is not', null)
      .groupBy('category_id')
      .execute();
    return new Map(rows.map((r) => [r.category_id, Number(r.minutes)]));
  }

  openCounters(officeId: string) {
    return this.db.selectFrom('desk_counters').select(['id', 'category_ids'])
      .where('office_id', '=', officeId).where('active', '=', true).where('operator_id', 'is not', null)
      .execute();
  }

  /** the office's change stream position: the last event's seq ('0' before the first) */
  async latestSeq(officeId: string): Promise<string> {
    const row = await this.db.selectFrom('desk_ticket_events').select('seq').where('office_id', '=', officeId)
      .orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? String(row.seq) : '0';
  }

  /** the change stream positions of some offices in one query ('0' for an office without events) */
  async latestSeqs(officeIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map(officeIds.map((id) => [id, '0']));
    if (!officeIds.length) return out;
    const rows = await this.db.selectFrom('desk_ticket_events').select(['office_id', (eb) => eb.fn.max('seq').as('seq')])
      .where('office_id', 'in', [...officeIds]).groupBy('office_id').execute();
    for (const r of rows) out.set(r.office_id, String(r.seq));
    return out;
  }

  /** today's latest calls and recalls at an office, newest first */
  recentCalls(officeId: string, since: Date, limit: number) {
    return this.db.selectFrom('desk_ticket_events as e')
      .innerJoin('desk_tickets as t', 't.id', 'e.ticket_id')
      .innerJoin('desk_counters as c', 'c.id', 'e.counter_id')
      .select(['e.seq', 'e.ticket_id', 'e.kind', 'e.at', 't.label', 'c.name as counter_name'])
      .where('e.office_id', '=', officeId).where('e.kind', 'in', ['called', 'recalled']).where('e.at', '>=', since)
      .orderBy('e.seq', 'desc').limit(limit)
      .execute();
  }

  // ---- appointments at check-in -------------------------------------------------------------------------------

  appointmentByCode(code: string) {
    return this.db.selectFrom('appointments').select(['id', 'tenant_id', 'office_id', 'calendar_id', 'starts_at', 'status', 'ticket_id'])
      .where('code', '=', code).executeTakeFirst();
  }

  lockAppointment(appointmentId: string) {
    return this.db.selectFrom('appointments as a')
      .innerJoin('appointment_calendars as cal', 'cal.id', 'a.calendar_id')
      .select(['a.id', 'a.office_id', 'a.starts_at', 'a.status', 'a.ticket_id', 'cal.category_id'])
      .where('a.id', '=', appointmentId).forUpdate('a').executeTakeFirst();
  }

  updateAppointment(appointmentId: string, values: { status: 'checked_in' | 'served' | 'no_show'; checked_in_at?: Date; ticket_id?: string; updated_at: Date }) {
    return this.db.updateTable('appointments').set(values).where('id', '=', appointmentId).execute();
  }

  // ---- devices and ratings ------------------------------------------------------------------------------------

  devices(officeId: string) {
    return this.db.selectFrom('desk_devices').selectAll().where('office_id', '=', officeId).orderBy('revoked_at', 'desc').orderBy('created_at').execute();
  }

  device(deviceId: string) {
    return this.db.selectFrom('desk_devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
  }

  /**
   * The last ticket served at a counter since a time, with whether it was rated: the person at the tablet is the
   * one served last, so an older unrated visit is never offered instead.
   */
  ratingTarget(counterId: string, since: Date) {
    return this.db.selectFrom('desk_tickets as t')
      .leftJoin('desk_ratings as r', 'r.ticket_id', 't.id')
      .select(['t.id', 't.label', 't.finished_at', 'r.id as rating_id'])
      .where('t.counter_id', '=', counterId).where('t.status', '=', 'served').where('t.finished_at', '>=', since)
      .orderBy('t.finished_at', 'desc').limit(1)
      .executeTakeFirst();
  }

  /** the device's row, locked: a tablet's ratings are taken one at a time (the general ones are spaced out) */
  lockDevice(deviceId: string) {
    return this.db.selectFrom('desk_devices').select('id').where('id', '=', deviceId).forUpdate().executeTakeFirst();
  }

  /** whether a rating without a ticket was left at a counter (a tablet's) since a time */
  async generalRatingSince(officeId: string, counterId: string | null, since: Date) {
    let q = this.db.selectFrom('desk_ratings').select('id').where('office_id', '=', officeId).where('ticket_id', 'is', null).where('created_at', '>=', since);
    q = counterId ? q.where('counter_id', '=', counterId) : q.where('counter_id', 'is', null);
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  }

  insertRating(values: { tenant_id: string; office_id: string; ticket_id: string | null; counter_id: string | null; category_id: string | null;
    rating: 'satisfied' | 'neutral' | 'unsatisfied'; created_at: Date }) {
    return this.db.insertInto('desk_ratings').values(values).onConflict((oc) => oc.column('ticket_id').doNothing())
      .returning(['id', 'rating']).executeTakeFirst();
  }
}
