import type { App, AppContext } from '../../platform/context.ts';

/** The reception: contacts register, lookup, applications started for a person: HTTP routes. */
export async function receptionRoutes(app: App, ctx: AppContext) {
  void app;
  void ctx;
}
