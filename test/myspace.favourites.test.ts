/**
 * Favourite services: a citizen stars cards, finds them listed newest first with the way back to each card,
 * unstars them; both are safe to repeat. Each citizen has their own list (also underneath, in row-level
 * security); staff and anonymous callers are refused; an unknown service is a clear 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const LIST = '/api/v1/me/favourites';
const one = (serviceId: string) => `${LIST}/${serviceId}`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface Favourite {
  serviceId: string; slug: string; title: string; shortDescription?: string; status: string;
  tenant: { id: string; slug: string; name: string }; href: string; starredAt: string;
}
interface Summary { id: string; slug: string; title: string; shortDescription: string; tenant: { id: string; slug: string; name: string } }

describe('favourite services', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession;
  let laura: TestSession; // operator, Castelrocca
  let services: Summary[];

  const inject = (s: TestSession | null, opts: Parameters<typeof as>[1]) => t.app.inject(s ? as(s, opts) : opts);
  const listOf = async (s: TestSession) => {
    const r = await inject(s, { url: LIST });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Favourite[] }).items;
  };
  const me = async (s: TestSession) => (await inject(s, { url: '/api/v1/me' })).json() as { id: string };

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-favourites` } });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    const r = await t.app.inject({ url: '/api/v1/services?tenant=comune-di-castelrocca&limit=3' });
    services = (r.json() as { items: Summary[] }).items;
    expect(services).toHaveLength(3);
  }, 180_000);
  afterAll(() => t?.close());

  it('starts empty, and a starred service is listed with its card address, body and date, privately', async () => {
    expect(await listOf(giulia)).toEqual([]);
    const [s] = services;
    const before = Date.now();
    const star = await inject(giulia, { method: 'PUT', url: one(s!.id) });
    expect(star.statusCode, star.body).toBe(204);
    expect(star.body).toBe('');

    const r = await inject(giulia, { url: LIST });
    expect(r.headers['cache-control']).toBe('private, no-store');
    const items = (r.json() as { items: Favourite[] }).items;
    expect(items).toHaveLength(1);
    const f = items[0]!;
    expect(f).toMatchObject({
      serviceId: s!.id, slug: s!.slug, title: s!.title, shortDescription: s!.shortDescription, status: 'active',
      tenant: { id: s!.tenant.id, slug: 'comune-di-castelrocca', name: s!.tenant.name },
      href: `/enti/comune-di-castelrocca/servizi/${s!.slug}`,
    });
    expect(new Date(f.starredAt).getTime()).toBeGreaterThanOrEqual(before - 60_000);

    // the address is the card's: the same service answers there
    const card = await t.app.inject({ url: `/api/v1/tenants/comune-di-castelrocca/services/${s!.slug}` });
    expect(card.statusCode).toBe(200);
    expect((card.json() as { id: string }).id).toBe(s!.id);
  });

  it('starring again changes nothing; the newest star comes first', async () => {
    const [first, second] = services;
    const [before] = await listOf(giulia);
    expect(before?.serviceId).toBe(first!.id);

    expect((await inject(giulia, { method: 'PUT', url: one(first!.id) })).statusCode).toBe(204);
    const again = await listOf(giulia);
    expect(again).toHaveLength(1);
    expect(again[0]!.starredAt).toBe(before!.starredAt);

    expect((await inject(giulia, { method: 'PUT', url: one(second!.id) })).statusCode).toBe(204);
    expect((await listOf(giulia)).map((f) => f.serviceId)).toEqual([second!.id, first!.id]);
  });

  it("another citizen's list is their own, in the API and underneath in the database", async () => {
    expect(await listOf(marco)).toEqual([]);
    const [, , third] = services;
    expect((await inject(marco, { method: 'PUT', url: one(third!.id) })).statusCode).toBe(204);
    expect((await listOf(marco)).map((f) => f.serviceId)).toEqual([third!.id]);
    expect((await listOf(giulia)).map((f) => f.serviceId)).not.toContain(third!.id);

    // Marco unstarring Giulia's favourite touches only his own (empty) entry for it
    expect((await inject(marco, { method: 'DELETE', url: one(services[0]!.id) })).statusCode).toBe(204);
    expect((await listOf(giulia)).map((f) => f.serviceId)).toContain(services[0]!.id);

    // row-level security: in Marco's scope, Giulia's rows do not exist even for a query that asks for them
    const giuliaId = (await me(giulia)).id;
    const seen = await inScope(t.database.db, { citizenId: (await me(marco)).id }, (trx) =>
      trx.selectFrom('favourite_services').select('service_id').where('citizen_id', '=', giuliaId).execute());
    expect(seen).toEqual([]);
  });

  it('unstarring removes the service from the list, and unstarring again is fine', async () => {
    const [first, second] = services;
    const r = await inject(giulia, { method: 'DELETE', url: one(second!.id) });
    expect(r.statusCode, r.body).toBe(204);
    expect((await listOf(giulia)).map((f) => f.serviceId)).toEqual([first!.id]);
    expect((await inject(giulia, { method: 'DELETE', url: one(second!.id) })).statusCode).toBe(204);
    expect((await listOf(giulia)).map((f) => f.serviceId)).toEqual([first!.id]);
  });

  it('an unknown service is a 404 problem, a malformed id a 400, and nothing is stored', async () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const r = await inject(giulia, { method, url: one(UNKNOWN) });
      expect(r.statusCode, `${method} ${r.body}`).toBe(404);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((r.json() as { detail: string }).detail).toMatch(/servizio/i);
      const bad = await inject(giulia, { method, url: one('not-a-uuid') });
      expect(bad.statusCode).toBe(400);
    }
    expect((await listOf(giulia)).map((f) => f.serviceId)).toEqual([services[0]!.id]);
  });

  it('anonymous callers must sign in (401); staff are refused (403)', async () => {
    const s = services[1]!;
    for (const [method, url] of [['GET', LIST], ['PUT', one(s.id)], ['DELETE', one(s.id)]] as const) {
      const anon = await t.app.inject({ method, url });
      expect(anon.statusCode, `${method} ${url}`).toBe(401);
      expect(anon.headers['content-type']).toMatch(/application\/problem\+json/);
      const staff = await inject(laura, { method, url });
      expect(staff.statusCode, `${method} ${url} ${staff.body}`).toBe(403);
    }
  });

  it('a write with the session cookie but without the CSRF token is refused and changes nothing', async () => {
    const s = services[2]!;
    const r = await t.app.inject({ method: 'PUT', url: one(s.id), cookies: giulia.cookies });
    expect(r.statusCode).toBe(403);
    expect((r.json() as { detail: string }).detail).toMatch(/CSRF/);
    expect((await listOf(giulia)).map((f) => f.serviceId)).not.toContain(s.id);
    const del = await t.app.inject({ method: 'DELETE', url: one(services[0]!.id), cookies: giulia.cookies });
    expect(del.statusCode).toBe(403);
    expect((await listOf(giulia)).map((f) => f.serviceId)).toContain(services[0]!.id);
  });

  it('holds at most 100 favourites: the 101st is refused with a way out, and the list shows all 100', async () => {
    const citizenId = (await me(marco)).id;
    const all = await t.database.db.selectFrom('services').select('id').orderBy('id').limit(101).execute();
    expect(all.length).toBe(101);
    const [last, ...hundred] = all;
    // Marco's list becomes exactly these hundred (as if he had starred them one by one)
    await inScope(t.database.db, { citizenId }, async (trx) => {
      await trx.deleteFrom('favourite_services').where('citizen_id', '=', citizenId).execute();
      await trx.insertInto('favourite_services').values(hundred.map((s) => ({ citizen_id: citizenId, service_id: s.id }))).execute();
    });
    expect(await listOf(marco)).toHaveLength(100);

    const r = await inject(marco, { method: 'PUT', url: one(last!.id) });
    expect(r.statusCode, r.body).toBe(409);
    expect((r.json() as { detail: string }).detail).toMatch(/100 servizi preferiti: togline uno/);
    // one already among them may be starred again without trouble
    expect((await inject(marco, { method: 'PUT', url: one(hundred[0]!.id) })).statusCode).toBe(204);
    // after removing one there is room again
    expect((await inject(marco, { method: 'DELETE', url: one(hundred[0]!.id) })).statusCode).toBe(204);
    expect((await inject(marco, { method: 'PUT', url: one(last!.id) })).statusCode).toBe(204);
    const after = await listOf(marco);
    expect(after).toHaveLength(100);
    expect(after[0]!.serviceId).toBe(last!.id);
  });
});
