/**
 * TypeBox contracts of the message settings routes: the citizen's contacts and channels, the body's message
 * templates with their preview, the delivery status of messages and the development mailbox. The shapes are those
 * of src/contracts/messaging.ts (MyPreferences, EffectiveTemplate).
 */
import { Type, type TSchema } from 'typebox';
import {
  DELIVERY_STATUSES, EXTERNAL_CHANNELS, MESSAGE_CHANNELS, MESSAGE_KIND_IDS, MESSAGE_LANGUAGES,
  type DeliveryStatus, type MessageChannel, type MessageKind, type MessageLanguage,
} from '../../../contracts/messaging.ts';
import { EDITABLE_KINDS } from './templates.ts';

const Text = (max: number, min = 0, description?: string) => Type.String({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const Int = (min: number, max: number, description?: string) => Type.Integer({ minimum: min, maximum: max, format: 'int32', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T, description?: string) => Type.Union([t, Type.Null()], description ? { description } : {});
const Enum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], maxLength: 40, ...(description ? { description } : {}) }));

const Kind = (description?: string) => Enum<MessageKind>(MESSAGE_KIND_IDS, description);
const Channel = (description?: string) => Enum<MessageChannel>(MESSAGE_CHANNELS, description);
const Language = (description?: string) => Enum<MessageLanguage>(MESSAGE_LANGUAGES, description);
const ChannelList = Type.Array(Channel(), { maxItems: MESSAGE_CHANNELS.length, uniqueItems: true });

/** One property per kind of message: an unknown kind is refused by the schema, naming it. */
function perKind(schema: TSchema, optional: boolean, description?: string) {
  return Type.Object(
    Object.fromEntries(MESSAGE_KIND_IDS.map((k) => [k, optional ? Type.Optional(schema) : schema])),
    { additionalProperties: false, ...(description ? { description } : {}) },
  );
}

// ---- the citizen's preferences -------------------------------------------------------------------------------

const Contacts = Type.Object({
  email: Nullable(Text(254), 'indirizzo e-mail'),
  phone: Nullable(Text(40), 'numero di cellulare (in Italia: salvato come +39…)'),
  pec: Nullable(Text(254), 'domicilio digitale (PEC)'),
}, { additionalProperties: false });

export const MyPreferencesSchema = Type.Object({
  language: Language('la lingua dei messaggi'),
  contacts: Contacts,
  channels: perKind(ChannelList, false),
  available: Type.Array(Channel(), { maxItems: MESSAGE_CHANNELS.length, description: 'i canali attivi in questo Sportello' }),
  legal: Type.Array(Kind(), { maxItems: MESSAGE_KIND_IDS.length, description: 'i messaggi che arrivano comunque per legge (PEC o, senza PEC, e-mail)' }),
}, { $id: 'MyMessagePreferences' });

export const PreferencesBody = Type.Object({
  language: Language('la lingua dei messaggi'),
  contacts: Contacts,
  channels: perKind(ChannelList, true,
    "per tipo di messaggio, i canali scelti oltre all'area personale (sempre attiva); un tipo non indicato usa l'e-mail"),
}, { additionalProperties: false });

// ---- templates ----------------------------------------------------------------------------------------------

export const EffectiveTemplateSchema = Type.Object({
  kind: Kind(),
  channel: Channel(),
  language: Language(),
  subject: Type.Optional(Text(300, 0, "l'oggetto (assente per gli SMS)")),
  body: Text(10000),
  isDefault: Type.Boolean({ description: "vero quando l'ente non ha scritto un testo suo" }),
  updatedAt: Nullable(DateTime),
}, { $id: 'EffectiveMessageTemplate' });

export const TemplatesQuery = Type.Object({
  language: Type.Optional(Language('solo i testi in questa lingua')),
}, { additionalProperties: false });

export const TemplateList = Type.Object({
  items: Type.Array(Type.Ref('EffectiveMessageTemplate'), { maxItems: 200 }),
  placeholders: perKind(Type.Array(Text(40), { maxItems: 20 }), true),
});

export const TemplateParams = Type.Object({
  kind: Enum<MessageKind>(EDITABLE_KINDS, 'il tipo di messaggio (evento)'),
  channel: Channel('il canale'),
  language: Language('la lingua'),
});

export const TemplateBody = Type.Object({
  subject: Type.Optional(Text(300, 0, "l'oggetto (non per gli SMS)")),
  body: Text(10000, 0, 'il testo, con i segnaposto scritti {{nome}}'),
}, { additionalProperties: false });

export const PreviewBody = Type.Object({
  kind: Enum<MessageKind>(EDITABLE_KINDS, 'il tipo di messaggio (evento)'),
  channel: Channel('il canale'),
  language: Language('la lingua'),
  subject: Type.Optional(Text(300)),
  body: Text(10000),
}, { additionalProperties: false });

const ProblemItem = Type.Object({ path: Text(300), message: Text(500) });

export const PreviewResult = Type.Object({
  subject: Nullable(Text(300), "l'oggetto come arriva (null per gli SMS)"),
  body: Text(10000, 0, 'il testo come arriva, con i valori di esempio'),
  problems: Type.Array(ProblemItem, { maxItems: 100, description: 'cosa impedirebbe il salvataggio' }),
});

// ---- delivery status ----------------------------------------------------------------------------------------

export const DeliveriesQuery = Type.Object({
  status: Type.Optional(Enum<DeliveryStatus>(DELIVERY_STATUSES, 'stato di consegna')),
  channel: Type.Optional(Enum<MessageChannel>(EXTERNAL_CHANNELS, 'canale')),
  kind: Type.Optional(Kind('tipo di messaggio')),
  q: Type.Optional(Text(100, 1, "codice della pratica (anche in parte) o recapito esatto del destinatario")),
  cursor: Type.Optional(Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'il nextCursor della pagina precedente' })),
  limit: Type.Optional(Int(1, 100, 'righe per pagina (predefinito 50)')),
}, { additionalProperties: false });

export const DeliverySchema = Type.Object({
  id: Uuid,
  createdAt: DateTime,
  channel: Channel(),
  kind: Nullable(Text(40)),
  legal: Type.Boolean({ description: 'deve arrivare per legge' }),
  recipientKind: Enum(['citizen', 'operator', 'address'] as const, "a chi: un cittadino, un operatore dell'ente, un indirizzo"),
  recipient: Nullable(Text(300), 'il recapito, mascherato (per IO: null, il codice fiscale non si mostra)'),
  applicationId: Nullable(Uuid),
  applicationCode: Nullable(Text(40)),
  subject: Text(300),
  status: Enum<DeliveryStatus>(DELIVERY_STATUSES),
  statusReason: Nullable(Text(500)),
  attempts: Int(0, 1_000_000),
  lastAttemptAt: Nullable(DateTime),
  sentAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  resent: Int(0, 1_000_000, 'quante volte un amministratore lo ha reinviato'),
}, { $id: 'MessageDelivery' });

export const DeliveryList = Type.Object({
  items: Type.Array(Type.Ref('MessageDelivery'), { maxItems: 100 }),
  nextCursor: Nullable(Type.String({ maxLength: 500 })),
});

export const NotificationParams = Type.Object({ notificationId: Uuid });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'makes a retried POST return the first result' })),
});

// ---- development mailbox ------------------------------------------------------------------------------------

export const MailboxQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'il nextCursor della pagina precedente' })),
}, { additionalProperties: false });

export const MailboxList = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid,
    channel: Text(20),
    recipient: Text(300),
    subject: Nullable(Text(300)),
    body: Text(10000),
    sentAt: DateTime,
  }), { maxItems: 100 }),
  nextCursor: Nullable(Type.String({ maxLength: 500 })),
});
