import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { DEMO_DESK } from '../src/server/db/seed/demo/desk.ts';
import { DEMO_SERVICES } from '../src/server/db/seed/demo/services.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';

/** The demo desks: categories, counters and calendars as the journeys expect them; a second seed changes nothing. */
describe('demo desk seed', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ demo: true });
  }, 120_000);
  afterAll(async () => t?.close());

  const snapshot = () => inScope(t.database.db, { platform: true }, async (trx) => ({
    categories: await trx.selectFrom('desk_categories').selectAll().orderBy('id').execute(),
    counters: await trx.selectFrom('desk_counters').selectAll().orderBy('id').execute(),
    calendars: await trx.selectFrom('appointment_calendars').selectAll().orderBy('id').execute(),
    tickets: await trx.selectFrom('desk_tickets').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    sessions: await trx.selectFrom('desk_counter_sessions').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ratings: await trx.selectFrom('desk_ratings').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    events: await trx.selectFrom('desk_ticket_events').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  }));

  it('gives Castelrocca URP and Valdoro Segreteria their categories and counters', async () => {
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_categories as c')
      .innerJoin('offices as o', 'o.id', 'c.office_id').innerJoin('tenants as tn', 'tn.id', 'c.tenant_id')
      .select(['tn.slug', 'o.code', 'c.prefix', 'c.name', 'c.description']).orderBy('c.sort').execute());
    for (const d of [DEMO_DESK.castelrocca, DEMO_DESK.valdoro]) {
      const mine = rows.filter((r) => r.slug === d.tenantSlug);
      expect(mine.every((r) => r.code === d.officeCode && r.description)).toBe(true);
      expect(mine.map((r) => r.prefix)).toEqual(d.categories);
    }
    const counters = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_counters as k')
      .innerJoin('tenants as tn', 'tn.id', 'k.tenant_id').select(['tn.slug', 'k.name', 'k.category_ids']).orderBy('k.name').execute());
    expect(counters.filter((c) => c.slug === DEMO_DESK.castelrocca.tenantSlug).map((c) => c.name)).toEqual(DEMO_DESK.castelrocca.counters);
    expect(counters.filter((c) => c.slug === DEMO_DESK.valdoro.tenantSlug).map((c) => c.name)).toEqual(DEMO_DESK.valdoro.counters);
    expect(counters.every((c) => c.category_ids.length > 0)).toBe(true);
  });

  it('opens calendars only for services that are at the desk and bookable, with the right categories', async () => {
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('appointment_calendars as k')
      .innerJoin('offices as o', 'o.id', 'k.office_id').innerJoin('tenants as tn', 'tn.id', 'k.tenant_id')
      .leftJoin('desk_categories as c', 'c.id', 'k.category_id')
      .select(['tn.slug', 'o.code', 'o.opening_hours', 'k.name', 'k.service_ids', 'k.slot_minutes', 'k.capacity', 'k.min_notice_hours', 'k.horizon_days', 'k.weekly_hours', 'k.closures', 'c.prefix'])
      .execute());
    expect(rows).toHaveLength(4);
    const services = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('services').select(['id', 'slug', 'tenant_id']).execute());
    const slugOf = new Map(services.map((s) => [s.id, s.slug]));
    for (const r of rows) {
      const cards = DEMO_SERVICES.find((g) => g.tenantSlug === r.slug)!.services;
      for (const id of r.service_ids) {
        const card = cards.find((c) => c.slug === slugOf.get(id))!;
        expect(card.access.desk && card.access.bookable).toBe(true);
      }
      expect(r.closures.map((c) => c.from)).toContain(`${new Date().getUTCFullYear()}-12-24`);
    }
    const cie = rows.find((r) => r.slug === DEMO_DESK.castelrocca.tenantSlug && r.prefix === 'C')!;
    expect(cie.service_ids.map((id) => slugOf.get(id))).toEqual([DEMO_DESK.castelrocca.cieServiceSlug]);
    expect(cie).toMatchObject({ code: 'urp', slot_minutes: 20, capacity: 2, min_notice_hours: 24, horizon_days: 60 });
    expect(cie.weekly_hours.filter((h) => h.weekday === 4)).toEqual([{ weekday: 4, from: '08:30', to: '12:30' }, { weekday: 4, from: '14:30', to: '17:00' }]);
    // a citizen never books a time the office's published hours say it is closed
    for (const r of rows) {
      for (const w of r.weekly_hours) {
        const inside = r.opening_hours.some((o) => o.days.includes(w.weekday) && o.opens <= w.from && w.to <= o.closes);
        expect(inside, `${r.slug} ${r.name}: ${w.weekday} ${w.from}–${w.to}`).toBe(true);
      }
    }
    expect(rows.find((r) => r.slug === DEMO_DESK.castelrocca.tenantSlug && r.prefix === 'A')).toMatchObject({ code: 'urp', slot_minutes: 15, capacity: 2 });
    const civil = rows.find((r) => r.code === DEMO_DESK.castelrocca.civilStatusOfficeCode)!;
    expect(civil.prefix).toBeNull();
    expect(civil.service_ids.map((id) => slugOf.get(id))).toContain(DEMO_DESK.castelrocca.civilStatusServiceSlug);
    expect(rows.find((r) => r.slug === DEMO_DESK.valdoro.tenantSlug)).toMatchObject({ code: 'segreteria', prefix: 'C' });
  });

  it('simulates the last twenty working days at both desks, numbered through the day\'s sequences', async () => {
    const rows = await inScope(t.database.db, { platform: true }, async (trx) => ({
      days: await trx.selectFrom('desk_tickets as k').innerJoin('tenants as tn', 'tn.id', 'k.tenant_id')
        .select(['tn.slug', 'k.day', 'k.channel']).select(({ fn }) => fn.countAll<string>().as('n')).groupBy(['tn.slug', 'k.day', 'k.channel']).execute(),
      numbers: await trx.selectFrom('desk_tickets').select(['issued_category_id', 'day']).select(({ fn }) => [fn.max('number').as('last'), fn.countAll<string>().as('n')])
        .groupBy(['issued_category_id', 'day']).execute(),
      sequences: await trx.selectFrom('desk_ticket_sequences').select(['category_id', 'day', 'last_number']).execute(),
      sessions: await trx.selectFrom('desk_counter_sessions').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ratings: await trx.selectFrom('desk_ratings').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      checkIns: await trx.selectFrom('appointments').select(({ fn }) => fn.countAll<string>().as('n')).where('checked_in_at', 'is not', null).executeTakeFirstOrThrow(),
    }));
    for (const slug of [DEMO_DESK.castelrocca.tenantSlug, DEMO_DESK.valdoro.tenantSlug]) {
      const days = new Set(rows.days.filter((r) => r.slug === slug).map((r) => String(r.day)));
      expect(days.size).toBe(20);
      expect(rows.days.filter((r) => r.slug === slug && r.channel === 'simulated').length).toBe(20);
    }
    // every category-day's numbers are 1..n and its sequence row stands at n
    const key = (c: string, d: unknown) => `${c}|${new Date(d as string).toISOString().slice(0, 10)}`;
    const seq = new Map(rows.sequences.map((s) => [key(s.category_id, s.day), s.last_number]));
    for (const r of rows.numbers) {
      expect(Number(r.last)).toBe(Number(r.n));
      expect(seq.get(key(r.issued_category_id, r.day))).toBe(Number(r.last));
    }
    expect(Number(rows.sessions.n)).toBeGreaterThan(100);
    expect(Number(rows.ratings.n)).toBeGreaterThan(100);
    expect(Number(rows.checkIns.n)).toBeGreaterThan(20);
  });

  it('a second seed changes nothing', async () => {
    const before = await snapshot();
    await seedDemo(t.database.db, t.ctx.services);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
