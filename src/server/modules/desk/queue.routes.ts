import type { App, AppContext } from '../../platform/context.ts';

/** The take-a-number queue, counters, devices, display and ratings: HTTP routes. */
export async function queueRoutes(app: App, ctx: AppContext) {
  void app;
  void ctx;
}
