import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { unauthorized } from '../../platform/errors.ts';
import { SESSION_COOKIE, SESSION_HOURS } from './identity.service.ts';

const Me = Type.Object({
  kind: Type.String({ enum: ['operator', 'token'], maxLength: 20 }),
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  name: Type.String({ maxLength: 200 }),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  tenant: Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }), slug: Type.String({ maxLength: 120 }), name: Type.String({ maxLength: 300 }) }),
  roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
});

export async function identityRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.identity;
  const secure = ctx.config.mode === 'production' || ctx.config.publicUrl.startsWith('https:');

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
      tags: ['accesso'], summary: 'Accesso degli operatori con e-mail e password', operationId: 'operatorLogin',
      // browser sign-in, not part of the integrators' API
      hide: true,
      body: Type.Object(
        { email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
        { additionalProperties: false },
      ),
      response: { 204: Type.Null({ description: 'logged in; the session cookie is set' }), 400: Type.Ref('Problem'), 401: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const { token } = await svc.login(req.body.email, req.body.password);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_HOURS * 3600 });
    return reply.code(204).send(null);
  });

  app.post('/auth/logout', {
    schema: { tags: ['accesso'], summary: 'Esci', operationId: 'logout', hide: true, response: { 204: Type.Null({ description: 'logged out' }) } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await svc.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags: ['accesso'], summary: 'Chi sono', operationId: 'readMe', response: { 200: Me, 401: Type.Ref('Problem') } },
  }, async (req) => {
    const actor = await actorOf(ctx, req);
    if (!actor) throw unauthorized();
    const tenant = await ctx.services.tenants.get(actor.tenantId);
    return {
      kind: actor.kind,
      id: actor.id,
      name: actor.name,
      ...('email' in actor ? { email: String(actor.email) } : {}),
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      roles: actor.roles,
    };
  });
}
