import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskFigures } from '../src/contracts/desk.ts';
import { upsertTenants } from '../src/server/db/seed/seed.ts';
import { isoWeek } from '../src/server/modules/desk/desk-analytics.service.ts';
import { romeAt, simulateDeskDays } from '../src/server/modules/desk/desk-simulator.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays, romeDayStart } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService } from './support/forms.ts';

/**
 * The desk manager's figures on bodies of the test's own: a comune with a queue whose tickets, counter sessions,
 * appointments and ratings are written by hand at known times (so every figure is known exactly), a second office
 * of it filled by the simulator, and another comune whose office stays out of reach.
 */
const PASSWORD = 'Password-cruscotto-sportello-1';
const office = (code: string, name: string) => ({
  code, name, address: 'Piazza Municipio 1', postalCode: '24000', city: 'Contaprova', province: 'BG',
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:00' }],
});
const tenant = (slug: string, name: string, ipa: string, offices: ReturnType<typeof office>[]) => ({
  slug, name, type: 'comune' as const, fiscalCode: '00000000000', ipaCode: ipa, aooCode: 'AOO1', offices,
});

/** M/M/1 and M/M/2 service levels written out (the textbook closed forms), to check the route's Erlang C. */
function slMM1(a: number, ts: number, t: number) {
  return 1 - a * Math.exp((-(1 - a) * t) / ts);
}
function slMM2(a: number, ts: number, t: number) {
  const pw = (a * a) / (2 - a) / (1 + a + (a * a) / (2 - a)); // C(2, a) = (a²/2 · 2/(2−a)) / (1 + a + a²/(2−a))
  return 1 - pw * Math.exp((-(2 - a) * t) / ts);
}

describe('desk figures', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const ids = { tenant: '', other: '', urp: '', sim: '', otherOffice: '', catA: '', catC: '', k1: '', k2: '' };
  let manager: TestSession;
  let admin: TestSession;
  let operator: TestSession;
  let desk: TestSession;
  let otherManager: TestSession;
  // a Monday three to four weeks ago and the Tuesday after it
  const today = clock.today();
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  const D1 = addDays(today, -21 - weekday);
  const D2 = addDays(D1, 1);
  const hm = (day: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return romeAt(day, h! * 60 + m!);
  };
  const get = (s: TestSession | null, url: string) => t.app.inject(s ? as(s, { url }) : { url });

  beforeAll(async () => {
    t = await testApp();
    const made = await upsertTenants(t.database.db, [
      tenant('comune-di-contaprova', 'Comune di Contaprova', 'c_cp01', [office('urp', 'URP di Contaprova'), office('segreteria', 'Segreteria di Contaprova'), office('tributi', 'Tributi di Contaprova')]),
      tenant('comune-di-altrove-sportello', 'Comune di Altrove', 'c_as01', [office('urp', 'URP di Altrove')]),
    ]);
    ids.tenant = made.get('comune-di-contaprova')!;
    ids.other = made.get('comune-di-altrove-sportello')!;
    const serviceId = await createFormService(t.ctx, 'comune-di-contaprova', { officeCode: 'urp' });
    await inScope(t.database.db, { platform: true }, async (trx) => {
      const offices = await trx.selectFrom('offices').select(['id', 'code', 'tenant_id']).where('tenant_id', 'in', [ids.tenant, ids.other]).execute();
      ids.urp = offices.find((o) => o.tenant_id === ids.tenant && o.code === 'urp')!.id;
      ids.sim = offices.find((o) => o.tenant_id === ids.tenant && o.code === 'segreteria')!.id;
      ids.otherOffice = offices.find((o) => o.tenant_id === ids.other)!.id;
      const base = { tenant_id: ids.tenant, office_id: ids.urp };
      const cats = await trx.insertInto('desk_categories').values([
        { ...base, prefix: 'A', name: 'Anagrafe', sort: 1 }, { ...base, prefix: 'C', name: "Carta d'identità elettronica", sort: 2 },
        { ...base, prefix: 'Z', name: 'Vecchia categoria', sort: 3, active: false },
      ]).returning(['id', 'prefix']).execute();
      ids.catA = cats.find((c) => c.prefix === 'A')!.id;
      ids.catC = cats.find((c) => c.prefix === 'C')!.id;
      const counters = await trx.insertInto('desk_counters').values([
        { ...base, name: 'Sportello 1', category_ids: [ids.catA, ids.catC] }, { ...base, name: 'Sportello 2', category_ids: [ids.catA] },
      ]).returning(['id', 'name']).execute();
      ids.k1 = counters.find((c) => c.name === 'Sportello 1')!.id;
      ids.k2 = counters.find((c) => c.name === 'Sportello 2')!.id;

      // tickets: [day, category, number, issued, first call, finished, status, calls]
      const rows: [string, string, number, string, string | null, string | null, 'served' | 'no_show' | 'waiting', number][] = [
        [D1, ids.catA, 1, '09:00', '09:04', '09:10', 'served', 1], // wait 4, service 6
        [D1, ids.catA, 2, '09:10', '09:20', '09:30', 'served', 1], // wait 10, service 10
        [D1, ids.catC, 1, '09:15', '09:16', '09:36', 'served', 1], // wait 1, service 20
        [D1, ids.catA, 3, '09:38', '09:50', '09:53', 'no_show', 2], // wait 12, left
        [D1, ids.catC, 2, '10:00', null, null, 'waiting', 0], // never called: left by the end of a day that is over
        [D1, ids.catA, 4, '10:05', '10:07', '10:11', 'served', 1], // wait 2, service 4
        [D2, ids.catA, 1, '09:30', '09:32', '09:40', 'served', 1], // wait 2, service 8
      ];
      const tickets = await trx.insertInto('desk_tickets').values(rows.map(([day, cat, n, issued, called, finished, status, calls]) => ({
        ...base, category_id: cat, issued_category_id: cat, day, number: n, label: `${cat === ids.catA ? 'A' : 'C'}${String(n).padStart(3, '0')}`,
        status, channel: 'kiosk' as const, issued_at: hm(day, issued), first_called_at: called ? hm(day, called) : null, called_at: called ? hm(day, called) : null,
        call_count: calls, finished_at: finished ? hm(day, finished) : null, counter_id: called ? ids.k1 : null,
      }))).returning(['id']).execute();
      // counters: D1 Sportello 1 09:00–11:00, Sportello 2 09:20–10:30; D2 Sportello 1 09:00–10:00
      await trx.insertInto('desk_counter_sessions').values([
        { ...base, counter_id: ids.k1, opened_at: hm(D1, '09:00'), closed_at: hm(D1, '11:00') },
        { ...base, counter_id: ids.k2, opened_at: hm(D1, '09:20'), closed_at: hm(D1, '10:30') },
        { ...base, counter_id: ids.k1, opened_at: hm(D2, '09:00'), closed_at: hm(D2, '10:00') },
      ]).execute();
      // ratings: two satisfied and a neutral on D1, an unsatisfied on D2; one the evening before and one at another office do not count
      await trx.insertInto('desk_ratings').values([
        { ...base, ticket_id: tickets[0]!.id, rating: 'satisfied', created_at: hm(D1, '09:11') },
        { ...base, ticket_id: tickets[1]!.id, rating: 'satisfied', created_at: hm(D1, '09:31') },
        { ...base, ticket_id: tickets[2]!.id, rating: 'neutral', created_at: hm(D1, '09:37') },
        { ...base, ticket_id: tickets[6]!.id, rating: 'unsatisfied', created_at: hm(D2, '09:41') },
        { ...base, rating: 'unsatisfied', created_at: hm(addDays(D1, -1), '23:30') },
        { tenant_id: ids.tenant, office_id: ids.sim, rating: 'unsatisfied', created_at: hm(D1, '10:00') },
      ]).execute();
      const { id: calendarId } = await trx.insertInto('appointment_calendars').values({
        ...base, name: 'Prova', service_ids: [serviceId], weekly_hours: JSON.stringify([]), slot_minutes: 20, closures: JSON.stringify([]), category_id: ids.catC,
      }).returning('id').executeTakeFirstOrThrow();
      const appointment = (code: string, startsAt: Date, status: 'booked' | 'served' | 'no_show' | 'cancelled', checkedIn: boolean) => ({
        ...base, calendar_id: calendarId, service_id: serviceId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 20 * 60_000),
        name: 'Persona di prova', reason: 'Prova', status, code, channel: 'online' as const, checked_in_at: checkedIn ? startsAt : null,
        cancelled_at: status === 'cancelled' ? startsAt : null,
      });
      await trx.insertInto('appointments').values([
        appointment('FIGURES001', hm(D1, '10:00'), 'served', true),
        appointment('FIGURES002', hm(D1, '10:20'), 'booked', false), // never came
        appointment('FIGURES003', hm(D2, '09:00'), 'no_show', false), // never came
        appointment('FIGURES004', hm(D2, '11:00'), 'cancelled', false), // cancelled: not counted
        appointment('FIGURES005', new Date(romeDayStart(today).getTime() + 23 * 3_600_000), 'booked', false), // later today: not a no-show yet
      ]).execute();
      // the second office: categories and counters for the simulator
      const simBase = { tenant_id: ids.tenant, office_id: ids.sim };
      const simCats = await trx.insertInto('desk_categories').values([{ ...simBase, prefix: 'A', name: 'Anagrafe' }, { ...simBase, prefix: 'T', name: 'Tributi' }])
        .returning('id').execute();
      await trx.insertInto('desk_counters').values([
        { ...simBase, name: 'Sportello 1', category_ids: simCats.map((c) => c.id) }, { ...simBase, name: 'Sportello 2', category_ids: simCats.map((c) => c.id) },
      ]).execute();
    });

    const account = async (tenantId: string, email: string, role: 'manager' | 'operator' | 'tenant_admin' | 'desk', officeId: string | null = null) => {
      await t.ctx.services.identity.createOperator({ tenantId, email, name: `Prova ${role}`, password: PASSWORD, grants: [{ role, officeId }], createdBy: 'test' });
      return operatorLogin(t.app, email, PASSWORD);
    };
    manager = await account(ids.tenant, 'responsabile@contaprova.example', 'manager');
    admin = await account(ids.tenant, 'admin@contaprova.example', 'tenant_admin');
    operator = await account(ids.tenant, 'operatore@contaprova.example', 'operator', ids.urp);
    desk = await account(ids.tenant, 'sportello@contaprova.example', 'desk', ids.urp);
    otherManager = await account(ids.other, 'responsabile@altrove-sportello.example', 'manager');
  }, 120_000);
  afterAll(() => t?.close());

  const figures = async (s: TestSession, query: string) => {
    const r = await get(s, `/api/v1/desk/figures?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as DeskFigures;
  };

  it('counts arrivals by hour, day and ISO week', async () => {
    const f = await figures(manager, `office=${ids.urp}&from=${D1}&to=${D2}`);
    expect(f).toMatchObject({ officeId: ids.urp, from: D1, to: D2 });
    expect(f.arrivals.byHour).toEqual([{ hour: 9, count: 5 }, { hour: 10, count: 2 }]);
    expect(f.arrivals.byDay).toEqual([{ day: D1, count: 6 }, { day: D2, count: 1 }]);
    expect(f.arrivals.byWeek).toEqual([{ week: isoWeek(D1), count: 7 }]);
  });

  it('gives waits (mean and 90th percentile), service times and abandonment by category and in all', async () => {
    const f = await figures(manager, `office=${ids.urp}&from=${D1}&to=${D2}`);
    // A: waits 4, 10, 12, 2, 2 → mean 6; percentile_cont(0.9) of [2, 2, 4, 10, 12] = 10 + 0.6 · (12 − 10) = 11.2
    //    service 6, 10, 4, 8 → mean 7; the no-show left
    // C: wait 1, service 20; the ticket never called on a day now over left
    // the inactive category without tickets is not listed
    expect(f.categories).toEqual([
      { categoryId: ids.catA, name: 'Anagrafe', prefix: 'A', tickets: 5, served: 4, abandoned: 1, waitMeanMinutes: 6, waitP90Minutes: 11.2, serviceMeanMinutes: 7 },
      { categoryId: ids.catC, name: "Carta d'identità elettronica", prefix: 'C', tickets: 2, served: 1, abandoned: 1, waitMeanMinutes: 1, waitP90Minutes: 1, serviceMeanMinutes: 20 },
    ]);
    // all: waits [1, 2, 2, 4, 10, 12] → mean 31/6 = 5.2; percentile_cont(0.9) = 10 + 0.5 · 2 = 11
    expect(f.totals).toEqual({
      tickets: 7, served: 5, abandoned: 2, abandonmentRate: 0.2857, waitMeanMinutes: 5.2, waitP90Minutes: 11, appointments: 3, noShowAppointments: 2,
    });
    expect(f.satisfaction).toEqual({ satisfied: 2, neutral: 1, unsatisfied: 1, score: 0.5 });
  });

  it('counts today\'s appointments without calling them no-shows', async () => {
    const f = await figures(manager, `office=${ids.urp}&from=${D1}&to=${today}`);
    expect(f.totals.appointments).toBe(4);
    expect(f.totals.noShowAppointments).toBe(2);
  });

  it('sets the counters needed per hour (Erlang C) against the counters open', async () => {
    const f = await figures(manager, `office=${ids.urp}&from=${D1}&to=${D2}`);
    const [h9, h10, h11] = f.staffing;
    // 9–10: 5 arrivals over two open hours (D1 and D2) = 2.5 an hour; counters: D1 60 + 40 minutes, D2 60 → 160/120 = 1.33;
    // service of the served issued then: 6, 10, 20, 8 → 11 minutes. A = 2.5 · 11 / 60 = 0.458 erlang:
    // one counter calls 1 − A·e^(−(1 − A)·10/11) = 72% within 10 minutes (short of 80%), two call 97.9% → 2 needed
    const a9 = (2.5 * 11) / 60;
    expect(slMM1(a9, 11, 10)).toBeLessThan(0.8);
    expect(slMM2(a9, 11, 10)).toBeGreaterThan(0.8);
    expect(h9).toMatchObject({ hour: 9, arrivalsPerHour: 2.5, meanServiceMinutes: 11, countersNeeded: 2, countersOpen: 1.3 });
    // with 1⅓ counters: a third of the way from one counter's level to two's
    expect(h9!.serviceLevelWithOpen).toBeCloseTo(slMM1(a9, 11, 10) + (slMM2(a9, 11, 10) - slMM1(a9, 11, 10)) / 3, 3);
    // 10–11: only D1 was open: 2 arrivals, 1.5 counters (Sportello 2 until 10:30), service 4 → one counter is enough
    const a10 = (2 * 4) / 60;
    expect(h10).toMatchObject({ hour: 10, arrivalsPerHour: 2, meanServiceMinutes: 4, countersNeeded: 1, countersOpen: 1.5 });
    expect(h10!.serviceLevelWithOpen).toBeCloseTo((slMM1(a10, 4, 10) + slMM2(a10, 4, 10)) / 2, 3);
    // nobody came after 11 and no counter was open: no line
    expect(h11).toBeUndefined();
  });

  it('has empty figures for a period without tickets', async () => {
    const f = await figures(manager, `office=${ids.urp}&from=${addDays(D1, -60)}&to=${addDays(D1, -50)}`);
    expect(f.arrivals).toEqual({ byHour: [], byDay: [], byWeek: [] });
    expect(f.totals).toMatchObject({ tickets: 0, abandonmentRate: null, waitMeanMinutes: null, waitP90Minutes: null });
    expect(f.satisfaction.score).toBeNull();
    expect(f.staffing).toEqual([]);
    expect(f.categories.map((c) => c.tickets)).toEqual([0, 0]);
  });

  it('defaults to the last four weeks, today included', async () => {
    const f = await figures(admin, `office=${ids.urp}`);
    expect(f.to).toBe(today);
    expect(f.from).toBe(addDays(today, -27));
  });

  it('refuses bad periods with a message that says what to change', async () => {
    for (const [query, field] of [
      [`from=${D2}&to=${D1}`, 'query.from'],
      [`from=2026-02-30&to=2026-03-10`, 'query.from'],
      [`from=${addDays(D1, -366)}&to=${D1}`, 'query.from'],
      [`to=ieri`, 'query.to'],
    ] as const) {
      const r = await get(manager, `/api/v1/desk/figures?office=${ids.urp}&${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(r.json())).toContain(field);
    }
    const long = await get(manager, `/api/v1/desk/figures?office=${ids.urp}&from=${addDays(D1, -366)}&to=${D1}`);
    expect(long.json().detail).toContain('367 giorni, al massimo 366');
    // exactly 366 days is fine
    expect((await get(manager, `/api/v1/desk/figures?office=${ids.urp}&from=${addDays(D1, -365)}&to=${D1}`)).statusCode).toBe(200);
    expect((await get(manager, '/api/v1/desk/figures')).statusCode).toBe(400);
    expect((await get(manager, '/api/v1/desk/figures?office=urp')).statusCode).toBe(400);
  });

  it('is for managers and administrators of the office\'s body only', async () => {
    const url = `/api/v1/desk/figures?office=${ids.urp}&from=${D1}&to=${D2}`;
    expect((await get(null, url)).statusCode).toBe(401);
    expect((await get(operator, url)).statusCode).toBe(403);
    expect((await get(desk, url)).statusCode).toBe(403);
    expect((await get(admin, url)).statusCode).toBe(200);
    // another body's manager learns nothing about the office; an office that does not exist is the same 404
    expect((await get(otherManager, url)).statusCode).toBe(404);
    expect((await get(manager, `/api/v1/desk/figures?office=${ids.otherOffice}`)).statusCode).toBe(404);
    expect((await get(manager, '/api/v1/desk/figures?office=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lists the body\'s offices that have a queue', async () => {
    const r = await get(manager, '/api/v1/desk/figures/offices');
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([{ id: ids.sim, name: 'Segreteria di Contaprova' }, { id: ids.urp, name: 'URP di Contaprova' }]);
    expect((await get(otherManager, '/api/v1/desk/figures/offices')).json().items).toEqual([]);
    expect((await get(desk, '/api/v1/desk/figures/offices')).statusCode).toBe(403);
  });

  it('exports the same figures as CSV for Italian Excel and as XLSX', async () => {
    const csv = await get(manager, `/api/v1/desk/figures.csv?office=${ids.urp}&from=${D1}&to=${D2}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`sportello-urp-di-contaprova-${D1}_${D2}.csv`);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).split('\r\n');
    expect(lines).toContain('A;Anagrafe;5;4;1;6;11,2;7');
    expect(lines).toContain('09:00–10:00;2,5;11;2;1,3;' + String(((await figures(manager, `office=${ids.urp}&from=${D1}&to=${D2}`)).staffing[0]!.serviceLevelWithOpen! * 100).toFixed(1)).replace('.', ',') + ';0,7');
    expect(lines).toContain('Quota usciti senza essere serviti (%);28,6');

    const xlsx = await t.app.inject(as(manager, { url: `/api/v1/desk/figures.xlsx?office=${ids.urp}&from=${D1}&to=${D2}` }));
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sintesi', 'Personale per ora', 'Categorie', 'Arrivi per ora', 'Arrivi per giorno', 'Arrivi per settimana', 'Note']);
    const cats = wb.getWorksheet('Categorie')!;
    expect(cats.getRow(2).values).toEqual([undefined, 'A', 'Anagrafe', 5, 4, 1, 6, 11.2, 7]);
    expect((await get(otherManager, `/api/v1/desk/figures.xlsx?office=${ids.urp}`)).statusCode).toBe(404);
  });

  it('reads a simulated month consistently', async () => {
    const days = Array.from({ length: 10 }, (_, i) => addDays(D1, i)).filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
    const report = await simulateDeskDays(t.database.db, { tenantId: ids.tenant, officeId: ids.sim, days, seed: 7 });
    expect(report.tickets).toBeGreaterThan(0);
    const f = await figures(manager, `office=${ids.sim}&from=${D1}&to=${addDays(D1, 9)}`);
    expect(f.totals.tickets).toBe(report.tickets);
    expect(f.arrivals.byDay.map((d) => d.day)).toEqual(report.days);
    expect(f.arrivals.byHour.reduce((n, h) => n + h.count, 0)).toBe(report.tickets);
    expect(f.totals.served + f.totals.abandoned).toBe(f.totals.tickets);
    expect(f.staffing.map((h) => h.hour)).toEqual(expect.arrayContaining([9, 10, 11]));
    for (const h of f.staffing.filter((x) => x.arrivalsPerHour > 0)) {
      expect(h.countersNeeded).toBeGreaterThanOrEqual(1);
      expect(h.serviceLevelWithOpen).toBeGreaterThanOrEqual(0);
      expect(h.serviceLevelWithOpen).toBeLessThanOrEqual(1);
      expect(h.countersOpen).toBeGreaterThan(0);
    }
    // the rating of the other office on D1 shows here, the URP's do not
    expect(f.satisfaction.unsatisfied).toBeGreaterThanOrEqual(1);
  });
});
