/** TypeBox contracts of the thread on an application ("filo diretto") and of the offices' reply templates. */
import { Type } from 'typebox';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The longest message and the most files one message carries (the thread's own limits, shown on the web). */
export const THREAD_LIMITS = { bodyMax: 5000, filesMax: 5, fileMaxMb: 10, totalMaxMb: 20 } as const;

export const ThreadParams = Type.Object({ applicationId: Uuid });
export const ThreadFileParams = Type.Object({ applicationId: Uuid, messageId: Uuid, fileId: Uuid });
export const ReplyTemplateParams = Type.Object({ templateId: Uuid });

export const ThreadMessageSchema = Type.Object(
  {
    id: Uuid,
    author: Type.Union([Type.Literal('citizen'), Type.Literal('office')]),
    authorLabel: Type.String({ maxLength: 300, description: "per il cittadino, il nome dell'ufficio (mai quello dell'operatore); per l'ufficio, il nome dell'operatore" }),
    body: Text(THREAD_LIMITS.bodyMax),
    at: DateTime,
    readAt: Nullable(DateTime),
    attachments: Type.Array(Type.Object({
      id: Uuid,
      fileName: Text(200),
      contentType: Type.String({ maxLength: 100 }),
      size: Type.Integer({ minimum: 1, maximum: 100 * 1024 * 1024, format: 'int32' }),
    }), { maxItems: THREAD_LIMITS.filesMax }),
  },
  { $id: 'ThreadMessage' },
);

export const ThreadList = Type.Object({ items: Type.Array(Type.Ref('ThreadMessage'), { maxItems: 10_000 }) });

/** The JSON form of a new message (without files); with files the same field travels in multipart/form-data. */
export const NewMessageBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: THREAD_LIMITS.bodyMax, description: 'il testo del messaggio (da 1 a 5000 caratteri)' }) },
  { additionalProperties: false },
);

/**
 * The multipart form of a new message. Its parts are read and checked by the route as they stream in: validation
 * sees an empty form (the route's preValidation), so both fields are optional here and required by the route.
 */
export const NewMessageForm = Type.Object({
  body: Type.Optional(Type.String({ minLength: 1, maxLength: THREAD_LIMITS.bodyMax, description: 'il testo del messaggio (obbligatorio)' })),
  files: Type.Optional(Type.Array(Type.String({ format: 'binary', maxLength: THREAD_LIMITS.fileMaxMb * 1024 * 1024 }), { maxItems: THREAD_LIMITS.filesMax, description: 'PDF, JPEG o PNG' })),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'makes a retried POST return the first result' })),
});

export const ReplyTemplateSchema = Type.Object(
  { id: Uuid, title: Text(120, 1), body: Text(5000, 1), updatedAt: DateTime },
  { $id: 'ReplyTemplate' },
);

export const ReplyTemplateList = Type.Object({ items: Type.Array(Type.Ref('ReplyTemplate'), { maxItems: 1000 }) });

export const ReplyTemplateBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 120, description: 'come gli operatori la ritrovano nell\'elenco' }),
    body: Type.String({
      minLength: 1, maxLength: 5000,
      description: 'il testo; può contenere {{codice}}, {{servizio}}, {{ente}}, {{ufficio}}, {{richiedente}}, {{scadenza}}, riempiti quando la si inserisce nel messaggio',
    }),
  },
  { additionalProperties: false },
);
