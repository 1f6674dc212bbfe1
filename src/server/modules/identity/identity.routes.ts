import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { Type } from 'typebox';
import { isCitizen, type SpidLevel } from '../../platform/access.ts';
import { auditActor } from '../../platform/audit.ts';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { badRequest, Problem, unauthorized } from '../../platform/errors.ts';
import { sha256Hex } from '../../platform/secrets.ts';
import {
  ChangePasswordBody, ChooseSubjectBody, Delegation, GivenDelegation, LoginQuery, LoginStep, Me, PasswordChangeLoginBody, PasswordLoginBody, RevokeBody,
  SubjectView, TotpBody,
} from './identity.schemas.ts';
import { CSRF_COOKIE, LOGIN_COOKIE, SESSION_COOKIE, type NewSession } from './identity.service.ts';
import { LoginError } from './oidc-client.ts';
import { DELEGATION_MAX_BYTES } from './subjects.service.ts';

const headerKey = (req: FastifyRequest) => {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
};

/** Only a path on this site: never another origin ("//evil", "/\\evil", "https://…"). */
export function safeReturnTo(value: string | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  // a Location header carries ASCII only: anything else is percent-encoded
  return value.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

const PROBLEM_RESPONSES = { 400: Type.Ref('Problem'), 401: Type.Ref('Problem'), 403: Type.Ref('Problem'), 404: Type.Ref('Problem') };

export async function identityRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.identity;
  const subjects = ctx.services.subjects;
  const secure = ctx.config.mode === 'production' || ctx.config.publicUrl.startsWith('https:');
  const maxAge = ctx.config.sessionMaxHours * 3600;

  const setSession = (reply: FastifyReply, session: NewSession) => {
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
    // readable by our own pages, which send it back in X-CSRF-Token; useless without the session cookie
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge });
  };
  const clearSession = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  };

  app.get('/auth/providers', {
    schema: { tags: ['accesso'], summary: 'Metodi di accesso disponibili', operationId: 'listLoginProviders', hide: true,
      response: { 200: Type.Object({ oidc: Type.Boolean(), bundledTestProvider: Type.Boolean() }) } },
  }, async () => ({ oidc: svc.oidcEnabled, bundledTestProvider: !!ctx.config.oidc?.bundled }));

  // Browser navigation: off to the identity provider (SPID/CIE) at the level asked for.
  app.get('/auth/login', {
    schema: { tags: ['accesso'], summary: 'Accedi con SPID o CIE', operationId: 'startLogin', hide: true, querystring: LoginQuery },
  }, async (req, reply) => {
    const q = req.query;
    const audience = (q.audience ?? 'citizen') as 'citizen' | 'operator';
    const returnTo = safeReturnTo(q.returnTo, audience === 'operator' ? '/backoffice' : '/area-personale');
    try {
      const { url, state } = await svc.startOidcLogin({ audience, method: (q.method ?? 'spid') as 'spid' | 'cie', level: (q.level ?? 'SpidL2') as SpidLevel, returnTo });
      reply.setCookie(LOGIN_COOKIE, state, { path: '/auth', httpOnly: true, sameSite: 'lax', secure, maxAge: 600 });
      return reply.redirect(url, 302);
    } catch (error) {
      return loginFailedPage(req, reply, error);
    }
  });

  app.get('/auth/callback', {
    schema: { tags: ['accesso'], summary: 'Ritorno dal provider di identità', operationId: 'loginCallback', hide: true,
      querystring: Type.Object({}, { additionalProperties: Type.String({ maxLength: 4000 }) }) },
  }, async (req, reply) => {
    const url = new URL(req.url, ctx.config.publicUrl);
    reply.clearCookie(LOGIN_COOKIE, { path: '/auth' });
    try {
      const done = await svc.finishOidcLogin(url, req.cookies[LOGIN_COOKIE], req.cookies[SESSION_COOKIE]);
      setSession(reply, done.session);
      return reply.redirect(done.returnTo, 302);
    } catch (error) {
      return loginFailedPage(req, reply, error);
    }
  });

  app.post('/auth/operator/login', {
    config: {
      rateLimit: {
        max: 10,
        timeWindow: '1 minute',
        // per account, whatever address the attempts come from (the global limit is per address)
        hook: 'preHandler',
        keyGenerator: (req) => `login:${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
      },
    },
    schema: {
      tags: ['accesso'], summary: 'Accesso degli operatori: e-mail e password', operationId: 'operatorLogin', hide: true,
      body: PasswordLoginBody, response: { 200: LoginStep, ...PROBLEM_RESPONSES, 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const step = await svc.passwordLogin(req.body.email, req.body.password);
    if (step.status === 'done') {
      setSession(reply, step.session);
      return { status: 'done' };
    }
    return step;
  });

  app.post('/auth/operator/totp', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['accesso'], summary: 'Accesso degli operatori: codice TOTP', operationId: 'operatorTotp', hide: true,
      body: TotpBody, response: { 200: LoginStep, ...PROBLEM_RESPONSES, 409: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const step = await svc.totpLogin(req.body.challenge, req.body.code);
    if (step.status === 'password_change') return step;
    setSession(reply, step.session);
    return { status: 'done' };
  });

  // An account with a temporary password chooses its own: the last step of the sign-in, then the session.
  app.post('/auth/operator/password', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['accesso'], summary: 'Accesso degli operatori: nuova password al posto di quella temporanea', operationId: 'operatorPasswordChange', hide: true,
      body: PasswordChangeLoginBody, response: { 200: LoginStep, ...PROBLEM_RESPONSES, 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    setSession(reply, await svc.passwordChangeLogin(req.body.challenge, req.body.newPassword));
    return { status: 'done' };
  });

  app.post('/auth/logout', {
    schema: { tags: ['accesso'], summary: 'Esci', operationId: 'logout', hide: true,
      response: { 200: Type.Object({ providerLogoutUrl: Type.Union([Type.String(), Type.Null()]) }) } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const result = token ? await svc.logout(token) : { providerLogoutUrl: null };
    clearSession(reply);
    return result;
  });

  app.get('/api/v1/me', {
    schema: { tags: ['accesso'], summary: 'Chi sono', description: 'La persona o il sistema che fa la richiesta, i suoi ruoli e per chi agisce.',
      operationId: 'readMe', response: { 200: Me, 401: Type.Ref('Problem') } },
  }, async (req) => {
    const actor = await actorOf(ctx, req);
    if (!actor) throw unauthorized();
    const session = req.cookies[SESSION_COOKIE];
    const csrfToken = session && !req.headers.authorization ? svc.csrfFor(sha256Hex(session)) : undefined;
    if (isCitizen(actor)) {
      return {
        kind: 'citizen', id: actor.id, name: actor.name, fiscalCode: actor.fiscalCode, roles: actor.roles, auth: actor.auth,
        actingFor: actor.actingFor, ...(csrfToken ? { csrfToken } : {}),
      };
    }
    const tenant = await ctx.services.tenants.get(actor.tenantId);
    return {
      kind: actor.kind, id: actor.id, name: actor.name, ...('email' in actor ? { email: String(actor.email) } : {}),
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, roles: actor.roles, grants: actor.grants,
      auth: { method: actor.auth.method, level: actor.auth.level as SpidLevel | null }, ...(csrfToken ? { csrfToken } : {}),
    };
  });

  app.post('/api/v1/me/password', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['accesso'], summary: 'Cambia la mia password', operationId: 'changeMyPassword', body: ChangePasswordBody,
      description: "Solo per un operatore collegato con la propria sessione. Una password attuale sbagliata conta come un accesso non riuscito " +
        "(dopo 5 l'account è bloccato per 15 minuti); le altre sessioni dell'operatore terminano, questa resta.",
      response: { 204: Type.Null({ description: 'password cambiata' }), ...PROBLEM_RESPONSES, 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    await svc.changeOwnPassword(await actorOf(ctx, req), req.cookies[SESSION_COOKIE], req.body.currentPassword, req.body.newPassword);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me/subjects', {
    schema: { tags: ['accesso'], summary: 'Per chi posso agire', operationId: 'listMySubjects',
      description: 'Me stesso, i figli minori nel mio stato di famiglia, chi mi ha delegato, le imprese che rappresento.',
      response: { 200: Type.Object({ items: Type.Array(SubjectView, { maxItems: 500 }) }), ...PROBLEM_RESPONSES } },
  }, async (req) => ({ items: await subjects.options(await actorOf(ctx, req)) }));

  app.put('/api/v1/me/acting-for', {
    schema: { tags: ['accesso'], summary: 'Scegli per chi agire', operationId: 'chooseSubject', body: ChooseSubjectBody,
      response: { 200: SubjectView, ...PROBLEM_RESPONSES } },
  }, async (req) => {
    // the choice lives in the session: only a citizen's cookie session has one (the service checks the role)
    return subjects.choose(await actorOf(ctx, req), req.cookies[SESSION_COOKIE] ?? '', req.body as { kind: 'self' | 'minor' | 'delegation' | 'company'; id: string });
  });

  app.get('/api/v1/me/delegations', {
    schema: { tags: ['accesso'], summary: 'Le deleghe ricevute', operationId: 'listMyDelegations',
      response: { 200: Type.Object({ items: Type.Array(Delegation, { maxItems: 200 }) }), ...PROBLEM_RESPONSES } },
  }, async (req) => ({ items: (await subjects.delegations(await actorOf(ctx, req))).map(delegationView) }));

  app.post('/api/v1/me/delegations', {
    schema: {
      tags: ['accesso'], summary: 'Registra una delega con il documento firmato', operationId: 'createDelegation',
      description: 'multipart/form-data: delegatorFiscalCode, delegatorGivenName, delegatorFamilyName, purpose, validUntil (YYYY-MM-DD), document (PDF, PNG o JPEG, al massimo 5 MB).',
      consumes: ['multipart/form-data'],
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'makes a retried POST return the first result' })) }),
      response: { 201: Delegation, ...PROBLEM_RESPONSES, 413: Type.Ref('Problem'), 422: Type.Ref('Problem'), 503: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    if (!actor) throw unauthorized();
    const form = await readDelegationForm(req);
    // the antivirus before anything reads the document, outside the idempotent request's transaction (it may take seconds)
    await ctx.services.uploadScreening.check([{ name: form.document.fileName, content: form.document.content }],
      { actor: auditActor(actor), channel: 'delegation.document', field: 'document' });
    // a retried upload with the same Idempotency-Key records one delegation; the file is part of what must match
    const fingerprint = { ...form, document: { name: form.document.fileName, sha256: sha256Hex(form.document.content) } };
    const r = await idempotent(ctx.database.db, actorKey(actor), headerKey(req), fingerprint, async (db) => ({
      status: 201,
      body: delegationView(await subjects.withExecutor(db).createDelegation(actor, form)),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.post('/api/v1/me/delegations/:delegationId/revoke', {
    schema: { tags: ['accesso'], summary: 'Revoca una delega', operationId: 'revokeDelegation',
      params: Type.Object({ delegationId: Type.String({ format: 'uuid', maxLength: 36 }) }), body: Type.Optional(RevokeBody),
      response: { 200: Delegation, ...PROBLEM_RESPONSES } },
  }, async (req) => delegationView(await subjects.revokeDelegation(await actorOf(ctx, req), req.params.delegationId, req.body?.reason)));

  app.get('/api/v1/me/delegations-given', {
    schema: { tags: ['accesso'], summary: 'Le deleghe date ad altri a mio nome', operationId: 'listDelegationsGiven',
      description: 'Le deleghe che qualcuno ha registrato indicando il mio codice fiscale come delegante: posso revocarle.',
      response: { 200: Type.Object({ items: Type.Array(GivenDelegation, { maxItems: 200 }) }), ...PROBLEM_RESPONSES } },
  }, async (req) => ({ items: (await subjects.delegationsGiven(await actorOf(ctx, req))).map(givenView) }));

  app.post('/api/v1/me/delegations-given/:delegationId/revoke', {
    schema: { tags: ['accesso'], summary: 'Revoca una delega data a mio nome', operationId: 'revokeDelegationGiven',
      params: Type.Object({ delegationId: Type.String({ format: 'uuid', maxLength: 36 }) }), body: Type.Optional(RevokeBody),
      response: { 200: GivenDelegation, ...PROBLEM_RESPONSES } },
  }, async (req) => givenView(await subjects.revokeGiven(await actorOf(ctx, req), req.params.delegationId, req.body?.reason)));

  app.get('/api/v1/me/delegations/:delegationId/document', {
    schema: { tags: ['accesso'], summary: 'Il documento di una delega', operationId: 'readDelegationDocument',
      params: Type.Object({ delegationId: Type.String({ format: 'uuid', maxLength: 36 }) }),
      response: { 200: Type.Unknown({ description: 'il file (PDF o immagine)' }), ...PROBLEM_RESPONSES } },
  }, async (req, reply) => {
    const doc = await subjects.delegationDocument(await actorOf(ctx, req), req.params.delegationId);
    return sendDownload(reply, { fileName: doc.name, contentType: doc.type, content: doc.content });
  });

  /** A failed login goes to a page that says what happened and what to do; the log gets the reason only. */
  function loginFailedPage(req: FastifyRequest, reply: FastifyReply, error: unknown) {
    const reason = error instanceof LoginError ? error.reason : 'provider_error';
    req.log.warn({ loginFailure: reason }, 'login did not complete');
    if (!(error instanceof LoginError) && !(error instanceof Error && 'status' in error)) req.log.error({ err: error }, 'unexpected login error');
    return reply.redirect(`/accesso-non-riuscito?motivo=${encodeURIComponent(reason)}`, 302);
  }

}


function delegationView(d: {
  id: string; delegator_fiscal_code: string; delegator_given_name: string; delegator_family_name: string; purpose: string; valid_until: string;
  document_name: string; document_type: string; document_size: number; document_sha256: string; created_at: Date; revoked_at: Date | null;
}) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: d.id, delegatorFiscalCode: d.delegator_fiscal_code, delegatorName: `${d.delegator_given_name} ${d.delegator_family_name}`,
    purpose: d.purpose, validUntil: d.valid_until,
    document: { name: d.document_name, type: d.document_type, size: d.document_size, sha256: d.document_sha256 },
    createdAt: d.created_at.toISOString(), revokedAt: d.revoked_at ? d.revoked_at.toISOString() : null,
    status: d.revoked_at ? 'revoked' : d.valid_until < today ? 'expired' : 'active',
  };
}

function givenView(d: { id: string; delegate_name: string | null; purpose: string; valid_until: string; created_at: Date; revoked_at: Date | null;
  revoked_by: 'delegate' | 'delegator' | null }) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: d.id, delegateName: d.delegate_name, purpose: d.purpose, validUntil: d.valid_until, createdAt: d.created_at.toISOString(),
    revokedAt: d.revoked_at ? d.revoked_at.toISOString() : null, revokedBy: d.revoked_by,
    status: d.revoked_at ? 'revoked' : d.valid_until < today ? 'expired' : 'active',
  };
}

const DELEGATION_FIELDS = ['delegatorFiscalCode', 'delegatorGivenName', 'delegatorFamilyName', 'purpose', 'validUntil'] as const;

/** Reads the delegation form: five short text fields and one file; anything else is refused with a clear item. */
async function readDelegationForm(req: FastifyRequest) {
  if (!req.isMultipart()) throw badRequest('Invia il modulo come multipart/form-data con il documento allegato. (Send multipart/form-data with the document.)');
  const fields: Record<string, string> = {};
  let document: { content: Buffer; fileName: string } | undefined;
  const problems: { path: string; message: string }[] = [];
  try {
    const parts = req.parts({ limits: { fileSize: DELEGATION_MAX_BYTES, files: 1, fields: 10, fieldSize: 1000 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'document') {
          problems.push({ path: part.fieldname, message: 'file inatteso: allega solo "document" (unexpected file field)' });
          await part.toBuffer().catch(() => undefined);
          continue;
        }
        const content = await part.toBuffer();
        if (part.file.truncated) problems.push({ path: 'document', message: 'il documento supera 5 MB (the file is larger than 5 MB)' });
        document = { content, fileName: part.filename ?? 'delega' };
      } else if ((DELEGATION_FIELDS as readonly string[]).includes(part.fieldname)) {
        fields[part.fieldname] = String(part.value ?? '');
      } else {
        problems.push({ path: part.fieldname, message: `campo sconosciuto "${part.fieldname}": rimuovilo (unknown field)` });
      }
    }
  } catch (error) {
    // limits answer their own 4xx; anything else the parser trips on (no boundary, a cut body) is the client's
    const status = (error as { statusCode?: number }).statusCode;
    if (error instanceof Problem || (status && status >= 400 && status < 500)) throw error;
    throw badRequest('Il modulo multipart non è leggibile: invialo di nuovo. (Unreadable multipart body.)');
  }
  for (const name of DELEGATION_FIELDS) {
    if (!fields[name]?.trim()) problems.push({ path: name, message: 'campo obbligatorio mancante (required field is missing)' });
    else if (fields[name]!.length > 300) problems.push({ path: name, message: 'troppo lungo: al massimo 300 caratteri (at most 300 characters)' });
  }
  if (!document || document.content.length === 0) problems.push({ path: 'document', message: 'allega il documento di delega firmato (attach the signed delegation)' });
  if (problems.length) throw badRequest('La delega non è stata salvata: correggi i campi indicati. (The delegation was not saved.)', problems);
  return {
    delegatorFiscalCode: fields.delegatorFiscalCode!, delegatorGivenName: fields.delegatorGivenName!, delegatorFamilyName: fields.delegatorFamilyName!,
    purpose: fields.purpose!, validUntil: fields.validUntil!, document: document!,
  };
}
