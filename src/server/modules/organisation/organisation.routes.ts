import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Type } from 'typebox';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import {
  AssociationItem, AssociationList, AuditPage, AuditQuery, CreatedOperator, CreatedToken, NewAssociationBody, NewOfficeBody,
  NewOperatorBody, NewTenantBody, NewTokenBody, NoQuery, OfficePatchBody, OfficePath, OperatorItem, OperatorPage, OperatorPatchBody,
  OperatorPath, OperatorsQuery, GrantBody, RolePath, TenantPath, TenantPrivacy, TenantPrivacyPatchBody, TokenItem, TokenList, TokenPath,
} from './organisation.schemas.ts';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'makes a retried POST return the first result' })),
});

const Problem = Type.Ref('Problem');
const MERGE_PATCH = 'application/merge-patch+json';
const readResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const writeResponses = { ...readResponses, 409: Problem };

/**
 * A validator that takes a body's types as sent. The app's validator coerces (coerceTypes, for query strings), so
 * 0, "false" or null would pass as false: for a body's legal choice a value that is not true or false is a 400.
 */
const exactAjv = new Ajv({ removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true });
addFormats.default(exactAjv as never);
const exactTypes = ({ schema }: { schema: object }) => exactAjv.compile(schema);

/**
 * Administration of the organisation: bodies, offices, operators and roles, API tokens, audit log, associated
 * management. Each route validates its input and makes one call into the service, which decides who may do it.
 */
export async function organisationRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.organisation;

  // ----- bodies --------------------------------------------------------------------------------------------------

  app.post('/api/v1/tenants', {
    schema: {
      tags: ['enti'], summary: 'Crea un ente (amministratore della piattaforma)', operationId: 'createTenant',
      headers: IdempotencyHeaders, body: NewTenantBody, response: { 201: Type.Ref('Tenant'), ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], req.body, async (db) => ({
      status: 201, body: await svc.withExecutor(db).createTenant(actor, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  // ----- offices -------------------------------------------------------------------------------------------------

  app.post('/api/v1/tenants/:tenantId/offices', {
    schema: {
      tags: ['enti'], summary: "Crea un ufficio dell'ente (amministratore dell'ente)", operationId: 'createOffice',
      params: TenantPath, headers: IdempotencyHeaders, body: NewOfficeBody, response: { 201: Type.Ref('Office'), ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], { t: req.params.tenantId, b: req.body }, async (db) => ({
      status: 201, body: await svc.withExecutor(db).createOffice(actor, req.params.tenantId, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.patch('/api/v1/tenants/:tenantId/offices/:officeId', {
    schema: {
      tags: ['enti'], summary: "Modifica un ufficio dell'ente", operationId: 'updateOffice', consumes: [MERGE_PATCH],
      params: OfficePath, body: OfficePatchBody, response: { 200: Type.Ref('Office'), ...writeResponses },
    },
  }, async (req) => svc.updateOffice(await actorOf(ctx, req), req.params.tenantId, req.params.officeId, req.body));

  // ----- privacy choices of the body -----------------------------------------------------------------------------

  app.get('/api/v1/tenants/:tenantId/privacy', {
    schema: {
      tags: ['enti'], summary: "Scelte di riservatezza dell'ente", operationId: 'readTenantPrivacy',
      description: "Se il registro «Chi ha consultato i miei dati» mostra ai cittadini il nome dell'operatore che ha letto i loro dati " +
        "(accessLogNamesOperators) o soltanto l'ente e l'ufficio. Per gli amministratori dell'ente.",
      params: TenantPath, querystring: NoQuery, response: { 200: TenantPrivacy, ...readResponses },
    },
  }, async (req) => svc.privacy(await actorOf(ctx, req), req.params.tenantId));

  app.patch('/api/v1/tenants/:tenantId/privacy', {
    schema: {
      tags: ['enti'], summary: "Modifica le scelte di riservatezza dell'ente", operationId: 'updateTenantPrivacy', consumes: [MERGE_PATCH],
      description: "Con accessLogNamesOperators = true il registro «Chi ha consultato i miei dati» di ogni cittadino mostra, per le letture " +
        "fatte dagli operatori di questo ente, anche il nome della persona; con false mostra l'ente, l'ufficio e «Un operatore». " +
        "Vale per le voci già registrate e per le future. La scelta spetta all'ente, secondo la propria valutazione giuridica: " +
        "ad esempio, l'identità del personale si mostra quando il registro dei trattamenti dell'ente e il suo regolamento lo consentono. " +
        "Ogni modifica resta nel registro attività (tenant.privacy_updated) con il valore precedente e il nuovo.",
      params: TenantPath, body: TenantPrivacyPatchBody, response: { 200: TenantPrivacy, ...writeResponses },
    },
    validatorCompiler: exactTypes,
  }, async (req) => svc.updatePrivacy(await actorOf(ctx, req), req.params.tenantId, req.body));

  // ----- operators and roles -------------------------------------------------------------------------------------

  app.get('/api/v1/tenants/:tenantId/operators', {
    schema: {
      tags: ['accesso'], summary: "Operatori dell'ente con ruoli e uffici", operationId: 'listOperators',
      params: TenantPath, querystring: OperatorsQuery, response: { 200: OperatorPage, ...readResponses },
    },
  }, async (req) => svc.listOperators(await actorOf(ctx, req), req.params.tenantId, req.query));

  app.post('/api/v1/tenants/:tenantId/operators', {
    schema: {
      tags: ['accesso'], summary: 'Crea un account operatore con una password provvisoria',
      description: "La password provvisoria compare solo in questa risposta: l'amministratore la consegna alla persona. " +
        "Non si ripete con Idempotency-Key: una password non resta salvata in chiaro; un nuovo invio con la stessa e-mail risponde 409.",
      operationId: 'createOperator',
      params: TenantPath, body: NewOperatorBody, response: { 201: CreatedOperator, ...writeResponses },
    },
  }, async (req, reply) => reply.code(201).send(await svc.createOperator(await actorOf(ctx, req), req.params.tenantId, req.body)));

  app.get('/api/v1/tenants/:tenantId/operators/:operatorId', {
    schema: {
      tags: ['accesso'], summary: 'Un operatore con ruoli e uffici', operationId: 'readOperator',
      params: OperatorPath, querystring: NoQuery, response: { 200: OperatorItem, ...readResponses },
    },
  }, async (req) => svc.getOperator(await actorOf(ctx, req), req.params.tenantId, req.params.operatorId));

  app.patch('/api/v1/tenants/:tenantId/operators/:operatorId', {
    schema: {
      tags: ['accesso'], summary: 'Disabilita o riabilita un operatore', description: 'Disabilitare chiude subito ogni sessione della persona.',
      operationId: 'updateOperator', consumes: [MERGE_PATCH], params: OperatorPath, body: OperatorPatchBody, response: { 200: OperatorItem, ...writeResponses },
    },
  }, async (req) => svc.setDisabled(await actorOf(ctx, req), req.params.tenantId, req.params.operatorId, req.body.disabled));

  app.post('/api/v1/tenants/:tenantId/operators/:operatorId/roles', {
    schema: {
      tags: ['accesso'], summary: 'Assegna un ruolo a un operatore', operationId: 'grantOperatorRole',
      params: OperatorPath, headers: IdempotencyHeaders, body: GrantBody, response: { 201: OperatorItem, ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const { tenantId, operatorId } = req.params;
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], { t: tenantId, o: operatorId, b: req.body }, async (db) => ({
      status: 201, body: await svc.withExecutor(db).grantRole(actor, tenantId, operatorId, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.delete('/api/v1/tenants/:tenantId/operators/:operatorId/roles/:roleId', {
    schema: {
      tags: ['accesso'], summary: 'Toglie un ruolo a un operatore', operationId: 'revokeOperatorRole',
      params: RolePath, querystring: NoQuery, response: { 200: OperatorItem, ...writeResponses },
    },
  }, async (req) => svc.revokeRole(await actorOf(ctx, req), req.params.tenantId, req.params.operatorId, req.params.roleId));

  app.post('/api/v1/tenants/:tenantId/operators/:operatorId/totp-reset', {
    schema: {
      tags: ['accesso'], summary: 'Azzera il secondo fattore (TOTP) di un operatore',
      description: "Al prossimo accesso la persona configura di nuovo l'app di autenticazione; le sue sessioni si chiudono.",
      operationId: 'resetOperatorTotp', params: OperatorPath, querystring: NoQuery, response: { 200: OperatorItem, ...writeResponses },
    },
  }, async (req) => svc.resetTotp(await actorOf(ctx, req), req.params.tenantId, req.params.operatorId));

  // ----- API tokens ----------------------------------------------------------------------------------------------

  app.get('/api/v1/tenants/:tenantId/tokens', {
    schema: {
      tags: ['accesso'], summary: "Token API degli integratori dell'ente", operationId: 'listTokens',
      params: TenantPath, querystring: NoQuery, response: { 200: TokenList, ...readResponses },
    },
  }, async (req) => svc.listTokens(await actorOf(ctx, req), req.params.tenantId));

  app.post('/api/v1/tenants/:tenantId/tokens', {
    schema: {
      tags: ['accesso'], summary: 'Crea un token API (il valore compare solo in questa risposta)',
      description: 'Non si ripete con Idempotency-Key: il valore del token non resta salvato in chiaro.',
      operationId: 'createToken', params: TenantPath, body: NewTokenBody, response: { 201: CreatedToken, ...writeResponses },
    },
  }, async (req, reply) => reply.code(201).send(await svc.createToken(await actorOf(ctx, req), req.params.tenantId, req.body)));

  app.post('/api/v1/tenants/:tenantId/tokens/:tokenId/revoke', {
    schema: {
      tags: ['accesso'], summary: 'Revoca un token API', operationId: 'revokeToken',
      params: TokenPath, querystring: NoQuery, response: { 200: TokenItem, ...writeResponses },
    },
  }, async (req) => svc.revokeToken(await actorOf(ctx, req), req.params.tenantId, req.params.tokenId));

  // ----- audit log -----------------------------------------------------------------------------------------------

  app.get('/api/v1/tenants/:tenantId/audit', {
    schema: {
      tags: ['accesso'], summary: "Registro delle attività dell'ente", description: 'Dal più recente; `before` = nextBefore della pagina precedente.',
      operationId: 'listAudit', params: TenantPath, querystring: AuditQuery, response: { 200: AuditPage, ...readResponses },
    },
  }, async (req) => svc.audit(await actorOf(ctx, req), req.params.tenantId, req.query));

  // ----- associated management -----------------------------------------------------------------------------------

  app.get('/api/v1/tenants/:tenantId/associations', {
    schema: {
      tags: ['enti'], summary: "Gestioni associate di cui l'ente è capofila o membro", operationId: 'listAssociations',
      params: TenantPath, querystring: NoQuery, response: { 200: AssociationList, 400: Problem, 404: Problem },
    },
  }, async (req) => svc.associations(req.params.tenantId));

  app.post('/api/v1/associations', {
    schema: {
      tags: ['enti'], summary: 'Registra una gestione associata (amministratore della piattaforma)', operationId: 'createAssociation',
      headers: IdempotencyHeaders, body: NewAssociationBody, response: { 201: AssociationItem, ...writeResponses },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], req.body, async (db) => ({
      status: 201, body: await svc.withExecutor(db).createAssociation(actor, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });
}
