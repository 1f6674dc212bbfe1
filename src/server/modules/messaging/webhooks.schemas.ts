import { Type, type Static, type TSchema } from 'typebox';
import { WEBHOOK_EVENTS } from '../../../contracts/messaging.ts';
import { Cursor, Uuid } from '../../platform/schemas.ts';

/**
 * Contracts of the integrators' webhooks API: subscriptions, their deliveries and each attempt's answer. URL rules
 * (https, no credentials, no private addresses in production) and the bodies and services a subscription may
 * name are checked by the service, which says in words what is wrong; the schemas bound lengths and reject
 * unknown fields.
 */

const Text = (max: number, min = 0, description?: string) =>
  Type.String({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const SIGNATURE_DESCRIPTION =
  'Ogni consegna è una richiesta POST con il CloudEvent in modalità strutturata (Content-Type: application/cloudevents+json; ' +
  'charset=utf-8) firmata secondo Standard Webhooks: webhook-id (l\'id del CloudEvent, uguale a ogni nuovo tentativo: ' +
  'usalo per scartare i doppioni), webhook-timestamp (secondi Unix del tentativo) e webhook-signature = "v1," + ' +
  'base64(HMAC-SHA256(chiave, id + "." + timestamp + "." + corpo)), dove la chiave sono i byte ottenuti decodificando in ' +
  'base64 la parte del segreto dopo "whsec_". Una risposta 2xx entro 10 secondi conferma la consegna; i reindirizzamenti ' +
  'non sono seguiti; dopo un errore si riprova dopo 30 s, raddoppiando fino a un\'ora, per 24 ore; una risposta 410 Gone ' +
  'disattiva la sottoscrizione. La consegna è almeno una volta: lo stesso evento può arrivare più di una volta.';

export const WebhookEventType = Type.String({ enum: [...WEBHOOK_EVENTS], maxLength: 60, description: 'tipo del CloudEvent' });

export const WebhookSubscription = Type.Object(
  {
    id: Uuid,
    url: Text(2000, 1, 'indirizzo https che riceve gli eventi'),
    description: Text(500),
    events: Type.Array(WebhookEventType, { maxItems: WEBHOOK_EVENTS.length }),
    tenantIds: Type.Array(Uuid, { maxItems: 200, description: 'enti i cui eventi sono consegnati' }),
    serviceIds: Type.Array(Uuid, { maxItems: 500, description: 'servizi i cui eventi sono consegnati; vuoto = tutti' }),
    active: Type.Boolean(),
    createdAt: DateTime,
  },
  { $id: 'WebhookSubscription', additionalProperties: false },
);

export const WebhookSubscriptionList = Type.Object({ items: Type.Array(Type.Ref('WebhookSubscription'), { maxItems: 500 }) });

const SECRET_DESCRIPTION = 'segreto di firma, mostrato solo in questa risposta: "whsec_" seguito da 32 byte casuali in base64';

/** A subscription with its signing secret: the answer of creation and rotation only. */
export const WebhookSubscriptionWithSecret = Type.Object(
  {
    id: Uuid,
    url: Text(2000, 1),
    description: Text(500),
    events: Type.Array(WebhookEventType, { maxItems: WEBHOOK_EVENTS.length }),
    tenantIds: Type.Array(Uuid, { maxItems: 200 }),
    serviceIds: Type.Array(Uuid, { maxItems: 500 }),
    active: Type.Boolean(),
    createdAt: DateTime,
    secret: Text(100, 1, SECRET_DESCRIPTION),
  },
  { additionalProperties: false },
);

const subscriptionFields = {
  url: Text(2000, 1, 'indirizzo https che riceverà gli eventi (http solo in sviluppo); senza credenziali'),
  description: Type.Optional(Text(500, 0, 'a cosa serve, per chi amministra')),
  events: Type.Array(WebhookEventType, { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true }),
  tenantIds: Type.Optional(Type.Array(Uuid, {
    maxItems: 200, uniqueItems: true,
    description: "enti di cui ricevere gli eventi: l'ente stesso (predefinito) e gli enti di cui è capofila in gestione associata",
  })),
  serviceIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true, description: 'solo questi servizi degli enti scelti; vuoto = tutti' })),
};

export const NewWebhookBody = Type.Object(subscriptionFields, { additionalProperties: false });
export type NewWebhookInput = Static<typeof NewWebhookBody>;

export const WebhookPatchBody = Type.Object(
  {
    url: Type.Optional(subscriptionFields.url),
    description: subscriptionFields.description,
    events: Type.Optional(subscriptionFields.events),
    tenantIds: subscriptionFields.tenantIds,
    serviceIds: subscriptionFields.serviceIds,
    active: Type.Optional(Type.Boolean({ description: 'false sospende le consegne; la cronologia resta leggibile' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type WebhookPatchInput = Static<typeof WebhookPatchBody>;

export const TenantQuery = Type.Object(
  { tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,120}$', maxLength: 120, description: "ente (id o indirizzo): un altro ente solo per l'amministratore della piattaforma; predefinito il proprio" })) },
  { additionalProperties: false },
);

export const NoQuery = Type.Object({}, { additionalProperties: false });

export const SubscriptionPath = Type.Object({ subscriptionId: Uuid }, { additionalProperties: false });
export const DeliveryPath = Type.Object({ subscriptionId: Uuid, deliveryId: Uuid }, { additionalProperties: false });

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;

export const DeliveriesQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ enum: [...DELIVERY_STATES], maxLength: 20, description: 'pending = in attesa di un tentativo, delivered, failed = abbandonata' })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, format: 'int32' })),
  },
  { additionalProperties: false },
);
export type DeliveriesQueryInput = Static<typeof DeliveriesQuery>;

export const WebhookDelivery = Type.Object(
  {
    id: Uuid,
    subscriptionId: Uuid,
    eventId: Uuid,
    eventType: WebhookEventType,
    status: Type.String({ enum: [...DELIVERY_STATES], maxLength: 20 }),
    attempts: Type.Integer({ minimum: 0, format: 'int32' }),
    nextAttemptAt: Nullable(DateTime),
    createdAt: DateTime,
    deliveredAt: Nullable(DateTime),
  },
  { $id: 'WebhookDelivery', additionalProperties: false },
);

export const WebhookDeliveryPage = Type.Object({
  items: Type.Array(Type.Ref('WebhookDelivery'), { maxItems: 100 }),
  nextCursor: Nullable(Type.String({ maxLength: 500 })),
});

export const WebhookAttempt = Type.Object(
  {
    at: DateTime,
    statusCode: Nullable(Type.Integer({ minimum: 100, maximum: 999, format: 'int32', description: 'codice HTTP della risposta; null se non è arrivata' })),
    error: Nullable(Text(500, 0, 'perché il tentativo non è riuscito (rete, tempo scaduto, reindirizzamento…)')),
    durationMs: Type.Integer({ minimum: 0, format: 'int32' }),
    responseExcerpt: Nullable(Text(1000, 0, 'i primi 1000 caratteri della risposta')),
  },
  { additionalProperties: false },
);

/** The CloudEvent as it was delivered (structured mode): its attributes and its data. */
export const CloudEvent = Type.Object(
  {
    specversion: Text(10),
    id: Text(100),
    source: Text(2000),
    type: Text(100),
    time: Text(40),
    data: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true, description: 'il CloudEvent consegnato (specversion 1.0, modalità strutturata)' },
);

export const WebhookDeliveryDetail = Type.Object(
  {
    id: Uuid,
    subscriptionId: Uuid,
    eventId: Uuid,
    eventType: WebhookEventType,
    status: Type.String({ enum: [...DELIVERY_STATES], maxLength: 20 }),
    attempts: Type.Integer({ minimum: 0, format: 'int32' }),
    nextAttemptAt: Nullable(DateTime),
    createdAt: DateTime,
    deliveredAt: Nullable(DateTime),
    payload: CloudEvent,
    attemptLog: Type.Array(WebhookAttempt, { maxItems: 1000, description: 'ogni tentativo, dal primo' }),
  },
  { additionalProperties: false },
);

export const WebhookFilters = Type.Object(
  {
    events: Type.Array(WebhookEventType, { maxItems: WEBHOOK_EVENTS.length }),
    bodies: Type.Array(Type.Object({ id: Uuid, slug: Text(120), name: Text(300) }, { additionalProperties: false }), { maxItems: 200 }),
    services: Type.Array(Type.Object({ id: Uuid, tenantId: Uuid, title: Text(500) }, { additionalProperties: false }), { maxItems: 10000 }),
  },
  { additionalProperties: false },
);

export const webhookSchemas = [WebhookSubscription, WebhookDelivery];
