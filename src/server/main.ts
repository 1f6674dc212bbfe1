import path from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { isEmpty, seedDemo } from './db/seed/seed.ts';
import { ensureWebBuild } from './web-build.ts';

/** Reads config, opens and migrates the database, seeds the demo when empty, builds the web, listens. */
export async function start(config: Config = loadConfig()) {
  if (config.role !== 'worker') await ensureWebBuild();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pg'),
  });
  const { app, ctx } = await buildApp(config, database);
  if (config.seedDemoOnEmpty && (await isEmpty(database.db))) {
    app.log.info('empty database: loading the demo bodies and catalogue');
    const report = await seedDemo(database.db, ctx.services);
    app.log.info({ report }, 'demo loaded');
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (config.role === 'worker') {
    app.log.info('worker role: no background jobs are defined yet');
    return { app, database };
  }
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Sportello is serving ${config.publicUrl} (${database.kind}${database.kind === 'pglite' ? ` in ${config.dataDir}` : ''})`);
  return { app, database };
}

export function startFromCli() {
  return start().catch((err) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else {
      console.error('Sportello could not start:', err instanceof Error ? err.message : err);
    }
    process.exit(1);
  });
}
