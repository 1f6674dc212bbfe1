import type { App, AppContext } from '../../platform/context.ts';

/** Appointments and their calendars: HTTP routes. */
export async function appointmentsRoutes(app: App, ctx: AppContext) {
  void app;
  void ctx;
}
