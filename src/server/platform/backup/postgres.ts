/**
 * PostgreSQL backups with PostgreSQL's own tools: `pg_dump --format=custom` and `pg_restore`. They know every
 * object the migrations make (extensions, the text-search configuration, functions, triggers, policies, grants,
 * pg-boss's schema) and stay right when a migration adds a new kind; a dump of our own would have to follow each.
 */
import { execFile } from 'node:child_process';
import { access, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { APP_ROLE } from '../../db/connection.ts';
import { BackupError, type BackupManifest } from './archive.ts';
import { appliedMigrations, compareCounts, countRows, listTables, type OwnerQuery } from './facts.ts';

const run = promisify(execFile);

export interface PgTool {
  file: string;
  major: number;
  /** e.g. "15.20" */
  version: string;
}

/** pg_dump or pg_restore on PATH and in Debian's per-version folders (/usr/lib/postgresql/N/bin), with versions. */
export async function findTools(name: 'pg_dump' | 'pg_restore'): Promise<PgTool[]> {
  const candidates = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  const debian = '/usr/lib/postgresql';
  for (const version of await readdir(debian).catch(() => [] as string[])) candidates.push(path.join(debian, version, 'bin', name));
  const tools: PgTool[] = [];
  for (const file of new Set(candidates)) {
    if (!(await access(file).then(() => true, () => false))) continue;
    const out = await run(file, ['--version']).then((r) => r.stdout, () => '');
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out);
    if (m) tools.push({ file, major: Number(m[1]), version: m[2] ? `${m[1]}.${m[2]}` : m[1]! });
  }
  return tools;
}

/**
 * The tool to use: the oldest one at least `minMajor` (the closest to the server). `what` says whose version
 * sets the minimum, for the message when none is new enough.
 */
export function chooseTool(name: string, tools: PgTool[], minMajor: number, what: string): PgTool {
  if (!tools.length) {
    throw new BackupError(`${name} was not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client-${minMajor})`);
  }
  const fit = tools.filter((t) => t.major >= minMajor).sort((a, b) => a.major - b.major)[0];
  if (fit) return fit;
  const newest = [...tools].sort((a, b) => b.major - a.major)[0]!;
  throw new BackupError(`${name} ${newest.version} (${newest.file}) is older than ${what}: it cannot be used. ` +
    `Install the client programs of PostgreSQL ${minMajor} or later (Debian: apt-get install postgresql-client-${minMajor}) and try again`);
}

/**
 * How pg_dump and pg_restore reach the database of a DATABASE_URL: the URL without its password (command lines
 * are visible to other users of the machine), the password in PGPASSWORD. node-postgres's `ssl=true` becomes
 * libpq's `sslmode=require`.
 */
export function libpqTarget(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  const ssl = url.searchParams.get('ssl');
  if (ssl !== null) {
    url.searchParams.delete('ssl');
    if (['true', '1'].includes(ssl) && !url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'require');
  }
  return { dbname: url.toString(), env };
}

async function connect(databaseUrl: string): Promise<{ client: pg.Client; query: OwnerQuery; server: { version: string; major: number } }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (err) {
    throw new BackupError(`cannot connect to DATABASE_URL: ${(err as Error).message}`);
  }
  const query: OwnerQuery = async <R>(text: string) => (await client.query(text)).rows as R[];
  const [v] = await query<{ num: string; version: string }>(`SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version`);
  return { client, query, server: { version: v!.version.split(' ')[0]!, major: Math.floor(Number(v!.num) / 10000) } };
}

const lastLines = (text: string, n = 6) => text.trim().split('\n').slice(-n).join('\n');

/**
 * Dumps the database into `dest`. Row counts are taken in a snapshot that pg_dump then shares (`--snapshot`), so
 * they describe exactly what the dump holds even while Sportello keeps running.
 */
export async function dumpPostgres(databaseUrl: string, dest: string): Promise<Omit<BackupManifest['database'], 'part'>> {
  const { client, query, server } = await connect(databaseUrl);
  try {
    const migrations = await appliedMigrations(query);
    if (!migrations.length) throw new BackupError('the database at DATABASE_URL holds no Sportello data (no applied migrations): nothing to back up');
    const tool = chooseTool('pg_dump', await findTools('pg_dump'), server.major, `the PostgreSQL server (${server.version})`);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const [snapshot] = await query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const tables = await countRows(query);
    const target = libpqTarget(databaseUrl);
    try {
      await run(tool.file, ['--format=custom', `--snapshot=${snapshot!.id}`, `--file=${dest}`, `--dbname=${target.dbname}`], { env: target.env, maxBuffer: 64 * 1024 * 1024 });
    } catch (err) {
      throw new BackupError(`pg_dump failed: ${lastLines((err as { stderr?: string }).stderr || (err as Error).message)}`);
    }
    await client.query('COMMIT');
    return { kind: 'postgres', serverVersion: server.version, serverMajor: server.major, tool: `pg_dump (PostgreSQL) ${tool.version}`, toolMajor: tool.major, migrations, tables };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Checks that this backup can go into the database at DATABASE_URL, before anything is read or written: the
 * database is empty, its server is not older than the one the backup came from, and a pg_restore that reads the
 * dump is installed. Returns that pg_restore.
 */
export async function checkPostgresTarget(databaseUrl: string, manifest: BackupManifest): Promise<PgTool> {
  const { client, query, server } = await connect(databaseUrl);
  try {
    const tables = await listTables(query);
    if (tables.length) {
      const sportello = tables.some((t) => t.schema === 'public' && t.name === 'schema_migrations');
      const example = sportello ? 'public.schema_migrations: a Sportello database' : `e.g. ${tables[0]!.schema}.${tables[0]!.name}`;
      throw new BackupError(`the database at DATABASE_URL is not empty: it holds ${tables.length} table(s) (${example}). ` +
        'Restore only goes into an empty database, so that nothing is overwritten by mistake: create a new database (createdb) ' +
        'and point DATABASE_URL at it, or, if this one may be thrown away, drop and create it again (dropdb, createdb)');
    }
    if (server.major < manifest.database.serverMajor) {
      throw new BackupError(`the backup comes from PostgreSQL ${manifest.database.serverVersion} and this server is ${server.version}: ` +
        `PostgreSQL does not load a dump into an older major version; restore into PostgreSQL ${manifest.database.serverMajor} or later`);
    }
    const dumpMajor = manifest.database.toolMajor ?? manifest.database.serverMajor;
    return chooseTool('pg_restore', await findTools('pg_restore'), dumpMajor, `the pg_dump that made this backup (${manifest.database.tool})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Restores the dump into the (empty) database at DATABASE_URL, in one transaction: on any error nothing is left.
 *
 * Objects become the connecting user's (`--no-owner`), as if its own migrations had made them: the user that runs
 * `sportello start` owns the tables, and queries keep running as `sportello_app`, subject to the policies. That
 * role is cluster-wide, so it is created first when the server does not have it yet. Left out of the dump's
 * contents: the default privileges (they name the original owner, who may not exist here; they are set again
 * below for this user, as migration 0001 does) and comments on extensions (only an extension's owner may set them).
 */
export async function restorePostgres(databaseUrl: string, dumpFile: string, manifest: BackupManifest, tool: PgTool, workDir: string): Promise<void> {
  const { client, query } = await connect(databaseUrl);
  try {
    try {
      // the same statements as migration 0001's: create the role once per server and let this user switch to it
      await client.query(`DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            CREATE ROLE ${APP_ROLE} NOLOGIN;
          END IF;
          IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
            EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
          END IF;
        END $$`);
    } catch (err) {
      throw new BackupError(`cannot create or join the role ${APP_ROLE} (${(err as Error).message}): as a superuser, run once ` +
        `CREATE ROLE ${APP_ROLE} NOLOGIN; GRANT ${APP_ROLE} TO <the DATABASE_URL user> WITH ADMIN OPTION; then restore again`);
    }
    const target = libpqTarget(databaseUrl);
    const { stdout: toc } = await run(tool.file, ['--list', dumpFile], { maxBuffer: 256 * 1024 * 1024 });
    const listFile = path.join(workDir, 'restore.list');
    await writeFile(listFile, toc.split('\n').filter((line) => !/^\d+;\s*\d+\s+\d+\s+(?:DEFAULT ACL|COMMENT - EXTENSION)\s/.test(line)).join('\n'));
    try {
      await run(tool.file, ['--no-owner', '--single-transaction', '--exit-on-error', `--use-list=${listFile}`, `--dbname=${target.dbname}`, dumpFile],
        { env: target.env, maxBuffer: 64 * 1024 * 1024 });
    } catch (err) {
      throw new BackupError(`pg_restore failed and the database was left empty (it runs in one transaction): ${lastLines((err as { stderr?: string }).stderr || (err as Error).message)}`);
    }
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};`);
    // pg_restore leaves the planner without statistics until autovacuum gets there
    await client.query('ANALYZE');
    const problems = compareCounts(manifest.database.tables, await countRows(query));
    if (problems.length) {
      throw new BackupError(`the restored database does not hold what the backup counted (${problems.slice(0, 5).join('; ')}): ` +
        'do not use it; drop it, create it empty and restore again');
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
