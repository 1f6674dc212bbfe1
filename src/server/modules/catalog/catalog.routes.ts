import { Type } from 'typebox';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { problemResponses } from '../../platform/schemas.ts';
import {
  CatalogExportQuery, NewServiceSchema, ServiceBySlugParams, SearchQuery, SearchResult, ServiceCardSchema, ServiceParams, VersionQuery,
} from './catalog.schemas.ts';
import { catalogJsonLd, catalogTurtle } from './catalog.export.ts';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'makes a retried POST return the first result' })),
});

const writeResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};

export async function catalogRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.catalog;

  app.get('/api/v1/services', {
    schema: {
      tags: ['catalogo'],
      summary: 'Cerca nel catalogo dei servizi',
      description: 'Ricerca per parole (tollera errori di battitura e forme diverse delle parole) con filtri per ente, evento della vita, categoria, destinatari e disponibilità online.',
      operationId: 'searchServices',
      querystring: SearchQuery,
      response: { 200: SearchResult, 400: problemResponses[400] },
    },
  }, async (req) => svc.search(req.query));

  app.get('/api/v1/services/:serviceId', {
    schema: {
      tags: ['catalogo'], summary: 'Scheda di un servizio (versione corrente o precedente)', operationId: 'readService',
      params: ServiceParams, querystring: VersionQuery, response: { 200: Type.Ref('ServiceDetail'), ...problemResponses },
    },
  }, async (req) => svc.get(req.params.serviceId, req.query.version));

  app.get('/api/v1/tenants/:tenantId/services/:serviceSlug', {
    schema: {
      tags: ['catalogo'], summary: "Scheda di un servizio all'indirizzo dell'ente", operationId: 'readTenantService',
      params: ServiceBySlugParams, querystring: VersionQuery, response: { 200: Type.Ref('ServiceDetail'), ...problemResponses },
    },
  }, async (req) => svc.getBySlug(req.params.tenantId, req.params.serviceSlug, req.query.version));

  app.post('/api/v1/services', {
    schema: {
      tags: ['catalogo'], summary: 'Crea un servizio (amministratore dell\'ente)', operationId: 'createService',
      headers: IdempotencyHeaders, body: NewServiceSchema, response: { 201: Type.Ref('ServiceDetail'), ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], req.body, async (db) => ({
      status: 201,
      body: await svc.withExecutor(db).create(actor, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.post('/api/v1/services/:serviceId/versions', {
    schema: {
      tags: ['catalogo'], summary: 'Pubblica una nuova versione della scheda', operationId: 'publishServiceVersion',
      params: ServiceParams, headers: IdempotencyHeaders, body: ServiceCardSchema, response: { 201: Type.Ref('ServiceDetail'), ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], { id: req.params.serviceId, card: req.body }, async (db) => ({
      status: 201,
      body: await svc.withExecutor(db).publish(actor, req.params.serviceId, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.get('/api/v1/catalog.jsonld', {
    schema: {
      tags: ['catalogo'], summary: 'Catalogo in CPSV-AP 3.2.0 (JSON-LD)', operationId: 'exportCatalogJsonLd',
      querystring: CatalogExportQuery,
      response: { 200: Type.Object({}, { additionalProperties: true, description: 'JSON-LD document' }), ...problemResponses },
    },
  }, async (req, reply) => {
    const doc = await catalogJsonLd(svc, ctx.config.publicUrl, req.query.tenant);
    return reply.type('application/ld+json').send(JSON.stringify(doc));
  });

  app.get('/api/v1/catalog.ttl', {
    schema: {
      tags: ['catalogo'], summary: 'Catalogo in CPSV-AP 3.2.0 (Turtle)', operationId: 'exportCatalogTurtle',
      querystring: CatalogExportQuery,
      response: { 200: Type.String({ description: 'Turtle document', maxLength: 100_000_000 }), ...problemResponses },
    },
  }, async (req, reply) => {
    const ttl = await catalogTurtle(svc, ctx.config.publicUrl, req.query.tenant);
    return reply.type('text/turtle; charset=utf-8').send(ttl);
  });
}
