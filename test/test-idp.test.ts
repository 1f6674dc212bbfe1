import { createServer } from 'node:net';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMPANIES, DEMO_REGISTRY, seedDemoPeople } from '../src/server/db/seed/demo/people.ts';
import { DEMO_TENANTS } from '../src/server/db/seed/demo/tenants.ts';
import { upsertTenants } from '../src/server/db/seed/seed.ts';
import { isValidFiscalCode, isValidPartitaIva } from '../src/contracts/fiscal-code.ts';
import { DEMO_FAMILIES, TEST_IDENTITIES } from '../src/server/modules/identity/test-idp/identities.ts';
import { mountTestIdp, testIdpSubject } from '../src/server/modules/identity/test-idp/test-idp.ts';
import type { App } from '../src/server/platform/context.ts';
import { freshDatabase } from './support/db.ts';

const L3 = 'https://www.spid.gov.it/SpidL3';
const FISCAL_NUMBER = 'https://attributes.eid.gov.it/fiscal_number';
const CLIENT_ID = 'sportello';
const CLIENT_SECRET = 'segreto-del-client-di-prova-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A browser's cookie jar, enough for this provider: name, value and path; deletions honoured. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expires = attrs.find((a) => a.toLowerCase().startsWith('expires='))?.slice(8);
      if (value === '' || (expires && new Date(expires).getTime() < Date.now())) this.cookies.delete(`${name}|${path}`);
      else this.cookies.set(`${name}|${path}`, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('|')[0]}=${c.value}`)
      .join('; ');
  }
}

class Browser {
  jar = new CookieJar();

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { cookie: this.jar.header(target) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.jar.store(res);
    return res;
  }

  /** Follows redirects until one leaves the provider (to `stopAt`) or a page is shown. */
  async follow(url: string | URL, stopAt: string, init: { form?: Record<string, string> } = {}): Promise<{ res: Response; url: URL }> {
    let current = new URL(url);
    let res = await this.request(current, init);
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      current = new URL(res.headers.get('location')!, current);
      if (current.href.startsWith(stopAt)) return { res, url: current };
      res = await this.request(current);
    }
    return { res, url: current };
  }
}

/** The action and hidden fields of the form in a page. */
function formOf(html: string, index = 0): { action: string; fields: Record<string, string> } {
  const form = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)][index];
  expect(form, 'form in the page').toBeTruthy();
  const fields: Record<string, string> = {};
  for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) fields[name] = value;
  return { action: form[1].replace(/&amp;/g, '&'), fields };
}

describe('test identity provider', () => {
  let app: App;
  let base: string;
  let issuer: string;
  let redirectUri: string;
  let postLogoutUri: string;
  let config: client.Configuration;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    issuer = `${base}/test-idp`;
    redirectUri = `${base}/auth/callback`;
    postLogoutUri = `${base}/uscita`;
    app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    await mountTestIdp(app, {
      issuer,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutUri] }],
      cookieKeys: ['chiave-dei-cookie-di-prova-1'],
    });
    await app.listen({ port, host: '127.0.0.1' });
    config = await client.discovery(new URL(issuer), CLIENT_ID, CLIENT_SECRET, undefined, { execute: [client.allowInsecureRequests] });
  });
  afterAll(() => app?.close());

  async function startLogin(browser: Browser, extra: Record<string, string> = {}) {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email phone address',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      acr_values: L3,
      prompt: 'login',
      ...extra,
    });
    const { res, url: pageUrl } = await browser.follow(url, redirectUri);
    return { codeVerifier, state, nonce, res, pageUrl };
  }

  it('publishes its metadata under the exact issuer', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(issuer);
    expect(meta.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(meta.acr_values_supported).toEqual(['https://www.spid.gov.it/SpidL1', 'https://www.spid.gov.it/SpidL2', L3]);
    expect(meta.claims_supported).toEqual(expect.arrayContaining([FISCAL_NUMBER, 'place_of_birth', 'phone_number', 'address']));
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
  });

  it('logs in with authorisation code + PKCE, asserting the SPID claims in the ID token and at userinfo', async () => {
    const browser = new Browser();
    const { codeVerifier, state, nonce, res, pageUrl } = await startLogin(browser);

    // the picker
    expect(pageUrl.pathname).toMatch(/^\/test-idp\/interaction\/[\w-]+$/);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Provider di identità di prova — solo per sviluppo');
    expect(html).toContain('Livello 3');
    expect(html).not.toMatch(/<script/i);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect([...html.matchAll(/name="identity"/g)].length).toBeGreaterThanOrEqual(10);
    expect(html).toContain('Annulla');
    const giulia = TEST_IDENTITIES.find((i) => i.id === 'giulia-ferrari')!;
    expect(html).toContain(giulia.fiscalCode);

    // an identity that does not exist: 400, and the interaction is still usable
    const loginAction = new URL(`${pageUrl.pathname}/login`, base);
    const unknown = await browser.request(loginAction, { form: { identity: 'nessuno' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Non esiste un&#39;identità di prova «nessuno»');

    const { res: back, url: callback } = await browser.follow(loginAction, redirectUri, { form: { identity: 'giulia-ferrari' } });
    expect(back.status).toBe(303);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(testIdpSubject('giulia-ferrari'));
    expect(claims.acr).toBe(L3);
    expect(claims.amr).toEqual(['pwd']);
    const fiscalNumber = claims[FISCAL_NUMBER] as string;
    expect(fiscalNumber).toBe(`TINIT-${giulia.fiscalCode}`);
    expect(isValidFiscalCode(fiscalNumber.slice('TINIT-'.length))).toBe(true);
    expect(claims).toMatchObject({
      given_name: 'Giulia',
      family_name: 'Ferrari',
      birthdate: '1984-05-14',
      place_of_birth: 'Bergamo',
      email: 'giulia.ferrari@example.org',
      phone_number: giulia.phone,
      address: { street_address: 'Via Giuseppe Garibaldi 28', locality: 'Castelrocca', postal_code: '24029', country: 'IT' },
    });

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: claims.sub, [FISCAL_NUMBER]: fiscalNumber, given_name: 'Giulia', email: 'giulia.ferrari@example.org' });

    // the code works once; the replay (here with client_secret_basic) is refused as a grant, not as a client
    const basic = await client.discovery(new URL(issuer), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), {
      execute: [client.allowInsecureRequests],
    });
    await expect(
      client.authorizationCodeGrant(basic, callback, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });

    // RP-initiated logout: a plain confirmation page, then back to the post-logout URI with the state
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: postLogoutUri, state: 'arrivederci' });
    const confirm = await browser.request(endSession);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).not.toMatch(/<script/i);
    expect(confirmHtml).toContain('Giulia Ferrari');
    const form = formOf(confirmHtml);
    const { res: out, url: afterLogout } = await browser.follow(new URL(form.action, base), postLogoutUri, { form: { ...form.fields, logout: 'yes' } });
    expect(out.status).toBe(303);
    expect(afterLogout.origin + afterLogout.pathname).toBe(postLogoutUri);
    expect(afterLogout.searchParams.get('state')).toBe('arrivederci');
  });

  it('switches identity without script: the previous session is closed through a plain form', async () => {
    const browser = new Browser();
    const first = await startLogin(browser);
    const { url: cb1 } = await browser.follow(new URL(`${first.pageUrl.pathname}/login`, base), redirectUri, { form: { identity: 'giulia-ferrari' } });
    await client.authorizationCodeGrant(config, cb1, { pkceCodeVerifier: first.codeVerifier, expectedState: first.state, expectedNonce: first.nonce });

    const second = await startLogin(browser, { acr_values: 'https://www.spid.gov.it/SpidL1' });
    const picker = await second.res.text();
    expect(picker).toContain('Livello 1');
    const { res: switching, url: switchUrl } = await browser.follow(new URL(`${second.pageUrl.pathname}/login`, base), redirectUri, {
      form: { identity: 'marco-colombo' },
    });
    expect(switchUrl.href.startsWith(redirectUri)).toBe(false);
    expect(switching.status).toBe(200);
    const html = await switching.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Continua');
    const form = formOf(html);
    const { url: cb2 } = await browser.follow(new URL(form.action, base), redirectUri, { form: form.fields });
    const tokens = await client.authorizationCodeGrant(config, cb2, { pkceCodeVerifier: second.codeVerifier, expectedState: second.state, expectedNonce: second.nonce });
    expect(tokens.claims()).toMatchObject({ sub: testIdpSubject('marco-colombo'), acr: 'https://www.spid.gov.it/SpidL1', given_name: 'Marco' });
  });

  it('logs out without script when the browser has no session at the provider', async () => {
    const browser = new Browser();
    const endSession = client.buildEndSessionUrl(config, { client_id: CLIENT_ID, post_logout_redirect_uri: postLogoutUri, state: 'st' });
    const res = await browser.request(endSession);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="it">');
    const form = formOf(html);
    expect(form.fields.logout).toBe('yes');
    const { url } = await browser.follow(new URL(form.action, base), postLogoutUri, { form: form.fields });
    expect(url.href).toBe(`${postLogoutUri}?state=st`);
  });

  it('asks for level 2 when no level is requested', async () => {
    const browser = new Browser();
    const { res, pageUrl, codeVerifier, state, nonce } = await startLogin(browser, { acr_values: '' });
    expect(await res.text()).toContain('Livello 2');
    const { url } = await browser.follow(new URL(`${pageUrl.pathname}/login`, base), redirectUri, { form: { identity: 'maria-teresa-rota' } });
    const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ acr: 'https://www.spid.gov.it/SpidL2', given_name: 'Maria Teresa', birthdate: '1939-10-27' });
  });

  it('"Annulla" ends the login with access_denied', async () => {
    const browser = new Browser();
    const { pageUrl, state } = await startLogin(browser);
    const { url } = await browser.follow(new URL(`${pageUrl.pathname}/abort`, base), redirectUri, { form: {} });
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe(state);
  });

  it('refuses a request without PKCE', async () => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 'x', nonce: 'y' });
    const { url: back } = await new Browser().follow(url, redirectUri);
    expect(back.searchParams.get('error')).toBe('invalid_request');
  });

  it('shows a clear page for an interaction that is expired or not this browser’s', async () => {
    const res = await new Browser().request(`${issuer}/interaction/abcdefghijklmnopqrstu`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('La sessione di accesso è scaduta, torna al sito e riprova');
    expect(html).not.toMatch(/<script/i);
    const post = await new Browser().request(`${issuer}/interaction/abcdefghijklmnopqrstu/login`, { form: { identity: 'giulia-ferrari' } });
    expect(post.status).toBe(400);
  });
});

describe('test identities and demo registry', () => {
  it('has at least ten identities with valid, distinct fiscal codes', () => {
    expect(TEST_IDENTITIES.length).toBeGreaterThanOrEqual(10);
    for (const i of TEST_IDENTITIES) expect(isValidFiscalCode(i.fiscalCode), i.id).toBe(true);
    expect(new Set(TEST_IDENTITIES.map((i) => i.fiscalCode)).size).toBe(TEST_IDENTITIES.length);
    expect(new Set(TEST_IDENTITIES.map((i) => i.id)).size).toBe(TEST_IDENTITIES.length);
    const elderly = TEST_IDENTITIES.filter((i) => i.birthDate >= '1938' && i.birthDate < '1946');
    expect(elderly.length).toBeGreaterThan(0);
    expect(TEST_IDENTITIES.some((i) => i.birthPlaceCode.startsWith('Z'))).toBe(true);
    expect(TEST_IDENTITIES.some((i) => i.residence === null)).toBe(true);
  });

  it('lists every resident identity in its comune, with the same fiscal code', () => {
    for (const i of TEST_IDENTITIES.filter((x) => x.residence)) {
      const registry = DEMO_REGISTRY.find((r) => r.tenantSlug === i.residence)!;
      const p = registry.people.find((x) => x.fiscalCode === i.fiscalCode);
      expect(p, i.id).toMatchObject({ givenName: i.givenName, familyName: i.familyName, birthDate: i.birthDate });
    }
    const tenantSlugs = DEMO_TENANTS.map((t) => t.slug);
    for (const r of DEMO_REGISTRY) expect(tenantSlugs).toContain(r.tenantSlug);
  });

  it('keeps registries well formed: unique codes, one head per family, ~20 extra residents', () => {
    for (const r of DEMO_REGISTRY) {
      expect(new Set(r.people.map((p) => p.fiscalCode)).size, r.tenantSlug).toBe(r.people.length);
      for (const p of r.people) expect(isValidFiscalCode(p.fiscalCode), `${p.givenName} ${p.familyName}`).toBe(true);
      const families = new Map<string, string[]>();
      for (const p of r.people) families.set(p.familyId, [...(families.get(p.familyId) ?? []), p.familyRelation]);
      for (const [id, relations] of families) expect(relations.filter((x) => x === 'intestatario').length, id).toBe(1);
      const identityCodes = new Set(TEST_IDENTITIES.map((i) => i.fiscalCode));
      expect(r.people.filter((p) => !identityCodes.has(p.fiscalCode)).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('gives a parent identity two minor children (born 2014–2019) in the same family, with the other parent', () => {
    const family = DEMO_FAMILIES.find((f) => f.members.some((m) => m.identityId === 'giulia-ferrari'))!;
    const minors = family.members.filter((m) => m.relation === 'figlio' && m.birthDate >= '2014' && m.birthDate < '2020');
    expect(minors).toHaveLength(2);
    expect(minors.every((m) => !m.identityId)).toBe(true);
    expect(family.members.find((m) => m.identityId === 'marco-colombo')?.relation).toBe('coniuge');
  });

  it('has companies with valid partite IVA, one represented by the legal-representative identity', () => {
    expect(DEMO_COMPANIES.length).toBeGreaterThanOrEqual(2);
    for (const c of DEMO_COMPANIES) expect(isValidPartitaIva(c.fiscalCode), c.name).toBe(true);
    const francesca = TEST_IDENTITIES.find((i) => i.id === 'francesca-galli')!;
    expect(DEMO_COMPANIES.some((c) => c.representatives.some((r) => r.fiscalCode === francesca.fiscalCode))).toBe(true);
  });

  it('seeds the registries and companies idempotently', async () => {
    const database = await freshDatabase();
    try {
      await upsertTenants(database.db, DEMO_TENANTS);
      const first = await seedDemoPeople(database.db);
      const people = DEMO_REGISTRY.reduce((n, r) => n + r.people.length, 0);
      expect(first).toEqual({ people, companies: DEMO_COMPANIES.length, representatives: DEMO_COMPANIES.length });
      expect(await seedDemoPeople(database.db)).toEqual({ people: 0, companies: 0, representatives: 0 });
    } finally {
      await database.close();
    }
  });
});
