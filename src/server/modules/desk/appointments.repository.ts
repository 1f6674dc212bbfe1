/**
 * Queries of appointments and their calendars. Only queries: who may run them and in which scope is the
 * service's business.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { citizenByFiscalCode, officeOf } from './desk.repository.ts';

export class AppointmentsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  office(officeId: string) {
    return officeOf(this.db, officeId);
  }

  private calendars() {
    return this.db.selectFrom('appointment_calendars as c').innerJoin('offices as o', 'o.id', 'c.office_id')
      .selectAll('c').select('o.name as office_name');
  }

  calendarsOfOffice(officeId: string) {
    return this.calendars().where('c.office_id', '=', officeId).orderBy('c.name').orderBy('c.id').execute();
  }

  calendar(calendarId: string) {
    return this.calendars().where('c.id', '=', calendarId).executeTakeFirst();
  }

  /** The office's active calendar that books the service (the oldest, should an office have two). */
  activeCalendarFor(officeId: string, serviceId: string) {
    return this.calendars().where('c.office_id', '=', officeId).where('c.active', '=', true)
      .where(sql<boolean>`${serviceId}::uuid = ANY (c.service_ids)`).orderBy('c.created_at').orderBy('c.id').executeTakeFirst();
  }

  /** Active calendars booking the service, with their office and body. */
  bookingCalendars(serviceId: string) {
    return this.calendars().innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .select(['o.address as office_address', 'o.city as office_city', 't.name as tenant_name'])
      .where('c.active', '=', true).where(sql<boolean>`${serviceId}::uuid = ANY (c.service_ids)`)
      .orderBy('o.name').orderBy('c.created_at').execute();
  }

  service(serviceId: string) {
    return this.db.selectFrom('services').select(['id', 'tenant_id', 'title']).where('id', '=', serviceId).executeTakeFirst();
  }

  servicesOfTenant(tenantId: string, ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('services').select('id').where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
  }

  category(categoryId: string) {
    return this.db.selectFrom('desk_categories').select(['id', 'office_id']).where('id', '=', categoryId).executeTakeFirst();
  }

  insertCalendar(values: {
    tenantId: string; officeId: string; name: string; serviceIds: string[]; weeklyHours: string; slotMinutes: number; capacity: number;
    bufferMinutes: number; minNoticeHours: number; horizonDays: number; closures: string; categoryId: string | null; active: boolean; now: Date;
  }) {
    return this.db.insertInto('appointment_calendars').values({
      tenant_id: values.tenantId, office_id: values.officeId, name: values.name, service_ids: values.serviceIds, weekly_hours: values.weeklyHours,
      slot_minutes: values.slotMinutes, capacity: values.capacity, buffer_minutes: values.bufferMinutes, min_notice_hours: values.minNoticeHours,
      horizon_days: values.horizonDays, closures: values.closures, category_id: values.categoryId, active: values.active,
      created_at: values.now, updated_at: values.now,
    }).returning('id').executeTakeFirstOrThrow();
  }

  updateCalendar(calendarId: string, values: {
    name: string; serviceIds: string[]; weeklyHours: string; slotMinutes: number; capacity: number; bufferMinutes: number; minNoticeHours: number;
    horizonDays: number; closures: string; categoryId: string | null; active: boolean; now: Date;
  }) {
    return this.db.updateTable('appointment_calendars').set({
      name: values.name, service_ids: values.serviceIds, weekly_hours: values.weeklyHours, slot_minutes: values.slotMinutes, capacity: values.capacity,
      buffer_minutes: values.bufferMinutes, min_notice_hours: values.minNoticeHours, horizon_days: values.horizonDays, closures: values.closures,
      category_id: values.categoryId, active: values.active, updated_at: values.now,
    }).where('id', '=', calendarId).execute();
  }

  /** Places taken per slot start of a calendar between two instants. */
  async bookedCounts(calendarId: string, from: Date, to: Date): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('appointment_slots').select(['starts_at', 'booked'])
      .where('calendar_id', '=', calendarId).where('starts_at', '>=', from).where('starts_at', '<', to).execute();
    return new Map(rows.map((r) => [new Date(r.starts_at).toISOString(), r.booked]));
  }

  /**
   * Takes one place in a slot, only while places are left: the row of the slot is created with one place taken,
   * or its count goes up by one if it stays within the capacity. Concurrent bookings of the same slot queue on the
   * row, so the count never passes the capacity. False when the slot is full.
   */
  async takeSlot(tenantId: string, calendarId: string, startsAt: Date, capacity: number): Promise<boolean> {
    const row = await this.db.insertInto('appointment_slots')
      .values({ tenant_id: tenantId, calendar_id: calendarId, starts_at: startsAt, booked: 1 })
      .onConflict((oc) => oc.columns(['calendar_id', 'starts_at'])
        .doUpdateSet({ booked: sql`appointment_slots.booked + 1` })
        .where('appointment_slots.booked', '<', capacity))
      .returning('booked').executeTakeFirst();
    return !!row;
  }

  /** Gives a place back (a cancellation, or the old slot of a move). */
  async releaseSlot(calendarId: string, startsAt: Date): Promise<void> {
    await this.db.updateTable('appointment_slots').set({ booked: sql`booked - 1` })
      .where('calendar_id', '=', calendarId).where('starts_at', '=', startsAt).where('booked', '>', 0).execute();
  }

  insertAppointment(values: {
    tenantId: string; officeId: string; calendarId: string; serviceId: string; startsAt: Date; endsAt: Date; citizenId: string | null;
    fiscalCode: string | null; name: string; email: string | null; phone: string | null; reason: string; code: string;
    channel: 'online' | 'phone' | 'desk'; bookedBy: string | null; idempotencyKey: string | null; now: Date;
  }) {
    return this.db.insertInto('appointments').values({
      tenant_id: values.tenantId, office_id: values.officeId, calendar_id: values.calendarId, service_id: values.serviceId,
      starts_at: values.startsAt, ends_at: values.endsAt, citizen_id: values.citizenId, fiscal_code: values.fiscalCode, name: values.name,
      email: values.email, phone: values.phone, reason: values.reason, code: values.code, channel: values.channel, booked_by: values.bookedBy,
      idempotency_key: values.idempotencyKey, created_at: values.now, updated_at: values.now,
    }).returning('id').executeTakeFirstOrThrow();
  }

  /** The appointment locked for a change (move, cancel). */
  lockAppointment(id: string) {
    return this.db.selectFrom('appointments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  moveAppointment(id: string, startsAt: Date, endsAt: Date, now: Date) {
    // a new time needs a new reminder
    return this.db.updateTable('appointments').set({ starts_at: startsAt, ends_at: endsAt, reminder_sent_at: null, updated_at: now })
      .where('id', '=', id).execute();
  }

  cancelAppointment(id: string, by: 'citizen' | 'office', now: Date) {
    return this.db.updateTable('appointments').set({ status: 'cancelled', cancelled_at: now, cancelled_by: by, updated_at: now })
      .where('id', '=', id).execute();
  }

  private views() {
    return this.db.selectFrom('appointments as a')
      .innerJoin('offices as o', 'o.id', 'a.office_id')
      .innerJoin('tenants as t', 't.id', 'a.tenant_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .leftJoin('desk_tickets as k', 'k.id', 'a.ticket_id')
      .selectAll('a')
      .select(['o.name as office_name', 'o.address as office_address', 'o.postal_code as office_postal_code', 'o.city as office_city',
        't.name as tenant_name', 's.title as service_title', 'k.label as ticket_label']);
  }

  view(id: string) {
    return this.views().where('a.id', '=', id).executeTakeFirst();
  }

  /** A citizen's appointments: upcoming first (soonest first), then past ones (latest first). */
  ofCitizen(citizenId: string, now: Date) {
    return this.views().where('a.citizen_id', '=', citizenId)
      .orderBy(sql`a.starts_at < ${now}`).orderBy(sql`CASE WHEN a.starts_at >= ${now} THEN a.starts_at END`)
      .orderBy('a.starts_at', 'desc').limit(500).execute();
  }

  /** An office's agenda between two instants, in time order. */
  ofOffice(officeId: string, from: Date, to: Date) {
    return this.views().where('a.office_id', '=', officeId).where('a.starts_at', '>=', from).where('a.starts_at', '<', to)
      .orderBy('a.starts_at').orderBy('a.name').limit(500).execute();
  }

  /** Booked appointments of citizens starting between two instants and not reminded yet (locked, others skip them). */
  dueReminders(from: Date, to: Date, limit: number) {
    return this.db.selectFrom('appointments').select('id')
      .where('status', '=', 'booked').where('reminder_sent_at', 'is', null).where('citizen_id', 'is not', null)
      .where('starts_at', '>=', from).where('starts_at', '<', to)
      .orderBy('starts_at').limit(limit).forUpdate().skipLocked().execute();
  }

  markReminded(id: string, now: Date) {
    return this.db.updateTable('appointments').set({ reminder_sent_at: now }).where('id', '=', id).execute();
  }

  citizen(citizenId: string) {
    return this.db.selectFrom('citizens').select(['id', 'fiscal_code', 'given_name', 'family_name', 'email', 'phone', 'pec', 'language', 'message_preferences'])
      .where('id', '=', citizenId).executeTakeFirst();
  }

  citizenByFiscalCode(fiscalCode: string) {
    return citizenByFiscalCode(this.db, fiscalCode);
  }

  templatesOf(tenantId: string, kind: string, language: 'it' | 'en') {
    return this.db.selectFrom('message_templates').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind).where('language', '=', language).execute();
  }
}

export type AppointmentRow = NonNullable<Awaited<ReturnType<AppointmentsRepository['view']>>>;
export type CalendarRow = NonNullable<Awaited<ReturnType<AppointmentsRepository['calendar']>>>;
