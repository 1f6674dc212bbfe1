import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { idempotent } from '../src/server/platform/idempotency.ts';
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

describe('idempotent creation', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  const createBody = (slug: string, failAfterWrite: { armed: boolean }) => async (executor: Kysely<DB>) => {
    await inScope(executor, { platform: true }, (trx) =>
      trx.insertInto('tenants').values({ slug, name: 'Ente', type: 'comune', fiscal_code: '00000000000', ipa_code: `c_${slug}`, aoo_code: 'aoo' }).execute(),
    );
    if (failAfterWrite.armed) {
      failAfterWrite.armed = false;
      throw new Error('crash after the write');
    }
    return { status: 201, body: { slug } };
  };
  const count = async (slug: string) => (await database.db.selectFrom('tenants').select('id').where('slug', '=', slug).execute()).length;

  it('a failure after the write leaves nothing, and the retry does the work exactly once', async () => {
    const fail = { armed: true };
    await expect(idempotent(database.db, 'operator:x', 'key-00000001', { a: 1 }, createBody('ente-uno', fail))).rejects.toThrow('crash');
    expect(await count('ente-uno')).toBe(0);
    const first = await idempotent(database.db, 'operator:x', 'key-00000001', { a: 1 }, createBody('ente-uno', fail));
    const again = await idempotent(database.db, 'operator:x', 'key-00000001', { a: 1 }, createBody('ente-uno', fail));
    expect(first).toMatchObject({ status: 201, replayed: false });
    expect(again).toMatchObject({ status: 201, body: { slug: 'ente-uno' }, replayed: true });
    expect(await count('ente-uno')).toBe(1);
  });

  it('simultaneous retries with one key do the work once', async () => {
    const fail = { armed: false };
    const results = await Promise.all(
      [1, 2, 3].map(() => idempotent(database.db, 'operator:y', 'key-00000002', { b: 1 }, createBody('ente-due', fail))),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await count('ente-due')).toBe(1);
  });

  it('refuses the same key with another body', async () => {
    const fail = { armed: false };
    await idempotent(database.db, 'operator:z', 'key-00000003', { c: 1 }, createBody('ente-tre', fail));
    await expect(idempotent(database.db, 'operator:z', 'key-00000003', { c: 2 }, createBody('ente-quattro', fail))).rejects.toThrow(/usata per una richiesta diversa/);
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
