/**
 * Issue 12, "access": security headers and the content security policy on every page the portal and the back
 * office route (read from the routers' own source, so a new page is covered the day it is added), on the API and
 * on its error answers; a session cannot be fixed by a cookie planted before sign-in, nor replayed after logout.
 * (Brute force: `test/identity.operator.test.ts` locks an account after five failures; the login routes' rate
 * limits are in `identity.routes.ts`.)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/server/modules/identity/identity.service.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin } from './support/auth.ts';
import { citizenLogin, InjectBrowser } from './support/oidc-browser.ts';
import { DEMO_ADMINS } from '../src/server/db/seed/demo/tenants.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ORIGIN = 'http://localhost:3000';

/** Every page path the two routers declare, with a made-up value for each parameter and each wildcard left out. */
async function pagePaths(): Promise<string[]> {
  const routes = async (file: string) => [...(await readFile(path.join(ROOT, file), 'utf8')).matchAll(/path="([^"]+)"/g)].map((m) => m[1]!);
  const fill = (p: string) => p.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000001');
  const portal = (await routes('src/web/App.tsx')).filter((p) => !p.includes('*')).map((p) => `/${fill(p)}`);
  const backoffice = (await routes('src/web/backoffice/BackofficeApp.tsx')).filter((p) => !p.includes('*')).map((p) => `/backoffice/${fill(p)}`);
  return ['/', ...portal, '/backoffice', ...backoffice, '/una-pagina-che-non-esiste'];
}

function expectSecurityHeaders(headers: Record<string, unknown>, where: string) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, `${where}: Content-Security-Policy`).toContain("default-src 'self'");
  // scripts only from this site: an injected inline <script> or onerror= never runs
  expect(csp, where).toMatch(/script-src 'self'(;|$)/);
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).toContain("frame-ancestors 'self'");
  expect(csp, where).toContain("base-uri 'self'");
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('SAMEORIGIN');
  expect(headers['referrer-policy'], where).toBe('no-referrer');
  expect(String(headers['strict-transport-security']), where).toMatch(/max-age=\d{7,}/);
  expect(headers['x-powered-by'], where).toBeUndefined();
}

describe('security headers and sessions', () => {
  let t: Awaited<ReturnType<typeof testApp>>;

  beforeAll(async () => {
    t = await testApp({ demo: true, web: true });
  }, 180_000);
  afterAll(() => t?.close());

  it('every page of the portal and of the back office carries the headers and the policy', async () => {
    const pages = await pagePaths();
    expect(pages.length).toBeGreaterThan(60);
    for (const url of pages) {
      const r = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expectSecurityHeaders(r.headers, url);
    }
  });

  it('the API carries them too, on answers and on errors', async () => {
    for (const [url, status] of [['/api/v1/services?q=anagrafe', 200], ['/api/v1/me', 401], ['/api/v1/services/00000000-0000-4000-8000-000000000001', 404], ['/api/v1/services?limit=abc', 400]] as const) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(status);
      expectSecurityHeaders(r.headers, url);
    }
  });

  it("a signed-in person's answers are never kept by a shared cache", async () => {
    const citizen = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    for (const url of ['/api/v1/me', '/api/v1/applications', '/api/v1/me/access-log', '/api/v1/me/notifications']) {
      const r = await t.app.inject(as(citizen, { url }));
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('private, no-store');
    }
  });

  it('a session cookie planted before sign-in is not adopted: sign-in gives a new one', async () => {
    const planted = 'a'.repeat(43);
    const browser = new InjectBrowser(t.app, ORIGIN);
    browser.cookies.set(SESSION_COOKIE, { value: planted, path: '/' });
    const session = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari', { browser })).browser.session();
    expect(session.cookies[SESSION_COOKIE]).toBeTruthy();
    expect(session.cookies[SESSION_COOKIE]).not.toBe(planted);
    expect((await t.app.inject(as(session, { url: '/api/v1/me' }))).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', cookies: { [SESSION_COOKIE]: planted } })).statusCode).toBe(401);
  });

  it('a session is dead after logout: the same cookie replayed is refused, for citizens and operators', async () => {
    const citizen = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    const admin = DEMO_ADMINS.find((a) => a.tenantSlug === 'comune-di-castelrocca')!;
    const operator = await operatorLogin(t.app, admin.email, admin.password);
    for (const [who, session, probe] of [['citizen', citizen, '/api/v1/me'], ['operator', operator, '/api/v1/me']] as const) {
      expect((await t.app.inject(as(session, { url: probe }))).statusCode, who).toBe(200);
      const out = await t.app.inject(as(session, { method: 'POST', url: '/auth/logout', payload: {} }));
      expect(out.statusCode, `${who} logout: ${out.body}`).toBeLessThan(400);
      const replay = await t.app.inject(as(session, { url: probe }));
      expect(replay.statusCode, `${who} replay after logout`).toBe(401);
    }
  });
});
