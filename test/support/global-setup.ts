import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPGlite, migratePostgres, pgliteOwner } from '../../src/server/db/connection.ts';
import { runMigrations } from '../../src/server/db/migrate.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of the migrated template data directory (tar.gz) */
    pgliteTemplate: string;
    /** PostgreSQL: name of the migrated template database, and the run id used in per-file database names */
    pgTemplate: string;
    runId: string;
  }
}

const CACHE = path.resolve(import.meta.dirname, '../../.test-cache');

/**
 * Once per run: migrate one template database (initdb is the slow part), build the web front end if stale.
 * Each test file then starts from a copy of the template, so files run in parallel without sharing data.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('runId', runId);
  const url = process.env.DATABASE_URL;
  // SPORTELLO_SKIP_WEB_BUILD=1: server-only runs while the front end is being edited
  const tasks: Promise<unknown>[] = process.env.SPORTELLO_SKIP_WEB_BUILD ? [] : [ensureWebBuild(() => undefined)];
  let teardown: (() => Promise<void>) | undefined;

  if (url) {
    const template = `sportello_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    tasks.push(migratePostgres(templateUrl.toString()));
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', '');
    teardown = async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`sportello_t_${runId}_%`, template],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    tasks.push(
      (async () => {
        await mkdir(CACHE, { recursive: true });
        const client = await createPGlite({});
        await runMigrations(pgliteOwner(client));
        const dump = await client.dumpDataDir('gzip');
        const file = path.join(CACHE, `pglite-template-${runId}.tar.gz`);
        await writeFile(file, Buffer.from(await dump.arrayBuffer()));
        await client.close();
        project.provide('pgliteTemplate', file);
        project.provide('pgTemplate', '');
      })(),
    );
  }
  await Promise.all(tasks);
  return async () => {
    await teardown?.();
    await rm(path.join(CACHE, `pglite-template-${runId}.tar.gz`), { force: true });
  };
}
