/**
 * GET /api/v1/retention-rules: what is kept, for how long and why — public, the same for everyone; and the daily
 * run in worker processes (retention.service.ts).
 */
import { Type } from 'typebox';
import { BackgroundTask } from '../../platform/background.ts';
import type { App, AppContext } from '../../platform/context.ts';
import { RetentionRuleList, RetentionRuleSchema } from './retention.schemas.ts';

/** How often a worker looks whether today's run is done. */
const CHECK_EVERY_MS = 30 * 60_000;

export async function retentionRoutes(app: App, ctx: AppContext, opts: { tasks: boolean }) {
  const svc = ctx.services.retention;
  app.addSchema(RetentionRuleSchema);
  app.get('/api/v1/retention-rules', {
    schema: {
      tags: ['area personale'], summary: 'Per quanto tempo si conservano i dati', operationId: 'listRetentionRules',
      description: "Le regole di conservazione dei dati personali: che cosa si cancella e dopo quanto tempo (un lavoro automatico le applica ogni giorno), " +
        'che cosa si conserva perché la legge lo chiede, e perché.',
      response: { 200: RetentionRuleList, 400: Type.Ref('Problem') },
    },
  }, async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send({ items: svc.rules() }));

  if (!opts.tasks) return;
  const log = { error: (obj: object, msg: string) => app.log.error(obj, msg) };
  const daily = new BackgroundTask('retention (daily)', async () => {
    const run = await svc.runToday();
    if (run) app.log.info({ retention: run }, 'retention: today\'s run done');
    return 0;
  }, log, { batchDelayMs: 100, intervalMs: CHECK_EVERY_MS });
  app.addHook('onReady', async () => daily.start());
  app.addHook('onClose', async () => daily.stop());
}
