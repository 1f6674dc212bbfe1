import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG, DEMO_ADMINS, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const PRIVACY = `/api/v1/tenants/${CASTELROCCA_SLUG}/privacy`;
const admin = (slug: string) => DEMO_ADMINS.find((a) => a.tenantSlug === slug)!;

interface AuditItem { action: string; actor: { ref: string; name: string | null }; target: { ref: string } | null; details: Record<string, unknown> }

describe("a body's choice to name its operators in the citizens' access log", () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let marta: TestSession; // Castelrocca's administrator
  let paolo: TestSession; // Valdoro's administrator
  let laura: TestSession; // operator at Castelrocca's registry office
  let giulia: TestSession; // citizen
  let applicationId: string;
  let castelroccaId: string;

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-privacy` } });
    castelroccaId = (await t.ctx.services.tenants.get(CASTELROCCA_SLUG)).id;
    const serviceId = await createFormService(t.ctx, CASTELROCCA_SLUG);
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marta = await operatorLogin(t.app, admin(CASTELROCCA_SLUG).email, DEMO_PASSWORD);
    paolo = await operatorLogin(t.app, admin(VALDORO_SLUG).email, DEMO_PASSWORD);
    laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    applicationId = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    // the operator opens Giulia's application: her log now has Castelrocca's reads
    expect((await t.app.inject(as(laura, { url: `/api/v1/applications/${applicationId}` }))).statusCode).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const patch = (s: TestSession, payload: unknown, url = PRIVACY) =>
    t.app.inject(as(s, { method: 'PATCH', url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/merge-patch+json' } }));
  /** The entries of Giulia's log written by Castelrocca's operators reading her application. */
  const operatorReads = async () => {
    const r = await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }));
    expect(r.statusCode, r.body).toBe(200);
    const items = (r.json().items as AccessLogEntry[]).filter((e) => e.who.kind === 'operator' && e.object.id === applicationId);
    expect(items.length).toBeGreaterThan(0);
    for (const e of items) expect(e.body.id).toBe(castelroccaId);
    return items;
  };
  const privacyEntries = async () =>
    (await t.app.inject(as(marta, { url: `/api/v1/tenants/${CASTELROCCA_SLUG}/audit?action=tenant.privacy_updated` }))).json().items as AuditItem[];

  it('the administrator reads the choice (the demo body names its operators)', async () => {
    const r = await t.app.inject(as(marta, { url: PRIVACY }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ accessLogNamesOperators: true });
    for (const e of await operatorReads()) expect(e.who).toEqual({ kind: 'operator', name: 'Laura Brembilla', named: true });
  });

  it('switched off, the citizen sees "Un operatore" with the office; on again, the name', async () => {
    const off = await patch(marta, { accessLogNamesOperators: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ accessLogNamesOperators: false });
    expect((await t.app.inject(as(marta, { url: PRIVACY }))).json()).toEqual({ accessLogNamesOperators: false });
    for (const e of await operatorReads()) {
      expect(e.who).toEqual({ kind: 'operator', name: 'Un operatore', named: false });
      expect(e.office).toBeTruthy();
    }
    const csv = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log.csv' }))).body;
    expect(csv).not.toContain('Laura Brembilla');

    const on = await patch(marta, { accessLogNamesOperators: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ accessLogNamesOperators: true });
    for (const e of await operatorReads()) expect(e.who).toEqual({ kind: 'operator', name: 'Laura Brembilla', named: true });
  });

  it('each change is in the audit log with the value before and after; sending the same value again adds nothing', async () => {
    const entries = await privacyEntries();
    expect(entries.map((e) => e.details)).toEqual([
      { setting: 'accessLogNamesOperators', from: false, to: true },
      { setting: 'accessLogNamesOperators', from: true, to: false },
    ]);
    for (const e of entries) {
      expect(e.actor.name).toBe('Marta Locatelli');
      expect(e.target?.ref).toBe(`tenant:${castelroccaId}`);
    }
    // a plain JSON body works too
    const again = await t.app.inject(as(marta, { method: 'PATCH', url: PRIVACY, payload: { accessLogNamesOperators: true } }));
    expect(again.statusCode, again.body).toBe(200);
    expect(await privacyEntries()).toHaveLength(2);
  });

  it("another body's administrator gets 404, as if the body's settings did not exist; nothing changes", async () => {
    expect((await t.app.inject(as(paolo, { url: PRIVACY }))).statusCode).toBe(404);
    const r = await patch(paolo, { accessLogNamesOperators: false });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.app.inject(as(marta, { url: PRIVACY }))).json()).toEqual({ accessLogNamesOperators: true });
    // their own body's choice is theirs (Valdoro has not chosen to name anyone)
    expect((await t.app.inject(as(paolo, { url: `/api/v1/tenants/${VALDORO_SLUG}/privacy` }))).json()).toEqual({ accessLogNamesOperators: false });
    expect((await t.app.inject(as(marta, { url: '/api/v1/tenants/ente-inesistente/privacy' }))).statusCode).toBe(404);
  });

  it('an operator of the body gets 403; an anonymous caller 401', async () => {
    expect((await t.app.inject(as(laura, { url: PRIVACY }))).statusCode).toBe(403);
    const r = await patch(laura, { accessLogNamesOperators: false });
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.app.inject({ url: PRIVACY })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PATCH', url: PRIVACY, payload: { accessLogNamesOperators: false } })).statusCode).toBe(401);
    expect((await t.app.inject(as(marta, { url: PRIVACY }))).json()).toEqual({ accessLogNamesOperators: true });
  });

  it('refuses a body with an unknown field, a value that is not true or false, or nothing to change', async () => {
    // (0, "false" and null are not false: the app's validator would coerce them, this route's does not)
    for (const [payload, path] of [
      [{ accessLogNamesOperators: false, showFiscalCode: true }, 'body.showFiscalCode'],
      [{ accessLogNamesOperators: 'no' }, 'body.accessLogNamesOperators'],
      [{ accessLogNamesOperators: 'false' }, 'body.accessLogNamesOperators'],
      [{ accessLogNamesOperators: 0 }, 'body.accessLogNamesOperators'],
      [{ accessLogNamesOperators: null }, 'body.accessLogNamesOperators'],
      [{}, 'body'],
    ] as const) {
      const r = await patch(marta, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(r.json().detail).toBeTruthy();
      expect((r.json().errors as { path: string }[]).map((e) => e.path), JSON.stringify(payload)).toContain(path);
    }
    expect((await t.app.inject(as(marta, { url: PRIVACY }))).json()).toEqual({ accessLogNamesOperators: true });
    expect(await privacyEntries()).toHaveLength(2);
  });
});
