import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalCodeCheckChar } from '../src/contracts/fiscal-code.ts';
import { loadConfig } from '../src/server/config.ts';
import { freePort, testApp } from './support/app.ts';

/**
 * Sportello against a provider it knows nothing about: a plain oidc-provider started here, on its own port,
 * and the app configured only through OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.
 */
const FISCAL = 'BNCLRA85T41F205';
const GOOD_CF = FISCAL + fiscalCodeCheckChar(FISCAL);
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  laura: { 'https://attributes.eid.gov.it/fiscal_number': `TINIT-${GOOD_CF}`, given_name: 'Laura', family_name: 'Bianchi', birthdate: '1985-12-01' },
  nocf: { given_name: 'Senza', family_name: 'Codice' },
  badcf: { 'https://attributes.eid.gov.it/fiscal_number': 'TINIT-ABCDEF12G34H567Z', given_name: 'Codice', family_name: 'Sbagliato' },
};

/** A minimal cookie-keeping browser over fetch, following redirects across the two origins. */
class HttpBrowser {
  private jar = new Map<string, Map<string, string>>();
  url = '';
  async go(url: string) {
    let current = url;
    for (let i = 0; i < 20; i++) {
      const u = new URL(current);
      const cookies = [...(this.jar.get(u.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(current, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = pair!.split('=');
        const jar = this.jar.get(u.host) ?? new Map<string, string>();
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value.join('=') === '') jar.delete(name!.trim());
        else jar.set(name!.trim(), value.join('='));
        this.jar.set(u.host, jar);
      }
      this.url = current;
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return res;
      current = new URL(location, current).toString();
    }
    throw new Error('too many redirects');
  }
  cookie(host: string, name: string) {
    return this.jar.get(host)?.get(name);
  }
}

describe('login against any standard OpenID provider configured by environment variables', () => {
  let providerServer: Server;
  let issuer: string;
  let app: Awaited<ReturnType<typeof testApp>>;
  let appUrl: string;
  /** which account the provider's "user" picks next */
  let nextAccount = 'laura';

  beforeAll(async () => {
    const providerPort = await freePort();
    const appPort = await freePort();
    issuer = `http://127.0.0.1:${providerPort}`;
    appUrl = `http://127.0.0.1:${appPort}`;
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'external-rp', client_secret: 'a-long-enough-client-secret-for-tests', redirect_uris: [`${appUrl}/auth/callback`],
        post_logout_redirect_uris: [`${appUrl}/`], grant_types: ['authorization_code'], response_types: ['code'] }],
      pkce: { required: () => true },
      acrValues: ['https://www.spid.gov.it/SpidL1', 'https://www.spid.gov.it/SpidL2', 'https://www.spid.gov.it/SpidL3'],
      claims: { openid: ['sub'], profile: ['given_name', 'family_name', 'birthdate', 'https://attributes.eid.gov.it/fiscal_number'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) }),
      interactions: { url: (_ctx, interaction) => `/login/${interaction.uid}` },
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid profile email phone address');
        grant.addOIDCClaims(['https://attributes.eid.gov.it/fiscal_number', 'given_name', 'family_name', 'birthdate']);
        await grant.save();
        return grant;
      },
    });
    const callback = provider.callback();
    providerServer = createServer(async (req, res) => {
      const login = /^\/login\/([^/?]+)/.exec(req.url ?? '');
      if (login) {
        // the "user" signs in at once, at the level the client asked for
        const details = await provider.interactionDetails(req, res);
        const acr = String(details.params.acr_values ?? 'https://www.spid.gov.it/SpidL2').split(' ')[0];
        await provider.interactionFinished(req, res, { login: { accountId: nextAccount, acr } }, { mergeWithLastSubmission: false });
        return;
      }
      callback(req, res);
    });
    await new Promise<void>((resolve) => providerServer.listen(providerPort, '127.0.0.1', resolve));

    const env = { PUBLIC_URL: appUrl, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'external-rp', OIDC_CLIENT_SECRET: 'a-long-enough-client-secret-for-tests' };
    expect(loadConfig({ SPORTELLO_MODE: 'test', ...env }).oidc?.bundled).toBe(false);
    app = await testApp({ env });
    await app.app.listen({ port: appPort, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => providerServer.close(resolve));
  });

  it('does not mount the bundled test provider when a real one is configured', async () => {
    expect((await fetch(`${appUrl}/test-idp/.well-known/openid-configuration`)).status).toBe(404);
  });

  it('logs a citizen in at level 2 and ends the provider session on logout', async () => {
    nextAccount = 'laura';
    const browser = new HttpBrowser();
    await browser.go(`${appUrl}/auth/login?level=SpidL2&returnTo=/servizi`);
    expect(new URL(browser.url).pathname).toBe('/servizi');
    const host = new URL(appUrl).host;
    const session = browser.cookie(host, 'sportello_session')!;
    const csrf = browser.cookie(host, 'sportello_csrf')!;
    const me = await fetch(`${appUrl}/api/v1/me`, { headers: { cookie: `sportello_session=${session}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'citizen', name: 'Laura Bianchi', fiscalCode: GOOD_CF, auth: { method: 'spid', level: 'SpidL2' } });
    const out = await fetch(`${appUrl}/auth/logout`, { method: 'POST', headers: { cookie: `sportello_session=${session}; sportello_csrf=${csrf}`, 'x-csrf-token': csrf } });
    const { providerLogoutUrl } = (await out.json()) as { providerLogoutUrl: string };
    expect(providerLogoutUrl.startsWith(`${issuer}/session/end`)).toBe(true);
    expect(new URL(providerLogoutUrl).searchParams.get('id_token_hint')).toBeTruthy();
  });

  it('refuses an answer without a fiscal code, or with a malformed one, with a clear page', async () => {
    for (const [account, reason] of [['nocf', 'missing_claims'], ['badcf', 'invalid_fiscal_code']]) {
      nextAccount = account!;
      const browser = new HttpBrowser();
      await browser.go(`${appUrl}/auth/login?level=SpidL2`);
      expect(browser.url).toBe(`${appUrl}/accesso-non-riuscito?motivo=${reason}`);
      expect(browser.cookie(new URL(appUrl).host, 'sportello_session')).toBeUndefined();
    }
  });

  it('says the provider is unavailable when the issuer is wrong, and keeps serving', async () => {
    const port = await freePort();
    const wrong = await testApp({ env: { PUBLIC_URL: `http://127.0.0.1:${port}`, OIDC_ISSUER: `${issuer}/not-the-issuer`, OIDC_CLIENT_ID: 'external-rp', OIDC_CLIENT_SECRET: 'x'.repeat(32) } });
    try {
      const r = await wrong.app.inject({ url: '/auth/login?level=SpidL2' });
      expect(r.statusCode).toBe(302);
      expect(r.headers.location).toBe('/accesso-non-riuscito?motivo=provider_unavailable');
      expect((await wrong.app.inject({ url: '/api/v1/status' })).statusCode).toBe(200);
    } finally {
      await wrong.close();
    }
  });
});
