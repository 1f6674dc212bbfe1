import type { App, AppContext } from '../../platform/context.ts';

/** The desk manager's figures: HTTP routes. */
export async function deskAnalyticsRoutes(app: App, ctx: AppContext) {
  void app;
  void ctx;
}
