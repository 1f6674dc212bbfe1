import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin } from './support/auth.ts';
import { citizenLogin, InjectBrowser, pickerForm } from './support/oidc-browser.ts';

/** Each test here reproduces a defect a security review found, and shows it closed. */
const ORIGIN = 'http://localhost:3000';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const boundary = 'hardening-boundary';
const multipart = (fields: Record<string, string>, fileName: string) => ({
  payload: Buffer.concat([
    Buffer.from(Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`, 'utf8'),
    PDF, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]),
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
});
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const fields = (validUntil = inDays(30)) => ({ delegatorFiscalCode: 'RSSMRA80A01H501U', delegatorGivenName: 'Mario', delegatorFamilyName: 'Rossi',
  purpose: 'Pratica di prova', validUntil });

describe('identity hardening', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let tenantId: string;
  let officeId: string;
  beforeAll(async () => {
    t = await testApp({ demo: true });
    tenantId = (await t.app.inject({ url: '/api/v1/tenants/comune-di-castelrocca' })).json().id;
    officeId = (await t.app.inject({ url: '/api/v1/tenants/comune-di-castelrocca/offices' })).json().items[0].id;
  });
  afterAll(() => t.close());

  it('checks CSRF on the route that matched, so a percent-encoded path does not slip past', async () => {
    const s = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    const cookiesOnly = { cookies: s.cookies };
    for (const url of ['/%61pi/v1/me/acting-for', '/api/v1/me/acting-for']) {
      const r = await t.app.inject({ ...cookiesOnly, method: 'PUT', url, payload: { kind: 'self', id: '00000000-0000-4000-8000-000000000000' } });
      expect(r.statusCode, url).toBe(403);
    }
    const up = multipart(fields(), 'delega.pdf');
    expect((await t.app.inject({ ...cookiesOnly, method: 'POST', url: '/%61pi/v1/me/delegations', payload: up.payload, headers: up.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ ...cookiesOnly, method: 'POST', url: '/%61uth/logout' })).statusCode).toBe(403);
  });

  it('a role that needs a second factor does not count in a session signed in with a password alone', async () => {
    await t.ctx.services.identity.createOperator({ tenantId, email: 'promosso@castelrocca.example', name: 'Promosso', password: 'Password-promosso-1',
      grants: [{ role: 'operator', officeId }], createdBy: 'test' });
    const plain = await operatorLogin(t.app, 'promosso@castelrocca.example', 'Password-promosso-1');
    const admin = await operatorLogin(t.app, DEMO_ADMINS[1]!.email, DEMO_ADMINS[1]!.password);
    const op = (await t.app.inject(as(plain, { url: '/api/v1/me' }))).json();
    const granted = await t.app.inject(as(admin, { method: 'POST', url: `/api/v1/tenants/${tenantId}/operators/${op.id}/roles`, payload: { role: 'tenant_admin' } }));
    expect(granted.statusCode, granted.body).toBeLessThan(300);
    // the promoted operator's password-only session is over; had it survived, the new role would not count in it
    expect((await t.app.inject(as(plain, { url: '/api/v1/me' }))).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: 'promosso@castelrocca.example', password: 'Password-promosso-1' } });
    expect(again.json().status).toBe('totp_enrolment');
  });

  it('operators cannot sign in with SPID at level 1: the request is raised to level 2, and a level-1 answer is refused', async () => {
    const b = new InjectBrowser(t.app, ORIGIN);
    const picker = await b.go('GET', '/auth/login?audience=operator&level=SpidL1&returnTo=/backoffice');
    expect(picker.body).toContain('Livello 2');
    await b.go('POST', pickerForm(picker.body, 'paolo-rinaldi'), { identity: 'paolo-rinaldi' });
    expect((await t.app.inject(as(b.session(), { url: '/api/v1/me' }))).json()).toMatchObject({ kind: 'operator', auth: { level: 'SpidL2' } });
    const pending = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('audit_log').select('details')
      .where('action', '=', 'login.succeeded').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
    expect(pending.details).toMatchObject({ level: 'SpidL2' });
  });

  it('after a lock has run out, one more mistake does not lock the account again', async () => {
    await t.ctx.services.identity.createOperator({ tenantId, email: 'distratto@castelrocca.example', name: 'Distratto', password: 'Password-distratto-1',
      grants: [{ role: 'operator', officeId }], createdBy: 'test' });
    const login = (password: string) => t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email: 'distratto@castelrocca.example', password } });
    for (let i = 0; i < 5; i++) await login(`sbagliata-${i}`);
    expect((await login('Password-distratto-1')).statusCode).toBe(429);
    await inScope(t.database.db, { platform: true }, (trx) =>
      trx.updateTable('operators').set({ locked_until: new Date(Date.now() - 1000) }).where('email', '=', 'distratto@castelrocca.example').execute());
    expect((await login('ancora-sbagliata')).statusCode).toBe(401);
    expect((await login('Password-distratto-1')).statusCode).toBe(200);
  });

  it('a document with a name in any alphabet downloads; impossible dates and broken multipart get 400, not 500', async () => {
    const s = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    const up = multipart(fields(), '委任状 délégation.pdf');
    const created = await t.app.inject(as(s, { method: 'POST', url: '/api/v1/me/delegations', payload: up.payload, headers: up.headers }));
    expect(created.statusCode, created.body).toBe(201);
    const doc = await t.app.inject(as(s, { url: `/api/v1/me/delegations/${created.json().id}/document` }));
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('委任状 délégation.pdf')}`);

    const year = new Date().getUTCFullYear() + 1;
    const feb30 = multipart(fields(`${year}-02-30`), 'delega.pdf');
    const bad = await t.app.inject(as(s, { method: 'POST', url: '/api/v1/me/delegations', payload: feb30.payload, headers: feb30.headers }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['validUntil']);
    const noBoundary = await t.app.inject(as(s, { method: 'POST', url: '/api/v1/me/delegations', payload: 'x', headers: { 'content-type': 'multipart/form-data' } }));
    expect(noBoundary.statusCode).toBe(400);
  });

  it('a returnTo with non-ASCII characters survives the login instead of breaking the redirect', async () => {
    const { finalUrl, final } = await citizenLogin(t.app, ORIGIN, 'elena-conti', { returnTo: '/servizi?q=città €' });
    expect(final.statusCode).not.toBe(500);
    expect(decodeURIComponent(new URL(finalUrl).search)).toBe('?q=città €');
  });
});
