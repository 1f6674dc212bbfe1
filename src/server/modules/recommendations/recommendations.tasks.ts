/**
 * When advice is evaluated. Every day, every citizen, in batches: a background task like the workflow's deadline
 * sweep (platform/background.ts), running in worker processes, that looks every few minutes whether today's run
 * (one per Italian calendar day, recorded in recommendation_runs) is done, and otherwise does the next batch; a
 * rule changed by an administrator restarts today's run and wakes it. And right after a citizen signs in, in
 * whichever process served the login: the login answers first, the evaluation follows, and its failure is only
 * logged.
 */
import type { App, AppContext } from '../../platform/context.ts';
import { BackgroundTask } from '../../platform/background.ts';

/** How often a worker looks whether today's evaluation still has citizens to do. */
const CHECK_EVERY_MS = 10 * 60_000;

export function scheduleRecommendations(app: App, ctx: AppContext, opts: { tasks: boolean }) {
  const svc = ctx.services.recommendations;
  const log = { error: (obj: object, msg: string) => app.log.error(obj, msg) };
  svc.onError = (err, citizenId) => app.log.error({ err, citizenId }, 'recommendations: evaluation of a citizen failed');
  ctx.services.identity.onCitizenSignedIn = (citizenId) => svc.evaluateSoon(citizenId);
  app.addHook('onClose', async () => {
    await svc.stop();
  });
  if (!opts.tasks) return;

  const daily = new BackgroundTask('recommendations (daily)', () => svc.runDailyBatch(), log, { batchDelayMs: 100, intervalMs: CHECK_EVERY_MS });
  svc.onRulesChanged = () => daily.wake();
  app.addHook('onReady', async () => {
    await svc.ensureDefaultRules();
    daily.start();
  });
  app.addHook('onClose', async () => {
    await daily.stop();
  });
}
