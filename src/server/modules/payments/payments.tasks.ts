/**
 * The payments' background tasks in worker processes: the poller asks the provider about checkouts open for more
 * than 20 seconds every 30 seconds (a confirmation that never arrived by callback is found this way; each attempt
 * is claimed in the database, so several workers never ask twice at once), and the expiry sweep, every hour,
 * expires the positions whose due date has passed (it does something once a day; running it more often only
 * catches up sooner after a restart). Both are idempotent.
 */
import { BackgroundTask } from '../../platform/background.ts';
import type { App, AppContext } from '../../platform/context.ts';

const POLL_EVERY_MS = 30_000;
const EXPIRE_EVERY_MS = 60 * 60_000;

export function schedulePaymentTasks(app: App, ctx: AppContext, opts: { tasks: boolean }): { poller: BackgroundTask; expiry: BackgroundTask } | null {
  if (!opts.tasks) return null;
  const log = { error: (obj: object, msg: string) => app.log.error(obj, msg) };
  const payments = ctx.services.payments;
  const poller = new BackgroundTask('payment outcomes poller', () => payments.pollOpenAttempts(), log, { batchDelayMs: 100, intervalMs: POLL_EVERY_MS });
  const expiry = new BackgroundTask('payment expiry', () => payments.expireOverdue(), log, { batchDelayMs: 100, intervalMs: EXPIRE_EVERY_MS });
  app.addHook('onReady', async () => {
    poller.start();
    expiry.start();
  });
  app.addHook('onClose', async () => {
    await poller.stop();
    await expiry.stop();
  });
  return { poller, expiry };
}
