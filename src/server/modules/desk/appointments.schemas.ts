/**
 * TypeBox contracts of appointments and their calendars (desk-api.md, "Appointments"). The shapes are those of
 * src/contracts/desk.ts, which the service's answers are typed with.
 */
import { Type, type Static } from 'typebox';
import { APPOINTMENT_CHANNELS, APPOINTMENT_STATUSES } from '../../../contracts/desk.ts';

const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const DateTime = (description: string) => Type.String({ format: 'date-time', maxLength: 40, description });
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});
const OneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>(Type.String({ enum: [...values], maxLength: 40, description }));
const Time = (description: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5, description });
const Int = (minimum: number, maximum: number, description: string) => Type.Integer({ minimum, maximum, format: 'int32', description });

export const WeeklyHoursSchema = Type.Object({
  weekday: Type.Unsafe<1 | 2 | 3 | 4 | 5 | 6 | 7>(Type.Integer({ minimum: 1, maximum: 7, format: 'int32', description: 'giorno della settimana ISO: 1 lunedì … 7 domenica' })),
  from: Time("apertura, ora di Roma: «09:00»"),
  to: Time("chiusura, ora di Roma: «12:30» (l'ultimo appuntamento finisce entro quest'ora)"),
}, { additionalProperties: false });

export const ClosureSchema = Type.Object({
  from: Day('primo giorno di chiusura'),
  to: Day('ultimo giorno di chiusura (compreso)'),
  reason: Type.Optional(Text(200, 'il motivo, mostrato a chi prenota: «Chiusura natalizia»')),
}, { additionalProperties: false });

export const AppointmentCalendarSchema = Type.Object({
  id: Uuid(),
  tenantId: Uuid("l'ente"),
  officeId: Uuid("l'ufficio"),
  officeName: Text(300),
  name: Text(120),
  serviceIds: Type.Array(Uuid(), { maxItems: 100, description: 'i servizi prenotabili su questo calendario' }),
  weeklyHours: Type.Array(WeeklyHoursSchema, { maxItems: 50 }),
  slotMinutes: Int(5, 240, 'durata di un appuntamento, in minuti'),
  capacity: Int(1, 50, 'persone ricevute alla stessa ora'),
  bufferMinutes: Int(0, 120, 'minuti liberi dopo ogni appuntamento'),
  minNoticeHours: Int(0, 720, 'preavviso minimo, in ore'),
  horizonDays: Int(1, 365, 'quanti giorni avanti si può prenotare'),
  closures: Type.Array(ClosureSchema, { maxItems: 200 }),
  categoryId: Nullable(Uuid(), 'la categoria della coda in cui entra chi arriva con appuntamento'),
  active: Type.Boolean(),
}, { $id: 'AppointmentCalendar', additionalProperties: false });

export const CalendarInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120, description: 'il nome mostrato: «Carta d\'identità elettronica»' }),
  serviceIds: Type.Array(Uuid(), { maxItems: 100, description: "servizi dell'ente prenotabili su questo calendario" }),
  weeklyHours: Type.Array(WeeklyHoursSchema, { maxItems: 50 }),
  slotMinutes: Int(5, 240, 'durata di un appuntamento, in minuti'),
  capacity: Int(1, 50, 'persone ricevute alla stessa ora (una per sportello)'),
  bufferMinutes: Int(0, 120, 'minuti liberi dopo ogni appuntamento'),
  minNoticeHours: Int(0, 720, 'preavviso minimo, in ore'),
  horizonDays: Int(1, 365, 'quanti giorni avanti si può prenotare'),
  closures: Type.Array(ClosureSchema, { maxItems: 200 }),
  categoryId: Nullable(Uuid(), "una categoria della coda dell'ufficio, o null"),
  active: Type.Boolean(),
}, { additionalProperties: false });
export type CalendarInputBody = Static<typeof CalendarInput>;

export const CalendarList = Type.Object({ items: Type.Array(Type.Ref('AppointmentCalendar'), { maxItems: 200 }) }, { additionalProperties: false });

export const BookingOfficeSchema = Type.Object({
  officeId: Uuid(), officeName: Text(300), address: Text(300), city: Text(120), tenantId: Uuid(), tenantName: Text(300),
  firstFreeDay: Nullable(Day('il primo giorno con un posto libero entro l\'orizzonte, se c\'è')),
}, { additionalProperties: false });
export const BookingOfficeList = Type.Object({ items: Type.Array(BookingOfficeSchema, { maxItems: 200 }) }, { additionalProperties: false });

const SlotSchema = Type.Object({
  startsAt: DateTime('inizio'), endsAt: DateTime('fine'), free: Int(0, 50, 'posti liberi (0: occupato)'),
}, { additionalProperties: false });
const SlotDaySchema = Type.Object({
  day: Day('giorno (ora di Roma)'),
  closedReason: Type.Optional(Text(200, 'perché il giorno non ha orari (festività, chiusura, nessun orario)')),
  slots: Type.Array(SlotSchema, { maxItems: 300 }),
}, { additionalProperties: false });
export const SlotsAnswer = Type.Object({
  officeId: Uuid(), serviceId: Uuid(), calendarId: Uuid(), slotMinutes: Int(5, 240, 'durata di un appuntamento, in minuti'),
  days: Type.Array(SlotDaySchema, { maxItems: 31 }),
}, { additionalProperties: false });

export const AppointmentSchema = Type.Object({
  id: Uuid(),
  tenantId: Uuid(), tenantName: Text(300),
  officeId: Uuid(), officeName: Text(300), officeAddress: Text(400),
  serviceId: Uuid(), serviceTitle: Text(300),
  startsAt: DateTime('inizio'), endsAt: DateTime('fine'),
  status: OneOf(APPOINTMENT_STATUSES, 'booked prenotato, checked_in arrivato, served ricevuto, no_show non presentato, cancelled annullato'),
  channel: OneOf(APPOINTMENT_CHANNELS, 'online dal cittadino, phone o desk dall\'ufficio'),
  code: Type.String({ pattern: '^[A-Z0-9]{6,16}$', maxLength: 16, description: 'il codice dell\'appuntamento, nel QR code: lo legge il totem all\'arrivo' }),
  reason: Text(500, 'il motivo della visita'),
  person: Type.Object({
    name: Text(200), fiscalCode: Nullable(Text(16)), email: Nullable(Text(254)), phone: Nullable(Text(30)),
  }, { additionalProperties: false, description: 'la persona attesa' }),
  changeable: Type.Boolean({ description: 'se il cittadino può ancora spostarlo o annullarlo (prenotato e non ancora iniziato)' }),
  ticketLabel: Nullable(Text(10), "il numero di coda dato all'arrivo"),
  createdAt: DateTime('prenotato il'),
  cancelledAt: Nullable(DateTime('annullato il')),
}, { $id: 'Appointment', additionalProperties: false });

export const AppointmentList = Type.Object({ items: Type.Array(Type.Ref('Appointment'), { maxItems: 500 }) }, { additionalProperties: false });

export const NewAppointment = Type.Object({
  serviceId: Uuid('il servizio'),
  officeId: Uuid("l'ufficio"),
  startsAt: DateTime("l'inizio di uno degli orari liberi"),
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'il motivo della visita (resta all\'ufficio: non compare nei messaggi)' }),
  email: Type.Optional(Nullable(Text(254, 'cittadino: e-mail per questo appuntamento, se diversa da quella del profilo'))),
  phone: Type.Optional(Nullable(Text(30, 'cittadino: cellulare per questo appuntamento, se diverso da quello del profilo'))),
  channel: Type.Optional(OneOf(['phone', 'desk'] as const, "ufficio: come è stata chiesta la prenotazione (phone, desk); per il cittadino è sempre online")),
  person: Type.Optional(Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200, description: 'nome e cognome' }),
    fiscalCode: Type.Optional(Nullable(Type.String({ pattern: '^([A-Za-z0-9]{16})?$', maxLength: 16, description: 'codice fiscale, se noto (vuoto: non noto)' }))),
    email: Type.Optional(Nullable(Text(254))),
    phone: Type.Optional(Nullable(Text(30))),
  }, { additionalProperties: false, description: 'ufficio: la persona per cui si prenota (obbligatoria); il cittadino prenota sempre per sé e questo campo non si usa' })),
}, { additionalProperties: false });
export type NewAppointmentBody = Static<typeof NewAppointment>;

export const MoveBody = Type.Object({ startsAt: DateTime('il nuovo orario, uno di quelli liberi dello stesso calendario') }, { additionalProperties: false });
export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const ListQuery = Type.Object({
  office: Type.Optional(Uuid("ufficio: l'ufficio di cui leggere l'agenda (obbligatorio per l'ufficio; il cittadino vede sempre i suoi)")),
  day: Type.Optional(Day("ufficio: il giorno dell'agenda (ora di Roma); oggi se manca")),
}, { additionalProperties: false });

export const SlotsQuery = Type.Object({
  service: Uuid('il servizio da prenotare'),
  from: Type.Optional(Day('primo giorno (ora di Roma); oggi se manca')),
  days: Type.Optional(Int(1, 31, 'quanti giorni (al massimo 31)')),
}, { additionalProperties: false });

export const AppointmentParams = Type.Object({ appointmentId: Uuid() }, { additionalProperties: false });
export const OfficeParams = Type.Object({ officeId: Uuid() }, { additionalProperties: false });
export const CalendarParams = Type.Object({ calendarId: Uuid() }, { additionalProperties: false });
export const ServiceParams = Type.Object({ serviceId: Uuid() }, { additionalProperties: false });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'rende una POST ripetuta uguale alla prima (makes a retried POST return the first result)' })),
});
