import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { isEmpty, seedDemo } from './db/seed/seed.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * The configuration from the environment. Outside production, when SESSION_SECRET is not set, a random one is
 * made once and kept in DATA_DIR, so that sessions and enrolled TOTP secrets survive a restart.
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const first = loadConfig(env);
  if (env.SESSION_SECRET || first.mode === 'production') return first;
  const file = path.join(first.dataDir, 'session-secret');
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    secret = randomBytes(32).toString('hex');
    mkdirSync(first.dataDir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return loadConfig({ ...env, SESSION_SECRET: secret });
}

/** Reads config, opens and migrates the database, seeds the demo when empty, builds the web, listens. */
export async function start(config: Config = loadRuntimeConfig()) {
  if (config.role !== 'worker') await ensureWebBuild();
  // the app's logger exists only once the app is built; until then a broken idle connection is told on stderr
  let onIdleError = (err: Error) => console.error('database connection lost:', err.message);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pg'),
    onIdleError: (err) => onIdleError(err),
  });
  const { app, ctx } = await buildApp(config, database);
  onIdleError = (err) => app.log.warn({ err }, 'database connection lost; new connections are opened when it is back');
  // which antivirus scans uploads, or a warning that none does (CLAMAV_REQUIRED=true: no start without one)
  if (config.role !== 'worker') await ctx.services.uploadScreening.announce(config.mode, config.virusScan.required, app.log);
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
  // expired sessions and abandoned logins are removed every ten minutes (they are already refused when read)
  const purge = setInterval(() => void ctx.services.identity.purgeExpired().catch((err) => app.log.warn({ err }, 'session purge failed')), 600_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
  if (config.mode === 'development' && config.oidc?.bundled) app.log.info(`test identity provider (development only) at ${config.oidc.issuer}`);
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (config.role === 'worker') {
    await app.ready();
    app.log.info('worker role: protocol registration, receipts and the purge of expired sessions');
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
