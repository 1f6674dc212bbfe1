import { sql } from 'kysely';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App, AppContext } from './context.ts';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable, sendProblem } from './errors.ts';

const Status = Type.Object({
  status: Type.String({ enum: ['ok', 'unavailable'], maxLength: 20 }),
  database: Type.String({ enum: ['pglite', 'postgres'], maxLength: 20 }),
  version: Type.String({ maxLength: 40 }),
});

export async function healthRoutes(app: App, ctx: AppContext, version: string) {
  const check = async () => {
    try {
      await sql`SELECT 1`.execute(ctx.database.db);
      return true;
    } catch {
      return false;
    }
  };
  const answer = async (_req: unknown, reply: FastifyReply) => {
    const ok = await check();
    const body = { status: ok ? 'ok' : 'unavailable', database: ctx.database.kind, version };
    if (ok) return body;
    // a load balancer stops sending traffic here; a client is told when to try again
    void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(reply, databaseUnavailable());
  };
  const schema = (operationId: string, summary: string, hide = false) => ({
    tags: ['stato'], summary, operationId, hide,
    response: { 200: Status, 503: Type.Ref('Problem') },
  });
  app.get('/api/v1/status', { config: { rateLimit: false }, schema: schema('readStatus', 'Stato del servizio') }, answer as never);
  app.get('/health', { config: { rateLimit: false }, schema: schema('health', 'Liveness', true) }, async () => ({ status: 'ok', database: ctx.database.kind, version }));
  app.get('/ready', { config: { rateLimit: false }, schema: schema('ready', 'Readiness', true) }, answer as never);
  app.get('/metrics', { config: { rateLimit: false }, schema: { hide: true } }, async (_req, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
