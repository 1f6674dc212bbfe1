import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/connection.ts';

let counter = 0;

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the run's template, or a new PostgreSQL
 * database created from the template database. Nothing is shared with other files.
 */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `sportello_t_${inject('runId')}_${process.pid}_${++counter}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const fileUrl = new URL(url);
    fileUrl.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: fileUrl.toString(), migrate: false, poolSize: 5 });
    return { ...database, url: fileUrl.toString() };
  }
  const tar = await readFile(inject('pgliteTemplate'));
  return openDatabase({ loadDataDir: new Blob([tar]), migrate: false });
}

/**
 * Runs SQL as the database owner, outside row-level security and the application's grants: for tests that
 * play an attacker with direct database access (tampering with the audit log, say).
 */
export async function asOwner(database: Database & { url?: string }, statement: string) {
  if (database.url) {
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    try {
      return (await owner.query(statement)).rows;
    } finally {
      await owner.end();
    }
  }
  const { sql } = await import('kysely');
  await sql`RESET ROLE`.execute(database.db);
  try {
    return (await sql.raw(statement).execute(database.db)).rows;
  } finally {
    await sql`SET ROLE sportello_app`.execute(database.db);
  }
}
