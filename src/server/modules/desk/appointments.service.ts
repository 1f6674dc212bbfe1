/**
 * Appointments and their calendars: the public's view of where and when a service can be booked, the citizen's
 * bookings (made, moved, cancelled by themselves), the office's bookings for people who phone or come to the desk,
 * the day's agenda, the desk administrators' calendars, and the messages that confirm and remind.
 *
 * Capacity: every booking takes a place in the slot's counter row (appointment_slots) in the same transaction as
 * the appointment it creates, with an upsert that only adds while places are left; a move takes the new place
 * before giving back the old one, a cancellation gives it back. Changing a calendar's capacity never touches the
 * appointments already made: a slot can stay over a lowered capacity until its people come.
 */
import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { Appointment, AppointmentCalendar, BookingOffice, SlotDay } from '../../../contracts/desk.ts';
import { DEFAULT_CHANNELS, type MessageChannel, type MessageLanguage } from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { isCitizen, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, Problem, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { addDays, romeDate, romeDayStart } from '../../platform/legal-clock.ts';
import { LEGAL_BASIS, recordPersonalDataReads, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { MessagingService, NotificationRow } from '../messaging/messaging.service.ts';
import { defaultTemplate, render } from '../messaging/templates.ts';
import { iso, isoOrNull } from './dates.ts';
import { AppointmentsRepository, type AppointmentRow, type CalendarRow } from './appointments.repository.ts';
import type { CalendarInputBody, NewAppointmentBody } from './appointments.schemas.ts';
import { checkSlot, minutesOf, romeWallClock, slotDays, type CalendarRules } from './slots.ts';

/** The slot has no place left: 409 with its own problem type, so that pages can offer the next free slot. */
export const slotFull = () => new Problem(409, 'Orario al completo',
  "L'orario scelto non ha più posti liberi: scegline un altro. (This time slot is fully booked: choose another.)", undefined, '/problems/slot-full');

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 8 characters without look-alikes (0/O, 1/I): read aloud on the phone, typed at the kiosk if the QR will not scan. */
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const PURPOSES = {
  booking: "sportello: prenotazione di un appuntamento per conto della persona",
  agenda: "sportello: agenda degli appuntamenti dell'ufficio",
  view: 'sportello: consultazione di un appuntamento',
  change: 'sportello: modifica di un appuntamento',
} as const;

type Kind = 'appointment_confirmed' | 'appointment_reminder';

/**
 * Two people swapping times at the same moment each hold the slot the other gives back: PostgreSQL ends one of the
 * two transactions (deadlock detected), which then simply runs again.
 */
async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || (error as { code?: unknown }).code !== '40P01') throw error;
    }
  }
}

/** Runs fn in one transaction: the caller's, or a new one. */
const inTransaction = <T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);

export class AppointmentsService {
  constructor(
    protected readonly db: Kysely<DB>,
    private readonly deps: { messaging: MessagingService; publicUrl: string },
  ) {}

  // ---- public ----------------------------------------------------------------------------------------------

  /** Offices where the service can be booked, with the first day that still has a free place. */
  async bookingOffices(serviceId: string): Promise<{ items: BookingOffice[] }> {
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new AppointmentsRepository(trx);
      if (!(await repo.service(serviceId))) throw notFound('Il servizio');
      const now = clock.now();
      const items: BookingOffice[] = [];
      for (const c of await repo.bookingCalendars(serviceId)) {
        if (items.some((i) => i.officeId === c.office_id)) continue;
        const rules = rulesOf(c);
        const today = romeDate(now);
        const booked = await repo.bookedCounts(c.id, romeDayStart(today), romeDayStart(addDays(today, rules.horizonDays + 1)));
        const free = slotDays(rules, today, rules.horizonDays + 1, now, booked).find((d) => d.slots.some((s) => s.free > 0));
        items.push({ officeId: c.office_id, officeName: c.office_name, address: c.office_address, city: c.office_city, tenantId: c.tenant_id,
          tenantName: c.tenant_name, firstFreeDay: free?.day ?? null });
      }
      return { items };
    });
  }

  /** The days and free places of the office's calendar for a service. No personal data: counts only. */
  async slots(officeId: string, query: { service: string; from?: string; days?: number }) {
    const from = query.from ?? clock.today();
    if (!isDay(from)) throw badRequest('Il giorno di partenza non è una data valida. (Invalid start day.)', [{ path: 'query.from', message: 'usa AAAA-MM-GG' }]);
    const days = query.days ?? 14;
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new AppointmentsRepository(trx);
      const calendar = await repo.activeCalendarFor(officeId, query.service);
      if (!calendar) throw notFound('Un calendario di appuntamenti per questo servizio in questo ufficio');
      const booked = await repo.bookedCounts(calendar.id, romeDayStart(from), romeDayStart(addDays(from, days)));
      const list: SlotDay[] = slotDays(rulesOf(calendar), from, days, clock.now(), booked);
      return { officeId, serviceId: query.service, calendarId: calendar.id, slotMinutes: calendar.slot_minutes, days: list };
    });
  }

  // ---- calendars ----------------------------------------------------------------------------------------------

  async calendars(actor: Actor | null, officeId: string): Promise<{ items: AppointmentCalendar[] }> {
    const office = await this.officeOrThrow(officeId);
    // the reception reads the calendars to book by phone; only administrators change them
    requireAccess(actor, 'desk.read', { tenantId: office.tenant_id, officeId });
    return inScope(this.db, { tenantId: office.tenant_id }, async (trx) => ({
      items: (await new AppointmentsRepository(trx).calendarsOfOffice(officeId)).map(calendarView),
    }));
  }

  async createCalendar(actor: Actor | null, officeId: string, input: CalendarInputBody, idempotencyKey?: string): Promise<AppointmentCalendar> {
    const office = await this.officeOrThrow(officeId);
    const staff = requireAccess(actor, 'desk.configure', { tenantId: office.tenant_id, officeId });
    const result = await idempotent(this.db, `${staff.kind}:${staff.id}`, idempotencyKey, { officeId, input }, (executor) =>
      inScope(executor, { tenantId: office.tenant_id }, async (trx) => {
        const repo = new AppointmentsRepository(trx);
        const clean = await this.checkCalendar(repo, office.tenant_id, officeId, input);
        const { id } = await repo.insertCalendar({ tenantId: office.tenant_id, officeId, ...clean, now: clock.now() });
        return { status: 201, body: calendarView((await repo.calendar(id))!) };
      }));
    return result.body;
  }

  async updateCalendar(actor: Actor | null, calendarId: string, input: CalendarInputBody): Promise<AppointmentCalendar> {
    if (!actor) throw unauthorized();
    const found = await inScope(this.db, { platform: true }, (trx) => new AppointmentsRepository(trx).calendar(calendarId));
    if (!found) throw notFound('Il calendario');
    requireAccess(actor, 'desk.configure', { tenantId: found.tenant_id, officeId: found.office_id });
    return inScope(this.db, { tenantId: found.tenant_id }, async (trx) => {
      const repo = new AppointmentsRepository(trx);
      const clean = await this.checkCalendar(repo, found.tenant_id, found.office_id, input);
      // the capacity applies to new bookings: places already taken stay taken, whatever the new number
      await repo.updateCalendar(calendarId, { ...clean, now: clock.now() });
      return calendarView((await repo.calendar(calendarId))!);
    });
  }

  /** A calendar's rules checked field by field; every problem is reported at once, on its field. */
  private async checkCalendar(repo: AppointmentsRepository, tenantId: string, officeId: string, input: CalendarInputBody) {
    const errors: ProblemItem[] = [];
    const name = input.name.trim();
    if (!name) errors.push({ path: 'body.name', message: 'scrivi il nome del calendario (required)' });
    const bound = (field: keyof CalendarInputBody, value: number, min: number, max: number) => {
      if (!Number.isInteger(value) || value < min || value > max) errors.push({ path: `body.${field}`, message: `un numero intero da ${min} a ${max} (between ${min} and ${max})` });
    };
    bound('slotMinutes', input.slotMinutes, 5, 240);
    bound('capacity', input.capacity, 1, 50);
    bound('bufferMinutes', input.bufferMinutes, 0, 120);
    bound('minNoticeHours', input.minNoticeHours, 0, 720);
    bound('horizonDays', input.horizonDays, 1, 365);
    const windows: { weekday: number; from: number; to: number; index: number }[] = [];
    input.weeklyHours.forEach((h, index) => {
      const from = minutesOf(h.from);
      const to = minutesOf(h.to);
      if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) errors.push({ path: `body.weeklyHours.${index}.weekday`, message: 'un giorno da 1 (lunedì) a 7 (domenica)' });
      if (from === null) errors.push({ path: `body.weeklyHours.${index}.from`, message: "un'ora come 09:00 (HH:MM)" });
      if (to === null) errors.push({ path: `body.weeklyHours.${index}.to`, message: "un'ora come 12:30 (HH:MM)" });
      if (from === null || to === null) return;
      if (from >= to) errors.push({ path: `body.weeklyHours.${index}.to`, message: "la chiusura dev'essere dopo l'apertura (to must be after from)" });
      else if (to - from < input.slotMinutes) errors.push({ path: `body.weeklyHours.${index}.to`, message: `la fascia è più corta di un appuntamento (${input.slotMinutes} minuti) (shorter than one slot)` });
      else windows.push({ weekday: h.weekday, from, to, index });
    });
    for (const a of windows) {
      const overlap = windows.find((b) => b.index < a.index && b.weekday === a.weekday && b.from < a.to && a.from < b.to);
      if (overlap) errors.push({ path: `body.weeklyHours.${a.index}.from`, message: `si sovrappone alla fascia ${overlap.index + 1} dello stesso giorno (overlaps another window)` });
    }
    input.closures.forEach((c, index) => {
      if (!isDay(c.from)) errors.push({ path: `body.closures.${index}.from`, message: 'una data AAAA-MM-GG' });
      if (!isDay(c.to)) errors.push({ path: `body.closures.${index}.to`, message: 'una data AAAA-MM-GG' });
      else if (isDay(c.from) && c.from > c.to) errors.push({ path: `body.closures.${index}.to`, message: "l'ultimo giorno non può venire prima del primo (to must not be before from)" });
    });
    const serviceIds = [...new Set(input.serviceIds)];
    const known = new Set((await repo.servicesOfTenant(tenantId, serviceIds)).map((s) => s.id));
    input.serviceIds.forEach((id, index) => {
      if (!known.has(id)) errors.push({ path: `body.serviceIds.${index}`, message: "non è un servizio di questo ente (not a service of this body)" });
    });
    if (input.categoryId) {
      const category = await repo.category(input.categoryId);
      if (!category || category.office_id !== officeId) errors.push({ path: 'body.categoryId', message: "non è una categoria della coda di questo ufficio (not a queue category of this office)" });
    }
    if (errors.length) {
      throw badRequest(`Il calendario non è valido: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
    }
    const closures = input.closures.map((c) => ({ from: c.from, to: c.to, ...(c.reason?.trim() ? { reason: c.reason.trim() } : {}) }));
    return {
      name, serviceIds, weeklyHours: JSON.stringify(input.weeklyHours.map((h) => ({ weekday: h.weekday, from: h.from, to: h.to }))),
      slotMinutes: input.slotMinutes, capacity: input.capacity, bufferMinutes: input.bufferMinutes, minNoticeHours: input.minNoticeHours,
      horizonDays: input.horizonDays, closures: JSON.stringify(closures), categoryId: input.categoryId ?? null, active: input.active,
    };
  }

  // ---- bookings -----------------------------------------------------------------------------------------------

  /**
   * A citizen books for themselves (name and fiscal code from their session, contacts from their profile unless
   * given); an office's reception books for someone who phoned or came (name required, fiscal code optional: when
   * it is a citizen's with an account, the appointment shows in their area and the messages reach them).
   */
  async book(actor: Actor | null, input: NewAppointmentBody, idempotencyKey?: string): Promise<{ replayed: boolean; appointment: Appointment }> {
    if (!actor) throw unauthorized();
    const office = await this.officeOrThrow(input.officeId);
    let staff: StaffActor | null = null;
    if (isCitizen(actor)) requireAccess(actor, 'appointment.book');
    else {
      staff = requireAccess(actor, 'desk.reception', { tenantId: office.tenant_id, officeId: office.id });
      if (!input.person) throw badRequest('Indica la persona per cui prenoti. (The person is required.)', [{ path: 'body.person', message: 'nome e cognome della persona (required)' }]);
    }
    const startsAt = new Date(input.startsAt);
    if (Number.isNaN(startsAt.getTime())) throw badRequest("L'orario non è valido. (Invalid time.)", [{ path: 'body.startsAt', message: 'una data e ora ISO 8601' }]);
    const blank: ProblemItem[] = [];
    if (!input.reason.trim()) blank.push({ path: 'body.reason', message: 'scrivi il motivo della visita (required)' });
    if (staff && !input.person!.name.trim()) blank.push({ path: 'body.person.name', message: 'nome e cognome della persona (required)' });
    if (blank.length) throw badRequest(`Mancano dati: ${blank.map((e) => e.path).join(', ')}. (Required fields are empty.)`, blank);
    const result = await idempotent(this.db, `${actor.kind}:${actor.id}`, idempotencyKey, input, (executor) => inTransaction(executor, async (trx) => {
      const now = clock.now();
      // the calendar, the service and (for a citizen) the profile are read as the platform: a citizen's scope does not reach them
      const { calendar, service, person } = await inScope(trx, { platform: true }, async (t) => {
        const repo = new AppointmentsRepository(t);
        const service = await repo.service(input.serviceId);
        if (!service || service.tenant_id !== office.tenant_id) {
          throw badRequest("Il servizio non è di questo ufficio. (The service is not this office's.)", [{ path: 'body.serviceId', message: "non è un servizio dell'ente di questo ufficio" }]);
        }
        const calendar = await repo.activeCalendarFor(office.id, input.serviceId);
        if (!calendar) {
          throw badRequest("Questo ufficio non prende appuntamenti per questo servizio. (This office takes no appointments for this service.)",
            [{ path: 'body.serviceId', message: "l'ufficio non ha un calendario attivo per questo servizio" }]);
        }
        return { calendar, service, person: await this.personOf(repo, actor, input) };
      });
      const check = checkSlot(rulesOf(calendar), startsAt, now);
      if ('problem' in check) {
        throw badRequest(`L'orario non si può prenotare: ${check.problem.message}`, [{ path: 'body.startsAt', message: check.problem.message }]);
      }
      const id = await inScope(trx, staff ? { tenantId: office.tenant_id } : { citizenId: actor.id }, async (t) => {
        const repo = new AppointmentsRepository(t);
        if (!(await repo.takeSlot(office.tenant_id, calendar.id, startsAt, calendar.capacity))) throw slotFull();
        const { id } = await repo.insertAppointment({
          tenantId: office.tenant_id, officeId: office.id, calendarId: calendar.id, serviceId: service.id, startsAt, endsAt: check.endsAt,
          ...person, reason: input.reason.trim(), code: newCode(), channel: staff ? input.channel ?? 'phone' : 'online',
          bookedBy: staff?.kind === 'operator' ? staff.id : null, idempotencyKey: isCitizen(actor) ? idempotencyKey ?? null : null, now,
        });
        return id;
      });
      const row = await this.finish(trx, id, staff, 'appointment_booking', PURPOSES.booking);
      await inScope(trx, { platform: true }, (t) => this.notice(t, row, 'appointment_confirmed'));
      return { status: 201, body: appointmentView(row, now) };
    }));
    return { replayed: result.replayed, appointment: result.body };
  }

  /** Who the appointment is for: the citizen themselves, or the person the office names (linked to their account if they have one). */
  private async personOf(repo: AppointmentsRepository, actor: Actor, input: NewAppointmentBody) {
    const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
    if (isCitizen(actor)) {
      const profile = await repo.citizen(actor.id);
      return {
        citizenId: actor.id, fiscalCode: actor.fiscalCode, name: actor.name,
        email: input.email !== undefined ? clean(input.email) : profile?.email ?? null,
        phone: input.phone !== undefined ? clean(input.phone) : profile?.phone ?? null,
      };
    }
    const p = input.person!;
    const fiscalCode = clean(p.fiscalCode)?.toUpperCase() ?? null;
    const account = fiscalCode ? await repo.citizenByFiscalCode(fiscalCode) : undefined;
    return {
      citizenId: account?.id ?? null, fiscalCode, name: p.name.trim(),
      email: clean(p.email) ?? account?.email ?? null, phone: clean(p.phone) ?? account?.phone ?? null,
    };
  }

  /** The citizen's appointments, or (staff) the office's agenda of a day. */
  async list(actor: Actor | null, query: { office?: string; day?: string }): Promise<{ items: Appointment[] }> {
    if (!actor) throw unauthorized();
    const now = clock.now();
    if (isCitizen(actor)) {
      requireAccess(actor, 'appointment.book');
      const rows = await inScope(this.db, { platform: true }, (trx) => new AppointmentsRepository(trx).ofCitizen(actor.id, now));
      return { items: rows.map((r) => appointmentView(r, now)) };
    }
    if (!query.office) {
      requireAccess(actor, 'desk.reception');
      throw badRequest("Indica l'ufficio di cui leggere l'agenda. (The office is required.)", [{ path: 'query.office', message: "l'ufficio (required)" }]);
    }
    const office = await this.officeOrThrow(query.office);
    const staff = requireAccess(actor, 'desk.reception', { tenantId: office.tenant_id, officeId: office.id });
    const day = query.day ?? clock.today();
    if (!isDay(day)) throw badRequest('Il giorno non è una data valida. (Invalid day.)', [{ path: 'query.day', message: 'usa AAAA-MM-GG' }]);
    return inScope(this.db, { tenantId: office.tenant_id }, async (trx) => {
      const rows = await new AppointmentsRepository(trx).ofOffice(office.id, romeDayStart(day), romeDayStart(addDays(day, 1)));
      // the agenda shows who is coming: each person learns the office saw them in it (once a day per operator)
      await recordPersonalDataReads(trx, rows.flatMap((r) => readOf(r, staff, 'appointment_agenda', PURPOSES.agenda)), { oncePerDay: true });
      return { items: rows.map((r) => appointmentView(r, now)) };
    });
  }

  async get(actor: Actor | null, id: string): Promise<Appointment> {
    const { row } = await this.reach(actor, id, { log: ['appointment', PURPOSES.view] });
    return appointmentView(row, clock.now());
  }

  /** The QR code of the appointment's code, as SVG. */
  async qr(actor: Actor | null, id: string): Promise<string> {
    const { row } = await this.reach(actor, id);
    return QRCode.toString(row.code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  }

  /** Moves to another slot of the same calendar: the new place is taken before the old one is given back. */
  async move(actor: Actor | null, id: string, startsAtIso: string): Promise<Appointment> {
    const startsAt = new Date(startsAtIso);
    if (Number.isNaN(startsAt.getTime())) throw badRequest("L'orario non è valido. (Invalid time.)", [{ path: 'body.startsAt', message: 'una data e ora ISO 8601' }]);
    return this.change(actor, id, async (trx, locked, staff, now) => {
      if (locked.starts_at.getTime() === startsAt.getTime()) return false;
      const calendar = await inScope(trx, { platform: true }, (t) => new AppointmentsRepository(t).calendar(locked.calendar_id));
      if (!calendar?.active) throw conflict('Il calendario di questo appuntamento non prende più prenotazioni: annullalo e prenota di nuovo. (The calendar is closed to bookings.)');
      const check = checkSlot(rulesOf(calendar), startsAt, now);
      if ('problem' in check) {
        throw badRequest(`L'orario non si può prenotare: ${check.problem.message}`, [{ path: 'body.startsAt', message: check.problem.message }]);
      }
      await inScope(trx, staff ? { tenantId: locked.tenant_id } : { citizenId: locked.citizen_id! }, async (t) => {
        const repo = new AppointmentsRepository(t);
        if (!(await repo.takeSlot(locked.tenant_id, calendar.id, startsAt, calendar.capacity))) throw slotFull();
        await repo.releaseSlot(calendar.id, locked.starts_at);
        await repo.moveAppointment(locked.id, startsAt, check.endsAt, now);
      });
      return true;
    }, 'appointment_confirmed');
  }

  async cancel(actor: Actor | null, id: string): Promise<Appointment> {
    return this.change(actor, id, async (trx, locked, staff, now) => {
      await inScope(trx, staff ? { tenantId: locked.tenant_id } : { citizenId: locked.citizen_id! }, async (t) => {
        const repo = new AppointmentsRepository(t);
        await repo.releaseSlot(locked.calendar_id, locked.starts_at);
        await repo.cancelAppointment(locked.id, staff ? 'office' : 'citizen', now);
      });
      return true;
    });
  }

  /** A change by the owner (booked and not started yet) or by the office's reception (booked), locked, with its message. */
  private async change(actor: Actor | null, id: string,
    work: (trx: Transaction<DB>, locked: NonNullable<Awaited<ReturnType<AppointmentsRepository['lockAppointment']>>>, staff: StaffActor | null, now: Date) => Promise<boolean>,
    message?: Kind): Promise<Appointment> {
    if (!actor) throw unauthorized();
    return retryOnDeadlock(() => this.db.transaction().execute(async (trx) => {
      const now = clock.now();
      const locked = await inScope(trx, { platform: true }, (t) => new AppointmentsRepository(t).lockAppointment(id));
      const staff = this.authorise(actor, locked);
      if (!locked) throw notFound("L'appuntamento");
      if (locked.status !== 'booked') {
        throw conflict(locked.status === 'cancelled' ? "L'appuntamento è già annullato. (Already cancelled.)"
          : "L'appuntamento è già stato registrato all'arrivo: non si può più cambiare. (Already checked in or over.)");
      }
      if (!staff && locked.starts_at.getTime() <= now.getTime()) {
        throw conflict("L'appuntamento è già iniziato: non si può più spostare né annullare. Rivolgiti all'ufficio. (It has already started.)");
      }
      const changed = await work(trx, locked, staff, now);
      const row = await this.finish(trx, id, staff, 'appointment_change', PURPOSES.change);
      if (changed && message) await inScope(trx, { platform: true }, (t) => this.notice(t, row, message));
      return appointmentView(row, now);
    }));
  }

  /** Whose the appointment is: its citizen, or the reception of its office. Throws 404 or 403 as access.ts decides. */
  private authorise(actor: Actor, row: { citizen_id: string | null; tenant_id: string; office_id: string } | undefined): StaffActor | null {
    if (isCitizen(actor)) {
      requireAccess(actor, 'appointment.book', { citizenId: row?.citizen_id ?? '' });
      if (!row) throw notFound("L'appuntamento");
      return null;
    }
    if (!row) {
      requireAccess(actor, 'desk.reception');
      throw notFound("L'appuntamento");
    }
    return requireAccess(actor, 'desk.reception', { tenantId: row.tenant_id, officeId: row.office_id });
  }

  /** The appointment as its owner or its office's reception reaches it; logged when the office reads it. */
  private async reach(actor: Actor | null, id: string, opts: { log?: [string, string] } = {}): Promise<{ row: AppointmentRow; staff: StaffActor | null }> {
    if (!actor) throw unauthorized();
    return this.db.transaction().execute(async (trx) => {
      const row = await inScope(trx, { platform: true }, (t) => new AppointmentsRepository(t).view(id));
      const staff = this.authorise(actor, row);
      if (staff && opts.log) {
        await inScope(trx, { tenantId: row!.tenant_id }, (t) => recordPersonalDataReads(t, readOf(row!, staff, opts.log![0], opts.log![1])));
      }
      return { row: row!, staff };
    });
  }

  /** Reads the appointment as it now is; an office's action on it is logged as a read of the person's data. */
  private async finish(trx: Transaction<DB>, id: string, staff: StaffActor | null, operation: string, purpose: string): Promise<AppointmentRow> {
    const row = (await inScope(trx, { platform: true }, (t) => new AppointmentsRepository(t).view(id)))!;
    if (staff) await inScope(trx, { tenantId: row.tenant_id }, (t) => recordPersonalDataReads(t, readOf(row, staff, operation, purpose)));
    return row;
  }

  private async officeOrThrow(officeId: string) {
    const office = await inScope(this.db, { platform: true }, (trx) => new AppointmentsRepository(trx).office(officeId));
    if (!office) throw notFound("L'ufficio");
    return office;
  }

  // ---- messages -----------------------------------------------------------------------------------------------

  /**
   * Sends the reminders of tomorrow's (Italian day) booked appointments that have none yet, in a batch; returns
   * how many. Run by the background task every few minutes; a reminder is written once (marked on the
   * appointment, and keyed in the outbox), whichever process gets there first.
   */
  async sendReminders(limit = 50): Promise<number> {
    const tomorrow = addDays(clock.today(), 1);
    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new AppointmentsRepository(trx);
      const due = await repo.dueReminders(romeDayStart(tomorrow), romeDayStart(addDays(tomorrow, 1)), limit);
      const now = clock.now();
      for (const { id } of due) {
        const row = await repo.view(id);
        if (row) await this.notice(trx, row, 'appointment_reminder');
        await repo.markReminded(id, now);
      }
      return due.length;
    });
  }

  /**
   * The citizen's message about an appointment: in their inbox and on the channels they chose for the kind. It
   * says the code, service, office, day and time, never the reason. An appointment the office booked for someone
   * without an account has nobody to write to (the office gave them the code on the phone).
   */
  private async notice(t: Kysely<DB>, a: AppointmentRow, kind: Kind): Promise<void> {
    if (!a.citizen_id) return;
    const repo = new AppointmentsRepository(t);
    const citizen = await repo.citizen(a.citizen_id);
    if (!citizen) return;
    const language = citizen.language as MessageLanguage;
    const available = this.deps.messaging.availableChannels();
    const channels = new Set<MessageChannel>(['inbox']);
    for (const c of citizen.message_preferences[kind] ?? DEFAULT_CHANNELS) if (available.includes(c)) channels.add(c);
    const overrides = await repo.templatesOf(a.tenant_id, kind, language);
    const values = messageValues(a, language, this.deps.publicUrl);
    // an occurrence: the booking or move that set the current time (a move gives a new confirmation and a new reminder)
    const occurrence = new Date(a.updated_at).getTime();
    const rows: NotificationRow[] = [];
    for (const channel of channels) {
      const own = overrides.find((o) => o.channel === channel);
      const message = render(own ? { subject: own.subject ?? undefined, body: own.body } : defaultTemplate(kind, channel, language), channel, values, language);
      const body = message.body.includes(a.code) ? message.body
        : `${message.body}${channel === 'sms' ? ' ' : '\n\n'}${language === 'en' ? 'Appointment code' : "Codice dell'appuntamento"}: ${a.code}`;
      const address = channel === 'email' ? a.email ?? citizen.email : channel === 'sms' ? a.phone ?? citizen.phone : channel === 'pec' ? citizen.pec : null;
      const missing = (channel === 'email' || channel === 'sms' || channel === 'pec') && !address;
      rows.push({
        tenant_id: a.tenant_id, application_id: null, dedupe_key: `appointment:${a.id}:${kind}:${occurrence}:c:${citizen.id}:${channel}`,
        recipient_kind: 'citizen', citizen_id: citizen.id, operator_id: null, address: channel === 'io' ? null : address ?? null,
        fiscal_code: channel === 'io' ? citizen.fiscal_code : null, channel, subject: message.subject ?? body.slice(0, 120), body,
        status: channel === 'inbox' ? 'delivered' : missing ? 'failed' : 'queued', status_reason: missing ? 'nessun recapito per questo canale' : null,
        kind, language, legal: false,
      });
    }
    await this.deps.messaging.enqueue(t, rows);
  }
}

function rulesOf(c: CalendarRow): CalendarRules {
  return {
    weeklyHours: c.weekly_hours, slotMinutes: c.slot_minutes, bufferMinutes: c.buffer_minutes, capacity: c.capacity,
    minNoticeHours: c.min_notice_hours, horizonDays: c.horizon_days, closures: c.closures,
  };
}

function calendarView(c: CalendarRow): AppointmentCalendar {
  return {
    id: c.id, tenantId: c.tenant_id, officeId: c.office_id, officeName: c.office_name, name: c.name, serviceIds: c.service_ids,
    weeklyHours: c.weekly_hours, slotMinutes: c.slot_minutes, capacity: c.capacity, bufferMinutes: c.buffer_minutes,
    minNoticeHours: c.min_notice_hours, horizonDays: c.horizon_days, closures: c.closures, categoryId: c.category_id, active: c.active,
  };
}

export function appointmentView(a: AppointmentRow, now: Date): Appointment {
  const startsAt = new Date(a.starts_at);
  return {
    id: a.id, tenantId: a.tenant_id, tenantName: a.tenant_name, officeId: a.office_id, officeName: a.office_name,
    officeAddress: `${a.office_address}, ${a.office_postal_code} ${a.office_city}`, serviceId: a.service_id, serviceTitle: a.service_title,
    startsAt: startsAt.toISOString(), endsAt: iso(a.ends_at), status: a.status, channel: a.channel, code: a.code, reason: a.reason,
    person: { name: a.name, fiscalCode: a.fiscal_code, email: a.email, phone: a.phone },
    changeable: a.status === 'booked' && startsAt.getTime() > now.getTime(),
    ticketLabel: a.ticket_label ?? null, createdAt: iso(a.created_at), cancelledAt: isoOrNull(a.cancelled_at),
  };
}

/** The access-log entry of an office's read of an appointment (only for a person known by fiscal code: the log is theirs). */
function readOf(a: AppointmentRow, staff: StaffActor, operation: string, purpose: string): PersonalDataRead[] {
  if (!a.fiscal_code) return [];
  return [{
    tenantId: a.tenant_id, subjectFiscalCode: a.fiscal_code, citizenId: a.citizen_id,
    actor: { kind: staff.kind === 'token' ? 'token' : 'operator', id: staff.id, label: staff.name }, officeName: a.office_name,
    object: { type: 'appointment', id: a.id, label: `Appuntamento ${a.code} – ${a.service_title}` },
    operation, purpose, legalBasis: LEGAL_BASIS.personalService,
  }];
}

/** Placeholders of the appointment messages: code, service, body, office, day and time in Italy, the link. */
export function messageValues(a: Pick<AppointmentRow, 'id' | 'code' | 'service_title' | 'tenant_name' | 'office_name' | 'starts_at'>, language: MessageLanguage, publicUrl: string) {
  const { day, minutes } = romeWallClock(new Date(a.starts_at));
  const date = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  return {
    codice: a.code, servizio: a.service_title, ente: a.tenant_name, ufficio: a.office_name, data: date,
    ora: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    link: `${publicUrl}/area-personale/appuntamenti/${a.id}`,
  };
}

