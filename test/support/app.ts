import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { seedDemo } from '../../src/server/db/seed/seed.ts';
import { freshDatabase } from './db.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ SPORTELLO_MODE: 'test', PUBLIC_URL: 'http://localhost:3000' }), ...overrides };
}

/** The whole app on a fresh database, optionally with the demo loaded. Call close() in afterAll. */
export async function testApp(opts: { demo?: boolean; web?: boolean; config?: Partial<Config> } = {}) {
  const database = await freshDatabase();
  const config = testConfig(opts.config);
  const { app, ctx } = await buildApp(config, database, { webDist: opts.web ? undefined : false });
  if (opts.demo) await seedDemo(database.db, ctx.services);
  await app.ready();
  return {
    app,
    ctx,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
