import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLATFORM_ADMIN } from '../src/server/db/seed/demo/operators.ts';
import { AMBITO_SLUG, CASTELROCCA_SLUG, DEMO_ADMINS, DISTRICT_COMUNI, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';

type T = Awaited<ReturnType<typeof testApp>>;
interface Problem { status: number; detail: string; errors?: { path: string; message: string }[] }
interface RoleItem { id: string; role: string; office: { id: string; code: string; name: string } | null; comuni: { id: string; name: string }[]; targetAreas: string[] }
interface OperatorItem { id: string; email: string; name: string; disabled: boolean; totpEnrolled: boolean; lastLoginAt: string | null; roles: RoleItem[] }

const admin = (slug: string) => DEMO_ADMINS.find((a) => a.tenantSlug === slug)!;
const paths = (r: { json: () => unknown }) => ((r.json() as Problem).errors ?? []).map((e) => e.path).sort();

describe('organisation administration API', () => {
  let t: T;
  const ids: Record<string, string> = {};
  let castelrocca: TestSession;
  let valdoro: TestSession;
  let ambito: TestSession;
  let platform: TestSession;
  let manager: TestSession;
  let plainOperator: TestSession;
  let anagrafeOffice: string;
  let valdoroOffice: string;

  const req = (session: TestSession | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject(session ? as(session, { method, url, payload: payload as never, headers }) : { method, url, payload: payload as never, headers });
  const operatorsOf = async (session: TestSession, slug: string, q?: string) =>
    (await req(session, 'GET', `/api/v1/tenants/${slug}/operators?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`)).json().items as OperatorItem[];

  beforeAll(async () => {
    t = await testApp({ demo: true });
    for (const tenant of (await t.app.inject({ url: '/api/v1/tenants' })).json().items as { id: string; slug: string }[]) ids[tenant.slug] = tenant.id;
    castelrocca = await operatorLogin(t.app, admin(CASTELROCCA_SLUG).email, DEMO_PASSWORD);
    valdoro = await operatorLogin(t.app, admin(VALDORO_SLUG).email, DEMO_PASSWORD);
    ambito = await operatorLogin(t.app, admin(AMBITO_SLUG).email, DEMO_PASSWORD);
    platform = await operatorLogin(t.app, DEMO_PLATFORM_ADMIN, DEMO_PASSWORD);
    manager = await operatorLogin(t.app, 'g.pesenti@castelrocca.example', DEMO_PASSWORD);
    plainOperator = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    const offices = (await t.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/offices` })).json().items as { id: string; code: string }[];
    anagrafeOffice = offices.find((o) => o.code === 'anagrafe')!.id;
    valdoroOffice = ((await t.app.inject({ url: `/api/v1/tenants/${VALDORO_SLUG}/offices` })).json().items as { id: string }[])[0]!.id;
  });
  afterAll(() => t.close());

  describe('who may call', () => {
    it('answers 401 to anonymous callers on every administration route', async () => {
      const zero = '00000000-0000-4000-8000-000000000000';
      const office = { code: 'x', name: 'Ufficio', address: 'Via Roma 1', postalCode: '24029', city: 'Castelrocca', province: 'BG', openingHours: [] };
      const calls: [string, string, unknown?][] = [
        ['POST', '/api/v1/tenants', newTenant('comune-anonimo', 'c_x400')],
        ['POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices`, office],
        ['PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices/${anagrafeOffice}`, { name: 'Preso' }],
        ['GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`],
        ['POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`, { email: 'a@castelrocca.example', name: 'Ab', grants: [{ role: 'manager' }] }],
        ['PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${zero}`, { disabled: true }],
        ['POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${zero}/roles`, { role: 'manager' }],
        ['DELETE', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${zero}/roles/${zero}`],
        ['POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${zero}/totp-reset`],
        ['GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`],
        ['POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`, { name: 'Anonimo', role: 'operator' }],
        ['POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens/${zero}/revoke`],
        ['GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/audit`],
        ['POST', '/api/v1/associations', { leadTenantId: zero, memberTenantId: zero, description: 'Servizi' }],
      ];
      for (const [method, url, payload] of calls) {
        const r = await req(null, method as 'GET', url, payload);
        expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(401);
        expect(r.headers['content-type']).toMatch(/problem\+json/);
      }
    });

    it('answers 403 to roles without the permission', async () => {
      // a manager reads the operators but manages nothing
      expect((await req(manager, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`)).statusCode).toBe(200);
      expect((await req(manager, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`, { email: 'm1@castelrocca.example', name: 'Mm', grants: [{ role: 'manager' }] })).statusCode).toBe(403);
      expect((await req(manager, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`)).statusCode).toBe(403);
      expect((await req(manager, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/audit`)).statusCode).toBe(403);
      // a plain operator does not even read the list
      expect((await req(plainOperator, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`)).statusCode).toBe(403);
      // bodies and associations belong to platform administrators
      const r = await req(castelrocca, 'POST', '/api/v1/associations', { leadTenantId: ids[AMBITO_SLUG], memberTenantId: ids[VALDORO_SLUG], description: 'Servizi' });
      expect(r.statusCode).toBe(403);
      expect(r.json().detail).toMatch(/permess/);
      expect((await req(castelrocca, 'POST', '/api/v1/tenants', newTenant('comune-di-prova-403', 'c_x403'))).statusCode).toBe(403);
    });

    it("answers 404 for another body's objects, as if they did not exist", async () => {
      expect((await req(castelrocca, 'GET', `/api/v1/tenants/${VALDORO_SLUG}/operators`)).statusCode).toBe(404);
      expect((await req(castelrocca, 'GET', `/api/v1/tenants/${VALDORO_SLUG}/audit`)).statusCode).toBe(404);
      expect((await req(castelrocca, 'GET', `/api/v1/tenants/${VALDORO_SLUG}/tokens`)).statusCode).toBe(404);
      expect((await req(castelrocca, 'PATCH', `/api/v1/tenants/${VALDORO_SLUG}/offices/${valdoroOffice}`, { name: 'Preso' })).statusCode).toBe(404);
      // Valdoro's office through Castelrocca's path
      expect((await req(castelrocca, 'PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices/${valdoroOffice}`, { name: 'Preso' })).statusCode).toBe(404);
      // Valdoro's operator through Castelrocca's path
      const valdoroOperator = (await operatorsOf(valdoro, VALDORO_SLUG))[0]!;
      expect((await req(castelrocca, 'PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${valdoroOperator.id}`, { disabled: true })).statusCode).toBe(404);
      expect((await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${valdoroOperator.id}/roles`, { role: 'manager' })).statusCode).toBe(404);
      expect((await req(castelrocca, 'DELETE', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${valdoroOperator.id}/roles/${valdoroOperator.roles[0]!.id}`)).statusCode).toBe(404);
      expect((await req(castelrocca, 'GET', '/api/v1/tenants/ente-inesistente/operators')).statusCode).toBe(404);
    });

    it('refuses a cookie-authenticated write without the CSRF header', async () => {
      const r = await t.app.inject({ method: 'POST', url: `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`, cookies: castelrocca.cookies, payload: { name: 'Senza CSRF', role: 'operator' } });
      expect(r.statusCode).toBe(403);
    });
  });

  const newTenant = (slug: string, ipaCode: string) => ({
    slug, name: 'Comune di Pratolungo', type: 'comune', fiscalCode: '00432170165', ipaCode, aooCode: 'AOO_PL', parentId: ids[AMBITO_SLUG],
    email: 'info@pratolungo.example', website: 'https://www.pratolungo.example',
  });

  describe('bodies', () => {
    it('a platform administrator creates a body; a retried POST with the same key creates it once', async () => {
      const body = newTenant('comune-di-pratolungo', 'c_x901');
      const headers = { 'idempotency-key': 'tenant-create-0001' };
      const r = await req(platform, 'POST', '/api/v1/tenants', body, headers);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ slug: 'comune-di-pratolungo', type: 'comune', parentId: ids[AMBITO_SLUG], fiscalCode: '00432170165' });
      const again = await req(platform, 'POST', '/api/v1/tenants', body, headers);
      expect(again.statusCode).toBe(201);
      expect(again.json().id).toBe(r.json().id);
      expect((await t.app.inject({ url: '/api/v1/tenants/comune-di-pratolungo' })).statusCode).toBe(200);
      ids['comune-di-pratolungo'] = r.json().id;
      const audit = (await req(platform, 'GET', `/api/v1/tenants/comune-di-pratolungo/audit`)).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toContain('tenant.created');
    });

    it('names every wrong field of a new body, and refuses a taken address', async () => {
      const bad = await req(platform, 'POST', '/api/v1/tenants', { ...newTenant('Comune Sbagliato', 'c x'), fiscalCode: '12345678901', email: 'non-una-mail' });
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['body.email', 'body.fiscalCode', 'body.ipaCode', 'body.slug']);
      expect(bad.json().errors.find((e: { path: string }) => e.path === 'body.fiscalCode').message).toMatch(/11 cifre/);
      const unknownField = await req(platform, 'POST', '/api/v1/tenants', { ...newTenant('comune-di-x', 'c_x902'), sindaco: 'Rossi' });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().errors[0].message).toMatch(/sconosciuto/);
      const badType = await req(platform, 'POST', '/api/v1/tenants', { ...newTenant('comune-di-x', 'c_x902'), type: 'regno' });
      expect(paths(badType)).toEqual(['body.type']);
      const taken = await req(platform, 'POST', '/api/v1/tenants', newTenant(CASTELROCCA_SLUG, 'c_x903'));
      expect(taken.statusCode).toBe(409);
      expect(paths(taken)).toEqual(['body.slug']);
    });
  });

  describe('offices', () => {
    const office = {
      code: 'protezione_civile', name: 'Protezione civile', address: 'Via Roma 1', postalCode: '24029', city: 'Castelrocca', province: 'bg',
      email: 'protezionecivile@castelrocca.example', openingHours: [{ days: [1, 3], opens: '09:00', closes: '12:00' }],
    };
    let officeId: string;

    it('a tenant administrator creates an office; it is listed with its hours', async () => {
      const r = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices`, office, { 'idempotency-key': 'office-create-0001' });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ code: 'protezione_civile', province: 'BG', openingHours: [{ days: [1, 3], opens: '09:00', closes: '12:00' }] });
      officeId = r.json().id;
      const listed = (await t.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/offices` })).json().items;
      expect(listed.map((o: { code: string }) => o.code)).toContain('protezione_civile');
    });

    it('updates some fields of an office and keeps the others', async () => {
      const r = await req(castelrocca, 'PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices/${officeId}`, { name: 'Protezione civile e sicurezza', phone: '+39 035 990 1199' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ name: 'Protezione civile e sicurezza', phone: '+39 035 990 1199', address: 'Via Roma 1', code: 'protezione_civile' });
      // a JSON merge patch (RFC 7396), as the OpenAPI document declares
      const merge = await req(castelrocca, 'PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices/${officeId}`, JSON.stringify({ phone: '' }),
        { 'content-type': 'application/merge-patch+json' });
      expect(merge.statusCode, merge.body).toBe(200);
      expect(merge.json().phone).toBeUndefined();
    });

    it('says which fields are wrong, and refuses a code the body already uses', async () => {
      const bad = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices`, {
        ...office, code: 'Ufficio Nuovo', postalCode: '123', province: 'Bergamo', openingHours: [{ days: [1], opens: '14:00', closes: '09:00' }, { days: [2], opens: '25:00', closes: '26:00' }],
      });
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['body.code', 'body.openingHours.0.closes', 'body.openingHours.1.closes', 'body.openingHours.1.opens', 'body.postalCode', 'body.province']);
      expect(bad.json().detail).toMatch(/CAP/);
      const missing = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices`, { code: 'x' });
      expect(missing.statusCode).toBe(400);
      expect(paths(missing)).toEqual(expect.arrayContaining(['body.name', 'body.address', 'body.postalCode', 'body.city', 'body.province', 'body.openingHours']));
      const dup = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices`, { ...office, code: 'anagrafe' });
      expect(dup.statusCode).toBe(409);
      expect(paths(dup)).toEqual(['body.code']);
      const empty = await req(castelrocca, 'PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/offices/${officeId}`, {});
      expect(empty.statusCode).toBe(400);
    });
  });

  describe('operators and roles', () => {
    let created: { operator: OperatorItem; temporaryPassword: string };
    let session: TestSession;
    /** chosen at the first sign-in, which a temporary password requires */
    const ownPassword = 'Sette-castagne-sotto-la-neve';

    it('lists the operators with their roles, offices and sign-in state', async () => {
      const list = await operatorsOf(castelrocca, CASTELROCCA_SLUG);
      const laura = list.find((o) => o.email === 'l.brembilla@castelrocca.example')!;
      expect(laura.roles).toMatchObject([{ role: 'operator', office: { code: 'anagrafe' } }]);
      expect(laura.lastLoginAt).not.toBeNull();
      const marta = list.find((o) => o.email === admin(CASTELROCCA_SLUG).email)!;
      expect(marta).toMatchObject({ totpEnrolled: true, disabled: false });
      expect(list.every((o) => !o.email.endsWith('valdoro.example'))).toBe(true);
      // pages follow each other without repeating anyone
      const first = (await req(castelrocca, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators?limit=2`)).json();
      const second = (await req(castelrocca, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators?limit=2&cursor=${first.nextCursor}`)).json();
      expect(first.items).toHaveLength(2);
      expect(second.items[0].id).not.toBe(first.items[1].id);
      expect([...first.items, ...second.items].map((o: OperatorItem) => o.id)).toEqual(list.slice(0, 4).map((o) => o.id));
      expect((await operatorsOf(castelrocca, CASTELROCCA_SLUG, 'brembilla')).map((o) => o.name)).toEqual(['Laura Brembilla']);
      const one = await req(manager, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${laura.id}`);
      expect(one.json()).toEqual(laura);
      expect((await req(valdoro, 'GET', `/api/v1/tenants/${VALDORO_SLUG}/operators/${laura.id}`)).statusCode).toBe(404);
      expect((await req(castelrocca, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators?cursor=abc`)).statusCode).toBe(400);
    });

    it('creates an operator with a role in an office and a temporary password shown once; they sign in with it and choose their own', async () => {
      const r = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`, {
        email: ' Nuovo.Operatore@Castelrocca.example ', name: 'Nuovo Operatore', grants: [{ role: 'operator', officeId: anagrafeOffice }],
      });
      expect(r.statusCode, r.body).toBe(201);
      created = r.json();
      expect(created.operator).toMatchObject({ email: 'nuovo.operatore@castelrocca.example', disabled: false, totpEnrolled: false, lastLoginAt: null });
      expect(created.operator.roles).toMatchObject([{ role: 'operator', office: { id: anagrafeOffice, code: 'anagrafe' } }]);
      expect(created.temporaryPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
      // shown once: the list never carries it
      expect(JSON.stringify(await operatorsOf(castelrocca, CASTELROCCA_SLUG))).not.toContain(created.temporaryPassword);
      session = await operatorLogin(t.app, created.operator.email, created.temporaryPassword, { newPassword: ownPassword });
      const me = await req(session, 'GET', '/api/v1/me');
      expect(me.json()).toMatchObject({ kind: 'operator', name: 'Nuovo Operatore' });
    });

    it('says what is wrong with a new operator', async () => {
      const url = `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`;
      const bad = await req(castelrocca, 'POST', url, {
        email: 'non-una-mail', name: 'Rossi', fiscalCode: 'RSSMRA80A01H501X',
        grants: [{ role: 'operator' }, { role: 'desk', officeId: valdoroOffice }, { role: 'manager', officeId: anagrafeOffice }, { role: 'operator', officeId: anagrafeOffice, targetAreas: ['anziani'] }],
      });
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['body.email', 'body.fiscalCode', 'body.grants.0.officeId', 'body.grants.1.officeId', 'body.grants.2.officeId', 'body.grants.3.targetAreas']);
      expect(bad.json().errors.find((e: { path: string }) => e.path === 'body.grants.0.officeId').message).toMatch(/ufficio/);
      const badArea = await req(castelrocca, 'POST', url, { email: 'x@castelrocca.example', name: 'Xx', grants: [{ role: 'social_worker', targetAreas: ['astrologia'] }] });
      expect(paths(badArea)).toEqual(['body.grants.0.targetAreas.0']);
      const noGrants = await req(castelrocca, 'POST', url, { email: 'x@castelrocca.example', name: 'Xx', grants: [] });
      expect(paths(noGrants)).toEqual(['body.grants']);
      const taken = await req(castelrocca, 'POST', url, { email: 'l.brembilla@castelrocca.example', name: 'Laura', grants: [{ role: 'manager' }] });
      expect(taken.statusCode).toBe(409);
      expect(paths(taken)).toEqual(['body.email']);
      const escalation = await req(castelrocca, 'POST', url, { email: 'boss@castelrocca.example', name: 'Boss', grants: [{ role: 'platform_admin' }] });
      expect(escalation.statusCode).toBe(403);
    });

    it("scopes a social worker to comuni the body serves, and to known target areas", async () => {
      const url = `/api/v1/tenants/${AMBITO_SLUG}/operators`;
      const ok = await req(ambito, 'POST', url, {
        email: 'nuova.as@ambitovalleorsa.example', name: 'Nuova Assistente', fiscalCode: 'rssmra80a01h501u',
        grants: [{ role: 'social_worker', comuni: [ids[VALDORO_SLUG]], sectors: ['Minori', ' Minori '], targetAreas: ['famiglie_minori', 'anziani'] }],
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().operator.roles[0]).toMatchObject({ role: 'social_worker', comuni: [{ id: ids[VALDORO_SLUG], name: 'Comune di Valdoro' }], sectors: ['Minori'], targetAreas: ['famiglie_minori', 'anziani'] });
      // Castelrocca serves no other comune: Valdoro is outside its scope
      const outside = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`, {
        email: 'as@castelrocca.example', name: 'As Cr', grants: [{ role: 'social_worker', comuni: [ids[CASTELROCCA_SLUG], ids[VALDORO_SLUG]] }],
      });
      expect(outside.statusCode).toBe(400);
      expect(paths(outside)).toEqual(['body.grants.0.comuni.1']);
      const sameCode = await req(ambito, 'POST', url, { email: 'altra@ambitovalleorsa.example', name: 'Altra', fiscalCode: 'RSSMRA80A01H501U', grants: [{ role: 'social_worker' }] });
      expect(sameCode.statusCode).toBe(409);
      expect(paths(sameCode)).toEqual(['body.fiscalCode']);
    });

    it('grants and revokes roles; a retried grant with the same key grants once', async () => {
      const url = `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${created.operator.id}/roles`;
      const headers = { 'idempotency-key': 'grant-desk-0001' };
      const granted = await req(castelrocca, 'POST', url, { role: 'desk', officeId: anagrafeOffice }, headers);
      expect(granted.statusCode, granted.body).toBe(201);
      expect(granted.json().roles.map((r: RoleItem) => r.role)).toEqual(['operator', 'desk']);
      expect((await req(castelrocca, 'POST', url, { role: 'desk', officeId: anagrafeOffice }, headers)).json()).toEqual(granted.json());
      const dup = await req(castelrocca, 'POST', url, { role: 'desk', officeId: anagrafeOffice });
      expect(dup.statusCode).toBe(409);
      expect((await req(castelrocca, 'POST', url, { role: 'desk' })).statusCode).toBe(400);
      expect((await req(castelrocca, 'POST', url, { role: 'platform_admin' })).statusCode).toBe(403);
      expect((await req(castelrocca, 'POST', url, { role: 'capo' })).statusCode).toBe(400);
      // the new role counts at once, in the operator's current session
      expect((await req(session, 'GET', '/api/v1/me')).json().roles).toEqual(expect.arrayContaining(['operator', 'desk']));

      const desk = granted.json().roles.find((r: RoleItem) => r.role === 'desk');
      const revoked = await req(castelrocca, 'DELETE', `${url}/${desk.id}`);
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json().roles.map((r: RoleItem) => r.role)).toEqual(['operator']);
      expect((await req(castelrocca, 'DELETE', `${url}/${desk.id}`)).statusCode).toBe(404);
    });

    it('an administrator keeps their own last administrator role and cannot disable themselves', async () => {
      const me = (await operatorsOf(castelrocca, CASTELROCCA_SLUG)).find((o) => o.email === admin(CASTELROCCA_SLUG).email)!;
      const own = await req(castelrocca, 'DELETE', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${me.id}/roles/${me.roles[0]!.id}`);
      expect(own.statusCode).toBe(409);
      expect(own.json().detail).toMatch(/ultimo ruolo di amministratore/);
      const self = await req(castelrocca, 'PATCH', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${me.id}`, { disabled: true });
      expect(self.statusCode).toBe(409);
      expect((await req(castelrocca, 'GET', '/api/v1/me')).statusCode).toBe(200);
    });

    it('a disabled operator is signed out at once and cannot sign in; enabled again, they can', async () => {
      const url = `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${created.operator.id}`;
      expect((await req(session, 'GET', '/api/v1/me')).statusCode).toBe(200);
      const off = await req(castelrocca, 'PATCH', url, { disabled: true });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().disabled).toBe(true);
      expect((await req(session, 'GET', '/api/v1/me')).statusCode).toBe(401);
      const login = await t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: created.operator.email, password: ownPassword } });
      expect(login.statusCode).toBe(403);
      expect(login.json().detail).toMatch(/disabilitato/);
      expect((await req(castelrocca, 'PATCH', url, { disabled: 'sì' })).statusCode).toBe(400);
      const on = await req(castelrocca, 'PATCH', url, { disabled: false });
      expect(on.json().disabled).toBe(false);
      session = await operatorLogin(t.app, created.operator.email, ownPassword);
      expect((await req(session, 'GET', '/api/v1/me')).statusCode).toBe(200);
    });

    it("resets an operator's TOTP: their sessions end and the next sign-in enrols again", async () => {
      const pesenti = (await operatorsOf(castelrocca, CASTELROCCA_SLUG, 'pesenti'))[0]!;
      expect(pesenti.totpEnrolled).toBe(true);
      const r = await req(castelrocca, 'POST', `/api/v1/tenants/${CASTELROCCA_SLUG}/operators/${pesenti.id}/totp-reset`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().totpEnrolled).toBe(false);
      expect((await req(manager, 'GET', '/api/v1/me')).statusCode).toBe(401);
      const login = await t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: pesenti.email, password: DEMO_PASSWORD } });
      expect(login.json().status).toBe('totp_enrolment');
    });

    it("only a platform administrator acts on a platform administrator's account", async () => {
      const [pa] = await operatorsOf(ambito, AMBITO_SLUG, 'piattaforma');
      expect(pa!.roles.map((r) => r.role)).toEqual(['platform_admin']);
      expect((await req(ambito, 'PATCH', `/api/v1/tenants/${AMBITO_SLUG}/operators/${pa!.id}`, { disabled: true })).statusCode).toBe(403);
      expect((await req(ambito, 'DELETE', `/api/v1/tenants/${AMBITO_SLUG}/operators/${pa!.id}/roles/${pa!.roles[0]!.id}`)).statusCode).toBe(403);
      // a platform administrator works in any body
      expect((await req(platform, 'GET', `/api/v1/tenants/${VALDORO_SLUG}/operators`)).statusCode).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('creates a token shown once; it works until revoked', async () => {
      const url = `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`;
      const r = await req(castelrocca, 'POST', url, { name: 'Gestionale protocollo', role: 'tenant_admin', days: 30 });
      expect(r.statusCode, r.body).toBe(201);
      const created = r.json();
      expect(created).toMatchObject({ name: 'Gestionale protocollo', role: 'tenant_admin', status: 'active', createdBy: { kind: 'operator', name: admin(CASTELROCCA_SLUG).name } });
      expect(created.token).toMatch(/^spt_/);
      expect(new Date(created.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
      const list = await req(castelrocca, 'GET', url);
      expect(list.body).not.toContain(created.token);
      expect(list.json().items[0].id).toBe(created.id);

      const bearer = { authorization: `Bearer ${created.token}` };
      expect((await t.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`, headers: bearer })).statusCode).toBe(200);
      expect((await t.app.inject({ url: `/api/v1/tenants/${VALDORO_SLUG}/operators`, headers: bearer })).statusCode).toBe(404);

      const revoked = await req(castelrocca, 'POST', `${url}/${created.id}/revoke`);
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: { name: admin(CASTELROCCA_SLUG).name } });
      expect((await t.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/operators`, headers: bearer })).statusCode).toBe(401);
      expect((await req(castelrocca, 'POST', `${url}/${created.id}/revoke`)).statusCode).toBe(409);
      // another body cannot revoke it, nor see it
      expect((await req(valdoro, 'POST', `/api/v1/tenants/${VALDORO_SLUG}/tokens/${created.id}/revoke`)).statusCode).toBe(404);
    });

    it('refuses a bad token request', async () => {
      const url = `/api/v1/tenants/${CASTELROCCA_SLUG}/tokens`;
      const bad = await req(castelrocca, 'POST', url, { name: '', role: 'imperatore', days: 5000 });
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['body.days', 'body.name', 'body.role']);
      expect((await req(castelrocca, 'POST', url, { name: 'Escalation', role: 'platform_admin' })).statusCode).toBe(403);
    });
  });

  describe('audit log', () => {
    it("shows the body's own entries, newest first, naming its operators", async () => {
      const r = await req(castelrocca, 'GET', `/api/v1/tenants/${CASTELROCCA_SLUG}/audit?limit=100`);
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json().items as { seq: string; action: string; actor: { kind: string; name: string | null }; target: { kind: string; name: string | null } | null }[];
      const actions = items.map((e) => e.action);
      for (const a of ['login.succeeded', 'operator.created', 'role.granted', 'role.revoked', 'operator.disabled', 'operator.enabled', 'token.created', 'token.revoked', 'office.created', 'office.updated', 'totp.reset']) {
        expect(actions, a).toContain(a);
      }
      expect(items.map((e) => Number(e.seq))).toEqual([...items.map((e) => Number(e.seq))].sort((x, y) => y - x));
      const creation = items.find((e) => e.action === 'operator.created' && e.target?.name === 'Nuovo Operatore')!;
      expect(creation.actor).toMatchObject({ kind: 'operator', name: admin(CASTELROCCA_SLUG).name });
      expect(items.find((e) => e.action === 'token.created')!.target).toMatchObject({ kind: 'token', name: 'Gestionale protocollo' });
      expect(items.find((e) => e.action === 'office.created')!.target).toMatchObject({ kind: 'office', name: 'Protezione civile e sicurezza' });
    });

    it('filters by action and pages with before; other bodies do not see the entries', async () => {
      const url = `/api/v1/tenants/${CASTELROCCA_SLUG}/audit`;
      const roles = (await req(castelrocca, 'GET', `${url}?action=role.granted`)).json();
      expect(roles.items.length).toBeGreaterThan(0);
      expect(roles.items.every((e: { action: string }) => e.action === 'role.granted')).toBe(true);
      const first = (await req(castelrocca, 'GET', `${url}?limit=3`)).json();
      expect(first.items).toHaveLength(3);
      const next = (await req(castelrocca, 'GET', `${url}?limit=3&before=${first.nextBefore}`)).json();
      expect(Number(next.items[0].seq)).toBeLessThan(Number(first.items[2].seq));
      expect(paths(await req(castelrocca, 'GET', `${url}?action=furto`))).toEqual(['query.action']);

      const theirs = (await req(valdoro, 'GET', `/api/v1/tenants/${VALDORO_SLUG}/audit?limit=100`)).json().items as { target: { name: string | null } | null; actor: { name: string | null } }[];
      expect(theirs.some((e) => e.target?.name === 'Nuovo Operatore' || e.actor.name === admin(CASTELROCCA_SLUG).name)).toBe(false);
    });
  });

  describe('associated management', () => {
    it('is public: the Ambito leads both comuni', async () => {
      const r = await t.app.inject({ url: `/api/v1/tenants/${CASTELROCCA_SLUG}/associations` });
      expect(r.statusCode).toBe(200);
      expect(r.json().items).toMatchObject([{ lead: { slug: AMBITO_SLUG }, member: { slug: CASTELROCCA_SLUG } }]);
      const lead = (await t.app.inject({ url: `/api/v1/tenants/${AMBITO_SLUG}/associations` })).json();
      // the two comuni with services, and the district's three small comuni (demo/tenants.ts DISTRICT_COMUNI)
      expect(lead.items.map((a: { member: { slug: string } }) => a.member.slug).sort())
        .toEqual([CASTELROCCA_SLUG, VALDORO_SLUG, ...DISTRICT_COMUNI.map((c) => c.slug)].sort());
      expect((await t.app.inject({ url: '/api/v1/tenants/ente-inesistente/associations' })).statusCode).toBe(404);
    });

    it('a platform administrator records one; the lead body then serves the member', async () => {
      const body = { leadTenantId: ids[VALDORO_SLUG], memberTenantId: ids['comune-di-pratolungo'], description: 'Polizia locale in convenzione' };
      const r = await req(platform, 'POST', '/api/v1/associations', body, { 'idempotency-key': 'assoc-create-0001' });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ lead: { slug: VALDORO_SLUG }, member: { slug: 'comune-di-pratolungo' }, description: 'Polizia locale in convenzione' });
      expect((await req(platform, 'POST', '/api/v1/associations', body)).statusCode).toBe(409);
      const same = await req(platform, 'POST', '/api/v1/associations', { ...body, memberTenantId: ids[VALDORO_SLUG] });
      expect(same.statusCode).toBe(400);
      expect(paths(same)).toEqual(['body.memberTenantId']);
      const unknown = await req(platform, 'POST', '/api/v1/associations', { ...body, leadTenantId: '00000000-0000-4000-8000-000000000000' });
      expect(paths(unknown)).toEqual(['body.leadTenantId']);
      // both bodies' logs record it
      for (const [session, slug, other] of [[valdoro, VALDORO_SLUG, 'comune-di-pratolungo'], [platform, 'comune-di-pratolungo', VALDORO_SLUG]] as const) {
        const log = (await req(session, 'GET', `/api/v1/tenants/${slug}/audit?action=association.created`)).json();
        expect(log.items.filter((e: { target: { ref: string } }) => e.target.ref === `tenant:${ids[other]}`), slug).toMatchObject([
          { actor: { kind: 'operator', name: null }, target: { kind: 'tenant', name: other === VALDORO_SLUG ? 'Comune di Valdoro' : 'Comune di Pratolungo' } },
        ]);
      }
      // a social worker of Valdoro may now be scoped to the member comune
      const sw = await req(valdoro, 'POST', `/api/v1/tenants/${VALDORO_SLUG}/operators`, {
        email: 'as@valdoro.example', name: 'As Valdoro', grants: [{ role: 'social_worker', comuni: [ids['comune-di-pratolungo']] }],
      });
      expect(sw.statusCode, sw.body).toBe(201);
    });
  });
});
