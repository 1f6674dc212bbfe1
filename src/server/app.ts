import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import addFormats from 'ajv-formats';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { analyticsRoutes } from './modules/analytics/analytics.routes.ts';
import { messagingRoutes } from './modules/messaging/messaging.routes.ts';
import type { MessagingEvent } from './modules/messaging/messaging.service.ts';
import { threadRoutes } from './modules/messaging/thread.routes.ts';
import { webhooksRoutes } from './modules/messaging/webhooks.routes.ts';
import { accessLogRoutes } from './modules/myspace/access-log.routes.ts';
import { favouritesRoutes } from './modules/myspace/favourites.routes.ts';
import { applicationsRoutes } from './modules/applications/applications.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { catalogSchemas } from './modules/catalog/catalog.schemas.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { organisationRoutes } from './modules/organisation/organisation.routes.ts';
import { SESSION_COOKIE } from './modules/identity/identity.service.ts';
import { OidcRelyingParty, type FetchLike } from './modules/identity/oidc-client.ts';
import { mountTestIdp } from './modules/identity/test-idp/test-idp.ts';
import { lazySerializerFactory } from './platform/lazy-serializer.ts';
import { csrfGuard } from './platform/csrf.ts';
import { tenantsRoutes } from './modules/tenants/tenants.routes.ts';
import { Tenant } from './modules/tenants/tenants.schemas.ts';
import { actorOf, type App, type AppContext } from './platform/context.ts';
import { rateLimitKey } from './platform/rate-limit-key.ts';
import { deviceOf } from './modules/desk/devices.ts';
import { badRequest, errorHandler, notFound, rejectNulCharacters, sendProblem } from './platform/errors.ts';
import { BackgroundTask } from './platform/background.ts';
import type { AutomationJob, DocumentJob } from './modules/workflow/workflow.service.ts';
import { healthRoutes } from './platform/health.ts';
import { loggerOptions } from './platform/logging.ts';
import { createMetrics } from './platform/metrics.ts';
import { createServices } from './services.ts';
import { certificatesRoutes } from './modules/certificates/certificates.routes.ts';
import { recommendationsRoutes } from './modules/recommendations/recommendations.routes.ts';
import { profilesRoutes } from './modules/profiles/profiles.routes.ts';
import { mydataRoutes } from './modules/mydata/mydata.routes.ts';
import { dataExportRoutes } from './modules/dataexport/dataexport.routes.ts';
import { retentionRoutes } from './modules/retention/retention.routes.ts';
import { appointmentsRoutes } from './modules/desk/appointments.routes.ts';
import { queueRoutes } from './modules/desk/queue.routes.ts';
import { receptionRoutes } from './modules/desk/reception.routes.ts';
import { deskAnalyticsRoutes } from './modules/desk/desk-analytics.routes.ts';
import { socialRoutes } from './modules/social/social.routes.ts';
import { socialFiguresRoutes } from './modules/social/social-figures.routes.ts';
import { socialExportsRoutes } from './modules/social/social-exports.routes.ts';
import { paymentsRoutes } from './modules/payments/payments.routes.ts';
import { PaymentSummarySchema } from './modules/payments/payments.schemas.ts';
import { mountPagoPaSimulator } from './modules/payments/simulator.routes.ts';
import { openapiOptions } from './platform/openapi.ts';
import { Problem } from './platform/schemas.ts';
import { isApiPath, webRoutes, WEB_DIST } from './platform/web.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface BuildOptions {
  /** folder of the built front end; tests may point elsewhere or skip it */
  webDist?: string | false;
  /** where JSON log lines go (default standard output); tests read them */
  logStream?: NodeJS.WritableStream;
  /** told of every route as it is registered (the authorisation matrix test checks it covers them all) */
  onRoute?: (route: { method: string; url: string }) => void;
  /** run the background tasks in this process (default: unless SPORTELLO_ROLE=web) */
  tasks?: boolean;
}

/** Builds the whole HTTP application on an open database. Does not listen. */
export async function buildApp(config: Config, database: Database, opts: BuildOptions = {}): Promise<{ app: App; ctx: AppContext }> {
  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Believe X-Forwarded-For only from configured proxies, or anyone could pick their own rate-limit key.
    trustProxy: config.trustProxy as never, // a hop count is valid at run time; the type omits it
    // slugs and ids are up to 120 characters; longer ones get the schema's 400, not a bare 414
    routerOptions: { maxParamLength: 300 },
    // response serializers are compiled on each route's first answer: see platform/lazy-serializer.ts
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
      plugins: [addFormats.default as never],
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (opts.onRoute) {
    const tell = opts.onRoute;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') tell({ method, url: r.url });
    });
  }
  const metrics = createMetrics();
  // The bundled test provider lives in this same program: its back-channel calls (discovery, token, JWKS) go
  // straight into the app instead of out to PUBLIC_URL and back, which may not be reachable from inside.
  const inProcessFetch: FetchLike = async (url, init) => {
    const target = new URL(url);
    const res = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: target.pathname + target.search,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      payload: init.body == null ? undefined : init.body instanceof URLSearchParams ? init.body.toString() : (init.body as string),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response(new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
  };
  const relyingParty = config.oidc
    ? new OidcRelyingParty(config.oidc, `${config.publicUrl}/auth/callback`, config.oidc.bundled ? inProcessFetch : undefined)
    : null;
  const services = createServices(database.db, { config, relyingParty, log: app.log });
  const taskLog = { error: (obj: object, msg: string) => app.log.error(obj, msg) };
  const receipts = new BackgroundTask('receipt issuer', async () => {
    const issued = await services.receipts.issuePending();
    if (issued) messagingEvents.wake(0);
    return issued;
  }, taskLog);
  const registrar = new BackgroundTask('protocol registrar', async () => {
    const registered = await services.protocol.registerPending();
    if (registered.length) receipts.wake(0);
    return registered.length;
  }, taskLog);
  const { jobs, workflow, documentIssuer } = services;
  jobs.onError = (err) => app.log.error({ err }, 'job queue maintenance failed');
  const automations = new BackgroundTask('workflow automations', async () => {
    let n = 0;
    while (n < 50 && (await jobs.runOne<AutomationJob>('automation', (trx, job) => workflow.runAutomations(trx, job)))) n++;
    if (n) {
      documents.wake(0);
      messagingEvents.wake(0);
    }
    return n;
  }, taskLog, { batchDelayMs: 20, intervalMs: 1000 });
  const documents = new BackgroundTask('document issuer', async () => {
    let n = 0;
    while (n < 20 && (await jobs.runOne<DocumentJob>('document.issue', (trx, job) => documentIssuer.issue(trx, job)))) n++;
    if (n) {
      automations.wake(0);
      messagingEvents.wake(0);
    }
    return n;
  }, taskLog, { batchDelayMs: 20, intervalMs: 1000 });
  const deadlines = new BackgroundTask('deadline sweep', async () => {
    const queued = await workflow.sweepDeadlines();
    if (queued) automations.wake(0);
    return 0;
  }, taskLog, { batchDelayMs: 50, intervalMs: 60_000 });
  const messagingEvents = new BackgroundTask('messaging events', async () => {
    let n = 0;
    while (n < 100 && (await jobs.runOne<MessagingEvent>('messaging.event', (trx, event) => services.messaging.dispatch(trx, event)))) n++;
    return n;
  }, taskLog, { batchDelayMs: 20, intervalMs: 1000 });
  const notifications = new BackgroundTask('notification sender', async () => {
    let n = 0;
    while (n < 50 && (await services.delivery.runOne())) n++;
    return n;
  }, taskLog, { batchDelayMs: 20, intervalMs: 1000 });
  const webhooks = new BackgroundTask('webhook sender', async () => {
    let n = 0;
    while (n < 50 && (await services.webhooks.runOne())) n++;
    return n;
  }, taskLog, { batchDelayMs: 20, intervalMs: 1000 });
  services.messaging.onQueued = () => {
    notifications.wake();
    webhooks.wake();
  };
  const ctx: AppContext = { config, database, metrics, services, tasks: { registrar, receipts, automations, documents, deadlines, messagingEvents, notifications, webhooks } };
  if (opts.tasks ?? config.role !== 'web') {
    services.background.onSubmitted = () => registrar.wake();
    app.addHook('onReady', async () => {
      await jobs.start({ maintenance: true });
      // the signing certificates are checked (and, in development, created) at start, not at the first outcome
      await services.signers();
      registrar.start();
      receipts.start();
      automations.start();
      documents.start();
      deadlines.start();
      messagingEvents.start();
      notifications.start();
      webhooks.start();
    });
    app.addHook('onClose', async () => {
      await registrar.stop();
      await receipts.stop();
      await automations.stop();
      await documents.stop();
      await deadlines.stop();
      await messagingEvents.stop();
      await notifications.stop();
      await webhooks.stop();
      for (const adapter of Object.values(services.channels())) await adapter?.close?.();
      await jobs.stop();
    });
  }

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('preValidation', async (req) => rejectNulCharacters(req.url, req.body));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !isApiPath(req.url) && opts.webDist !== false) {
      // client-side route of the single-page app
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, notFound(`L'indirizzo ${req.method} ${req.url.split('?')[0]}`));
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // What a signed-in person or a token reads is theirs: no shared cache (a proxy, the browser's back button on a
  // shared computer) keeps it. Routes that say how they may be cached keep their own header.
  app.addHook('onSend', async (req, reply) => {
    if (reply.hasHeader('cache-control') || !(req.url.startsWith('/api/') || req.url.startsWith('/auth/'))) return;
    if (req.headers.authorization || req.cookies[SESSION_COOKIE]) void reply.header('cache-control', 'private, no-store');
  });
  await app.register(fastifyRateLimit, {
    max: 600,
    timeWindow: '1 minute',
    // per person, token or floor device when the request carries one that resolves, else per address
    keyGenerator: rateLimitKey({ device: (req) => deviceOf(ctx.database.db, req), actor: (req) => actorOf(ctx, req) }),
    // Benchmarks and tests drive thousands of requests from one address.
    allowList: config.mode === 'test' ? () => true : undefined,
  });
  // PATCH bodies are JSON merge patches (RFC 7396), as the API guidelines ask; plain application/json works too
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(badRequest('Il corpo della richiesta non è JSON valido. (The body is not valid JSON.)'), undefined);
    }
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 50, fieldSize: 100_000 } });
  const identity = ctx.services.identity;
  app.addHook('preValidation', csrfGuard({ sessionCookie: SESSION_COOKIE, verify: (token, given) => identity.verifyCsrf(token, given) }));
  await app.register(fastifySwagger, openapiOptions(config.publicUrl, pkg.version));
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addSchema(Problem);
  app.addSchema(Tenant);
  for (const s of catalogSchemas) app.addSchema(s);
  app.addSchema(PaymentSummarySchema); // an application's detail lists its payments

  await healthRoutes(app, ctx, pkg.version);
  await tenantsRoutes(app, ctx);
  await catalogRoutes(app, ctx);
  await identityRoutes(app, ctx);
  await organisationRoutes(app, ctx);
  await documentsRoutes(app, ctx);
  await applicationsRoutes(app, ctx);
  await analyticsRoutes(app, ctx);
  await messagingRoutes(app, ctx);
  await threadRoutes(app, ctx);
  await webhooksRoutes(app, ctx);
  await accessLogRoutes(app, ctx);
  await favouritesRoutes(app, ctx);
  await certificatesRoutes(app, ctx);
  await recommendationsRoutes(app, ctx, { tasks: opts.tasks ?? config.role !== 'web' });
  await profilesRoutes(app, ctx);
  await mydataRoutes(app, ctx);
  await dataExportRoutes(app, ctx);
  // what is kept and for how long; the daily purge in worker processes
  await retentionRoutes(app, ctx, { tasks: opts.tasks ?? config.role !== 'web' });
  await appointmentsRoutes(app, ctx, { tasks: opts.tasks ?? config.role !== 'web' });
  await queueRoutes(app, ctx);
  await receptionRoutes(app, ctx);
  await deskAnalyticsRoutes(app, ctx);
  await paymentsRoutes(app, ctx, { tasks: opts.tasks ?? config.role !== 'web' });
  // the social services: first contacts, case files
  await socialRoutes(app, ctx);
  // the district's social figures
  await socialFiguresRoutes(app, ctx);
  // the flows to INPS's Casellario dell'Assistenza
  await socialExportsRoutes(app, ctx);
  // the pagoPA simulator's payment page: development and tests only (production has no simulator: services.ts)
  if (config.mode !== 'production' && services.pagopaSimulator) await mountPagoPaSimulator(app, services.pagopaSimulator);
  if (config.oidc?.bundled) {
    // development and tests only: config refuses it in production
    await mountTestIdp(app, {
      issuer: config.oidc.issuer,
      clients: [{ clientId: config.oidc.clientId, clientSecret: config.oidc.clientSecret!, redirectUris: [`${config.publicUrl}/auth/callback`],
        postLogoutRedirectUris: [`${config.publicUrl}/`] }],
      cookieKeys: [identity.secrets.mac('test-idp-cookies', 'v1')],
    });
  }
  if (opts.webDist !== false) await webRoutes(app, opts.webDist ?? WEB_DIST);

  return { app, ctx };
}
