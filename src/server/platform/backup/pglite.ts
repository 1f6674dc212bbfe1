/**
 * Embedded database (PGlite) backups: PGlite's own `dumpDataDir()` (a gzip tarball of the data directory, taken
 * after a checkpoint) and its `loadDataDir` option. It is part of PGlite itself, copies everything exactly
 * (roles, grants, policies, pg-boss, sequences) and is what the test suite already starts every file from. A
 * logical dump (pglite-tools' WASM pg_dump) would add a dependency and replay a script of the whole database
 * through `exec` in memory; its one advantage, moving to a PGlite with another PostgreSQL major version, is
 * named in the refusal below instead.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createPGlite } from '../../db/connection.ts';
import { BackupError, type BackupManifest } from './archive.ts';
import { appliedMigrations, compareCounts, countRows, type OwnerQuery } from './facts.ts';

const ownerQuery = (client: PGlite): OwnerQuery => async <R>(sql: string) => (await client.query<R>(sql)).rows;

/**
 * PGlite runs inside the process that opened it and nothing stops a second process from opening the same folder,
 * which would corrupt it. While a PGlite is open its folder holds postmaster.pid (removed when it closes).
 */
function refuseWhenOpen(pgDir: string) {
  if (existsSync(path.join(pgDir, 'postmaster.pid'))) {
    throw new BackupError(`the embedded database in ${pgDir} is in use (postmaster.pid is there): stop Sportello first. ` +
      'If it is not running, it was not stopped cleanly last time: run "sportello migrate" once (it opens and closes the database), then try again');
  }
}

async function versions(client: PGlite) {
  const [row] = (await client.query<{ v: string; num: string }>(`SELECT version() AS v, current_setting('server_version_num') AS num`)).rows;
  const pglite = /PGlite ([\d.]+)/.exec(row!.v)?.[1] ?? 'unknown';
  const server = /PostgreSQL ([\d.]+)/.exec(row!.v)?.[1] ?? 'unknown';
  return { pglite, server, major: Math.floor(Number(row!.num) / 10000) };
}

export async function dumpPGlite(pgDir: string, dest: string): Promise<Omit<BackupManifest['database'], 'part'>> {
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) throw new BackupError(`there is no embedded database in ${pgDir}: nothing to back up (is DATA_DIR right?)`);
  refuseWhenOpen(pgDir);
  const client = await createPGlite({ pgliteDir: pgDir });
  try {
    const query = ownerQuery(client);
    const migrations = await appliedMigrations(query);
    if (!migrations.length) throw new BackupError(`the embedded database in ${pgDir} holds no Sportello data (no applied migrations): nothing to back up`);
    const v = await versions(client);
    const tables = await countRows(query);
    // everything on disk in the data files, so that loading the copy needs no recovery
    await client.exec('CHECKPOINT');
    const dump = await client.dumpDataDir('gzip');
    await writeFile(dest, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    return { kind: 'pglite', serverVersion: v.server, serverMajor: v.major, tool: `PGlite ${v.pglite} dumpDataDir`, toolMajor: null, migrations, tables };
  } finally {
    await client.close();
  }
}

/** Refuses a DATA_DIR that already holds an embedded database (or anything else in its pg folder). */
export async function checkPGliteTarget(pgDir: string): Promise<void> {
  const entries = await readdir(pgDir).catch(() => [] as string[]);
  if (entries.length) {
    throw new BackupError(`${pgDir} already holds ${entries.includes('PG_VERSION') ? 'an embedded database' : 'files'}: restore only goes into an empty DATA_DIR, ` +
      'so that nothing is overwritten by mistake. Use a new DATA_DIR, or move this pg folder away first');
  }
}

/** Loads the data directory into DATA_DIR/pg and checks the row counts; on any failure the folder is removed again. */
export async function restorePGlite(pgDir: string, dumpFile: string, manifest: BackupManifest): Promise<void> {
  // checked again here, after the archive was read (which takes a while): a database that appeared meanwhile (a
  // program started on this DATA_DIR) is refused, never loaded over nor removed by the clean-up below
  await checkPGliteTarget(pgDir);
  let client: PGlite | undefined;
  try {
    try {
      client = await createPGlite({ pgliteDir: pgDir, loadDataDir: new Blob([await readFile(dumpFile)]) });
    } catch (err) {
      throw new BackupError(`the embedded database of the backup does not open with this Sportello (${(err as Error).message}). It was made by ` +
        `${manifest.database.tool} (PostgreSQL ${manifest.database.serverVersion}): restore it with a Sportello whose PGlite runs the same PostgreSQL major version`);
    }
    const v = await versions(client);
    if (v.major !== manifest.database.serverMajor) {
      throw new BackupError(`the backup holds PostgreSQL ${manifest.database.serverVersion} data and this PGlite runs ${v.server}`);
    }
    const problems = compareCounts(manifest.database.tables, await countRows(ownerQuery(client)));
    if (problems.length) throw new BackupError(`the restored database does not hold what the backup counted (${problems.slice(0, 5).join('; ')})`);
    await client.close();
    client = undefined;
  } catch (err) {
    await client?.close().catch(() => undefined);
    await rm(pgDir, { recursive: true, force: true });
    throw err;
  }
}
