import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMINS, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, sessionFrom, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const admin = DEMO_ADMINS.find((a) => a.tenantSlug === VALDORO_SLUG)!;

describe('passwords: a temporary one is replaced at the first sign-in; operators change their own', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let adminSession: TestSession;
  let tenantId: string;
  let officeId: string;
  beforeAll(async () => {
    t = await testApp({ demo: true });
    adminSession = await operatorLogin(t.app, admin.email, admin.password);
    tenantId = (await t.app.inject({ url: `/api/v1/tenants/${VALDORO_SLUG}` })).json().id;
    officeId = (await t.app.inject({ url: `/api/v1/tenants/${VALDORO_SLUG}/offices` })).json().items[0].id;
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/auth/operator/login', payload: { email, password } });
  const totp = (challenge: string, code: string) => t.app.inject({ method: 'POST', url: '/auth/operator/totp', payload: { challenge, code } });
  const choose = (challenge: string, newPassword: string) =>
    t.app.inject({ method: 'POST', url: '/auth/operator/password', payload: { challenge, newPassword } });
  const changeOwn = (session: TestSession, currentPassword: string, newPassword: string) =>
    t.app.inject(as(session, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword, newPassword } }));
  const me = (session: TestSession) => t.app.inject(as(session, { url: '/api/v1/me' }));
  const hasSessionCookie = (r: { cookies: { name: string; value: string }[] }) => r.cookies.some((c) => c.name === 'sportello_session' && c.value);
  const messages = (r: { json: () => { errors?: { path: string; message: string }[] } }) => r.json().errors ?? [];
  const audit = (action: string, target: string) => inScope(t.database.db, { platform: true }, (trx) =>
    trx.selectFrom('audit_log').select(['actor', 'target', 'details']).where('action', '=', action).where('target', '=', target).execute());
  const accountRow = (email: string) => inScope(t.database.db, { platform: true }, (trx) =>
    trx.selectFrom('operators').select(['id', 'password_must_change', 'password_changed_at', 'failed_logins']).where('email', '=', email).executeTakeFirstOrThrow());

  /** An account made by the administrator through the API, as the back office does: a temporary password, shown once. */
  async function createdByAdmin(email: string, grant: { role: string; officeId?: string }) {
    const r = await t.app.inject(as(adminSession, { method: 'POST', url: `/api/v1/tenants/${VALDORO_SLUG}/operators`,
      payload: { email, name: 'Persona Nuova', grants: [grant] } }));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { operator: { id: string; email: string }; temporaryPassword: string };
  }

  it('the demo accounts (made by the seed, not by an administrator) are not asked to change their password', async () => {
    const rows = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('operators').select(['email', 'password_must_change']).execute());
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.password_must_change)).toEqual([]);
  });

  it('an account created by an administrator must choose a new password at the first sign-in; no session before that', async () => {
    const { operator, temporaryPassword } = await createdByAdmin('c.nuova@valdoro.example', { role: 'operator', officeId });
    expect((await accountRow(operator.email)).password_must_change).toBe(true);

    const first = await login(operator.email, temporaryPassword);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ status: 'password_change', challenge: expect.any(String) });
    expect(hasSessionCookie(first)).toBe(false);
    const { challenge } = first.json();
    // the challenge is for this step only: the TOTP step refuses it, and a tampered one is refused
    expect((await totp(challenge, '123456')).statusCode).toBe(401);
    expect((await choose(challenge.replace(/.$/, 'x'), 'Una-password-nuova-e-lunga')).statusCode).toBe(401);

    // the rule, reported on newPassword, in Italian with English in brackets; each refusal opens no session
    const short = await choose(challenge, 'Corta-1');
    expect(short.statusCode).toBe(400);
    expect(short.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(messages(short)).toEqual([{ path: 'newPassword', message: expect.stringMatching(/almeno 12 caratteri.*\(use at least 12 characters\)/) }]);
    expect(hasSessionCookie(short)).toBe(false);
    const same = await choose(challenge, temporaryPassword);
    expect(messages(same)).toEqual([{ path: 'newPassword', message: expect.stringMatching(/diversa dalla password attuale \(must differ/) }]);
    const named = await choose(challenge, 'C.Nuova-del-comune-2026');
    expect(messages(named)).toEqual([{ path: 'newPassword', message: expect.stringMatching(/«c\.nuova».*\(must not contain/) }]);
    const common = await choose(challenge, 'Password1234');
    expect(messages(common)).toEqual([{ path: 'newPassword', message: expect.stringMatching(/troppo comune.*\(too common/) }]);
    const several = await choose(challenge, 'c.nuova');
    expect(messages(several).map((e) => e.message.slice(0, 12))).toEqual(['usa almeno 1', 'non deve con']);
    expect(several.json().detail).toMatch(/^La nuova password non è stata accettata: .*\(The new password was not accepted\.\)$/);

    const done = await choose(challenge, 'Tre-gatti-sul-tetto-di-Valdoro');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ status: 'done' });
    const session = sessionFrom(done);
    expect((await me(session)).json()).toMatchObject({ kind: 'operator', id: operator.id, auth: { method: 'password', level: null } });
    const row = await accountRow(operator.email);
    expect(row.password_must_change).toBe(false);
    expect(row.password_changed_at).toBeInstanceOf(Date);

    // the challenge is good once; the temporary password stops working; the new one signs in directly
    expect((await choose(challenge, 'Quattro-gatti-sul-tetto-di-Valdoro')).statusCode).toBe(401);
    expect((await login(operator.email, temporaryPassword)).statusCode).toBe(401);
    const again = await login(operator.email, 'Tre-gatti-sul-tetto-di-Valdoro');
    expect(again.json()).toEqual({ status: 'done' });

    expect(await audit('password.changed', `operator:${operator.id}`)).toEqual([
      { actor: `operator:${operator.id}`, target: `operator:${operator.id}`, details: { forced: true } },
    ]);
  });

  it('with a second factor the order is password, TOTP enrolment, new password, session', async () => {
    const { operator, temporaryPassword } = await createdByAdmin('responsabile.nuovo@valdoro.example', { role: 'manager' });
    const first = await login(operator.email, temporaryPassword);
    expect(first.json().status).toBe('totp_enrolment');
    const afterCode = await totp(first.json().challenge, await generate({ secret: first.json().secret }));
    expect(afterCode.statusCode, afterCode.body).toBe(200);
    expect(afterCode.json()).toEqual({ status: 'password_change', challenge: expect.any(String) });
    expect(hasSessionCookie(afterCode)).toBe(false);
    // the password-change challenge does not stand in for the code, nor the code's challenge for this step
    expect((await choose(first.json().challenge, 'Nove-nuvole-basse-sul-lago')).statusCode).toBe(401);
    const done = await choose(afterCode.json().challenge, 'Nove-nuvole-basse-sul-lago');
    expect(done.statusCode, done.body).toBe(200);
    expect((await me(sessionFrom(done))).json()).toMatchObject({ roles: ['manager'], auth: { method: 'password_totp' } });
    expect((await login(operator.email, 'Nove-nuvole-basse-sul-lago')).json().status).toBe('totp_required');
  });

  describe('a signed-in operator changes their own password', () => {
    const email = 'cambio.password@valdoro.example';
    const original = 'Prima-password-di-prova-1';
    let here: TestSession;
    let elsewhere: TestSession;
    beforeAll(async () => {
      await t.ctx.services.identity.createOperator({ tenantId, email, name: 'Cambio Password', password: original,
        grants: [{ role: 'operator', officeId }], createdBy: 'test' });
      here = await operatorLogin(t.app, email, original);
      elsewhere = await operatorLogin(t.app, email, original);
    });

    it('a wrong current password answers 401 and counts as a failed attempt', async () => {
      const r = await changeOwn(here, 'non-e-questa', 'Una-password-nuova-e-lunga');
      expect(r.statusCode).toBe(401);
      expect(r.json().detail).toMatch(/password attuale non è corretta/);
      expect((await accountRow(email)).failed_logins).toBe(1);
      const { id } = await accountRow(email);
      const failures = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('audit_log').select('details')
        .where('action', '=', 'login.failed').where('actor', '=', `operator:${id}`).execute());
      expect(failures.map((f) => f.details)).toEqual([{ method: 'password_change', reason: 'wrong_password', attempt: 1 }]);
      // still signed in
      expect((await me(here)).statusCode).toBe(200);
    });

    it('a weak new password answers 400 naming newPassword; nothing changes', async () => {
      const r = await changeOwn(here, original, 'cambio.password-2026');
      expect(r.statusCode).toBe(400);
      expect(messages(r)).toEqual([{ path: 'newPassword', message: expect.stringMatching(/«cambio\.password»/) }]);
      expect(messages(await changeOwn(here, original, original))).toEqual([{ path: 'newPassword', message: expect.stringMatching(/diversa/) }]);
      expect((await me(elsewhere)).statusCode).toBe(200);
    });

    it('needs the CSRF token of the session', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', cookies: here.cookies,
        payload: { currentPassword: original, newPassword: 'Una-password-nuova-e-lunga' } });
      expect(r.statusCode).toBe(403);
    });

    it('a good change answers 204: this session stays, the others end, only the new password signs in', async () => {
      const r = await changeOwn(here, original, 'Cinque-lucciole-nel-fienile');
      expect(r.statusCode, r.body).toBe(204);
      expect(r.body).toBe('');
      expect((await me(here)).statusCode).toBe(200);
      expect((await me(elsewhere)).statusCode).toBe(401);
      expect((await login(email, original)).statusCode).toBe(401);
      expect((await login(email, 'Cinque-lucciole-nel-fienile')).json()).toEqual({ status: 'done' });
      const row = await accountRow(email);
      expect(row.failed_logins).toBe(0);
      expect(await audit('password.changed', `operator:${row.id}`)).toEqual([
        { actor: `operator:${row.id}`, target: `operator:${row.id}`, details: { forced: false } },
      ]);
    });

    it('wrong current passwords lock the account like failed sign-ins', async () => {
      const lockEmail = 'blocco.password@valdoro.example';
      await t.ctx.services.identity.createOperator({ tenantId, email: lockEmail, name: 'Blocco Password', password: original,
        grants: [{ role: 'operator', officeId }], createdBy: 'test' });
      const session = await operatorLogin(t.app, lockEmail, original);
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await changeOwn(session, `sbagliata-${i}`, 'Una-password-nuova-e-lunga')).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
      // locked: neither the right current password nor a sign-in get through
      expect((await changeOwn(session, original, 'Una-password-nuova-e-lunga')).statusCode).toBe(429);
      expect((await login(lockEmail, original)).statusCode).toBe(429);
    });

    it('citizens and API tokens are refused with 403, anonymous callers with 401', async () => {
      const token = await t.ctx.services.identity.createToken({ tenantId, role: 'tenant_admin', name: 'password', createdBy: 'test' });
      const payload = { currentPassword: 'qualcosa-di-lungo', newPassword: 'Una-password-nuova-e-lunga' };
      const byToken = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { authorization: `Bearer ${token.token}` }, payload });
      expect(byToken.statusCode).toBe(403);
      const citizen = (await citizenLogin(t.app, 'http://localhost:3000', 'luca-moretti')).browser.session();
      expect((await t.app.inject(as(citizen, { method: 'POST', url: '/api/v1/me/password', payload }))).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/password', payload })).statusCode).toBe(401);
    });
  });
});
