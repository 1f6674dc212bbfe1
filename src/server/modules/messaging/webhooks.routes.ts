import { Type } from 'typebox';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import type { WebhookSubscription as WebhookSubscriptionDto } from '../../../contracts/messaging.ts';
import {
  DeliveriesQuery, DeliveryPath, NewWebhookBody, NoQuery, SIGNATURE_DESCRIPTION, SubscriptionPath, TenantQuery, WebhookDeliveryDetail,
  WebhookDeliveryPage, WebhookFilters, WebhookPatchBody, webhookSchemas, WebhookSubscriptionList, WebhookSubscriptionWithSecret,
} from './webhooks.schemas.ts';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'makes a retried POST return the first result' })),
});

const Problem = Type.Ref('Problem');
const MERGE_PATCH = 'application/merge-patch+json';
const readResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const writeResponses = { ...readResponses, 409: Problem };
const TAGS = ['webhook'];
const WHO = "Per l'amministratore dell'ente (anche con un token API di quel ruolo) e della piattaforma.";

/**
 * Integrators' webhooks: subscriptions of a body to events (filtered by body and service), the signing secret
 * shown once, the deliveries with each attempt's answer, and redelivery. The service decides who may.
 */
export async function webhooksRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.webhooks.configure({ mode: ctx.config.mode });
  for (const s of webhookSchemas) app.addSchema(s);

  app.get('/api/v1/webhooks', {
    schema: {
      tags: TAGS, summary: "Sottoscrizioni webhook dell'ente", operationId: 'listWebhooks',
      description: `Dalla più recente; il segreto di firma non compare mai. ${WHO}`,
      querystring: TenantQuery, response: { 200: WebhookSubscriptionList, ...readResponses },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.list(await actorOf(ctx, req), req.query.tenant)));

  app.get('/api/v1/webhooks/filters', {
    schema: {
      tags: TAGS, summary: 'Eventi, enti e servizi che una sottoscrizione può scegliere', operationId: 'readWebhookFilters',
      description: `I tipi di evento, l'ente con gli enti di cui è capofila in gestione associata, e i loro servizi. ${WHO}`,
      querystring: TenantQuery, response: { 200: WebhookFilters, ...readResponses },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.filters(await actorOf(ctx, req), req.query.tenant)));

  app.post('/api/v1/webhooks', {
    schema: {
      tags: TAGS, summary: 'Sottoscrive un indirizzo a eventi (il segreto di firma compare solo in questa risposta)', operationId: 'createWebhook',
      description: 'Gli eventi sono filtrati per ente (tenantIds: predefinito il proprio) e, se indicati, per servizio. ' +
        "L'indirizzo deve essere https, senza credenziali e raggiungibile da Internet. Con la stessa Idempotency-Key un nuovo invio " +
        `risponde con la stessa sottoscrizione e il suo segreto attuale. ${SIGNATURE_DESCRIPTION} ${WHO}`,
      querystring: TenantQuery, headers: IdempotencyHeaders, body: NewWebhookBody, response: { 201: WebhookSubscriptionWithSecret, ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], { t: req.query.tenant ?? null, b: req.body }, async (db) => ({
      status: 201, body: await svc.withExecutor(db).create(actor, req.query.tenant, req.body),
    }));
    const subscription = r.body as WebhookSubscriptionDto;
    const secret = await svc.revealSecret(actor, subscription.id);
    return reply.code(r.status).header('cache-control', 'private, no-store').send({ ...subscription, secret });
  });

  app.get('/api/v1/webhooks/:subscriptionId', {
    schema: {
      tags: TAGS, summary: 'Una sottoscrizione webhook', operationId: 'readWebhook', description: `Senza il segreto di firma. ${WHO}`,
      params: SubscriptionPath, querystring: NoQuery, response: { 200: Type.Ref('WebhookSubscription'), ...readResponses },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.get(await actorOf(ctx, req), req.params.subscriptionId)));

  app.patch('/api/v1/webhooks/:subscriptionId', {
    schema: {
      tags: TAGS, summary: 'Modifica o sospende una sottoscrizione', operationId: 'updateWebhook', consumes: [MERGE_PATCH],
      description: 'Merge patch: url, description, events, tenantIds, serviceIds, active. Con active=false le consegne si fermano e la ' +
        `cronologia resta leggibile; non si cancella una sottoscrizione, perché le consegne fatte restano consultabili. ${WHO}`,
      params: SubscriptionPath, body: WebhookPatchBody, response: { 200: Type.Ref('WebhookSubscription'), ...writeResponses },
    },
  }, async (req) => svc.update(await actorOf(ctx, req), req.params.subscriptionId, req.body));

  app.post('/api/v1/webhooks/:subscriptionId/secret', {
    schema: {
      tags: TAGS, summary: 'Genera un nuovo segreto di firma (compare solo in questa risposta)', operationId: 'rotateWebhookSecret',
      description: `Il segreto precedente smette subito di valere: i tentativi successivi sono firmati con il nuovo. ${WHO}`,
      params: SubscriptionPath, querystring: NoQuery, response: { 200: WebhookSubscriptionWithSecret, ...writeResponses },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.rotateSecret(await actorOf(ctx, req), req.params.subscriptionId)));

  app.get('/api/v1/webhooks/:subscriptionId/deliveries', {
    schema: {
      tags: TAGS, summary: 'Consegne di una sottoscrizione', operationId: 'listWebhookDeliveries',
      description: `Dalla più recente, con lo stato (pending, delivered, failed), i tentativi fatti e il prossimo; paginate con cursore. ${WHO}`,
      params: SubscriptionPath, querystring: DeliveriesQuery, response: { 200: WebhookDeliveryPage, ...readResponses },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store')
    .send(await svc.deliveries(await actorOf(ctx, req), req.params.subscriptionId, req.query)));

  app.get('/api/v1/webhooks/:subscriptionId/deliveries/:deliveryId', {
    schema: {
      tags: TAGS, summary: 'Una consegna con il CloudEvent e la risposta di ogni tentativo', operationId: 'readWebhookDelivery',
      description: `Per ogni tentativo: quando, il codice HTTP, l'errore, la durata e i primi 1000 caratteri della risposta. ${WHO}`,
      params: DeliveryPath, querystring: NoQuery, response: { 200: WebhookDeliveryDetail, ...readResponses },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store')
    .send(await svc.delivery(await actorOf(ctx, req), req.params.subscriptionId, req.params.deliveryId)));

  app.post('/api/v1/webhooks/:subscriptionId/deliveries/:deliveryId/redeliver', {
    schema: {
      tags: TAGS, summary: 'Reinvia una consegna', operationId: 'redeliverWebhook',
      description: 'Lo stesso evento, con lo stesso webhook-id: una consegna riuscita o abbandonata riparte con un nuovo giorno di ' +
        `tentativi; una in attesa viene tentata subito. ${WHO}`,
      params: DeliveryPath, querystring: NoQuery, response: { 202: WebhookDeliveryDetail, ...writeResponses },
    },
  }, async (req, reply) => {
    const detail = await svc.redeliver(await actorOf(ctx, req), req.params.subscriptionId, req.params.deliveryId);
    ctx.tasks.webhooks.wake(0);
    return reply.code(202).header('cache-control', 'private, no-store').send(detail);
  });
}
