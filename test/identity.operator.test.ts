import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IDENTITIES } from '../src/server/modules/identity/test-idp/identities.ts';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, sessionFrom } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const [admin, otherAdmin] = [DEMO_ADMINS[1]!, DEMO_ADMINS[2]!];

describe('operators sign in with password and TOTP, or through the OpenID provider', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let tenantId: string;
  let officeId: string;
  beforeAll(async () => {
    t = await testApp({ demo: true });
    const tenant = (await t.app.inject({ url: `/api/v1/tenants/${admin.tenantSlug}` })).json();
    tenantId = tenant.id;
    officeId = (await t.app.inject({ url: `/api/v1/tenants/${admin.tenantSlug}/offices` })).json().items[0].id;
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email, password } });
  const totp = (challenge: string, code: string) => t.app.inject({ method: 'POST', url: '/auth/operator/totp', payload: { challenge, code } });
  const audit = (action: string) => inScope(t.database.db, { platform: true }, (trx) =>
    trx.selectFrom('audit_log').select(['actor', 'target', 'details']).where('action', '=', action).execute());

  it('an administrator enrols TOTP with a QR code at the first sign-in; a wrong code is refused, then a code is required', async () => {
    const first = await login(admin.email, admin.password);
    expect(first.statusCode).toBe(200);
    const step = first.json();
    expect(step.status).toBe('totp_enrolment');
    expect(step.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(step.otpauthUri).toMatch(/^otpauth:\/\/totp\/Sportello:.+secret=/);
    expect(first.cookies.find((c) => c.name === 'sportello_session')).toBeUndefined();
    expect((await totp(step.challenge, '000000')).statusCode).toBe(401);
    const ok = await totp(step.challenge, await generate({ secret: step.secret }));
    expect(ok.statusCode, ok.body).toBe(200);
    const session = sessionFrom(ok);
    const me = await t.app.inject(as(session, { url: '/api/v1/me' }));
    expect(me.json()).toMatchObject({ kind: 'operator', roles: ['tenant_admin'], auth: { method: 'password_totp', level: null } });
    expect((await audit('totp.enrolled')).length).toBe(1);

    // from now on the code is asked, and the secret is never shown again
    const second = await login(admin.email, admin.password);
    expect(second.json()).toEqual({ status: 'totp_required', challenge: expect.any(String) });
    // the code just used is good once only
    expect((await totp(second.json().challenge, await generate({ secret: step.secret }))).statusCode).toBe(401);
    // a forged or tampered challenge is refused
    expect((await totp(second.json().challenge.replace(/.$/, 'x'), '123456')).statusCode).toBe(401);
  });

  it('locks an account after five failed attempts in a row, and audits it', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login(otherAdmin.email, `wrong-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    const right = await login(otherAdmin.email, otherAdmin.password);
    expect(right.statusCode).toBe(429);
    expect(right.json().detail).toMatch(/bloccato per \d+ minuti/);
    expect((await audit('login.locked')).length).toBe(1);
    const failures = await audit('login.failed');
    for (const f of failures) expect(JSON.stringify(f)).not.toContain(otherAdmin.email);
  });

  it('an office operator without a manager or admin role signs in with the password alone', async () => {
    await t.ctx.services.identity.createOperator({ tenantId, email: 'sportellista@castelrocca.example', name: 'Anna Sportello', password: 'Una-password-lunga-1',
      grants: [{ role: 'operator', officeId }], createdBy: 'test' });
    const r = await login('sportellista@castelrocca.example', 'Una-password-lunga-1');
    expect(r.json()).toEqual({ status: 'done' });
    const me = await t.app.inject(as(sessionFrom(r), { url: '/api/v1/me' }));
    expect(me.json().grants).toEqual([{ role: 'operator', officeId, comuni: [], sectors: [], targetAreas: [] }]);
  });

  it('an operator with a fiscal code signs in through the OpenID provider, a citizen without an account cannot', async () => {
    // the demo has Paolo Rinaldi, a person of the test provider, as an operator of Valdoro's registry office
    const person = TEST_IDENTITIES.find((i) => i.id === 'paolo-rinaldi')!;
    const account = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('operators').select(['name']).where('fiscal_code', '=', person.fiscalCode).executeTakeFirstOrThrow());
    expect(account.name).toBe('Paolo Rinaldi');
    // as a citizen (the default audience) the same person is a citizen, not an operator
    const { browser, finalUrl } = await citizenLogin(t.app, ORIGIN, 'paolo-rinaldi', { returnTo: '/backoffice' });
    expect(new URL(finalUrl).pathname).toBe('/backoffice');
    expect((await t.app.inject(as(browser.session(), { url: '/api/v1/me' }))).json().kind).toBe('citizen');

    const { InjectBrowser, pickerForm } = await import('./support/oidc-browser.ts');
    const op = new InjectBrowser(t.app, ORIGIN);
    const picker = await op.go('GET', '/auth/login?audience=operator&level=SpidL2&returnTo=/backoffice');
    await op.go('POST', pickerForm(picker.body, 'paolo-rinaldi'), { identity: 'paolo-rinaldi' });
    expect(new URL(op.lastUrl).pathname).toBe('/backoffice');
    const me = (await t.app.inject(as(op.session(), { url: '/api/v1/me' }))).json();
    expect(me).toMatchObject({ kind: 'operator', name: 'Paolo Rinaldi', roles: ['operator'], auth: { method: 'spid', level: 'SpidL2' } });

    const stranger = new InjectBrowser(t.app, ORIGIN);
    const page = await stranger.go('GET', '/auth/login?audience=operator&level=SpidL2');
    await stranger.go('POST', pickerForm(page.body, 'sara-villa'), { identity: 'sara-villa' });
    expect(stranger.lastUrl).toContain('/accesso-non-riuscito?motivo=no_operator_account');
  });

  it('API tokens are scoped to a tenant and role, expire, and stop working when revoked', async () => {
    const live = await t.ctx.services.identity.createToken({ tenantId, role: 'manager', name: 'cruscotto', days: 30, createdBy: 'test' });
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(live.token) });
    expect(me.json()).toMatchObject({ kind: 'token', roles: ['manager'], tenant: { id: tenantId } });
    const stored = await inScope(t.database.db, { tenantId }, (trx) => trx.selectFrom('api_tokens').select('token_hash').where('id', '=', live.id).executeTakeFirstOrThrow());
    expect(stored.token_hash).not.toContain(live.token.slice(4));

    const expired = await t.ctx.services.identity.createToken({ tenantId, role: 'manager', name: 'scaduto', days: 1, createdBy: 'test' });
    await inScope(t.database.db, { tenantId }, (trx) => trx.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.id).execute());
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(expired.token) })).statusCode).toBe(401);

    expect(await t.ctx.services.identity.revokeToken({ tenantId, tokenId: live.id, revokedBy: 'test' })).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(live.token) })).statusCode).toBe(401);
    expect((await audit('token.created')).map((a) => a.target)).toEqual(expect.arrayContaining([`token:${live.id}`, `token:${expired.id}`]));
    expect((await audit('token.revoked')).map((a) => a.target)).toContain(`token:${live.id}`);
    // a token's requests carry no cookie: no CSRF token is needed, nor given
    expect(me.json().csrfToken).toBeUndefined();
  });
});

describe('sign-in with a stale session cookie', () => {
  it('is not blocked by the CSRF guard (sign-in opens a session, it does not use one)', async () => {
    const t = await testApp({ demo: true });
    try {
      const r = await t.app.inject({ method: 'POST', url: '/auth/operator/login', cookies: { sportello_session: 'stale-token' },
        payload: { email: 'nobody@example.org', password: 'x' } });
      expect(r.statusCode).toBe(401);
      const write = await t.app.inject({ method: 'PUT', url: '/api/v1/me/acting-for', cookies: { sportello_session: 'stale-token' }, payload: {} });
      expect(write.statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});
