/**
 * TypeBox contracts of the reception (GET|POST /api/v1/desk-contacts, GET /api/v1/desk/lookup,
 * POST /api/v1/desk/applications). The shapes are those of src/contracts/desk.ts (DeskContact) and of
 * reception.service.ts (the lookup's answer).
 */
import { Type } from 'typebox';
import { APPLICATION_STATUSES } from '../../../contracts/applications.ts';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES } from '../../../contracts/desk.ts';

const Uuid = (description: string) => Type.String({ format: 'uuid', maxLength: 36, description });
const Text = (maxLength: number, description: string) => Type.String({ maxLength, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});
const OneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>(Type.String({ enum: [...values], maxLength: 40, description }));
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
const DateTime = (description: string) => Type.String({ format: 'date-time', maxLength: 40, description });
const FiscalCode = (description: string) => Type.String({ pattern: '^[A-Za-z0-9]{16}$', minLength: 16, maxLength: 16, description });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'rende una POST ripetuta uguale alla prima (makes a retried POST return the first result)' })),
});

const CHANNEL = 'desk: di persona allo sportello; phone: al telefono; email: per posta elettronica';
const OUTCOME = 'informed: informazioni date; status_given: stato della pratica comunicato; application_started: pratica avviata per la persona; ' +
  'booked: appuntamento fissato; ticket_issued: numero dato per la coda; referred: indirizzata a un altro ufficio o ente; other: altro';

export const DeskContactSchema = Type.Object({
  id: Uuid('il contatto'),
  officeId: Uuid("l'ufficio"),
  at: DateTime('quando'),
  channel: OneOf(CONTACT_CHANNELS, CHANNEL),
  person: Type.Object({
    name: Nullable(Text(200, 'nome e cognome')),
    fiscalCode: Nullable(Text(16, 'codice fiscale')),
  }, { additionalProperties: false, description: 'chi è venuto o ha chiamato (facoltativo per una semplice richiesta di informazioni)' }),
  reason: Text(500, 'il motivo'),
  outcome: OneOf(CONTACT_OUTCOMES, OUTCOME),
  note: Nullable(Text(2000, 'una nota')),
  serviceId: Nullable(Uuid('il servizio di cui si è parlato')),
  applicationId: Nullable(Uuid('la pratica')),
  applicationCode: Nullable(Text(40, 'il codice della pratica')),
  ticketLabel: Nullable(Text(10, 'il numero dato per la coda')),
  recordedBy: Nullable(Text(200, 'chi ha registrato il contatto')),
}, { $id: 'DeskContact', additionalProperties: false });

export const ContactList = Type.Object({ items: Type.Array(Type.Ref('DeskContact'), { maxItems: 1000 }) }, { additionalProperties: false });

const OWN_DESK = "; se assente, l'ufficio in cui l'operatore lavora allo sportello (ruolo desk)";

export const ContactQuery = Type.Object({
  office: Type.Optional(Uuid(`l'ufficio${OWN_DESK}`)),
  day: Type.Optional(Day('il giorno (AAAA-MM-GG, ora italiana); oggi se assente')),
}, { additionalProperties: false });

export const NewContact = Type.Object({
  officeId: Type.Optional(Uuid(`l'ufficio dello sportello${OWN_DESK}`)),
  channel: OneOf(CONTACT_CHANNELS, CHANNEL),
  person: Type.Object({
    name: Type.Optional(Text(200, 'nome e cognome')),
    fiscalCode: Type.Optional(FiscalCode('codice fiscale')),
  }, { additionalProperties: false }),
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'il motivo del contatto' }),
  outcome: OneOf(CONTACT_OUTCOMES, OUTCOME),
  note: Type.Optional(Text(2000, 'una nota')),
  serviceId: Type.Optional(Uuid("un servizio dell'ente")),
  applicationId: Type.Optional(Uuid("una pratica dell'ente")),
  ticketId: Type.Optional(Uuid("un numero della coda dell'ufficio")),
  appointmentId: Type.Optional(Uuid("un appuntamento all'ufficio")),
}, { additionalProperties: false });

export const LookupQuery = Type.Object({
  office: Type.Optional(Uuid(`l'ufficio dello sportello${OWN_DESK}`)),
  q: Type.String({ minLength: 1, maxLength: 40, description: 'codice della pratica (CA-2026-AB12CD), numero di protocollo (123 o 0000123/2026) o codice fiscale' }),
}, { additionalProperties: false });

export const LookupAnswerSchema = Type.Object({
  person: Nullable(Type.Object({ name: Text(200, 'nome e cognome'), fiscalCode: Text(16, 'codice fiscale') }, { additionalProperties: false }),
    'la persona cercata (per codice fiscale) o quella della pratica trovata; null se nessuno'),
  applications: Type.Array(Type.Object({
    id: Uuid('la pratica'),
    code: Text(40, 'il codice della pratica'),
    serviceTitle: Text(300, 'il servizio'),
    status: OneOf(APPLICATION_STATUSES, 'lo stato'),
    submittedAt: Nullable(DateTime("l'invio")),
    dueDate: Nullable(Day('la data entro cui l\'ente deve concludere (tempi certi)')),
    officeName: Nullable(Text(300, "l'ufficio che la tratta")),
    protocolNumber: Nullable(Text(20, 'il numero di protocollo (0000123/2026)')),
    closedAt: Nullable(DateTime('la conclusione')),
  }, { additionalProperties: false }), { maxItems: 50 }),
}, { $id: 'DeskLookup', additionalProperties: false });

export const NewDeskApplication = Type.Object({
  officeId: Uuid("l'ufficio dello sportello"),
  serviceId: Uuid("un servizio dell'ente con modulo online"),
  fiscalCode: FiscalCode('il codice fiscale della persona'),
}, { additionalProperties: false });

export const DeskApplicationStarted = Type.Object({
  applicationId: Uuid('la bozza'),
  code: Text(40, 'il codice della pratica, da dire alla persona'),
  citizenName: Text(200, 'a nome di chi'),
}, { additionalProperties: false });
