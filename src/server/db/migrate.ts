import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installJobSchema } from '../platform/jobs.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The owner connection's ability to run SQL: PGlite's exec/query or a pg Client, adapted. */
export interface OwnerExecutor {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

/**
 * Applies migrations/NNNN_name.sql in order, each in its own transaction, recording name and checksum.
 * A changed checksum of an applied migration stops the start: migrations are append-only.
 */
export async function runMigrations(owner: OwnerExecutor, opts: { lock?: boolean } = {}): Promise<MigrationResult> {
  // Several processes may start at once on one PostgreSQL: one migrates, the others wait.
  if (opts.lock) await owner.exec('SELECT pg_advisory_lock(727001)');
  try {
    await owner.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
    const done = new Map(
      (await owner.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map(
        (r) => [r.name, r.checksum],
      ),
    );
    const applied: string[] = [];
    for (const file of files) {
      const sqlText = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
      const checksum = createHash('sha256').update(sqlText).digest('hex');
      const previous = done.get(file);
      if (previous) {
        if (previous !== checksum) {
          throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await owner.exec('BEGIN');
      try {
        await owner.exec(sqlText);
        await owner.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
        await owner.exec('COMMIT');
      } catch (err) {
        await owner.exec('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(file);
    }
    await installJobSchema(owner);
    return { applied, skipped: files.length - applied.length };
  } finally {
    if (opts.lock) await owner.exec('SELECT pg_advisory_unlock(727001)');
  }
}
