import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { operatorLogin, type TestSession } from './support/auth.ts';

describe('publishing a new version of a service card', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const [adminA, adminB] = [DEMO_ADMINS[0], DEMO_ADMINS[1]];
  let serviceId: string;
  let sessionA: TestSession;

  beforeAll(async () => {
    t = await testApp({ demo: true });
    const page = (await t.app.inject({ url: `/api/v1/services?tenant=${adminA.tenantSlug}&limit=1` })).json();
    serviceId = page.items[0].id;
    // an administrator's first sign-in enrols the second factor (TOTP)
    sessionA = await operatorLogin(t.app, adminA.email, adminA.password);
    expect(sessionA.totpSecret).toBeTruthy();
  });
  afterAll(() => t.close());

  it('refuses a wrong password with the same answer as an unknown e-mail', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: adminA.email, password: 'nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: 'nobody@example.org', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('limits login attempts per account, whatever X-Forwarded-For says', async () => {
    const guarded = await testApp({ config: { mode: 'development' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await guarded.app.inject({
          method: 'POST', url: '/auth/operator/login', headers: { 'x-forwarded-for': `203.0.113.${i}` },
          payload: { email: 'someone@example.org', password: `guess-${i}` },
        });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes.slice(10)).toEqual([429, 429]);
    } finally {
      await guarded.close();
    }
  });

  it('tells who is logged in', async () => {
    const me = await t.app.inject({ url: '/api/v1/me', cookies: sessionA.cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json().tenant.slug).toBe(adminA.tenantSlug);
    expect(me.json().roles).toContain('tenant_admin');
  });

  it('publishes version 2 while version 1 stays readable; a retried POST does not publish twice', async () => {
    const before = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json();
    const card = { ...before.card, title: `${before.card.title} (aggiornato)`, maxDays: before.card.maxDays + 1 };
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/services/${serviceId}/versions`,
        cookies: sessionA.cookies,
        headers: { ...sessionA.headers, 'idempotency-key': 'publish-test-0001' },
        payload: card,
      });
    const first = await post();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().version).toBe(before.version + 1);
    const retry = await post();
    expect(retry.statusCode).toBe(201);
    expect(retry.json().version).toBe(before.version + 1);

    const now = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json();
    expect(now.card.title).toMatch(/aggiornato/);
    expect(now.versions.map((v: { version: number }) => v.version)).toEqual([before.version + 1, before.version]);
    const old = (await t.app.inject({ url: `/api/v1/services/${serviceId}?version=${before.version}` })).json();
    expect(old.card.title).toBe(before.card.title);
    expect(old.version).toBe(before.version + 1); // the service's current version, while card is the one asked
    // the search sees the new title
    const found = (await t.app.inject({ url: `/api/v1/services?q=aggiornato` })).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(serviceId);
  });

  it('another process sees a published change within about a second (shared catalogue generation)', async () => {
    const { CatalogService } = await import('../src/server/modules/catalog/catalog.service.ts');
    const otherProcess = new CatalogService(t.database.db);
    expect((await otherProcess.search({ q: 'xilofonista' })).total).toBe(0); // now cached there
    const card = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json().card;
    const r = await t.app.inject({
      method: 'POST', url: `/api/v1/services/${serviceId}/versions`, cookies: sessionA.cookies, headers: sessionA.headers,
      payload: { ...card, keywords: [...card.keywords, 'xilofonista'] },
    });
    expect(r.statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await otherProcess.search({ q: 'xilofonista' })).total).toBe(1);
  });

  it('rejects a card with unknown codes, naming each field, and keeps the current version', async () => {
    const before = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json();
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/services/${serviceId}/versions`,
      cookies: sessionA.cookies,
      headers: sessionA.headers,
      payload: { ...before.card, category: 'astrologia', officeCode: 'nessuno', lifeEvents: ['luna_piena'] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['category', 'lifeEvents.0', 'officeCode']);
    const after = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json();
    expect(after.version).toBe(before.version);
  });

  it('answers 401 without login and 404 to another body\'s administrator', async () => {
    const card = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json().card;
    const anon = await t.app.inject({ method: 'POST', url: `/api/v1/services/${serviceId}/versions`, payload: card });
    expect(anon.statusCode).toBe(401);
    const b = await operatorLogin(t.app, adminB.email, adminB.password);
    const other = await t.app.inject({
      method: 'POST', url: `/api/v1/services/${serviceId}/versions`, cookies: b.cookies, headers: b.headers, payload: card,
    });
    expect(other.statusCode).toBe(404);
    // a session cookie without its CSRF token cannot write
    const forged = await t.app.inject({
      method: 'POST', url: `/api/v1/services/${serviceId}/versions`, cookies: sessionA.cookies, payload: card,
    });
    expect(forged.statusCode).toBe(403);
  });

  it('accepts an integrator token with the tenant_admin role', async () => {
    const tenant = (await t.app.inject({ url: `/api/v1/tenants/${adminA.tenantSlug}` })).json();
    const { token } = await t.ctx.services.identity.createToken({ tenantId: tenant.id, role: 'tenant_admin', name: 'test', createdBy: 'test' });
    const card = (await t.app.inject({ url: `/api/v1/services/${serviceId}` })).json().card;
    const r = await t.app.inject({
      method: 'POST', url: `/api/v1/services/${serviceId}/versions`, headers: { authorization: `Bearer ${token}` },
      payload: { ...card, keywords: [...card.keywords, 'token'] },
    });
    expect(r.statusCode, r.body).toBe(201);
  });

  it('row-level security stops a write to another tenant even if a service forgot to check', async () => {
    const tenants = (await t.app.inject({ url: '/api/v1/tenants' })).json().items as { id: string; slug: string }[];
    const a = tenants.find((x) => x.slug === adminA.tenantSlug)!;
    const b = tenants.find((x) => x.slug === adminB.tenantSlug)!;
    const updated = await inScope(t.database.db, { tenantId: a.id }, (trx) =>
      sql`UPDATE services SET title = 'hijacked' WHERE tenant_id = ${b.id}`.execute(trx),
    );
    expect(Number(updated.numAffectedRows ?? 0)).toBe(0);
    await expect(
      inScope(t.database.db, { tenantId: a.id }, (trx) =>
        sql`INSERT INTO offices (tenant_id, code, name, address, postal_code, city, province) VALUES (${b.id}, 'x', 'x', 'x', 'x', 'x', 'x')`.execute(trx),
      ),
    ).rejects.toThrow(/row-level security/);
    // nor attach a version to another tenant's service, or point a card at another tenant's office
    const serviceOfB = (await t.app.inject({ url: `/api/v1/services?tenant=${b.slug}&limit=1` })).json().items[0].id;
    await expect(
      inScope(t.database.db, { tenantId: a.id }, (trx) =>
        sql`INSERT INTO service_versions (tenant_id, service_id, version, card, published_by) VALUES (${a.id}, ${serviceOfB}, 999, '{}', 'x')`.execute(trx),
      ),
    ).rejects.toThrow(/foreign key/);
    const officeOfB = (await t.app.inject({ url: `/api/v1/tenants/${b.slug}/offices` })).json().items[0].id;
    await expect(
      inScope(t.database.db, { tenantId: a.id }, (trx) =>
        sql`UPDATE services SET office_id = ${officeOfB} WHERE tenant_id = ${a.id}`.execute(trx),
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(sql`DELETE FROM schema_migrations`.execute(t.database.db)).rejects.toThrow(/permission denied/);
    const reads = await sql<{ n: string }>`SELECT count(*)::text AS n FROM operators`.execute(t.database.db);
    expect(reads.rows[0].n).toBe('0'); // no tenant context: operators are invisible
  });
});
