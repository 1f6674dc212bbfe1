/**
 * TypeBox contracts of the take-a-number queue: categories, counters, tickets, the waiting-room display, the
 * floor devices and the visitors' ratings. The shapes are those of src/contracts/desk.ts, which the service's
 * answers are typed with. No schema here carries a person's data: tickets are numbers, not people.
 */
import { Type, type Static } from 'typebox';
import { DESK_DEVICE_KINDS, RATINGS, TICKET_CHANNELS, TICKET_STATUSES } from '../../../contracts/desk.ts';

const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const DateTime = (description: string) => Type.String({ format: 'date-time', maxLength: 40, description });
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});
const OneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>(Type.String({ enum: [...values], maxLength: 40, description }));
const Int = (description: string, minimum = 0, maximum = 1_000_000) => Type.Integer({ format: 'int32', minimum, maximum, description });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'rende una POST ripetuta uguale alla prima (makes a retried POST return the first result)' })),
});
/** The paired floor device's key (kiosk or rating tablet), as the pairing page stored it. */
export const DeviceHeaders = Type.Object({
  'x-desk-device': Type.Optional(Type.String({ maxLength: 200, description: 'la chiave del dispositivo di sala abbinato (totem o tablet di valutazione)' })),
});
export const DeviceAndIdempotencyHeaders = Type.Object({ ...DeviceHeaders.properties, ...IdempotencyHeaders.properties });

export const OfficeParams = Type.Object({ officeId: Uuid("l'ufficio") });
export const CategoryParams = Type.Object({ categoryId: Uuid('la categoria della coda') });
export const CounterParams = Type.Object({ counterId: Uuid('lo sportello') });
export const TicketParams = Type.Object({ ticketId: Uuid('il biglietto') });
export const DeviceParams = Type.Object({ deviceId: Uuid('il dispositivo') });
export const NoQuery = Type.Object({}, { additionalProperties: false });
export const EmptyBody = Type.Object({}, { additionalProperties: false });
export const QueuesQuery = Type.Object({ office: Uuid("l'ufficio") }, { additionalProperties: false });

// ---- categories and counters ----------------------------------------------------------------------------------

export const DeskCategorySchema = Type.Object({
  id: Uuid(),
  officeId: Uuid(),
  prefix: Type.String({ pattern: '^[A-Z]$', maxLength: 1, description: 'la lettera del biglietto' }),
  name: Text(80),
  description: Nullable(Text(300)),
  sort: Int("l'ordine in cui il totem mostra le categorie", -1000, 1000),
  active: Type.Boolean(),
}, { $id: 'DeskCategory', additionalProperties: false });

export const CategoryBody = Type.Object({
  prefix: Type.String({ pattern: '^[A-Z]$', minLength: 1, maxLength: 1, description: 'una lettera maiuscola, unica nell\'ufficio: «A»' }),
  name: Type.String({ minLength: 1, maxLength: 80, description: 'come il totem e il display la chiamano: «Anagrafe»' }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  sort: Type.Optional(Int("l'ordine sul totem (default 0)", -1000, 1000)),
  active: Type.Optional(Type.Boolean({ description: 'default true' })),
}, { additionalProperties: false });
export type CategoryInput = Static<typeof CategoryBody>;

export const DeskCounterSchema = Type.Object({
  id: Uuid(),
  officeId: Uuid(),
  name: Text(40, 'quello che il display mostra: «Sportello 3»'),
  categoryIds: Type.Array(Uuid(), { maxItems: 26 }),
  open: Type.Boolean({ description: "un operatore è allo sportello" }),
  operatorId: Nullable(Uuid("l'operatore allo sportello (null se chiuso)")),
  operatorName: Nullable(Text(200)),
  openedAt: Nullable(DateTime('da quando è aperto')),
  active: Type.Boolean(),
}, { $id: 'DeskCounter', additionalProperties: false });

export const CounterBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40, description: "unico nell'ufficio: «Sportello 3»" }),
  categoryIds: Type.Array(Uuid(), { maxItems: 26, uniqueItems: true, description: "le categorie dell'ufficio che lo sportello serve" }),
  active: Type.Optional(Type.Boolean({ description: 'default true' })),
}, { additionalProperties: false });
export type CounterInput = Static<typeof CounterBody>;

export const OpenCounterBody = Type.Object({
  categoryIds: Type.Optional(Type.Array(Uuid(), { maxItems: 26, uniqueItems: true, description: 'le categorie servite da ora (default: quelle configurate)' })),
}, { additionalProperties: false });

// ---- tickets and queues ---------------------------------------------------------------------------------------

export const TicketSchema = Type.Object({
  id: Uuid(),
  officeId: Uuid(),
  categoryId: Uuid(),
  categoryName: Text(80),
  label: Type.String({ pattern: '^[A-Z][0-9]{3,4}$', maxLength: 5, description: '«A012»' }),
  day: Day('il giorno (Italia) in cui è stato emesso'),
  status: OneOf(TICKET_STATUSES, 'waiting: in attesa; called: chiamato; served: servito; no_show: non presentato; cancelled: annullato'),
  channel: OneOf(TICKET_CHANNELS, 'kiosk: dal totem; reception: dall\'accoglienza; appointment: check-in di un appuntamento; simulated: simulazione'),
  appointment: Nullable(Type.Object({ id: Uuid(), startsAt: DateTime("l'ora dell'appuntamento: da allora il biglietto passa avanti") }, { additionalProperties: false })),
  counterId: Nullable(Uuid('lo sportello che lo ha chiamato, o a cui è stato trasferito')),
  counterName: Nullable(Text(40)),
  issuedAt: DateTime('emesso alle'),
  calledAt: Nullable(DateTime("l'ultima chiamata")),
  finishedAt: Nullable(DateTime('servito o non presentato alle')),
  callCount: Int('quante volte è stato chiamato (richiami compresi)'),
  waitingBefore: Type.Optional(Int("quante persone aspettavano prima, nella stessa categoria, all'emissione")),
  estimatedWaitMinutes: Type.Optional(Nullable(Int("attesa stimata in minuti all'emissione; null senza storico del giorno"))),
}, { $id: 'Ticket', additionalProperties: false });

export const QueueStateSchema = Type.Object({
  categoryId: Uuid(),
  prefix: Type.String({ pattern: '^[A-Z]$', maxLength: 1 }),
  name: Text(80),
  waiting: Int('persone in attesa'),
  next: Type.Array(Text(5), { maxItems: 10, description: "i prossimi numeri, nell'ordine di chiamata" }),
  lastCalled: Nullable(Text(5, "l'ultimo numero chiamato oggi")),
  estimatedWaitMinutes: Nullable(Int('attesa stimata per un nuovo biglietto, in minuti; null senza storico del giorno')),
}, { $id: 'QueueState', additionalProperties: false });

export const QueueList = Type.Object({ items: Type.Array(Type.Ref('QueueState'), { maxItems: 100 }) }, { additionalProperties: false });
export const CategoryList = Type.Object({ items: Type.Array(Type.Ref('DeskCategory'), { maxItems: 100 }) }, { additionalProperties: false });
export const CounterList = Type.Object({ items: Type.Array(Type.Ref('DeskCounter'), { maxItems: 200 }) }, { additionalProperties: false });

export const CounterView = Type.Object({
  counter: Type.Ref('DeskCounter'),
  current: Nullable(Type.Ref('Ticket'), 'il biglietto chiamato allo sportello e non ancora chiuso'),
  queues: Type.Array(Type.Ref('QueueState'), { maxItems: 100 }),
  seq: Text(20, "l'ultimo evento della coda dell'ufficio"),
}, { additionalProperties: false });

export const CallNextAnswer = Type.Object({ ticket: Nullable(Type.Ref('Ticket'), 'null: nessuno in attesa') }, { additionalProperties: false });

export const TransferBody = Type.Object({
  counterId: Type.Optional(Uuid('a questo sportello (sarà chiamato per primo lì)')),
  categoryId: Type.Optional(Uuid('in coda in questa categoria')),
}, { additionalProperties: false });

export const NewTicketBody = Type.Object({
  officeId: Uuid("l'ufficio"),
  categoryId: Uuid('la categoria'),
}, { additionalProperties: false });

export const CheckInBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 40, description: "il codice dell'appuntamento (dal QR code della conferma)" }),
}, { additionalProperties: false });

export const DisplayStateSchema = Type.Object({
  officeId: Uuid(),
  officeName: Text(300),
  seq: Text(20, "l'ultimo evento della coda: ordina gli aggiornamenti"),
  calls: Type.Array(Type.Object({
    ticketId: Uuid(),
    label: Text(5),
    counterName: Text(40),
    calledAt: DateTime('ora della chiamata'),
    recall: Type.Boolean({ description: 'è un richiamo' }),
  }, { additionalProperties: false }), { maxItems: 20, description: 'le ultime chiamate di oggi, la più recente per prima' }),
  queues: Type.Array(Type.Ref('QueueState'), { maxItems: 100 }),
}, { $id: 'DisplayState', additionalProperties: false });

// ---- devices and ratings --------------------------------------------------------------------------------------

export const DeskDeviceSchema = Type.Object({
  id: Uuid(),
  officeId: Uuid(),
  kind: OneOf(DESK_DEVICE_KINDS, 'kiosk: totem di accoglienza; rating: tablet di valutazione di uno sportello'),
  name: Text(80),
  counterId: Nullable(Uuid()),
  createdAt: DateTime('abbinato il'),
  lastSeenAt: Nullable(DateTime("l'ultima richiesta")),
  revokedAt: Nullable(DateTime('revocato il')),
}, { $id: 'DeskDevice', additionalProperties: false });

export const DeviceList = Type.Object({ items: Type.Array(Type.Ref('DeskDevice'), { maxItems: 200 }) }, { additionalProperties: false });

export const NewDeviceBody = Type.Object({
  kind: OneOf(DESK_DEVICE_KINDS, 'kiosk o rating'),
  name: Type.String({ minLength: 1, maxLength: 80, description: '«Totem ingresso»' }),
  counterId: Type.Optional(Nullable(Uuid('lo sportello del tablet di valutazione (obbligatorio per rating)'))),
}, { additionalProperties: false });
export type DeviceInput = Static<typeof NewDeviceBody>;

export const CreatedDevice = Type.Object({
  device: Type.Ref('DeskDevice'),
  key: Text(200, 'la chiave del dispositivo: compare solo in questa risposta'),
  pairPath: Text(300, "l'indirizzo da aprire sul dispositivo per abbinarlo"),
}, { additionalProperties: false });

export const DeviceMe = Type.Object({
  device: Type.Ref('DeskDevice'),
  officeName: Text(300),
  counterName: Nullable(Text(40)),
}, { additionalProperties: false });

export const RatingTarget = Type.Object({
  ticket: Nullable(Type.Object({ id: Uuid(), label: Text(5), finishedAt: DateTime('servito alle') }, { additionalProperties: false })),
}, { additionalProperties: false });

export const NewRatingBody = Type.Object({
  rating: OneOf(RATINGS, 'satisfied, neutral o unsatisfied'),
  ticketId: Type.Optional(Uuid('il biglietto servito allo sportello del tablet')),
}, { additionalProperties: false });

export const RatingAnswer = Type.Object({ id: Uuid(), rating: OneOf(RATINGS, 'la valutazione') }, { additionalProperties: false });

export const queueSchemas = [DeskCategorySchema, DeskCounterSchema, TicketSchema, QueueStateSchema, DisplayStateSchema, DeskDeviceSchema];
