import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { seedDemo } from '../../src/server/db/seed/seed.ts';
import { freshDatabase } from './db.ts';

/** Test configuration: environment variables as a deployment would set them, then typed overrides. */
export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  return { ...loadConfig({ SPORTELLO_MODE: 'test', PUBLIC_URL: 'http://localhost:3000', ...env }), ...overrides };
}

/** A free TCP port on 127.0.0.1 (for servers whose public URL must be known before they listen). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The whole app on a fresh database, optionally with the demo loaded. Call close() in afterAll. */
export async function testApp(opts: { demo?: boolean; web?: boolean; config?: Partial<Config>; env?: Record<string, string>;
  onRoute?: (route: { method: string; url: string }) => void } = {}) {
  const database = await freshDatabase();
  const config = testConfig(opts.config, opts.env);
  const { app, ctx } = await buildApp(config, database, { webDist: opts.web ? undefined : false, onRoute: opts.onRoute });
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
