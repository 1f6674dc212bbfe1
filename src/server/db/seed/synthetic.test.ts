import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/db.ts';
import { CatalogService } from '../../modules/catalog/catalog.service.ts';
import type { Database } from '../connection.ts';
import { DEMO_SERVICES } from './demo/services.ts';
import { DEMO_TENANTS } from './demo/tenants.ts';
import { seedSynthetic, syntheticSlug } from './synthetic.ts';

let database: Database;
const quiet = { log: () => undefined };

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function counts() {
  const r = await sql<{ tenants: string; offices: string; services: string; versions: string; terms: string }>`
    SELECT (SELECT count(*) FROM tenants WHERE slug LIKE 'sintetico-%') AS tenants,
           (SELECT count(*) FROM offices o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug LIKE 'sintetico-%') AS offices,
           (SELECT count(*) FROM services) AS services,
           (SELECT count(*) FROM service_versions WHERE version = 1) AS versions,
           (SELECT count(*) FROM search_terms) AS terms`.execute(database.db);
  const row = r.rows[0];
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<keyof typeof row, number>;
}

describe('seedSynthetic', () => {
  it('creates round(n/170) bodies with 2–3 offices each and exactly n services, one version each', async () => {
    const report = await seedSynthetic(database, 500, quiet);
    expect(report).toMatchObject({ bodies: 3, services: 500, skipped: 0 });
    const c = await counts();
    expect(c.tenants).toBe(3);
    expect(c.offices).toBe(report.offices);
    expect(c.offices).toBeGreaterThanOrEqual(6);
    expect(c.offices).toBeLessThanOrEqual(9);
    expect(c.services).toBe(500);
    expect(c.versions).toBe(500);
    expect(c.terms).toBeGreaterThan(100);
    const perBody = await database.db
      .selectFrom('services as s')
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select(['t.slug', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('t.slug')
      .orderBy('t.slug')
      .execute();
    expect(perBody.map((r) => [r.slug, Number(r.n)])).toEqual([
      [syntheticSlug(1), 167],
      [syntheticSlug(2), 167],
      [syntheticSlug(3), 166],
    ]);
  });

  it('covers the categories and life events of the demo comuni', async () => {
    const comuni = new Set(DEMO_TENANTS.filter((t) => t.type === 'comune').map((t) => t.slug));
    const demo = DEMO_SERVICES.filter((g) => comuni.has(g.tenantSlug)).flatMap((g) => g.services);
    const r = await sql<{ categories: string[]; events: string[] }>`
      SELECT (SELECT array_agg(DISTINCT category ORDER BY category) FROM services) AS categories,
             (SELECT array_agg(DISTINCT e ORDER BY e) FROM services, unnest(life_events) AS e) AS events`.execute(database.db);
    expect(new Set(r.rows[0].categories)).toEqual(new Set(demo.map((s) => s.category)));
    expect(new Set(r.rows[0].events)).toEqual(new Set(demo.flatMap((s) => s.lifeEvents)));
  });

  it('writes cards that name their own comune and point at one of its offices', async () => {
    const catalog = new CatalogService(database.db);
    const page = await catalog.search({ tenant: syntheticSlug(2), includeInactive: true, limit: 5 });
    expect(page.total).toBe(167);
    const detail = await catalog.get(page.items[0].id);
    const town = detail.tenant.name.replace(/^Comune di /, '');
    expect(detail.card.description).toContain(`Comune di ${town}`);
    expect(detail.card.keywords).toContain(town);
    expect(detail.office?.code).toBe(detail.card.officeCode);
  });

  it('is found by search like a published card, typing mistakes included', async () => {
    const catalog = new CatalogService(database.db);
    const r = await catalog.search({ q: 'carta identità' });
    expect(r.total).toBeGreaterThanOrEqual(3);
    expect(r.items[0].title).toMatch(/identit/i);
    expect(r.items.every((i) => i.tenant.slug.startsWith('sintetico-'))).toBe(true);

    const one = await catalog.search({ q: 'carta identità', tenant: syntheticSlug(3) });
    expect(one.total).toBeGreaterThanOrEqual(1);
    expect(one.items.every((i) => i.tenant.slug === syntheticSlug(3))).toBe(true);

    const typo = await catalog.search({ q: 'anagarfe' });
    expect(typo.didYouMean).toBe('anagrafe');
    expect(typo.total).toBeGreaterThan(0);
  });

  it('indexes a card exactly as publishing it through the catalogue would', async () => {
    const catalog = new CatalogService(database.db);
    const row = await database.db
      .selectFrom('services')
      .select(['id', 'tenant_id', 'slug'])
      .where('slug', 'like', 'carta-identita%')
      .orderBy('slug')
      .executeTakeFirstOrThrow();
    const { card } = await catalog.get(row.id);
    // The same card published the ordinary way, under another address in the same body.
    await catalog.upsert({ platform: true }, row.tenant_id, { ...card, slug: `${row.slug}-copia` }, 'test');
    const docs = await sql<{ slug: string; doc: string }>`
      SELECT slug, search_document::text AS doc FROM services
      WHERE tenant_id = ${row.tenant_id} AND slug IN (${row.slug}, ${`${row.slug}-copia`})`.execute(database.db);
    expect(docs.rows).toHaveLength(2);
    expect(docs.rows[0].doc).toBe(docs.rows[1].doc);
  });

  it('adds nothing when run again', async () => {
    const before = await counts();
    const report = await seedSynthetic(database, 500, quiet);
    expect(report).toMatchObject({ bodies: 0, offices: 0, services: 0, skipped: 3 });
    expect(await counts()).toEqual(before);
  });
});
