/**
 * The appointment reminders: a background task in worker processes that every few minutes sends the reminder of
 * tomorrow's booked appointments that have none yet (AppointmentsService#sendReminders). Sending is idempotent
 * (the appointment is marked and the outbox row keyed), so several workers, restarts or a late run never send
 * one twice; an appointment booked during the day for tomorrow gets its reminder at the next run.
 */
import { BackgroundTask } from '../../platform/background.ts';
import type { App, AppContext } from '../../platform/context.ts';

const CHECK_EVERY_MS = 5 * 60_000;

export function scheduleAppointmentReminders(app: App, ctx: AppContext, opts: { tasks: boolean }): BackgroundTask | null {
  if (!opts.tasks) return null;
  const log = { error: (obj: object, msg: string) => app.log.error(obj, msg) };
  const reminders = new BackgroundTask('appointment reminders', () => ctx.services.appointments.sendReminders(), log,
    { batchDelayMs: 100, intervalMs: CHECK_EVERY_MS });
  app.addHook('onReady', async () => {
    reminders.start();
  });
  app.addHook('onClose', async () => {
    await reminders.stop();
  });
  return reminders;
}
