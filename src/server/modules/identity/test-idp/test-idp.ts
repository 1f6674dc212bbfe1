/**
 * The bundled test identity provider: an OpenID Connect provider (oidc-provider 8) that behaves like a SPID/CIE
 * provider (authorisation code + PKCE, SPID levels as acr values, the SPID attribute names as claims) and lets
 * a developer pick one of the invented people of identities.ts instead of typing credentials.
 *
 * Development and tests only: keys are generated at start, state lives in memory, and anyone who reaches the
 * picker can be anyone. The caller (the app) mounts it only outside production.
 *
 * How it is wired into Fastify: an encapsulated plugin owns every path under the issuer's path. Its own pages
 * (the picker and its two actions) are ordinary Fastify routes; every other path is handed, untouched, to the
 * provider's koa callback with the prefix stripped from the URL (oidc-provider works out its mount path from
 * `originalUrl`). The plugin drops the app's body parsers so that oidc-provider reads form posts itself.
 *
 * Pages carry no script at all, so they work under the app's CSP (script-src 'self') and under the stricter one
 * set here on every response of the provider.
 */
import { createHash, generateKeyPair } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Provider, { errors, type Adapter, type AdapterPayload, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { App } from '../../../platform/context.ts';
import { findTestIdentity, formatAddress, TEST_IDENTITIES, type TestIdentity } from './identities.ts';

export interface TestIdpOptions {
  /** e.g. `${publicUrl}/test-idp`; the provider is mounted under the path of this URL, which must not be `/` */
  issuer: string;
  clients: { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris: string[] }[];
  /** keys that sign the provider's own cookies (newest first) */
  cookieKeys: string[];
}

export const SPID_LEVELS = {
  'https://www.spid.gov.it/SpidL1': 'Livello 1',
  'https://www.spid.gov.it/SpidL2': 'Livello 2',
  'https://www.spid.gov.it/SpidL3': 'Livello 3',
} as const;
type SpidLevel = keyof typeof SPID_LEVELS;
const DEFAULT_LEVEL: SpidLevel = 'https://www.spid.gov.it/SpidL2';

export const FISCAL_NUMBER_CLAIM = 'https://attributes.eid.gov.it/fiscal_number';

/** The subject (sub) the provider asserts for a test identity: stable across restarts. */
export function testIdpSubject(identityId: string): string {
  return `test-idp-${identityId}`;
}

function identityOfSubject(sub: string): TestIdentity | undefined {
  return sub.startsWith('test-idp-') ? findTestIdentity(sub.slice('test-idp-'.length)) : undefined;
}

/** The claims of a test identity, named as SPID/CIE OpenID Connect names them. */
export function testIdentityClaims(identity: TestIdentity): Record<string, unknown> {
  return {
    sub: testIdpSubject(identity.id),
    [FISCAL_NUMBER_CLAIM]: `TINIT-${identity.fiscalCode}`,
    given_name: identity.givenName,
    family_name: identity.familyName,
    birthdate: identity.birthDate,
    place_of_birth: identity.birthPlace,
    email: identity.email,
    phone_number: identity.phone,
    address: {
      formatted: formatAddress(identity.address),
      street_address: identity.address.street,
      locality: identity.address.locality,
      postal_code: identity.address.postalCode,
      country: identity.address.country,
    },
  };
}

/** The first SPID level among the requested acr values (in order of preference), or level 2. */
function requestedLevel(acrValues: unknown): SpidLevel {
  const values = typeof acrValues === 'string' ? acrValues.split(' ') : [];
  return (values.find((v) => v in SPID_LEVELS) as SpidLevel | undefined) ?? DEFAULT_LEVEL;
}

// ---------------------------------------------------------------------------------------------------------------
// Storage

interface Entry {
  payload: AdapterPayload;
  /** epoch ms */
  expiresAt: number;
}

/**
 * In-memory storage for one provider instance (not shared between instances, unlike oidc-provider's own
 * MemoryAdapter, and without its start-up warning). Expired entries are dropped when read and swept now and then.
 */
/** Models whose entries die with their grant (the same list as oidc-provider's MemoryAdapter). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

function memoryAdapterFactory(): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const index = new Map<string, string>(); // sessionUid:… and userCode:… → key of the entry
  const byGrant = new Map<string, Set<string>>(); // grantId → keys of the tokens issued under it
  let writes = 0;

  const live = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, e] of entries) if (e.expiresAt <= now) entries.delete(key);
    for (const [key, id] of index) if (!entries.has(id)) index.delete(key);
    for (const [grantId, keys] of byGrant) {
      for (const k of keys) if (!entries.has(k)) keys.delete(k);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % 500 === 0) sweep();
        const k = key(id);
        entries.set(k, { payload, expiresAt: Date.now() + expiresIn * 1000 });
        if (model === 'Session' && payload.uid) index.set(`sessionUid:${payload.uid}`, k);
        if (payload.userCode) index.set(`userCode:${payload.userCode}`, k);
        if (payload.grantId && GRANTABLE.has(model)) {
          const keys = byGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(k);
          byGrant.set(payload.grantId, keys);
        }
      },
      async find(id) {
        return live(key(id))?.payload;
      },
      async findByUid(uid) {
        const k = index.get(`sessionUid:${uid}`);
        return k ? live(k)?.payload : undefined;
      },
      async findByUserCode(userCode) {
        const k = index.get(`userCode:${userCode}`);
        return k ? live(k)?.payload : undefined;
      },
      async consume(id) {
        const e = live(key(id));
        if (e) e.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const k of byGrant.get(grantId) ?? []) entries.delete(k);
        byGrant.delete(grantId);
      },
    };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

const escapeHtml = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#f2f4f7}
.dev{margin:0;padding:.75rem 1rem;background:#fff4d6;color:#4d3200;border-bottom:4px solid #d98e04;font-weight:700;text-align:center}
main{display:block;max-width:44rem;margin:0 auto;padding:1.25rem 1rem 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.en{margin:0 0 1rem;color:#454b52}
.box{background:#fff;border-left:6px solid #0059b3;padding:.75rem 1rem;margin:1rem 0;border-radius:.25rem}
.box p{margin:.25rem 0}
.hint{color:#454b52;margin:.25rem 0 .75rem}
ul.ids{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
ul.ids form{margin:0;height:100%}
button{font:inherit;cursor:pointer;border-radius:.5rem;min-height:3rem;padding:.75rem 1.25rem}
button.id{display:flex;flex-direction:column;justify-content:flex-start;width:100%;height:100%;text-align:left;background:#fff;color:#1a1a1a;border:2px solid #0059b3}
button.id:hover{background:#e8f1fb}
.name{display:block;font-size:1.15rem;font-weight:700;color:#00458a}
.desc{display:block}
.meta{display:block;margin-top:.25rem;color:#454b52;font-size:.95rem}
.cf{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;letter-spacing:.02em}
.primary{background:#0059b3;color:#fff;border:2px solid #0059b3;font-weight:700}
.primary:hover{background:#00458a}
.secondary{background:#fff;color:#1a1a1a;border:2px solid #5c6670;font-weight:700}
.secondary:hover{background:#e9ecef}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
.actions form{margin:0}
.error{border-left-color:#b00020}
a{color:#00458a}
button:focus-visible,a:focus-visible{outline:4px solid #1a1a1a;outline-offset:3px;box-shadow:0 0 0 2px #fff}
footer{max-width:44rem;margin:0 auto;padding:0 1rem 2rem;color:#454b52;font-size:.95rem}
@media (min-width:60rem){main,footer{max-width:64rem}ul.ids{grid-template-columns:1fr 1fr}h1{font-size:1.75rem}}
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** A whole page: the development banner, a main region, a footer. `body` is trusted HTML. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} · Provider di identità di prova</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="dev">Ambiente di sviluppo: nessuna persona reale, nessun dato reale</p></header>
<main>
${body}
</main>
<footer><p>Provider di identità di prova di Sportello. Le persone sono inventate; i loro codici fiscali sono calcolati con l'algoritmo ufficiale.</p></footer>
</body>
</html>`;
}

const TITLE = 'Provider di identità di prova — solo per sviluppo';
const TITLE_BLOCK = `<h1>${TITLE}</h1>\n<p class="en" lang="en">Test identity provider — for development only.</p>`;

function messagePage(heading: string, english: string, message: string, extra = ''): string {
  return page(
    heading,
    `${TITLE_BLOCK}
<div class="box error"><h2>${escapeHtml(heading)}</h2><p>${escapeHtml(message)}</p><p lang="en">${escapeHtml(english)}</p></div>
${extra}`,
  );
}

const EXPIRED = {
  heading: 'Sessione di accesso scaduta',
  message: 'La sessione di accesso è scaduta, torna al sito e riprova.',
  english: 'The sign-in session has expired: go back to the site and try again.',
};

function expiredPage(): string {
  return messagePage(EXPIRED.heading, EXPIRED.english, EXPIRED.message);
}

function residenceLabel(identity: TestIdentity): string {
  if (identity.residence === 'comune-di-castelrocca') return 'Residente a Castelrocca';
  if (identity.residence === 'comune-di-valdoro') return 'Residente a Valdoro';
  return `Residente a ${identity.address.locality}`;
}

function pickerPage(action: { login: string; abort: string }, level: SpidLevel, clientId: string): string {
  const options = TEST_IDENTITIES.map(
    (i) => `<li><form method="post" action="${escapeHtml(action.login)}">
<input type="hidden" name="identity" value="${escapeHtml(i.id)}">
<button type="submit" class="id"><span class="name">${escapeHtml(`${i.givenName} ${i.familyName}`)}</span>
<span class="desc">${escapeHtml(i.description)}</span>
<span class="meta">Codice fiscale <span class="cf">${escapeHtml(i.fiscalCode)}</span> · ${escapeHtml(residenceLabel(i))}</span></button>
</form></li>`,
  ).join('\n');
  return page(
    "Scegli l'identità",
    `${TITLE_BLOCK}
<div class="box">
<p>Livello di sicurezza richiesto: <strong>${SPID_LEVELS[level]}</strong></p>
<p>Servizio che chiede l'accesso: <strong>${escapeHtml(clientId)}</strong></p>
</div>
<h2 id="scelta">Scegli con quale persona accedere</h2>
<p class="hint">Ogni pulsante accede subito come la persona indicata, senza password.</p>
<ul class="ids" aria-labelledby="scelta">
${options}
</ul>
<div class="actions"><form method="post" action="${escapeHtml(action.abort)}"><button type="submit" class="secondary">Annulla</button></form></div>`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Mounting

type RawRequest = IncomingMessage & { originalUrl?: string };

/**
 * Creates the test identity provider and mounts it on the app under the issuer's path. Call before `app.ready()`.
 */
export async function mountTestIdp(app: App, opts: TestIdpOptions): Promise<void> {
  const issuerUrl = new URL(opts.issuer);
  const prefix = issuerUrl.pathname.replace(/\/+$/, '');
  if (!prefix) throw new Error('mountTestIdp: the issuer must have a path (e.g. https://host/test-idp), so that it does not own the whole site');
  if (opts.clients.length === 0) throw new Error('mountTestIdp: at least one client is needed');
  if (opts.cookieKeys.length === 0) throw new Error('mountTestIdp: cookieKeys must not be empty');
  const issuer = `${issuerUrl.origin}${prefix}`;

  // Forms of the provider's pages post to itself, and their answers redirect to the clients: list their origins.
  const clientOrigins = new Set(opts.clients.flatMap((c) => [...c.redirectUris, ...c.postLogoutRedirectUris]).map((u) => new URL(u).origin));
  // script-src 'self' only matters for a page of the library that this module did not replace (see below).
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "img-src 'self' data:",
    "script-src 'self'",
    `form-action 'self' ${[...clientOrigins].join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const signingKey = { ...(privateKey.export({ format: 'jwk' }) as JWK), use: 'sig', alg: 'RS256' };

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    jwks: { keys: [signingKey] },
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // the default; oidc-provider accepts client_secret_post from the same client as well
      token_endpoint_auth_method: 'client_secret_basic',
      // a request without acr_values asks for level 2 (SPID's usual level for online services)
      default_acr_values: [DEFAULT_LEVEL],
    })),
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    acrValues: Object.keys(SPID_LEVELS),
    claims: {
      auth_time: null,
      iss: null,
      sid: null,
      // acr and amr in every ID token, not only when the client asked for acr_values or claims
      openid: ['sub', 'acr', 'amr'],
      profile: ['given_name', 'family_name', 'birthdate', 'place_of_birth', FISCAL_NUMBER_CLAIM],
      email: ['email'],
      phone: ['phone_number'],
      address: ['address'],
    },
    // The relying party reads the person from the ID token, without a userinfo call (userinfo works too).
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const identity = identityOfSubject(sub);
      if (!identity) return undefined;
      return { accountId: sub, claims: () => testIdentityClaims(identity) as { sub: string } };
    },
    // First-party clients: never ask for consent; the grant covers whatever the client asked for.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const { Grant } = ctx.oidc.provider;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      let grant = grantId ? await Grant.find(grantId) : undefined;
      if (!grant || grant.accountId !== session.accountId || grant.clientId !== client.clientId) {
        grant = new Grant({ accountId: session.accountId, clientId: client.clientId });
      }
      const scope = [...ctx.oidc.requestParamScopes].join(' ');
      if (scope) grant.addOIDCScope(scope);
      const claims = [...ctx.oidc.requestParamClaims];
      if (claims.length) grant.addOIDCClaims(claims);
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, AuthorizationCode: 60, Grant: 3600 },
    cookies: {
      keys: opts.cookieKeys,
      names: { session: 'test_idp_session', interaction: 'test_idp_interaction', resume: 'test_idp_resume' },
      // Lax rather than the library's None: the whole flow is top-level navigation, and None needs https.
      long: { httpOnly: true, sameSite: 'lax', signed: true, path: prefix },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    renderError,
  };

  const provider = new Provider(issuer, configuration);
  // URLs come from the forwarded headers that prepare() sets from the issuer, never from the request's Host.
  provider.proxy = true;
  provider.use(replaceAutoSubmitPages);
  const callback = provider.callback();

  /** Makes a raw request look as if it came for the issuer's origin, and puts the provider's CSP on the answer. */
  const prepare = (req: IncomingMessage, res: ServerResponse) => {
    req.headers['x-forwarded-proto'] = issuerUrl.protocol.slice(0, -1);
    req.headers['x-forwarded-host'] = issuerUrl.host;
    res.setHeader('Content-Security-Policy', csp);
  };

  const handToProvider = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.raw as RawRequest;
    const original = raw.url ?? '/';
    const rest = original.slice(prefix.length);
    raw.originalUrl = original;
    raw.url = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
    prepare(raw, reply.raw);
    reply.hijack();
    await callback(raw, reply.raw);
  };

  const htmlReply = (reply: FastifyReply, status: number, html: string) =>
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', csp).send(html);

  /** The interaction behind this URL, if the browser's interaction cookie matches it; undefined when expired. */
  const interactionOf = async (req: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) => {
    prepare(req.raw, reply.raw);
    try {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      return details.uid === req.params.uid ? details : undefined;
    } catch (err) {
      if (err instanceof errors.SessionNotFound) return undefined;
      throw err;
    }
  };

  const hidden = { schema: { hide: true } };

  await app.register(async (idp) => {
    // oidc-provider parses its own bodies: leave the stream unread.
    idp.removeAllContentTypeParsers();
    idp.addContentTypeParser('*', (_req, _payload, done) => done(null));
    idp.all(prefix, hidden, handToProvider);
    idp.all(`${prefix}/*`, hidden, handToProvider);

    // The picker and its actions: plain forms, url-encoded bodies.
    await idp.register(async (pages) => {
      pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
      const interactionPath = (uid: string) => `${prefix}/interaction/${encodeURIComponent(uid)}`;

      pages.get<{ Params: { uid: string } }>(`${prefix}/interaction/:uid`, hidden, async (req, reply) => {
        const details = await interactionOf(req, reply);
        if (!details) return htmlReply(reply, 400, expiredPage());
        if (details.prompt.name !== 'login') {
          // Only a consent prompt can get here (loadExistingGrant normally prevents it): grant it at once.
          const grant = new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
          if (typeof details.params.scope === 'string') grant.addOIDCScope(details.params.scope);
          const grantId = await grant.save();
          const returnTo = await provider.interactionResult(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
          return reply.redirect(returnTo, 303);
        }
        const path = interactionPath(details.uid);
        return htmlReply(reply, 200, pickerPage({ login: `${path}/login`, abort: `${path}/abort` }, requestedLevel(details.params.acr_values), String(details.params.client_id)));
      });

      pages.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(`${prefix}/interaction/:uid/login`, hidden, async (req, reply) => {
        const details = await interactionOf(req, reply);
        if (!details) return htmlReply(reply, 400, expiredPage());
        const id = req.body?.identity ?? '';
        const identity = findTestIdentity(id);
        if (!identity) {
          return htmlReply(
            reply,
            400,
            messagePage(
              'Identità sconosciuta',
              `There is no test identity "${id}".`,
              id ? `Non esiste un'identità di prova «${id}».` : "Non è stata scelta nessuna identità.",
              `<p><a href="${escapeHtml(interactionPath(details.uid))}">Torna alla scelta dell'identità</a></p>`,
            ),
          );
        }
        const returnTo = await provider.interactionResult(
          req.raw,
          reply.raw,
          { login: { accountId: testIdpSubject(identity.id), acr: requestedLevel(details.params.acr_values), amr: ['pwd'] } },
          { mergeWithLastSubmission: false },
        );
        return reply.redirect(returnTo, 303);
      });

      pages.post<{ Params: { uid: string } }>(`${prefix}/interaction/:uid/abort`, hidden, async (req, reply) => {
        const details = await interactionOf(req, reply);
        if (!details) return htmlReply(reply, 400, expiredPage());
        const returnTo = await provider.interactionResult(
          req.raw,
          reply.raw,
          { error: 'access_denied', error_description: "L'utente ha annullato l'accesso" },
          { mergeWithLastSubmission: false },
        );
        return reply.redirect(returnTo, 303);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Pages rendered by oidc-provider through its configuration hooks

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  // `form` is the library's empty form (id="op.logoutForm", hidden xsrf field); the buttons submit it.
  const identity = identityOfSubject(ctx.oidc.session?.accountId ?? '');
  const who = identity ? `Sei collegato come <strong>${escapeHtml(`${identity.givenName} ${identity.familyName}`)}</strong>.` : '';
  const client = ctx.oidc.client ? ` Il servizio <strong>${escapeHtml(ctx.oidc.client.clientId)}</strong> ha chiesto di chiudere la sessione.` : '';
  ctx.type = 'html';
  ctx.body = page(
    'Uscita',
    `${TITLE_BLOCK}
<h2>Vuoi uscire dal provider di identità di prova?</h2>
<p lang="en">Do you want to sign out of the test identity provider?</p>
<div class="box"><p>${who}${client}</p></div>
${form}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary">Esci</button>
<button type="submit" form="op.logoutForm" class="secondary">Resta collegato al provider</button>
</div>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Uscita completata',
    `${TITLE_BLOCK}
<div class="box"><h2>Sei uscito dal provider di identità di prova</h2><p>Puoi chiudere questa pagina o tornare al sito.</p>
<p lang="en">You have signed out of the test identity provider.</p></div>`,
  );
}

async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, error: Error): Promise<void> {
  ctx.type = 'html';
  if (error instanceof errors.SessionNotFound) {
    ctx.body = expiredPage();
    return;
  }
  const detail = out.error_description ? `${out.error}: ${out.error_description}` : out.error;
  ctx.body = messagePage('Errore del provider di identità', `The identity provider could not go on (${detail}).`, `Non è stato possibile proseguire (${detail}). Torna al sito e riprova.`);
}

/**
 * oidc-provider answers some steps with a page that submits a form by inline script: logging out when the
 * provider has no session, switching to another identity while one is logged in (it logs the first one out),
 * and response_mode=form_post. Those pages are replaced with the same form and a visible button, so that no
 * page of the provider needs script. The markup matched is that of lib/response_modes/form_post.js in 8.8.1;
 * if it ever changes, the library's page is left in place (and still works: the CSP allows its script by hash).
 */
async function replaceAutoSubmitPages(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  const body = ctx.body;
  if (typeof body !== 'string' || !body.includes('<title>Submitting Callback</title>')) return;
  const action = /<form method="post" action="([^"]*)">/.exec(body)?.[1];
  if (!action) return;
  // attribute values in the library's markup are already HTML-escaped, and are copied as they are
  const inputs = [...body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g)]
    .map(([, name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('\n');
  const loggingOut = action.endsWith('/session/end/confirm');
  ctx.body = page(
    'Continua',
    `${TITLE_BLOCK}
<div class="box">
<h2>${loggingOut ? 'Chiusura della sessione precedente' : 'Ritorno al servizio'}</h2>
<p>${loggingOut ? 'Per continuare, il provider di prova chiude la sessione aperta in precedenza.' : 'Premi il pulsante per tornare al servizio.'}</p>
<p lang="en">${loggingOut ? 'To go on, the test provider ends the previous session.' : 'Press the button to go back to the service.'}</p>
</div>
<form method="post" action="${action}">
${inputs}
<div class="actions"><button type="submit" class="primary">Continua</button></div>
</form>`,
  );
}
