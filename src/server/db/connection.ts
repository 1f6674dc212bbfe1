import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { runMigrations, type OwnerExecutor } from './migrate.ts';

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Runs as the non-owner role sportello_app, so row-level security applies. */
  db: Kysely<DB>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; absent → embedded PGlite */
  databaseUrl?: string;
  /** PGlite data folder; absent → in memory */
  pgliteDir?: string;
  /** PGlite: start from a dumped data directory (tests start from one migrated template) */
  loadDataDir?: Blob | File;
  migrate?: boolean;
  poolSize?: number;
  /** PostgreSQL: told when an idle pooled connection breaks (the app logs it) */
  onIdleError?: (err: Error) => void;
}

export const APP_ROLE = 'sportello_app';
/** PostgreSQL's type oid for `date` */
const DATE_OID = 1082;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPGlite(opts);
}

export async function createPGlite(opts: Pick<OpenOptions, 'pgliteDir' | 'loadDataDir'>): Promise<PGlite> {
  if (opts.pgliteDir) await mkdir(path.dirname(opts.pgliteDir), { recursive: true });
  return PGlite.create({
    dataDir: opts.pgliteDir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm, unaccent },
    // calendar dates stay 'YYYY-MM-DD' strings: a Date at local midnight shifts a birthday across time zones
    parsers: { [DATE_OID]: (value: string) => value },
  });
}

export function pgliteOwner(client: PGlite): OwnerExecutor {
  return {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) => (await client.query<R>(sql, params)).rows,
  };
}

async function openPGlite(opts: OpenOptions): Promise<Database> {
  const client = await createPGlite(opts);
  if (opts.migrate !== false) await runMigrations(pgliteOwner(client));
  // From here on the single session is the application role: policies apply to everything that follows.
  await client.exec(`SET ROLE ${APP_ROLE}`);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    close: () => db.destroy(),
  };
}

export function pgOwner(client: pg.ClientBase): OwnerExecutor {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as R[],
  };
}

export async function migratePostgres(databaseUrl: string) {
  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  try {
    return await runMigrations(pgOwner(owner), { lock: true });
  } finally {
    await owner.end();
  }
}

async function openPostgres(databaseUrl: string, opts: OpenOptions): Promise<Database> {
  if (opts.migrate !== false) await migratePostgres(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
    max: opts.poolSize ?? 10,
    // Every pooled session runs as the application role, so row-level security applies.
    options: `-c role=${APP_ROLE}`,
    // A server that does not answer (network cut, host down) fails a request instead of holding it for ever. The
    // same limit bounds the wait for a free pooled connection under a burst, so it is long: a request that waited
    // 30 s is better told to come back (503, Retry-After) than kept.
    connectionTimeoutMillis: 30_000,
  });
  // An idle pooled connection that breaks (the server restarted or went away) emits 'error' on the pool; without a
  // listener Node would end the process. The pool drops that connection and opens new ones when the server is back.
  pool.on('error', (err) => opts.onIdleError?.(err));
  // The same break while a connection is checked out (inside a transaction, between two statements) is emitted on
  // the client, where the pool listens only while it is idle: a listener of its own keeps that from ending the
  // process. The statement that follows fails (503 to the client) and the pool drops the broken connection.
  pool.on('connect', (client) => client.on('error', (err) => opts.onIdleError?.(err)));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, close: () => db.destroy() };
}
