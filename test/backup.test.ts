import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { createPGlite, openDatabase, type Database } from '../src/server/db/connection.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { testConfig } from './support/app.ts';
import { as } from './support/auth.ts';
import { freshDatabase } from './support/db.ts';
import { createFormService, fileTestApplication, PDF } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/sportello.js');
const ORIGIN = 'http://localhost:3000';
const onPostgres = Boolean(process.env.DATABASE_URL);

/** Where Sportello keeps its data: a DATA_DIR, and on PostgreSQL the database's URL. */
interface Target { dataDir: string; url?: string }

async function cli(args: string[], target: Target) {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const env = { ...base, DATA_DIR: target.dataDir, SPORTELLO_MODE: 'test', LOG_LEVEL: 'silent', ...(target.url ? { DATABASE_URL: target.url } : {}) };
  try {
    const r = await run(process.execPath, [bin, ...args], { env, maxBuffer: 50e6 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** SQL as the database owner, outside row-level security. */
interface Owner { query<R>(text: string): Promise<R[]>; close(): Promise<void> }
async function owner(target: Target): Promise<Owner> {
  if (target.url) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    return { query: async <R>(text: string) => (await client.query(text)).rows as R[], close: () => client.end() };
  }
  const client = await createPGlite({ pgliteDir: path.join(target.dataDir, 'pg') });
  return { query: async <R>(text: string) => (await client.query<R>(text)).rows, close: () => client.close() };
}

let targets = 0;
/** An empty place to restore into: a new DATA_DIR and, on PostgreSQL, a new empty database (dropped with the run's). */
async function emptyTarget(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-restore-'));
  if (!onPostgres) return { dataDir };
  const name = `sportello_t_${inject('runId')}_${process.pid}_restore${++targets}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return { dataDir, url: url.toString() };
}

async function tableCount(target: Target): Promise<number> {
  if (!target.url) return existsSync(path.join(target.dataDir, 'pg')) ? -1 : 0;
  const o = await owner(target);
  try {
    const [r] = await o.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
    return r!.n;
  } finally {
    await o.close();
  }
}

/**
 * What a database holds, independent of row order: per table (every one in information_schema outside the
 * system's schemas) the row count and an md5 over the rows' text; the sequences' positions; row-level security,
 * the policies and what the application role may do on each table.
 */
async function snapshot(target: Target) {
  const o = await owner(target);
  try {
    const tables = await o.query<{ s: string; t: string }>(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`);
    const rows: Record<string, { n: number; md5: string }> = {};
    for (const { s, t } of tables) {
      const [r] = await o.query<{ n: number; md5: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x_row::text, '|' ORDER BY x_row::text), '')) AS md5 FROM "${s}"."${t}" x_row`);
      rows[`${s}.${t}`] = r!;
    }
    const sequences = await o.query(`SELECT schemaname, sequencename, last_value::text FROM pg_sequences ORDER BY 1, 2`);
    const policies = await o.query(`SELECT schemaname, tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies ORDER BY 1, 2, 3`);
    const access = await o.query(`SELECT n.nspname || '.' || c.relname AS t, c.relrowsecurity AS rls,
        has_table_privilege('sportello_app', c.oid, 'SELECT') AS s, has_table_privilege('sportello_app', c.oid, 'INSERT') AS i,
        has_table_privilege('sportello_app', c.oid, 'UPDATE') AS u, has_table_privilege('sportello_app', c.oid, 'DELETE') AS d
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1`);
    return { rows, sequences, policies, access };
  } finally {
    await o.close();
  }
}

/** The file store: name → SHA-256 of the content. */
async function storeOf(dataDir: string): Promise<Record<string, string>> {
  const root = path.join(dataDir, 'files');
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(root, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return out;
}

async function manifestOf(file: string) {
  return JSON.parse((await run('tar', ['-xOf', file, 'manifest.json'], { maxBuffer: 50e6 })).stdout);
}

describe('sportello backup and restore', () => {
  const work: string[] = [];
  let source: Target;
  let sourceDatabase: Database;
  let backupFile: string;
  let backup: Awaited<ReturnType<typeof cli>>;
  let applicationId: string;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-backup-'));
    work.push(dataDir);
    if (onPostgres) {
      const database = await freshDatabase();
      sourceDatabase = database;
      source = { dataDir, url: database.url };
    } else {
      // the embedded database on disk in DATA_DIR/pg, as `sportello start` keeps it
      const template = new Blob([await readFile(inject('pgliteTemplate'))]);
      sourceDatabase = await openDatabase({ pgliteDir: path.join(dataDir, 'pg'), loadDataDir: template, migrate: false });
      source = { dataDir };
    }
    // a development install keeps its session secret here (the test configuration does not write one)
    await writeFile(path.join(dataDir, 'session-secret'), `${'5e'.repeat(32)}\n`, { mode: 0o600 });
    const { app, ctx } = await buildApp(testConfig({ dataDir }), sourceDatabase, { webDist: false });
    await seedDemo(sourceDatabase.db, ctx.services);
    await app.ready();
    const serviceId = await createFormService(ctx, 'comune-di-castelrocca');
    const giulia = (await citizenLogin(app, ORIGIN, 'giulia-ferrari')).browser.session();
    // an uploaded attachment and the receipt PDF issued for it
    applicationId = await fileTestApplication(app, ctx, giulia, serviceId);
    await app.close();
    await sourceDatabase.close();
    backupFile = path.join(dataDir, '..', `${path.basename(dataDir)}.backup`);
    work.push(backupFile);
    backup = await cli(['backup', backupFile], source);
  }, 300_000);

  afterAll(async () => {
    for (const p of work) await rm(p, { recursive: true, force: true });
  });

  it('writes one archive with the database, every stored file and the keys of DATA_DIR, described by its manifest', async () => {
    expect(backup.stderr).not.toMatch(/Errore/);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to .*: (PostgreSQL|embedded PGlite) [\d.]+, \d+ tables, \d+ rows; \d+ stored files/);
    expect(backup.stderr).toMatch(/holds the keys of DATA_DIR/);
    const manifest = await manifestOf(backupFile);
    expect(manifest.database.kind).toBe(onPostgres ? 'postgres' : 'pglite');
    expect(manifest.database.migrations).toContain('0001_foundation.sql');
    expect(manifest.database.tables['public.application_attachments']).toBeGreaterThan(0);
    const store = Object.keys(await storeOf(source.dataDir)).map((name) => `files/${name}`).sort();
    expect(store.length).toBeGreaterThan(1);
    const names = manifest.parts.map((p: { name: string }) => p.name);
    expect(names.filter((n: string) => n.startsWith('files/')).sort()).toEqual(store);
    expect(names).toEqual(expect.arrayContaining([manifest.database.part, 'keys/social-data.key', 'keys/session-secret']));
    expect(manifest.keys.fingerprints.socialDataKey).toMatch(/^[0-9a-f]{8}$/);

    // without the keys: none in the archive, and the operator is told to keep them elsewhere
    const bare = `${backupFile}.nokeys`;
    work.push(bare);
    const r = await cli(['backup', bare, '--no-keys'], source);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/keys of DATA_DIR are not in this backup.*social-data\.key/s);
    expect((await manifestOf(bare)).parts.some((p: { name: string }) => p.name.startsWith('keys/'))).toBe(false);
    // and an existing file is never overwritten
    const again = await cli(['backup', bare], source);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  }, 300_000);

  it('restores into an empty database: every table, sequence, policy and grant, the files and the keys are the same, and Sportello works on it', async () => {
    const target = await emptyTarget();
    work.push(target.dataDir);
    const r = await cli(['restore', backupFile], target);
    expect(r.stderr).not.toMatch(/Errore/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Restored the backup of .*every table's rows checked; \d+ stored files; keys written: session-secret, social-data\.key/);

    const before = await snapshot(source);
    const after = await snapshot(target);
    expect(Object.keys(before.rows).length).toBeGreaterThan(50);
    expect(before.rows['public.applications']!.n).toBeGreaterThan(0);
    expect(after.rows).toEqual(before.rows);
    expect(after.sequences).toEqual(before.sequences);
    expect(before.policies.length).toBeGreaterThan(20);
    expect(after.policies).toEqual(before.policies);
    expect(after.access).toEqual(before.access);

    expect(await storeOf(target.dataDir)).toEqual(await storeOf(source.dataDir));
    for (const key of ['social-data.key', 'session-secret']) {
      expect(await readFile(path.join(target.dataDir, key))).toEqual(await readFile(path.join(source.dataDir, key)));
    }

    // Sportello on the restored data: nothing left to migrate, the citizen finds her application and its files,
    // and the application role still sees only what the policies allow
    const restored = await openDatabase(target.url ? { databaseUrl: target.url, poolSize: 3 } : { pgliteDir: path.join(target.dataDir, 'pg') });
    try {
      const { app } = await buildApp(testConfig({ dataDir: target.dataDir }), restored, { webDist: false });
      await app.ready();
      const giulia = (await citizenLogin(app, ORIGIN, 'giulia-ferrari')).browser.session();
      const view = await app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}` }));
      expect(view.statusCode).toBe(200);
      const { attachments, documents } = view.json();
      const file = await app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}/attachments/${attachments[0].id}` }));
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload).toEqual(PDF(`carta ${applicationId}`));
      const receipt = await app.inject(as(giulia, { url: documents[0].href }));
      expect(receipt.statusCode).toBe(200);
      expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const luca = (await citizenLogin(app, ORIGIN, 'luca-moretti')).browser.session();
      expect((await app.inject(as(luca, { url: `/api/v1/applications/${applicationId}` }))).statusCode).toBe(404);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM applications`.execute(restored.db);
      expect(rows[0]!.n).toBe(0);
      await app.close();
    } finally {
      await restored.close();
    }
    const migrations = await owner(target);
    try {
      expect((await migrations.query('SELECT name FROM schema_migrations')).length).toBe(before.rows['public.schema_migrations']!.n);
    } finally {
      await migrations.close();
    }

    // a second restore into the same place is refused: it is no longer empty
    const twice = await cli(['restore', backupFile], target);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(onPostgres ? /Errore: the database at DATABASE_URL is not empty.*a Sportello database.*createdb/ : /Errore: .*pg already holds an embedded database/);
    expect(twice.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);

  it('refuses a corrupted or truncated archive, and a file that is no backup, before touching the target', async () => {
    const bytes = await readFile(backupFile);
    // the database part follows the manifest entry: 512-byte header, the manifest padded to 512, the part's header
    const manifestSize = parseInt(bytes.subarray(124, 136).toString('latin1').replace(/\0/g, '').trim(), 8);
    const dbStart = 512 + Math.ceil(manifestSize / 512) * 512 + 512;
    const corrupted = Buffer.from(bytes);
    corrupted[dbStart + 1000] ^= 0xff;
    const files = { corrupted, truncated: bytes.subarray(0, Math.floor(bytes.length / 2)), notABackup: Buffer.from('nome;cognome\nGiulia;Ferrari\n') };
    const target = await emptyTarget();
    work.push(target.dataDir);
    const answers: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      const file = `${backupFile}.${name}`;
      work.push(file);
      await writeFile(file, content);
      const r = await cli(['restore', file], target);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      answers[name] = r.stderr;
      expect(await tableCount(target)).toBe(0);
      expect(existsSync(path.join(target.dataDir, 'files'))).toBe(false);
    }
    expect(answers.corrupted).toMatch(/Errore: .* is damaged: database\.(pgdump|tar\.gz) does not match the checksum in the manifest.*nothing was restored/);
    expect(answers.truncated).toMatch(/Errore: .* is damaged or incomplete .*nothing was restored/);
    expect(answers.notABackup).toMatch(/Errore: .* is not a Sportello backup/);
  }, 300_000);

  it.skipIf(onPostgres)('refuses to back up the embedded database while a process has it open', async () => {
    const open = await createPGlite({ pgliteDir: path.join(source.dataDir, 'pg') });
    try {
      const r = await cli(['backup', `${backupFile}.while-open`], source);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Errore: the embedded database in .* is in use .*stop Sportello first/);
      expect(existsSync(`${backupFile}.while-open`)).toBe(false);
    } finally {
      await open.close();
    }
  }, 120_000);
});
