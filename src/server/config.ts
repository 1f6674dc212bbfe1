import path from 'node:path';
import { randomBytes } from 'node:crypto';

export type Mode = 'development' | 'production' | 'test';
export type Role = 'all' | 'web' | 'worker';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** undefined → embedded PGlite under dataDir/pg */
  databaseUrl?: string;
  mode: Mode;
  role: Role;
  sessionSecret: string;
  logLevel: string;
  /** seed the demo tenants and catalogue when the database is empty (development default) */
  seedDemoOnEmpty: boolean;
  /** proxies in front of the app whose X-Forwarded-For is believed: a hop count, or false (default) */
  trustProxy: number | false;
  /** how long a catalogue search answer is reused (0 = never) */
  searchCacheMs: number;
}

export class ConfigError extends Error {}

/** Environment → typed config. Fails fast with a message that names the variable and what to write. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const mode = (env.SPORTELLO_MODE ?? 'development') as Mode;
  if (!['development', 'production', 'test'].includes(mode)) {
    problems.push(`SPORTELLO_MODE must be development, production or test (got "${mode}")`);
  }
  const role = (env.SPORTELLO_ROLE ?? 'all') as Role;
  if (!['all', 'web', 'worker'].includes(role)) problems.push(`SPORTELLO_ROLE must be all, web or worker (got "${role}")`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (got "${env.PORT}")`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// (leave it unset for the embedded database)');
  }
  let publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  try {
    publicUrl = new URL(publicUrl).toString().replace(/\/$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL (got "${env.PUBLIC_URL}")`);
  }
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (!sessionSecret) {
    if (mode === 'production') problems.push('SESSION_SECRET is required in production (32 or more random characters)');
    sessionSecret = randomBytes(32).toString('hex');
  } else if (sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
  }
  const trustProxy = env.TRUST_PROXY ? Number(env.TRUST_PROXY) : false;
  if (trustProxy !== false && (!Number.isInteger(trustProxy) || trustProxy < 1)) {
    problems.push('TRUST_PROXY must be the number of proxies in front of Sportello (1 or more), or unset');
  }
  const searchCacheMs = Number(env.SPORTELLO_SEARCH_CACHE_MS ?? 60_000);
  if (!Number.isInteger(searchCacheMs) || searchCacheMs < 0) problems.push('SPORTELLO_SEARCH_CACHE_MS must be a whole number of milliseconds');
  if (problems.length) throw new ConfigError(`Configuration errors:\n - ${problems.join('\n - ')}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    mode,
    role,
    sessionSecret,
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    searchCacheMs,
    trustProxy,
    seedDemoOnEmpty: env.SPORTELLO_SEED_DEMO ? env.SPORTELLO_SEED_DEMO === 'true' : mode === 'development',
  };
}
