import path from 'node:path';
import { loadRuntimeConfig } from '../server/main.ts';
import { openDatabase } from '../server/db/connection.ts';
import { createServices } from '../server/services.ts';

/** What a CLI command works on: the configured database (migrated) and the modules' services. */
export async function openCliContext() {
  const config = loadRuntimeConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pg'),
  });
  return { config, database, services: createServices(database.db, { config }) };
}
export type CliContext = Awaited<ReturnType<typeof openCliContext>>;
