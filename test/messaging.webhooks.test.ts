import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_RETRY_WINDOW_MS } from '../src/contracts/messaging.ts';
import { DEMO_PASSWORD, DEMO_PLATFORM_ADMIN } from '../src/server/db/seed/demo/operators.ts';
import { AMBITO_SLUG, CASTELROCCA_SLUG, DEMO_ADMINS, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { verifyWebhook } from '../src/server/modules/messaging/webhook-signature.ts';
import { checkWebhookUrl, publicOnlyLookup } from '../src/server/modules/messaging/webhooks.service.ts';
import { clock } from '../src/server/platform/clock.ts';
import { jobExecutor } from '../src/server/platform/jobs.ts';
import { testApp } from './support/app.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { as, officeStep, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication, platformAdmin, runBackgroundWork } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const SUBMITTED = 'it.sportello.application.submitted';
const STATUS_CHANGED = 'it.sportello.application.status_changed';

interface Received { path: string; headers: IncomingHttpHeaders; body: string }
interface Subscription { id: string; url: string; events: string[]; tenantIds: string[]; serviceIds: string[]; active: boolean; secret?: string }
interface Delivery { id: string; eventId: string; eventType: string; status: string; attempts: number; nextAttemptAt: string | null; createdAt: string }
interface Attempt { at: string; statusCode: number | null; error: string | null; durationMs: number; responseExcerpt: string | null }
interface Detail extends Delivery { payload: Record<string, any>; attemptLog: Attempt[] }

type Answer = 'ok' | 'fail' | 'hang' | 'redirect';

/** A receiver on loopback that records every request and answers as told; /vecchio is gone for good (410). */
function receiver() {
  const received: Received[] = [];
  let answer: Answer = 'ok';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      if (answer === 'hang') return;
      if (answer === 'fail') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('Errore del ricevente: database non raggiungibile');
      if (answer === 'redirect') return void res.writeHead(302, { location: 'https://altrove.example/eventi' }).end();
      if (req.url === '/vecchio') return void res.writeHead(410).end('gone');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ricevuto":true}');
    });
  });
  return {
    received,
    set answer(a: Answer) {
      answer = a;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('webhooks for integrators', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const hook = receiver();
  let base: string;
  let castelrocca: TestSession;
  let ambito: TestSession;
  let valdoro: TestSession;
  let platform: TestSession;
  let manager: TestSession;
  let operator: TestSession;
  let giulia: TestSession;
  const ids: Record<string, string> = {};
  let filteredService: string;
  let otherService: string;
  let subscription: Subscription;

  const admin = (slug: string) => DEMO_ADMINS.find((a) => a.tenantSlug === slug)!;
  const call = (session: TestSession | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject(session ? as(session, { method, url, payload: payload as never, headers }) : { method, url, payload: payload as never, headers });
  const deliveriesOf = async (subscriptionId: string): Promise<Delivery[]> =>
    (await call(castelrocca, 'GET', `/api/v1/webhooks/${subscriptionId}/deliveries?limit=100`)).json().items;
  const detailOf = async (subscriptionId: string, deliveryId: string): Promise<Detail> =>
    (await call(castelrocca, 'GET', `/api/v1/webhooks/${subscriptionId}/deliveries/${deliveryId}`)).json();
  const sendAll = async () => {
    await t.ctx.services.webhooks.bringForward();
    await t.ctx.tasks.webhooks.drain();
  };
  /** The deliveries (newest first) of one application's events. */
  const deliveriesFor = async (subscriptionId: string, applicationId: string) => {
    const out: Detail[] = [];
    for (const d of await deliveriesOf(subscriptionId)) {
      const detail = await detailOf(subscriptionId, d.id);
      if (detail.payload.data.applicationId === applicationId) out.push(detail);
    }
    return out;
  };

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-webhooks` } });
    // a receiver that hangs is given up quickly here; production waits 10 s
    t.ctx.services.webhooks.configure({ timeoutMs: 400 });
    base = await hook.start();
    for (const tenant of (await t.app.inject({ url: '/api/v1/tenants' })).json().items as { id: string; slug: string }[]) ids[tenant.slug] = tenant.id;
    castelrocca = await operatorLogin(t.app, admin(CASTELROCCA_SLUG).email, DEMO_PASSWORD);
    ambito = await operatorLogin(t.app, admin(AMBITO_SLUG).email, DEMO_PASSWORD);
    valdoro = await operatorLogin(t.app, admin(VALDORO_SLUG).email, DEMO_PASSWORD);
    platform = await operatorLogin(t.app, DEMO_PLATFORM_ADMIN, DEMO_PASSWORD);
    manager = await operatorLogin(t.app, 'g.pesenti@castelrocca.example', DEMO_PASSWORD);
    operator = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    filteredService = await createFormService(t.ctx, CASTELROCCA_SLUG);
    otherService = await createFormService(t.ctx, CASTELROCCA_SLUG);
  }, 180_000);

  afterAll(async () => {
    clock.reset();
    await hook.stop();
    await t.close();
  });

  it('creates a subscription filtered on one service and shows its secret once', async () => {
    const payload = { url: `${base}/eventi`, description: 'Gestionale protocollo', events: [SUBMITTED, STATUS_CHANGED], serviceIds: [filteredService] };
    const created = await call(castelrocca, 'POST', '/api/v1/webhooks', payload, { 'idempotency-key': 'webhook-creazione-1' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['cache-control']).toBe('private, no-store');
    subscription = created.json();
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(subscription).toMatchObject({ url: `${base}/eventi`, events: [SUBMITTED, STATUS_CHANGED], tenantIds: [ids[CASTELROCCA_SLUG]], serviceIds: [filteredService], active: true });

    // a retried POST with the same key is the same subscription, not a second one
    const again = await call(castelrocca, 'POST', '/api/v1/webhooks', payload, { 'idempotency-key': 'webhook-creazione-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: subscription.id, secret: subscription.secret });

    const list = await call(castelrocca, 'GET', '/api/v1/webhooks');
    expect(list.statusCode).toBe(200);
    expect((list.json().items as Subscription[]).map((s) => s.id)).toEqual([subscription.id]);
    const one = await call(castelrocca, 'GET', `/api/v1/webhooks/${subscription.id}`);
    for (const r of [list, one]) {
      expect(r.body).not.toContain(subscription.secret!);
      expect(r.body).not.toContain('secret');
    }
  });

  it('refuses addresses, events, bodies and services it must not take, saying which field', async () => {
    const bad = async (body: object) => {
      const r = await call(castelrocca, 'POST', '/api/v1/webhooks', { url: `${base}/x`, events: [SUBMITTED], ...body });
      expect(r.statusCode, r.body).toBe(400);
      return (r.json().errors as { path: string; message: string }[]).map((e) => e.path);
    };
    expect(await bad({ url: 'ftp://example.org/eventi' })).toContain('body.url');
    expect(await bad({ url: 'https://utente:segreto@example.org/eventi' })).toContain('body.url');
    expect(await bad({ url: 'non un indirizzo' })).toContain('body.url');
    expect(await bad({ events: [] })).toContain('body.events');
    expect(await bad({ events: ['it.sportello.qualcosa'] })).toEqual(expect.arrayContaining([expect.stringMatching(/events/)]));
    // Castelrocca leads nobody: Valdoro is not its to listen to, nor are Valdoro's services
    expect(await bad({ tenantIds: [ids[VALDORO_SLUG]] })).toEqual(['body.tenantIds.0']);
    const valdoroService = await createFormService(t.ctx, VALDORO_SLUG);
    expect(await bad({ serviceIds: [valdoroService] })).toEqual(['body.serviceIds.0']);
    // unknown fields are refused, not ignored
    expect((await call(castelrocca, 'POST', '/api/v1/webhooks', { url: `${base}/x`, events: [SUBMITTED], secret: 'mio' })).statusCode).toBe(400);
  });

  it('in production takes only https addresses reachable from the Internet', async () => {
    const ok = (u: string) => 'url' in checkWebhookUrl(u, 'production');
    expect(ok('https://gestionale.example.org/eventi?ente=1')).toBe(true);
    for (const u of ['http://gestionale.example.org/eventi', 'https://127.0.0.1/eventi', 'https://10.0.0.7/', 'https://192.168.1.10/', 'https://169.254.169.254/latest',
      'https://[::1]/', 'https://[fd00::1]/', 'https://[::ffff:127.0.0.1]/', 'https://localhost/', 'https://server.local/', 'https://intranet/',
      'https://utente:pw@gestionale.example.org/']) {
      expect(ok(u), u).toBe(false);
    }
    // development and test reach local receivers
    expect('url' in checkWebhookUrl('http://127.0.0.1:8080/eventi', 'test')).toBe(true);
    expect('url' in checkWebhookUrl('http://localhost:8080/eventi', 'development')).toBe(true);
    // a name that resolves inside is refused when connecting, whatever it looks like
    const refused = await new Promise<string>((resolve) => {
      const req = request(`${base.replace('127.0.0.1', 'localhost')}/eventi`, { method: 'POST', lookup: publicOnlyLookup, agent: false }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end('{}');
    });
    expect(refused).toBe('ENONPUBLIC');
  });

  let filedId: string;

  it('delivers signed CloudEvents of the filtered service only: submitted, then registered', async () => {
    hook.received.length = 0;
    filedId = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    const otherId = await fileTestApplication(t.app, t.ctx, giulia, otherService);
    await runBackgroundWork(t.ctx);

    const events = hook.received.map((r) => JSON.parse(r.body) as Record<string, any>);
    expect(events.map((e) => [e.type, e.data.applicationId, e.data.event])).toEqual([
      [SUBMITTED, filedId, 'submitted'],
      [STATUS_CHANGED, filedId, 'registered'],
    ]);
    expect(events.some((e) => e.data.applicationId === otherId)).toBe(false);

    const person = findTestIdentity('giulia-ferrari')!;
    for (const [i, r] of hook.received.entries()) {
      const e = events[i]!;
      expect(r.path).toBe('/eventi');
      expect(r.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(r.headers['user-agent']).toBe('Sportello-Webhooks/1');
      expect(e).toMatchObject({ specversion: '1.0', source: expect.stringContaining(`/api/v1/tenants/${ids[CASTELROCCA_SLUG]}`) });
      expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(r.headers['webhook-id']).toBe(e.id);
      expect(e.data).toMatchObject({ applicationId: filedId, tenantId: ids[CASTELROCCA_SLUG], serviceId: filteredService });
      // no personal data leaves the platform: no names, no fiscal code
      for (const personal of [person.fiscalCode, person.givenName, person.familyName]) expect(r.body).not.toContain(personal);
      // the receiver can check the signature with the secret shown at creation; a changed body fails
      expect(verifyWebhook(subscription.secret!, r.headers as Record<string, string>, r.body)).toBe(true);
      expect(verifyWebhook(subscription.secret!, r.headers as Record<string, string>, r.body.replace('"1.0"', '"1.1"'))).toBe(false);
    }
    expect(events[1]!.data.status).toBe('registered');

    const mine = await deliveriesFor(subscription.id, filedId);
    expect(mine.map((d) => [d.eventType, d.status, d.attempts])).toEqual([[STATUS_CHANGED, 'delivered', 1], [SUBMITTED, 'delivered', 1]]);
    expect(mine[0]!.attemptLog).toEqual([expect.objectContaining({ statusCode: 200, error: null, responseExcerpt: '{"ricevuto":true}' })]);
  });

  it('retries a failing receiver after 30 s, then 60 s, and delivers when it answers', async () => {
    hook.answer = 'fail';
    hook.received.length = 0;
    const id = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    await runBackgroundWork(t.ctx);
    let [registered] = await deliveriesFor(subscription.id, id);
    expect(registered).toMatchObject({ eventType: STATUS_CHANGED, status: 'pending', attempts: 1 });
    const first = registered!.attemptLog[0]!;
    expect(first).toMatchObject({ statusCode: 500, responseExcerpt: 'Errore del ricevente: database non raggiungibile' });
    const wait = (d: Detail, a: Attempt) => Date.parse(d.nextAttemptAt!) - Date.parse(a.at);
    expect(wait(registered!, first)).toBeGreaterThanOrEqual(30_000);
    expect(wait(registered!, first)).toBeLessThan(35_000);

    await sendAll();
    [registered] = await deliveriesFor(subscription.id, id);
    expect(registered).toMatchObject({ status: 'pending', attempts: 2 });
    expect(wait(registered!, registered!.attemptLog[1]!)).toBeGreaterThanOrEqual(60_000);
    expect(wait(registered!, registered!.attemptLog[1]!)).toBeLessThan(65_000);

    hook.answer = 'ok';
    await sendAll();
    [registered] = await deliveriesFor(subscription.id, id);
    expect(registered).toMatchObject({ status: 'delivered', attempts: 3, nextAttemptAt: null });
    expect(registered!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    // every try of the same event carries the same webhook-id
    const tries = hook.received.filter((r) => JSON.parse(r.body).data.event === 'registered');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('logs a timeout and a redirect (not followed) as failed attempts', async () => {
    for (const [answer, expected] of [['hang', /timeout/], ['redirect', /reindirizzamento a https:\/\/altrove\.example\/eventi non seguito/]] as const) {
      hook.answer = answer;
      const id = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
      await runBackgroundWork(t.ctx);
      const [registered] = await deliveriesFor(subscription.id, id);
      expect(registered!.status).toBe('pending');
      expect(registered!.attemptLog[0]!.error).toMatch(expected);
      expect(registered!.attemptLog[0]!.statusCode).toBe(answer === 'redirect' ? 302 : null);
    }
    hook.answer = 'ok';
    await sendAll();
  });

  it('redelivers a delivered event with the same id', async () => {
    const [registered] = await deliveriesFor(subscription.id, filedId);
    hook.received.length = 0;
    const r = await call(castelrocca, 'POST', `/api/v1/webhooks/${subscription.id}/deliveries/${registered!.id}/redeliver`);
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().status).toBe('pending');
    await t.ctx.tasks.webhooks.drain();
    const after = await detailOf(subscription.id, registered!.id);
    expect(after.status).toBe('delivered');
    expect(after.attemptLog).toHaveLength(2);
    expect(hook.received.map((x) => x.headers['webhook-id'])).toEqual([registered!.eventId]);
  });

  it('tells each status change with the status and time it had when it happened, however late the event is sent', async () => {
    const id = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    hook.received.length = 0;
    // the office works on before the events are dispatched (a busy queue, a restart): both wait
    await t.ctx.tasks.messagingEvents.stop();
    const times: number[] = [];
    try {
      times.push(clock.now().getTime());
      const took = await officeStep(t.app, operator, id, 'take_charge');
      expect(took.statusCode, took.body).toBe(200);
      times.push(clock.now().getTime());
      const asked = await officeStep(t.app, operator, id, 'request_integration', { note: 'Serve la planimetria aggiornata', documents: ['Planimetria'] });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json().status).toBe('awaiting_citizen');
      times.push(clock.now().getTime());
    } finally {
      t.ctx.tasks.messagingEvents.start();
    }
    await runBackgroundWork(t.ctx);

    const changes = hook.received.map((r) => JSON.parse(r.body) as Record<string, any>)
      .filter((e) => e.type === STATUS_CHANGED && e.data.applicationId === id);
    const byEvent = Object.fromEntries(changes.map((e) => [e.data.event, e]));
    expect(changes).toHaveLength(2);
    // not the status the application has when the events go out (awaiting_citizen for both)
    expect(byEvent.taken_in_charge?.data.status).toBe('in_progress');
    expect(byEvent.integration_requested?.data.status).toBe('awaiting_citizen');
    // each event's time is within the request that made it
    const at = (e: Record<string, any>) => Date.parse(e.time);
    expect(at(byEvent.taken_in_charge!)).toBeGreaterThanOrEqual(times[0]!);
    expect(at(byEvent.taken_in_charge!)).toBeLessThanOrEqual(times[1]!);
    expect(at(byEvent.integration_requested!)).toBeGreaterThanOrEqual(times[1]!);
    expect(at(byEvent.integration_requested!)).toBeLessThanOrEqual(times[2]!);
    // the log keeps the payloads as they were sent
    const logged = (await deliveriesFor(subscription.id, id)).filter((d) => d.eventType === STATUS_CHANGED).map((d) => [d.payload.data.event, d.payload.data.status]);
    expect(logged).toEqual(expect.arrayContaining([['taken_in_charge', 'in_progress'], ['integration_requested', 'awaiting_citizen']]));
  });

  it('pages the deliveries newest first and filters them by status', async () => {
    const all = await deliveriesOf(subscription.id);
    const pages: Delivery[] = [];
    let cursor: string | null = null;
    do {
      const r = await call(castelrocca, 'GET', `/api/v1/webhooks/${subscription.id}/deliveries?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode).toBe(200);
      pages.push(...r.json().items);
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(pages.map((d) => d.id)).toEqual(all.map((d) => d.id));
    expect([...all].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).map((d) => d.id)).toEqual(all.map((d) => d.id));
    const delivered = (await call(castelrocca, 'GET', `/api/v1/webhooks/${subscription.id}/deliveries?status=delivered`)).json().items as Delivery[];
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((d) => d.status === 'delivered')).toBe(true);
    expect((await call(castelrocca, 'GET', `/api/v1/webhooks/${subscription.id}/deliveries?cursor=nonvalido`)).statusCode).toBe(400);
  });

  it('sends nothing while a subscription is inactive', async () => {
    const off = await call(castelrocca, 'PATCH', `/api/v1/webhooks/${subscription.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    const id = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    expect(await deliveriesFor(subscription.id, id)).toEqual([]);
    expect((await call(castelrocca, 'PATCH', `/api/v1/webhooks/${subscription.id}`, { active: true })).json().active).toBe(true);
  });

  it("delivers a member body's events to its lead only when the subscription names that member", async () => {
    hook.received.length = 0;
    const created = await call(ambito, 'POST', '/api/v1/webhooks', { url: `${base}/ambito`, events: [SUBMITTED] });
    expect(created.statusCode, created.body).toBe(201);
    const lead = created.json() as Subscription;
    expect(lead.tenantIds).toEqual([ids[AMBITO_SLUG]]);
    await fileTestApplication(t.app, t.ctx, giulia, otherService);
    await runBackgroundWork(t.ctx);
    expect(hook.received.filter((r) => r.path === '/ambito')).toEqual([]);

    // the Ambito leads Castelrocca under associated management: it may add it (Castelrocca may not add the Ambito)
    const widened = await call(ambito, 'PATCH', `/api/v1/webhooks/${lead.id}`, { tenantIds: [ids[AMBITO_SLUG], ids[CASTELROCCA_SLUG]] });
    expect(widened.statusCode, widened.body).toBe(200);
    const member = await fileTestApplication(t.app, t.ctx, giulia, otherService);
    await runBackgroundWork(t.ctx);
    const got = hook.received.filter((r) => r.path === '/ambito').map((r) => JSON.parse(r.body));
    expect(got.map((e) => [e.type, e.data.applicationId, e.data.tenantId])).toEqual([[SUBMITTED, member, ids[CASTELROCCA_SLUG]]]);
    expect(verifyWebhook(lead.secret!, hook.received.find((r) => r.path === '/ambito')!.headers as Record<string, string>,
      hook.received.find((r) => r.path === '/ambito')!.body)).toBe(true);
    const refused = await call(castelrocca, 'PATCH', `/api/v1/webhooks/${subscription.id}`, { tenantIds: [ids[CASTELROCCA_SLUG], ids[AMBITO_SLUG]] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.tenantIds.1']);
  });

  it("stops delivering a member body's events to its lead once the association ends", async () => {
    const ambitoHooks = () => hook.received.filter((r) => r.path === '/ambito').map((r) => JSON.parse(r.body) as Record<string, any>);
    const association = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('tenant_associations').selectAll()
      .where('lead_tenant_id', '=', ids[AMBITO_SLUG]!).where('member_tenant_id', '=', ids[CASTELROCCA_SLUG]!).executeTakeFirstOrThrow());
    await inScope(t.database.db, { platform: true }, (trx) => trx.deleteFrom('tenant_associations')
      .where('lead_tenant_id', '=', association.lead_tenant_id).where('member_tenant_id', '=', association.member_tenant_id).execute());
    try {
      hook.received.length = 0;
      const after = await fileTestApplication(t.app, t.ctx, giulia, otherService);
      await runBackgroundWork(t.ctx);
      // the subscription still names Castelrocca, but the Ambito no longer leads it
      const [lead] = ((await call(ambito, 'GET', '/api/v1/webhooks')).json().items as Subscription[]).filter((s) => s.url === `${base}/ambito`);
      expect(lead!.tenantIds).toContain(ids[CASTELROCCA_SLUG]);
      expect(ambitoHooks().filter((e) => e.data.applicationId === after)).toEqual([]);
    } finally {
      await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('tenant_associations').values(association).execute());
    }
    // associated again: the events reach the lead again
    hook.received.length = 0;
    const again = await fileTestApplication(t.app, t.ctx, giulia, otherService);
    await runBackgroundWork(t.ctx);
    expect(ambitoHooks().map((e) => [e.type, e.data.applicationId])).toEqual([[SUBMITTED, again]]);
  });

  it('rotates the secret: the next delivery verifies with the new one only', async () => {
    const rotated = await call(castelrocca, 'POST', `/api/v1/webhooks/${subscription.id}/secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(subscription.secret);
    hook.received.length = 0;
    await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    await runBackgroundWork(t.ctx);
    const r = hook.received.find((x) => x.path === '/eventi')!;
    expect(verifyWebhook(secret, r.headers as Record<string, string>, r.body)).toBe(true);
    expect(verifyWebhook(subscription.secret!, r.headers as Record<string, string>, r.body)).toBe(false);
    subscription.secret = secret;
  });

  it('lets tenant and platform administrators and their API tokens in; others get 401, 403 or 404', async () => {
    const url = `/api/v1/webhooks/${subscription.id}`;
    const [delivery] = await deliveriesOf(subscription.id);
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/webhooks'], ['GET', '/api/v1/webhooks/filters'], ['POST', '/api/v1/webhooks', { url: `${base}/x`, events: [SUBMITTED] }],
      ['GET', url], ['PATCH', url, { description: 'x' }], ['POST', `${url}/secret`], ['GET', `${url}/deliveries`],
      ['GET', `${url}/deliveries/${delivery!.id}`], ['POST', `${url}/deliveries/${delivery!.id}/redeliver`],
    ];
    for (const [method, path, payload] of routes) {
      expect((await call(null, method as 'GET', path, payload)).statusCode, `${method} ${path}`).toBe(401);
      for (const who of [operator, manager]) expect((await call(who, method as 'GET', path, payload)).statusCode, `${method} ${path}`).toBe(403);
    }
    // another body's administrator: the subscription does not exist for them
    for (const [method, path, payload] of routes.slice(3)) expect((await call(valdoro, method as 'GET', path, payload)).statusCode, `${method} ${path}`).toBe(404);
    expect((await call(valdoro, 'GET', `/api/v1/webhooks?tenant=${CASTELROCCA_SLUG}`)).statusCode).toBe(404);
    expect((await call(valdoro, 'GET', '/api/v1/webhooks')).json().items).toEqual([]);
    // the platform administrator reaches any body's
    const seen = await call(platform, 'GET', `/api/v1/webhooks?tenant=${CASTELROCCA_SLUG}`);
    expect(seen.statusCode).toBe(200);
    expect((seen.json().items as Subscription[]).map((s) => s.id)).toContain(subscription.id);

    // integrators use Bearer tokens: one with the administrator's role manages, an operator's does not
    const token = async (role: string) => {
      const r = await call(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`, { name: `Webhook ${role}`, role });
      expect(r.statusCode, r.body).toBe(201);
      return { authorization: `Bearer ${r.json().token}` };
    };
    const adminToken = await token('tenant_admin');
    const byToken = await t.app.inject({ url: '/api/v1/webhooks', headers: adminToken });
    expect(byToken.statusCode).toBe(200);
    expect((byToken.json().items as Subscription[]).map((s) => s.id)).toContain(subscription.id);
    const madeByToken = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: adminToken, payload: { url: `${base}/token`, events: [STATUS_CHANGED] } });
    expect(madeByToken.statusCode, madeByToken.body).toBe(201);
    expect((await t.app.inject({ url: '/api/v1/webhooks', headers: await token('operator') })).statusCode).toBe(403);

    // the secret never appears in a reading answer
    for (const path of ['/api/v1/webhooks', url, `${url}/deliveries`, `${url}/deliveries/${delivery!.id}`]) {
      const r = await call(castelrocca, 'GET', path);
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain(subscription.secret!);
      expect(r.body).not.toContain('whsec_');
    }
  });

  it('deactivates the subscription when the receiver answers 410 Gone', async () => {
    const created = (await call(castelrocca, 'POST', '/api/v1/webhooks', { url: `${base}/vecchio`, events: [SUBMITTED] })).json() as Subscription;
    const id = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    await runBackgroundWork(t.ctx);
    const [d] = await deliveriesFor(created.id, id);
    expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(d!.attemptLog.map((a) => a.statusCode)).toEqual([410]);
    expect((await call(castelrocca, 'GET', `/api/v1/webhooks/${created.id}`)).json().active).toBe(false);
    // redelivery waits for the administrator to activate it again
    expect((await call(castelrocca, 'POST', `/api/v1/webhooks/${created.id}/deliveries/${d!.id}/redeliver`)).statusCode).toBe(409);
    expect((await call(castelrocca, 'GET', `/api/v1/webhooks/${subscription.id}`)).json().active).toBe(true);
  });

  // last: it moves the program's clock a day on
  it('gives up after a day of failures and schedules nothing more', async () => {
    hook.answer = 'fail';
    const id = await fileTestApplication(t.app, t.ctx, giulia, filteredService);
    await runBackgroundWork(t.ctx);
    const [registered] = await deliveriesFor(subscription.id, id);
    expect(registered).toMatchObject({ status: 'pending', attempts: 1 });

    clock.advanceDays(WEBHOOK_RETRY_WINDOW_MS / 86_400_000 + 0.01);
    await sendAll();
    const tenant = ids[CASTELROCCA_SLUG]!;
    // read as the service does: the sessions of this file do not survive a day
    const after = await t.ctx.services.webhooks.delivery(platformAdmin(tenant), subscription.id, registered!.id);
    expect(after).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: null });
    expect(after.attemptLog.map((a) => a.statusCode)).toEqual([500, 500]);
    const { rows } = await jobExecutor(t.database.db).executeSql(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook.deliver' AND state < 'completed' AND data->>'deliveryId' = $1`, [registered!.id]);
    expect((rows[0] as { n: number }).n).toBe(0);
    hook.answer = 'ok';
  });
});
