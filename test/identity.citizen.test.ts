import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/server/platform/audit.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, type TestSession } from './support/auth.ts';
import { asOwner } from './support/db.ts';
import { citizenLogin, InjectBrowser, pickerForm } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type: string }) {
  const boundary = '----sportello-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('citizens log in with SPID/CIE through OpenID Connect (bundled test provider)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-citizen` } });
  });
  afterAll(() => t.close());

  const me = async (s: TestSession) => t.app.inject(as(s, { url: '/api/v1/me' }));

  it('logs in at level 2 with PKCE and lands where it started, with the SPID claims and level recorded', async () => {
    const { browser, finalUrl, picker } = await citizenLogin(t.app, ORIGIN, 'giulia-ferrari', { level: 'SpidL2', returnTo: '/enti/comune-di-castelrocca' });
    expect(picker).toContain('Livello 2');
    expect(new URL(finalUrl).pathname).toBe('/enti/comune-di-castelrocca');
    const r = await me(browser.session());
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.kind).toBe('citizen');
    expect(body.name).toBe('Giulia Ferrari');
    expect(body.fiscalCode).toMatch(/^FRRGLI84E54A794.$/);
    expect(body.auth).toEqual({ method: 'spid', level: 'SpidL2' });
    expect(body.actingFor.kind).toBe('self');
    // the session cookie is HttpOnly and SameSite; the CSRF cookie is readable by our pages
    expect(browser.cookies.get('sportello_session')).toBeTruthy();
  });

  it('steps up from level 2 to level 3: the lower session is replaced and the step-up is audited', async () => {
    const first = await citizenLogin(t.app, ORIGIN, 'luca-moretti', { level: 'SpidL2' });
    const oldSession = first.browser.session();
    const second = await citizenLogin(t.app, ORIGIN, 'luca-moretti', { level: 'SpidL3', method: 'cie', browser: first.browser });
    expect(second.picker).toContain('Livello 3');
    const r = await me(second.browser.session());
    expect(r.json().auth).toEqual({ method: 'cie', level: 'SpidL3' });
    expect((await me(oldSession)).statusCode).toBe(401);
    const steps = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'session.step_up').execute());
    expect(steps.some((s) => s.details.level === 'SpidL3')).toBe(true);
  });

  it('refuses a forged state, a replayed callback and a cancelled login with a clear page', async () => {
    const forged = await t.app.inject({ url: '/auth/callback?code=abc&state=forged' });
    expect(forged.statusCode).toBe(302);
    expect(forged.headers.location).toBe('/accesso-non-riuscito?motivo=state_mismatch');

    // capture the provider's redirect back to us, use it, then replay it with the same cookies
    const browser = new InjectBrowser(t.app, ORIGIN);
    const picker = await browser.go('GET', '/auth/login?level=SpidL2');
    const loginCookie = browser.cookies.get('sportello_login')!.value;
    let r = await browser.request('POST', pickerForm(picker.body, 'elena-conti'), { identity: 'elena-conti' });
    while (r.statusCode >= 300 && !String(r.headers.location).includes('/auth/callback')) {
      r = await browser.request('GET', new URL(String(r.headers.location), browser.lastUrl).toString());
    }
    const callback = String(r.headers.location);
    const used = await browser.request('GET', callback);
    expect(used.headers.location).toBe('/area-personale');
    const replay = await t.app.inject({ url: new URL(callback, ORIGIN).pathname + new URL(callback, ORIGIN).search, cookies: { sportello_login: loginCookie } });
    expect(replay.headers.location).toBe('/accesso-non-riuscito?motivo=login_expired');

    const cancelling = new InjectBrowser(t.app, ORIGIN);
    const page = await cancelling.go('GET', '/auth/login?level=SpidL2');
    const abort = /<form method="post" action="([^"]+\/abort)">/.exec(page.body)?.[1];
    expect(abort).toBeTruthy();
    await cancelling.go('POST', abort!.replace(/&amp;/g, '&'), {});
    expect(cancelling.lastUrl).toContain('/accesso-non-riuscito?motivo=cancelled');
  });

  it('refuses a returnTo that leaves the site', async () => {
    const r = await t.app.inject({ url: '/auth/login?returnTo=//evil.example/x' });
    expect(r.statusCode).toBe(302);
    const pending = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('oidc_logins').select('return_to').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow());
    expect(pending.return_to).toBe('/area-personale');
  });

  it('a parent acts for a minor child of their family sheet, and only for them', async () => {
    const { browser } = await citizenLogin(t.app, ORIGIN, 'giulia-ferrari');
    const s = browser.session();
    const options = (await t.app.inject(as(s, { url: '/api/v1/me/subjects' }))).json().items as { kind: string; id: string; name: string }[];
    const minors = options.filter((o) => o.kind === 'minor');
    expect(minors.map((m) => m.name).sort()).toEqual(['Sofia Colombo', 'Tommaso Colombo']);
    // without the CSRF header the cookie alone cannot switch
    const noCsrf = await t.app.inject({ method: 'PUT', url: '/api/v1/me/acting-for', cookies: s.cookies, payload: { kind: 'minor', id: minors[0]!.id } });
    expect(noCsrf.statusCode).toBe(403);
    const chosen = await t.app.inject(as(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'minor', id: minors[0]!.id } }));
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect((await me(s)).json().actingFor).toMatchObject({ kind: 'minor', name: minors[0]!.name });
    // someone else's child is not on offer and answers 404
    const stranger = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('registry_people').select('id').where('family_relation', '=', 'figlio').where('family_name', '<>', 'Colombo').limit(1).executeTakeFirstOrThrow());
    const refused = await t.app.inject(as(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'minor', id: stranger.id } }));
    expect(refused.statusCode).toBe(404);
    // back to self
    const self = options.find((o) => o.kind === 'self')!;
    expect((await t.app.inject(as(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'self', id: self.id } }))).statusCode).toBe(200);
  });

  it('a legal representative acts for their company', async () => {
    const { browser } = await citizenLogin(t.app, ORIGIN, 'francesca-galli');
    const options = (await t.app.inject(as(browser.session(), { url: '/api/v1/me/subjects' }))).json().items as { kind: string; name: string }[];
    expect(options.filter((o) => o.kind === 'company').map((o) => o.name)).toContain('Galli Costruzioni S.r.l.');
  });

  it('a professional records a client delegation with its document, acts for the client, and revokes it', async () => {
    const { browser } = await citizenLogin(t.app, ORIGIN, 'luca-moretti');
    const s = browser.session();
    const client = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('registry_people').select(['fiscal_code', 'given_name', 'family_name']).where('given_name', '=', 'Paolo').where('family_name', '=', 'Rinaldi').executeTakeFirstOrThrow());
    const validUntil = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const fields = { delegatorFiscalCode: client.fiscal_code, delegatorGivenName: client.given_name, delegatorFamilyName: client.family_name,
      purpose: 'Pratica edilizia CILA', validUntil };

    const bad = multipart({ ...fields, delegatorFiscalCode: 'RSSMRA80A01H501X' }, { name: 'delega.txt', content: Buffer.from('not a pdf'), type: 'text/plain' });
    const refused = await t.app.inject(as(s, { method: 'POST', url: '/api/v1/me/delegations', payload: bad.payload, headers: bad.headers }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['delegatorFiscalCode', 'document']);

    const good = multipart(fields, { name: 'delega firmata.pdf', content: PDF, type: 'application/pdf' });
    const upload = () => t.app.inject(as(s, { method: 'POST', url: '/api/v1/me/delegations', payload: good.payload,
      headers: { ...good.headers, 'idempotency-key': 'delega-moretti-0001' } }));
    const created = await upload();
    expect(created.statusCode, created.body).toBe(201);
    const delegation = created.json();
    // a retry with the same key (the answer was lost on a bad connection) records nothing new
    const retried = await upload();
    expect(retried.json().id).toBe(delegation.id);
    expect((await t.app.inject(as(s, { url: '/api/v1/me/delegations' }))).json().items).toHaveLength(1);
    expect(delegation.status).toBe('active');
    expect(delegation.document.sha256).toMatch(/^[0-9a-f]{64}$/);

    const options = (await t.app.inject(as(s, { url: '/api/v1/me/subjects' }))).json().items as { kind: string; id: string }[];
    expect(options.find((o) => o.kind === 'delegation')?.id).toBe(delegation.id);
    expect((await t.app.inject(as(s, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'delegation', id: delegation.id } }))).statusCode).toBe(200);
    expect((await me(s)).json().actingFor).toMatchObject({ kind: 'delegation', fiscalCode: client.fiscal_code });

    // another citizen sees nothing of it
    const other = (await citizenLogin(t.app, ORIGIN, 'sara-villa')).browser.session();
    expect((await t.app.inject(as(other, { url: `/api/v1/me/delegations/${delegation.id}/document` }))).statusCode).toBe(404);
    expect((await t.app.inject(as(other, { method: 'POST', url: `/api/v1/me/delegations/${delegation.id}/revoke`, payload: {} }))).statusCode).toBe(404);

    const doc = await t.app.inject(as(s, { url: `/api/v1/me/delegations/${delegation.id}/document` }));
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.equals(PDF)).toBe(true);

    const revoked = await t.app.inject(as(s, { method: 'POST', url: `/api/v1/me/delegations/${delegation.id}/revoke`, payload: { reason: 'incarico concluso' } }));
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    // the session falls back to the professional themselves at once
    expect((await me(s)).json().actingFor.kind).toBe('self');
    const actions = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('audit_log').select('action').where('target', '=', `delegation:${delegation.id}`).execute());
    expect(actions.map((a) => a.action).sort()).toEqual(['delegation.created', 'delegation.revoked', 'subject.chosen']);
  });

  it('the person named as delegating sees the delegation and can revoke it; the professional stops acting for them at once', async () => {
    const pro = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    const client = (await citizenLogin(t.app, ORIGIN, 'amina-el-idrissi')).browser.session();
    const clientMe = (await me(client)).json();
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const up = multipart({ delegatorFiscalCode: clientMe.fiscalCode, delegatorGivenName: 'Amina', delegatorFamilyName: 'El Idrissi',
      purpose: 'Permesso di costruire', validUntil }, { name: 'delega.pdf', content: PDF, type: 'application/pdf' });
    const created = (await t.app.inject(as(pro, { method: 'POST', url: '/api/v1/me/delegations', payload: up.payload, headers: up.headers }))).json();
    expect((await t.app.inject(as(pro, { method: 'PUT', url: '/api/v1/me/acting-for', payload: { kind: 'delegation', id: created.id } }))).statusCode).toBe(200);

    const given = (await t.app.inject(as(client, { url: '/api/v1/me/delegations-given' }))).json().items;
    expect(given).toEqual([expect.objectContaining({ id: created.id, delegateName: 'Luca Moretti', status: 'active' })]);
    // someone else cannot revoke it in the client's name
    const other = (await citizenLogin(t.app, ORIGIN, 'sara-villa')).browser.session();
    expect((await t.app.inject(as(other, { method: 'POST', url: `/api/v1/me/delegations-given/${created.id}/revoke`, payload: {} }))).statusCode).toBe(404);
    const revoked = await t.app.inject(as(client, { method: 'POST', url: `/api/v1/me/delegations-given/${created.id}/revoke`, payload: { reason: 'non ho firmato' } }));
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: 'delegator' });
    expect((await me(pro)).json().actingFor.kind).toBe('self');
    const received = (await t.app.inject(as(pro, { url: '/api/v1/me/delegations' }))).json().items;
    expect(received.find((d: { id: string }) => d.id === created.id).status).toBe('revoked');
  });

  it('ends sessions that were idle too long or reached their absolute end, and on logout', async () => {
    const idle = (await citizenLogin(t.app, ORIGIN, 'davide-esposito')).browser.session();
    const absolute = (await citizenLogin(t.app, ORIGIN, 'davide-esposito')).browser.session();
    const out = (await citizenLogin(t.app, ORIGIN, 'davide-esposito')).browser;
    const { createHash } = await import('node:crypto');
    const hashOf = (s: TestSession) => createHash('sha256').update(s.cookies.sportello_session!).digest('hex');
    await inScope(t.database.db, { platform: true }, async (trx) => {
      await trx.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('token_hash', '=', hashOf(idle)).execute();
      await trx.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashOf(absolute)).execute();
    });
    expect((await me(idle)).statusCode).toBe(401);
    expect((await me(absolute)).statusCode).toBe(401);
    const session = out.session();
    const logout = await t.app.inject(as(session, { method: 'POST', url: '/auth/logout' }));
    expect(logout.statusCode).toBe(200);
    // the provider's session is ended too: the answer says where to send the browser
    expect(logout.json().providerLogoutUrl).toContain('/test-idp/session/end');
    expect((await me(session)).statusCode).toBe(401);
  });

  it('keeps the audit chain intact and reports an entry changed behind its back', async () => {
    const before = await verifyAudit(t.database.db);
    expect(before.problems).toEqual([]);
    expect(before.entries).toBeGreaterThan(10);
    // the application role cannot change the log at all
    await expect(inScope(t.database.db, { platform: true }, (trx) => sql`UPDATE audit_log SET actor = 'x'`.execute(trx))).rejects.toThrow(/permission denied/);
    await asOwner(t.database, "UPDATE audit_log SET details = '{\"method\":\"password\"}' WHERE seq = 3");
    const after = await verifyAudit(t.database.db);
    expect(after.problems).toContainEqual({ seq: '3', reason: 'content_changed' });
    await asOwner(t.database, 'DELETE FROM audit_log WHERE seq = 5');
    const deleted = await verifyAudit(t.database.db);
    expect(deleted.problems).toContainEqual({ seq: '6', reason: 'entry_missing' });
    expect(deleted.problems).toContainEqual({ seq: '6', reason: 'chain_broken' });
  });

  it('logs failed logins without personal data', async () => {
    const failures = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'login.failed').execute());
    expect(failures.map((f) => f.details.reason)).toEqual(expect.arrayContaining(['state_mismatch', 'login_expired', 'cancelled']));
    for (const f of failures) expect(JSON.stringify(f)).not.toMatch(/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]|Ferrari|Conti/);
  });
});
