/** What a backup records about a database, and checks again after a restore: its tables' row counts and migrations. */

/** Runs one SQL statement as the database owner (outside row-level security) and returns its rows. */
export type OwnerQuery = <R>(sql: string) => Promise<R[]>;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Every table outside PostgreSQL's own schemas (public and pg-boss's, today), in order. */
export async function listTables(query: OwnerQuery): Promise<{ schema: string; name: string }[]> {
  return query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY table_schema, table_name`,
  );
}

/** Rows per table, counted by the owner (who is not subject to row-level security), in one statement. */
export async function countRows(query: OwnerQuery): Promise<Record<string, number>> {
  const tables = await listTables(query);
  if (!tables.length) return {};
  const parts = tables.map(({ schema, name }) =>
    `SELECT '${`${schema}.${name}`.replace(/'/g, "''")}' AS t, count(*)::text AS n FROM ${quote(schema)}.${quote(name)}`);
  const rows = await query<{ t: string; n: string }>(parts.join('\nUNION ALL\n'));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

export async function appliedMigrations(query: OwnerQuery): Promise<string[]> {
  const [present] = await query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!present?.t) return [];
  return (await query<{ name: string }>('SELECT name FROM public.schema_migrations ORDER BY name')).map((r) => r.name);
}

/** The tables whose row counts differ from the backup's, as lines a person can read. */
export function compareCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(expected)) {
    if (!(table in actual)) problems.push(`${table}: missing`);
    else if (actual[table] !== rows) problems.push(`${table}: ${actual[table]} rows, the backup has ${rows}`);
  }
  for (const table of Object.keys(actual)) if (!(table in expected)) problems.push(`${table}: not in the backup`);
  return problems;
}
