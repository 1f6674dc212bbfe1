import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/server/db/connection.ts';
import { runMigrations, type OwnerExecutor } from '../src/server/db/migrate.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { freshDatabase } from './support/db.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('database sessions and tenant scope', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  it('runs application queries as the non-owner role, so row-level security applies', async () => {
    const r = await sql<{ u: string; bypass: boolean }>`SELECT current_user AS u, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`.execute(database.db);
    expect(r.rows[0]).toEqual({ u: 'sportello_app', bypass: false });
  });

  it('keeps concurrent transactions apart: each sees only its own tenant context', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    const seen = await Promise.all(
      ids.map((id, i) =>
        inScope(database.db, { tenantId: id }, async (trx) => {
          await sleep(5 * (ids.length - i)); // interleave: later starters finish first
          const r = await sql<{ t: string }>`SELECT current_setting('sportello.tenant_id', true) AS t`.execute(trx);
          return r.rows[0].t;
        }),
      ),
    );
    expect(seen).toEqual(ids);
    // and nothing is left behind for the next query outside a scope
    const after = await sql<{ t: string | null }>`SELECT nullif(current_setting('sportello.tenant_id', true), '') AS t`.execute(database.db);
    expect(after.rows[0].t).toBeNull();
  });

  it('rolls a failed transaction back entirely', async () => {
    await expect(
      inScope(database.db, { platform: true }, async (trx) => {
        await trx.insertInto('tenants').values({ slug: 'ente-prova', name: 'Ente di prova', type: 'comune', fiscal_code: '00000000000', ipa_code: 'c_prova', aoo_code: 'aoo' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const n = await database.db.selectFrom('tenants').select('id').where('slug', '=', 'ente-prova').execute();
    expect(n).toHaveLength(0);
  });
});

describe('migration runner', () => {
  it('refuses to start when an applied migration was edited', async () => {
    const applied = new Map<string, string>();
    const fake: OwnerExecutor = {
      exec: async () => undefined,
      query: async <R,>(text: string, params: unknown[] = []) => {
        if (text.startsWith('SELECT name, checksum')) return [...applied].map(([name, checksum]) => ({ name, checksum })) as R[];
        if (text.startsWith('INSERT INTO schema_migrations')) applied.set(params[0] as string, params[1] as string);
        return [] as R[];
      },
    };
    const first = await runMigrations(fake);
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await runMigrations(fake)).applied).toEqual([]);
    applied.set(first.applied[0], 'not-the-same');
    await expect(runMigrations(fake)).rejects.toThrow(/changed after it was applied/);
  });
});
